"""The options of a build, defined once: their types, defaults, choices and help.

:class:`BuildOptions` is what ``build``, ``storyboard`` and the CLI take; the
CLI's click options are made from :data:`SPECS` (:func:`click_options`), so a
new option is added here and nowhere else.  Library callers build the object
directly::

    from dayinlife_manim.options import BuildOptions
    BuildOptions(quality="low", voice="silent", scenes=Path("scenes/x.py"))

A script's front matter and the nearest ``dayinlife.toml`` set the same
options, checked by the same click types: :func:`resolve` gives a script's
options (command line > front matter > project file > defaults) and where
each came from (``--print-config``).  See ``docs/configuration.md``.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable

import click

from .core.errors import UserError
from .manifest import CAPTION_MODES
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
    #: The caption mode of every scene ("words", "sentence"; None: each scene's own ``caption_mode``).
    captions: str | None = None
    #: Theme fields set for every scene, as (field, value) pairs: ``(("background", "#ffffff"),)``.
    theme: tuple[tuple[str, str], ...] = ()
    #: Word -> how the voice says it (``text/pronounce.py``), as (word, saying) pairs.
    pronounce: tuple[tuple[str, str], ...] = ()

    @property
    def settings(self) -> RenderSettings:
        """The render settings these options ask for (size, frame rate, CFR)."""
        return RenderSettings.from_options(self.quality, self.aspect, self.fps, cfr=self.cfr)

    def replace(self, **changes: Any) -> "BuildOptions":
        return dataclasses.replace(self, **changes)

    def output_options(self) -> dict[str, Any]:
        """The options that change a build's outputs (beyond its input files), for the build stamp."""
        names = ("quality", "aspect", "fps", "cfr", "voice", "lang", "tld", "rate", "slow", "loudness")
        values = {name: getattr(self, name) for name in names}
        if self.style or self.pronounce:  # absent when unset: a plain build's stamp is as it was
            values.update(style=[list(p) for p in self.style], pronounce=[list(p) for p in self.pronounce])
        return values

    @property
    def style(self) -> tuple[tuple[str, str], ...]:
        """What these options change in the scenes' look, as a Script's ``style`` pairs."""
        captions = (("captions", self.captions),) if self.captions else ()
        return captions + tuple((f"theme.{name}", value) for name, value in self.theme)

    def apply(self, script):
        """``script`` (a ``text.script.Script``) with these options' caption mode, theme and pronunciations."""
        return dataclasses.replace(script, style=self.style, pronounce=self.pronounce)

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
    multiple: bool = False


#: The theme fields a script's options may set (``visuals.theme.Theme`` fields; a test keeps them so).
THEME_COLORS = ("background", "text", "accent", "dim", "upcoming", "panel")
THEME_FIELDS = (*THEME_COLORS, "font")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class _Pairs(click.ParamType):
    """``NAME=VALUE`` on the command line (repeatable), one entry of a mapping in a file."""

    def __init__(self, name: str, check: Callable[[str, str], tuple[str, str] | str]) -> None:
        self.name, self._check = name, check

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            key, _, said = value[0], None, value[1]
        else:
            key, eq, said = str(value).partition("=")
            if not eq:
                self.fail(f"{value!r} is not NAME=VALUE", param, ctx)
        if not isinstance(said, str):
            self.fail(f"{key}: {said!r} is not a single value", param, ctx)
        checked = self._check(key.strip(), said.strip())
        if isinstance(checked, str):
            self.fail(checked, param, ctx)
        return checked


