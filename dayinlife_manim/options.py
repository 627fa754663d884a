"""The options of a build, defined once: their types, defaults, choices and help.

:class:`BuildOptions` is what ``build``, ``storyboard`` and the CLI take; the
CLI's click options are made from :data:`SPECS` (:func:`click_options`), so a
new option is added here and nowhere else.  Library callers build the object
directly::

    from dayinlife_manim.options import BuildOptions
    BuildOptions(quality="low", voice="silent", scenes=Path("scenes/x.py"))
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable

import click

from .output.levels import DEFAULT_TARGET
from .render.settings import ASPECTS, QUALITIES, RenderSettings
from .voices import VOICES


@dataclass(frozen=True)
class BuildOptions:
    """Every option of a build (and of the commands that share its stages)."""

    scenes: Path | None = None
    quality: str = "high"
    fps: int | None = None
    aspect: str = "16:9"
    cfr: bool = False
    voice: str = "auto"
    lang: str | None = None
    piper_model: Path | None = None
    tld: str = "com"
    rate: float = 1.0
    slow: bool = False
    workers: int | None = None
    cluster: str | None = None
    allow_insecure: bool = False
    force: bool = False
    music: Path | None = None
    loudness: float | None = DEFAULT_TARGET  # None: not mastered
    out: Path | None = None
    out_dir: Path | None = None
    media_dir: Path | None = None
    watch: bool = False

    @property
    def settings(self) -> RenderSettings:
        """The render settings these options ask for (size, frame rate, CFR)."""
        return RenderSettings.from_options(self.quality, self.aspect, self.fps, cfr=self.cfr)

    def replace(self, **changes: Any) -> "BuildOptions":
        return dataclasses.replace(self, **changes)

    def output_options(self) -> dict[str, Any]:
        """The options that change a build's outputs (beyond its input files), for the build stamp."""
        names = ("quality", "aspect", "fps", "cfr", "voice", "lang", "tld", "rate", "slow", "loudness")
        return {name: getattr(self, name) for name in names}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> "BuildOptions":
        """The options among ``values`` (a command's parsed parameters); the others are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


@dataclass(frozen=True)
class Spec:
    """How one option is spelled and checked on the command line."""

    flags: tuple[str, ...]
    help: str
    type: Any = None
    is_flag: bool = False
    show_default: bool = False
    envvar: str | None = None
    metavar: str | None = None


_FILE = click.Path(path_type=Path, dir_okay=False)
_FOLDER = click.Path(path_type=Path, file_okay=False)

#: Each option's command-line form; its default is :class:`BuildOptions`' (or the command's own).
SPECS: dict[str, Spec] = {
    "scenes": Spec(("--scenes",), "Scene module (e.g. scenes/day_in_life.py); paragraphs without a class use AutoScene.",
                   click.Path(path_type=Path, dir_okay=False, exists=True)),
    "quality": Spec(("--quality",), "240p10, 480p15, 720p30, 1080p30 or 2160p30.", click.Choice(list(QUALITIES)), show_default=True),
    "fps": Spec(("--fps",), "Frame rate (default: the quality's).", click.IntRange(1, 120)),
    "aspect": Spec(("--aspect",), "Frame shape: landscape, phone (portrait) or square.", click.Choice(list(ASPECTS)), show_default=True),
    "cfr": Spec(("--cfr",), "Constant frame rate: encode every frame (for video editors that need it); by default a picture "
                "that does not change is encoded once and held.", is_flag=True),
    "voice": Spec(("--voice",), "auto: gTTS when reachable, else the offline piper voice; silent: no speech, timed text.",
                  click.Choice(VOICES), show_default=True),
    "lang": Spec(("--lang",), "Language of the voice, as gTTS codes it (en, es, ja, zh-CN...); default: detected from the "
                 "script, and printed."),
    "piper_model": Spec(("--piper-model",), "A downloaded piper voice (.onnx, with its .onnx.json beside it) for the offline voice.", _FILE),
    "tld": Spec(("--tld",), "Google domain for gTTS accents (com, co.uk, com.au...).", show_default=True),
    "rate": Spec(("--rate",), "Speaking rate (piper, silent).", click.FloatRange(0.5, 2.0), show_default=True),
    "slow": Spec(("--slow",), "Slow speech (gTTS).", is_flag=True),
    "workers": Spec(("--workers",), "Scenes rendered at once on this machine (default: number of cores).", click.IntRange(1, 64)),
    "cluster": Spec(("--cluster",), "Render on a Dask cluster: tls://HOST:PORT, tcp://HOST:PORT, or local:N for N local worker "
                    "processes (default: $DAYINLIFE_CLUSTER).", envvar="DAYINLIFE_CLUSTER", metavar="ADDRESS"),
    "allow_insecure": Spec(("--allow-insecure",), "Allow a plain tcp:// scheduler outside this machine (unencrypted, unauthenticated).",
                           is_flag=True),
    "force": Spec(("--force",), "Render every scene again, ignoring the scene cache and the build stamp (which skips an "
                  "unchanged build).", is_flag=True),
    "music": Spec(("--music",), "Background music, ducked under the voice.", click.Path(path_type=Path, dir_okay=False, exists=True)),
    "loudness": Spec(("--loudness",), "Master the soundtrack to this integrated loudness in LUFS, true peaks <= -1 dBTP "
                     "(video sites: -14).", click.FloatRange(-40.0, -5.0), show_default=True),
    "out": Spec(("-o", "--output"), "Output MP4 of a one-script build (default: MEDIA/<script-slug>.mp4).", _FILE),
    "out_dir": Spec(("--out-dir",), "Folder for the videos, one <script-slug>.mp4 per script (default: MEDIA).", _FOLDER),
    "watch": Spec(("--watch",), "Keep running: redo the job whenever the script, the scene module or a module it imports "
                  "from its folder changes (only what changed is redone). Ctrl-C stops.", is_flag=True),
    "media_dir": Spec(("--media",), "Folder for generated files (default: ./media or $DAYINLIFE_MEDIA).", _FOLDER),
}

#: The options of every command that speaks.
VOICE_OPTIONS = ("voice", "lang", "piper_model", "tld", "rate", "slow")


def click_options(*names: str, **overrides: dict[str, Any]) -> Callable:
    """A decorator adding the click options ``names`` (in this order) to a command;
    ``overrides`` change an option's default or help for that command
    (``quality={"default": "low"}``)."""
    defaults = {f.name: f.default for f in fields(BuildOptions)}
    unknown = [n for n in (*names, *overrides) if n not in SPECS]
    if unknown:
        raise ValueError(f"unknown options: {unknown}")

    def decorate(fn: Callable) -> Callable:
        for name in reversed(names):
            spec, extra = SPECS[name], overrides.get(name, {})
            kwargs: dict[str, Any] = {"default": extra.get("default", defaults[name]), "help": extra.get("help", spec.help)}
            if spec.is_flag:
                kwargs["is_flag"] = True
            else:
                kwargs["type"] = spec.type
            for key in ("show_default", "envvar", "metavar"):
                if getattr(spec, key):
                    kwargs[key] = getattr(spec, key)
            fn = click.option(*spec.flags, name, **kwargs)(fn)
        return fn

    return decorate
