"""The scene-level render cache: a scene is rendered again only when something
that changes its frames or its sound changed.

The key covers the scene class's own source and that of its bases in the same
module, the rest of that module (imports, helpers, constants: everything but
its classes), the sources of this package that draw (all but the stages around
the render and the machinery that schedules it), the
paragraph's text and audio, the render settings, and the versions of manim
and dayinlife-manim.  Editing one paragraph, or one scene class, re-renders
that scene only.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .. import __version__
from ..core.fingerprint import PACKAGE_DIR, class_fingerprint, sha_hex, sources_fingerprint
from ..core.fsutil import atomic_write_text, file_sha
from ..core.notes import damaged
from ..manifest import Manifest, ParagraphAudio
from .settings import RenderSettings

#: Package sources that never change a scene's frames (paths in the package, of a file or a
#: folder): the stages around the render (voice, output, pages), the machinery that schedules
#: it and what only speeds it up.  Every other source counts, so a new module that scenes use
#: (text shaping, fonts, word timing...) is in the key without anyone having to list it here.
NOT_RENDER_SOURCES = frozenset({
    "__init__.py", "author", "build.py", "casting.py", "cli.py", "core/locks.py", "core/timeline.py",
    "api.py", "jupyter.py", "plugin.py", "voiceover_service.py",
    "farm", "options.py", "output", "render/media.py", "render/preload.py", "voices",
})
#: Sources that matter only to AutoScene and its subclasses.
AUTOSCENE_SOURCES = frozenset({"autoscene"})


def _uses_autoscene(cls: type) -> bool:
    return any(k.__module__.startswith("dayinlife_manim.autoscene") for k in cls.__mro__)


@functools.lru_cache(maxsize=None)
def package_fingerprint(autoscene: bool = False) -> str:
    """A hash of this package's sources that draw (once per process)."""
    skip = NOT_RENDER_SOURCES if autoscene else NOT_RENDER_SOURCES | AUTOSCENE_SOURCES
    return sources_fingerprint(PACKAGE_DIR, skip)


def scene_key(cls: type, manifest: Manifest, para: ParagraphAudio, settings: RenderSettings) -> str:
    import manim

    payload = {
        "scene": cls.__qualname__,
        "class": class_fingerprint(cls),
        "package": package_fingerprint(_uses_autoscene(cls)),
        "paragraph": {
            "id": para.id,
            "kind": para.kind,
            "text": para.display_text,
            "cues": [[c.start, c.end, c.text] for c in para.cues],
            "audio": file_sha(manifest.audio_path(para)),
        },
        "title": manifest.title,
        "render": [settings.width, settings.height, settings.fps, settings.cfr],
        "versions": [manim.__version__, __version__],
    }
    if manifest.style:  # the script's caption mode and theme (absent, the key is as it always was)
        payload["style"] = manifest.style
    # What a Markdown script or an inline cue adds (absent from plain scripts, whose keys stay as they were).
    extra = {"section": para.section, "items": list(para.items),
             "spans": [list(map(list, c.spans)) for c in para.cues], "shows": [list(map(list, c.shows)) for c in para.cues]}
    if para.section or para.items or any(c.spans or c.shows for c in para.cues):
        payload["paragraph"]["script"] = extra
    notes = getattr(cls, "cache_notes", None)
    if callable(notes):  # e.g. AutoScene: its plan, which depends on the paragraphs before
        payload["notes"] = notes(manifest, para)
    return sha_hex(json.dumps(payload, sort_keys=True).encode())


class SceneCache:
    """Rendered scene videos: per paragraph and render size, an MP4, its stills folder and its key file."""

    def __init__(self, root: Path, settings: RenderSettings) -> None:
        self.dir = Path(root) / settings.tag

    def video(self, para: ParagraphAudio) -> Path:
        return self.dir / f"{para.id}.mp4"

    def log(self, para: ParagraphAudio) -> Path:
        return self.dir / f"{para.id}.log"

    def key_file(self, para: ParagraphAudio) -> Path:
        return self.dir / f"{para.id}.key"

    def stills(self, para: ParagraphAudio) -> Path:
        """The folder of the scene's stills at its beats (``stills.py``), part of its cache entry."""
        return self.dir / f"{para.id}.stills"

    def is_fresh(self, para: ParagraphAudio, key: str, quiet: bool = False) -> bool:
        return entry_is_fresh(self.video(para), self.key_file(para), key, self.stills(para), quiet)


#: Version of a scene's key file: version 1 held the key alone (such entries are rendered again).
KEY_FORMAT = 2


def _record(path: Path) -> dict:
    return {"size": path.stat().st_size, "sha256": file_sha(path)}


def _matches(path: Path, record) -> bool:
    return isinstance(record, dict) and path.stat().st_size == record["size"] and file_sha(path) == record["sha256"]


def write_entry(video: Path, key_file: Path, key: str, stills: Path | None = None) -> None:
    """Commit a rendered scene: its key file (written last) holds the key and the size and
    SHA-256 of the video and of each file of its stills folder."""
    files = {}
    if stills is not None and stills.is_dir():
        files = {f.name: _record(f) for f in sorted(stills.iterdir()) if f.is_file() and not f.name.startswith(".")}
    entry = {"format": KEY_FORMAT, "key": key, "video": _record(video), "stills": files}
    atomic_write_text(key_file, json.dumps(entry, sort_keys=True) + "\n")


def entry_state(video: Path, key_file: Path, key: str, stills: Path | None = None) -> str:
    """``fresh`` (made for ``key``, every file the one recorded), ``stale`` (none, or made for
    something else) or ``damaged`` (made for ``key`` but a file is missing or not the one recorded)."""
    from .stills import STILLS_JSON

    try:
        text = key_file.read_text(encoding="utf-8")
    except FileNotFoundError:  # a video without its key file: its commit was lost (or is in progress, if unlocked)
        return "damaged" if video.exists() else "stale"
    except (OSError, UnicodeDecodeError):
        return "damaged"
    if text.strip() and "{" not in text:
        return "stale"  # a key file of the first format: rendered again
    try:
        entry = json.loads(text)
        if entry["key"] != key:
            return "stale"
        if entry["format"] != KEY_FORMAT or not _matches(video, entry["video"]):
            return "damaged"
        if stills is not None:
            files = entry["stills"]
            if STILLS_JSON not in files or not all(_matches(stills / name, rec) for name, rec in files.items()):
                return "damaged"
        return "fresh"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "damaged"


def entry_is_fresh(video: Path, key_file: Path, key: str, stills: Path | None = None, quiet: bool = False) -> bool:
    """A scene's video (and its stills) are there, were made for ``key`` and are the files
    recorded then.  A damaged entry is noted and its key file removed (so it is rendered
    again), unless ``quiet``: a look without the scene's lock may see another build's
    render half committed."""
    state = entry_state(video, key_file, key, stills)
    if state == "damaged" and not quiet:
        damaged(f"scene {video.stem}", "rendering it again")
        key_file.unlink(missing_ok=True)
    return state == "fresh"
