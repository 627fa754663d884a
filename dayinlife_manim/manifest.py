"""The manifest: the versioned JSON hand-off between the voice stage and the
render and stitch stages.

Later stages read only this file (and the audio files it names), never the
internals of the stage that wrote it.  Paths inside it are relative to the
manifest's own folder, so a media folder can be moved as a whole.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .core.errors import UserError
from .core.fsutil import atomic_write_text
from .text.words import Word

#: Version 2 added word cues (``Cue.words``) and ``Cue.words_from``; version 3 the
#: ``style`` block (caption mode and theme, from a script's front matter or its project
#: file), Markdown's structure (``ParagraphAudio.section``/``items``, ``Cue.spans``), the
#: inline ``[show NAME]`` cues (``Cue.shows``) and each sentence's spoken form
#: (``Cue.spoken``).  Older files are read with those empty (version 1 is upgraded).
SCHEMA_VERSION = 3
#: The oldest version read as it is: older ones are upgraded on load (their spoken forms,
#: sections and cues left empty) and remade when the voiceover is needed.
COMPLETE_VERSION = 3
#: The caption modes a style may ask for (``NarratedScene.caption_mode``).
CAPTION_MODES = ("words", "sentence")
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Cue:
    """One sentence's window in its paragraph's audio, in seconds, with its words.

    ``" ".join(w.text for w in words) == text``; word times are monotonic and
    inside ``[start, end]``.  ``words_from`` tells where the word times come
    from: ``"voice"`` (the voice's own durations), ``"estimate"`` (syllables
    snapped to the pauses measured in the audio) or ``"upgrade"`` (a version-1
    manifest read without its audio: syllables only).
    """

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    words_from: str = ""
    #: Emphasised stretches of ``text``: (start, end, style) character offsets, style "strong", "em" or "code".
    spans: tuple[tuple[int, int, str], ...] = ()
    #: ``[show NAME]`` cues: (index into ``words``, name); NAME is drawn when that word is said.
    shows: tuple[tuple[int, str], ...] = ()
    #: What the voice was given for this sentence (``text`` as a narrator reads it); "" for a code card.
    spoken: str = ""

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class VoiceSettings:
    """Which backend spoke, with every parameter that changes the sound."""

    backend: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ParagraphAudio:
    id: str
    index: int
    kind: str  # "title" or "paragraph"; from Markdown also "list", "quote" or "code"
    display_text: str
    spoken_text: str
    audio: str  # path relative to the manifest's folder
    duration: float  # seconds, == samples / sample_rate
    samples: int
    cues: tuple[Cue, ...]
    section: str = ""  # the Markdown ``##`` heading it falls under: its chapter title and headline
    items: tuple[str, ...] = ()  # a list's items (one cue each, in order); a code block's lines


@dataclass(frozen=True)
class Manifest:
    script_path: str
    script_sha256: str
    title: str
    slug: str
    sample_rate: int
    voice: VoiceSettings
    paragraphs: tuple[ParagraphAudio, ...]
    version: int = SCHEMA_VERSION
    generator: str = ""
    #: What changes the scenes' look, set by the script's options: ``{"captions": "sentence",
    #: "theme": {"background": "#ffffff", "font": "Noto Serif"}}`` (empty: each scene's own).
    style: dict[str, Any] = field(default_factory=dict)
    # Where the manifest was loaded from; not serialised.
    root: Path | None = field(default=None, compare=False, repr=False)
    # The schema version of the file when it was older and upgraded on load; not serialised.
    upgraded_from: int | None = field(default=None, compare=False, repr=False)

    @property
    def duration(self) -> float:
        return sum(p.duration for p in self.paragraphs)

    def audio_path(self, paragraph: ParagraphAudio) -> Path:
        base = self.root if self.root is not None else Path(".")
        return base / paragraph.audio

    def paragraph(self, key: int | str) -> ParagraphAudio:
        """A paragraph by index or id (a unique id prefix such as ``03`` works too)."""
        for p in self.paragraphs:
            if p.index == key or p.id == key:
                return p
        if isinstance(key, str):
            found = [p for p in self.paragraphs if p.id.startswith(key)]
            if len(found) == 1:
                return found[0]
        known = ", ".join(p.id for p in self.paragraphs)
        raise UserError(f"no paragraph {key!r} in {self.slug!r} (known: {known})")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("root")
        data.pop("upgraded_from")
        data.pop("version")
        if not data["style"]:
            data.pop("style")
        return {"version": SCHEMA_VERSION, **data}


def default_media_dir() -> Path:
    """Where generated files go unless ``--media`` says: ``$DAYINLIFE_MEDIA``, else ``./media``."""
    return Path(os.environ.get("DAYINLIFE_MEDIA", "media"))


def manifest_path(media_dir: Path, slug: str) -> Path:
    return Path(media_dir) / slug / MANIFEST_NAME


def save_manifest(manifest: Manifest, path: Path) -> Path:
    """Write the manifest atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n"
    atomic_write_text(path, text)
    return path


def load_manifest(path: Path) -> Manifest:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"no manifest at {path}: run `dayinlife voice SCRIPT` first") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read manifest {path}: {exc}") from None
    return manifest_from_dict(data, root=path.parent, source=str(path))


def manifest_from_dict(data: dict[str, Any], root: Path | None = None, source: str = "manifest") -> Manifest:
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise UserError(f"{source} is not a dayinlife manifest (no schema version)")
    version = data["version"]
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{source} has schema version {version}, newer than this dayinlife "
            f"understands ({SCHEMA_VERSION}); upgrade dayinlife-manim"
        )
    if version < 1:
        raise UserError(f"{source} has an unknown schema version {version}")
    try:
        paragraphs = tuple(
            ParagraphAudio(**{**p, "cues": tuple(_cue(c, version) for c in p["cues"]), "items": tuple(p.get("items", ()))})
            for p in data["paragraphs"]
        )
        return Manifest(
            script_path=data["script_path"],
            script_sha256=data["script_sha256"],
            title=data["title"],
            slug=data["slug"],
            sample_rate=int(data["sample_rate"]),
            voice=VoiceSettings(**data["voice"]),
            paragraphs=paragraphs,
            version=SCHEMA_VERSION,
            upgraded_from=version if version < COMPLETE_VERSION else None,
            generator=data.get("generator", ""),
            style=_style(data.get("style", {}) if version >= 3 else {}, source),
            root=root,
        )
    except (KeyError, TypeError) as exc:
        raise UserError(f"{source} is malformed: {exc}") from None


def _style(style: Any, source: str) -> dict[str, Any]:
    if not isinstance(style, dict) or not isinstance(style.get("theme", {}), dict):
        raise UserError(f"{source} is malformed: its style is not a mapping")
    if style.get("captions") not in (None, *CAPTION_MODES):
        raise UserError(f"{source} is malformed: caption mode {style['captions']!r} is not one of {', '.join(CAPTION_MODES)}")
    return style


def _cue(data: dict[str, Any], version: int) -> Cue:
    if version >= 2:
        words = tuple(Word(**w) for w in data["words"])
        spans = tuple((int(a), int(b), str(style)) for a, b, style in data.get("spans", ()))
        shows = tuple((int(k), str(name)) for k, name in data.get("shows", ()))
        return Cue(**{**data, "words": words, "spans": spans, "shows": shows})
    # Version 1 had sentence windows only: estimate the words from their syllables.
    cue = Cue(**data)
    from .text.wordtiming import estimate_words  # numpy: only when an old manifest is read

    return replace(cue, words=estimate_words(cue.text, cue.start, cue.end), words_from="upgrade")