def _theme_entry(key: str, value: str) -> tuple[str, str] | str:
    if key not in THEME_FIELDS:
        near = difflib.get_close_matches(key, THEME_FIELDS, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return f"unknown theme field {key!r}{hint}; the fields are {', '.join(THEME_FIELDS)}"
    if key == "font":
        if not value:
            return "theme font is empty"
        from .text.fonts import installed_faces

        faces = installed_faces()
        families = {name.strip().casefold() for f in faces for name in f.family.split(",")}
        if faces and value.casefold() not in families:
            return f"theme font {value!r} is not installed (`fc-list : family` lists the fonts there are)"
        return key, value
    if not _HEX.match(value):
        return f"theme {key} {value!r} is not a colour like #1e90ff or #fff"
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return key, value.lower()


def _pronounce_entry(word: str, saying: str) -> tuple[str, str] | str:
    from .text.pronounce import check_word

    problem = check_word(word)
    if problem:
        return f"pronounce: {word!r} is {problem}"
    if not saying:
        return f"pronounce: {word!r} has nothing to say instead"
    return word, saying


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
    "captions": Spec(("--captions",), "Caption highlight: words (the spoken word, karaoke) or sentence (the spoken "
                     "sentence); default: each scene's own (words).", click.Choice(list(CAPTION_MODES))),
    "theme": Spec(("--theme",), f"Set a theme field for every scene, FIELD=VALUE ({', '.join(THEME_FIELDS)}; colours as "
                  "#rrggbb); repeatable.", _Pairs("theme", _theme_entry), metavar="FIELD=VALUE", multiple=True),
    "pronounce": Spec(("--pronounce",), "Say WORD as SAYING (whole words; the screen keeps WORD), e.g. SQL=sequel; "
                      "repeatable.", _Pairs("pronounce", _pronounce_entry), metavar="WORD=SAYING", multiple=True),
}

#: The options of every command that speaks.
VOICE_OPTIONS = ("voice", "lang", "piper_model", "tld", "rate", "slow")
#: The options a script carries into its manifest (and scenes): caption mode, theme, pronunciations.
SCRIPT_OPTIONS = ("captions", "theme", "pronounce")


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
            for key in ("show_default", "envvar", "metavar", "multiple"):
                if getattr(spec, key):
                    kwargs[key] = getattr(spec, key)
            fn = click.option(*spec.flags, name, **kwargs)(fn)
        return fn

    return decorate


# -- options from files: a script's front matter and the project's dayinlife.toml --------------

#: The project file: the first one found in the script's folder or a folder above it.
PROJECT_FILE = "dayinlife.toml"
DEFAULT = "default"
COMMAND_LINE = "command line"
#: The options that may hold several entries, set entry by entry (``theme.background``).
TABLES = ("theme", "pronounce")


def _aliases() -> dict[str, str]:
    """Every key a file may use -> its option: the SPECS names and the long flags, ``-`` or ``_``."""
    names: dict[str, str] = {}
    for name, spec in SPECS.items():
        for spelling in (name, *(f[2:] for f in spec.flags if f.startswith("--"))):
            names[spelling] = names[spelling.replace("_", "-")] = names[spelling.replace("-", "_")] = name
    return names


@dataclass(frozen=True)
class _Setting:
    """One value from a file: the option (``theme.font`` for a table entry), the value as written, where."""

    name: str
    value: Any
    where: str  # "path/dayinlife.toml:3", "talk.md:2"
    base: Path  # relative paths are taken from this folder
    front: bool = False  # from a script's front matter

    @property
    def source(self) -> str:
        return f"{self.where} (front matter)" if self.front else self.where


def find_project_file(start: Path) -> Path | None:
    """The ``dayinlife.toml`` in folder ``start`` or the nearest folder above it."""
    folder = Path(start).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            return path
    return None


def _shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the current folder."""
    import os

    try:
        return os.path.relpath(Path(path).resolve(), Path.cwd().resolve())
    except ValueError:  # another drive
        return str(path)


def _read_toml(path: Path) -> list[_Setting]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    label = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise UserError(f"{label}: cannot read it ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise UserError(f"{label}: not valid UTF-8; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{label}: not valid TOML ({exc})") from None
    lines = _toml_lines(text)

    def where(key: str) -> str:
        while key and key not in lines:
            key = key.rpartition(".")[0]
        return f"{label}:{lines.get(key, 1)}"

    return _settings(data, where, path.parent)


_TOML_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_TOML_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")


def _toml_lines(text: str) -> dict[str, int]:
    """The 1-based line of each key of a TOML text (``theme.background`` under ``[theme]``)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_TABLE.match(line)
        if header:
            table = header.group(1).strip().strip("\"'") + "."
            lines.setdefault(table[:-1], number)
            continue
        key = _TOML_KEY.match(line)
        if key:
            lines.setdefault(table + key.group(1).strip("\"'"), number)
    return lines


def _front_matter(script) -> list[_Setting]:
    front = script.front_matter
    label = str(script.path) if script.path is not None else "script"
    base = script.path.parent if script.path is not None else Path(".")
    return _settings(front, lambda key: f"{label}:{front.line(key)}", base, front=True)


def _settings(data: dict[str, Any], where: Callable[[str], str], base: Path, front: bool = False) -> list[_Setting]:
    """The settings of one file's top level, checked for unknown keys (tables split into entries)."""
    aliases = _aliases()
    out: list[_Setting] = []
    for key, value in data.items():
        name = aliases.get(str(key))
        if name is None:
            near = difflib.get_close_matches(str(key), sorted(aliases), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise UserError(f"{where(str(key))}: unknown key {key!r}{hint}")
        if name in TABLES:
            if not isinstance(value, dict):
                example = "background: \"#ffffff\"" if name == "theme" else "SQL: sequel"
                raise UserError(f"{where(str(key))}: {key} must be a mapping, like {key}: {{{example}}}")
            out.extend(_Setting(f"{name}.{k}", v, where(f"{key}.{k}"), base, front) for k, v in value.items())
        else:
            out.append(_Setting(name, value, where(str(key)), base, front))
    return out


def _convert(setting: _Setting) -> Any:
    """The setting's value checked and converted by its option's click type (the command line's rules)."""
    name, _, entry = setting.name.partition(".")
    spec = SPECS[name]
    value = setting.value
    if name in TABLES:
        value = (entry, value)
    elif isinstance(value, (dict, list)):
        raise UserError(f"{setting.where}: {name} must be a single value, not {type(value).__name__}")
    kind = click.BOOL if spec.is_flag else spec.type
    if isinstance(kind, click.Path) and isinstance(value, str) and not Path(value).expanduser().is_absolute():
        value = str(setting.base / Path(value))  # a file's paths are relative to its folder
    if kind is None:
        return value if isinstance(value, str) else str(value)
    if isinstance(kind, click.Choice) and str(value) not in kind.choices:
        raise UserError(f"{setting.where}: {name} {str(value)!r} is not one of {', '.join(kind.choices)}")
    try:
        return kind.convert(value, None, None)
    except click.BadParameter as exc:
        message = " ".join(str(exc.message).split()).rstrip(".")
        shown = "" if name in TABLES else f"{name} "
        raise UserError(f"{setting.where}: {shown}{message}") from None


def resolve(script, cli_values: dict[str, Any], sources: dict[str, str] | None = None) -> tuple[BuildOptions, dict[str, str]]:
    """The options of ``script`` (a ``Script`` or its path) and where each came from.

    Precedence: the command line (``sources[name]`` is not ``"default"``) >
    the script's front matter > the nearest ``dayinlife.toml`` > the defaults
    (``cli_values`` holds the command's values, its defaults included).
    Table options (``theme``, ``pronounce``) merge entry by entry.  Keys of
    the files that this command has no option for are checked, then left out.
    Returns the options and ``{name: source}`` (``"default"``,
    ``"command line"``, ``"talk.md:3"``, ``"dayinlife.toml:2"``; table
    entries as ``"theme.background"``).
    """
    from .text.script import Script, load_script

    script = script if isinstance(script, Script) else load_script(script)
    sources = sources or {}
    values = dict(cli_values)
    provenance = {name: sources.get(name, DEFAULT) for name in values if name not in TABLES}
    tables: dict[str, dict[str, tuple[str, str]]] = {name: {} for name in TABLES}
    project = find_project_file(script.path.parent if script.path is not None else Path.cwd())
    layers = (_read_toml(project) if project else []) + _front_matter(script)
    for setting in layers:  # lowest first: each one may override those before
        value = _convert(setting)
        name, _, entry = setting.name.partition(".")
        if name not in values:
            continue  # not an option of this command
        if name in TABLES:
            tables[name][value[0]] = (value[1], setting.source)
        elif sources.get(name, DEFAULT) == DEFAULT:
            values[name], provenance[name] = value, setting.source
    for name in TABLES:
        if name not in values:
            continue
        for key, value in values[name] or ():  # the command line's entries win
            tables[name][key] = (value, sources.get(name, COMMAND_LINE))
        values[name] = tuple((key, value) for key, (value, _) in tables[name].items())
        provenance.update({f"{name}.{key}": where for key, (_, where) in tables[name].items()})
    return BuildOptions.from_values(values), provenance


def parameter_sources(ctx: click.Context, names) -> dict[str, str]:
    """Where each of ``names`` came from on this command: ``"command line"``, ``"environment ($VAR)"`` or ``"default"``."""
    from click.core import ParameterSource

    out = {}
    for name in names:
        source = ctx.get_parameter_source(name)
        if source == ParameterSource.COMMANDLINE:
            out[name] = COMMAND_LINE
        elif source == ParameterSource.ENVIRONMENT:
            out[name] = f"environment (${SPECS[name].envvar})" if name in SPECS and SPECS[name].envvar else "environment"
        else:
            out[name] = DEFAULT
    return out


def shared_options(per_script: list[tuple[Any, BuildOptions, dict[str, str]]]) -> BuildOptions:
    """The options of a build of several scripts: each script may set its own caption mode, theme and
    pronunciations (carried by its manifest); every other option is the build's, so two scripts that
    set one differently are refused."""
    first_script, first, first_where = per_script[0]
    for script, options, where in per_script[1:]:
        for f in fields(BuildOptions):
            if f.name in SCRIPT_OPTIONS:
                continue
            mine, theirs = getattr(options, f.name), getattr(first, f.name)
            if mine != theirs:
                flag = SPECS[f.name].flags[-1] if f.name in SPECS else f.name
                raise UserError(
                    f"{_place(where.get(f.name, DEFAULT))}: {f.name} {_show(mine)} differs from {_show(theirs)} "
                    f"({first_where.get(f.name, DEFAULT)}, for {first_script.path}): the scripts of one build share it; "
                    f"build them separately, or give {flag} on the command line"
                )
    return first.replace(**{name: BuildOptions.__dataclass_fields__[name].default for name in SCRIPT_OPTIONS})


def _place(source: str) -> str:
    return source.removesuffix(" (front matter)")


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def describe(options: BuildOptions, provenance: dict[str, str], names) -> str:
    """The resolved options ``names`` as lines of ``name  value  source`` (``--print-config``)."""
    rows = []
    for name in names:
        if name in TABLES:
            entries = getattr(options, name)
            if not entries:
                rows.append((name, "(none)", provenance.get(name, DEFAULT)))
            for key, value in entries:
                rows.append((f"{name}.{key}", value, provenance.get(f"{name}.{key}", DEFAULT)))
        else:
            rows.append((name.replace("_", "-"), _show(getattr(options, name)), provenance.get(name, DEFAULT)))
    width = [max(len(str(r[i])) for r in rows) for i in (0, 1)]
    return "\n".join(f"{a:<{width[0]}}  {b:<{width[1]}}  {c}".rstrip() for a, b, c in rows)
