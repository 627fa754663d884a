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

import ast
import functools
import hashlib
import inspect
import json
import threading
from pathlib import Path

from .. import __version__
from ..core.fsutil import file_sha
from ..manifest import Manifest, ParagraphAudio
from .render import RenderSettings

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Package sources that never change a scene's frames: the stages around the
#: render (voice, stitch, pages) and the machinery that schedules it.  Every
#: other source counts, so a new module that scenes use (text shaping, fonts,
#: word timing...) is in the key without anyone having to list it here.
NOT_RENDER_SOURCES = frozenset({
    "__init__.py", "build.py", "cache.py", "cli.py", "cluster.py", "gallery.py", "locks.py",
    "loudness.py", "outputs.py", "pool.py", "report.py", "review.py", "scaffold.py", "stitch.py",
    "storyboard.py", "timeline.py", "voiceover.py", "voices", "warm.py", "watch.py", "worker.py",
})
#: Sources that matter only to AutoScene and its subclasses.
AUTOSCENE_SOURCES = frozenset({"autoscene"})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_AST_LOCK = threading.Lock()


def parse_python(source: str) -> ast.Module:
    """``ast.parse``, one thread at a time (Python 3.11's parser state is shared between threads)."""
    with _AST_LOCK:
        return ast.parse(source)


def _uses_autoscene(cls: type) -> bool:
    return any(k.__module__.startswith("dayinlife_manim.autoscene") for k in cls.__mro__)


def sources_fingerprint(folder: Path = PACKAGE_DIR, skip: frozenset[str] = frozenset()) -> str:
    """A hash of the Python sources under ``folder`` (names and bytes), but those whose first
    path part is in ``skip``; read afresh on every call."""
    h = hashlib.sha256()
    for f in sorted(Path(folder).rglob("*.py")):
        rel = f.relative_to(folder)
        if rel.parts[0] not in skip:
            h.update(str(rel).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


@functools.lru_cache(maxsize=None)
def package_fingerprint(autoscene: bool = False) -> str:
    """A hash of this package's sources that draw (once per process)."""
    skip = NOT_RENDER_SOURCES if autoscene else NOT_RENDER_SOURCES | AUTOSCENE_SOURCES
    return sources_fingerprint(PACKAGE_DIR, skip)


def _local_imports(path: Path) -> set[str]:
    """Top-level module names imported by the Python file ``path``."""
    try:
        tree = parse_python(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def module_sources(path: Path) -> dict[str, bytes]:
    """The scene module's source and those of the modules it imports from its own folder (recursively)."""
    path = Path(path).resolve()
    folder = path.parent
    found: dict[str, bytes] = {}
    todo = [path]
    while todo:
        file = todo.pop()
        rel = file.relative_to(folder).as_posix()
        if rel in found:
            continue
        found[rel] = file.read_bytes()
        for name in _local_imports(file):
            if (folder / f"{name}.py").is_file():
                todo.append(folder / f"{name}.py")
            elif (folder / name / "__init__.py").is_file():
                todo.extend(sorted((folder / name).rglob("*.py")))
    return found


def _module_parts(path: str) -> tuple[str, dict[str, str]]:
    """(module source without its top-level classes, {class name: class source})."""
    return _parse_module(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _parse_module(source: str) -> tuple[str, dict[str, str]]:
    tree = parse_python(source)
    lines = source.splitlines(keepends=True)
    classes: dict[str, str] = {}
    keep = [True] * len(lines)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            classes[node.name] = "".join(lines[start : node.end_lineno])
            for i in range(start, node.end_lineno):
                keep[i] = False
    rest = "".join(line for line, k in zip(lines, keep) if k)
    return rest, classes


def class_fingerprint(cls: type) -> str:
    """A hash of ``cls``'s source, its bases' from the same module and that module's other code."""
    try:
        path = inspect.getsourcefile(cls)
    except TypeError:
        path = None
    if path is None:
        return _sha(repr(cls).encode())
    rest, classes = _module_parts(path)
    own = [classes.get(k.__name__, "") for k in cls.__mro__ if k.__module__ == cls.__module__]
    helpers = helpers_fingerprint(path)
    return _sha((rest + "\0".join(own) + (f"\0{helpers}" if helpers else "")).encode())


def helpers_fingerprint(path: str) -> str:
    """A hash of the modules a scene module imports from its own folder (its helpers), if any."""
    path = Path(path).resolve()
    if PACKAGE_DIR in path.parents:
        return ""  # this package's own modules: see package_fingerprint
    from ..author.watch import local_modules

    helpers = local_modules(path)[1:]
    return _sha("".join(f"{h.name}:{file_sha(h)}" for h in helpers).encode()) if helpers else ""


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
    notes = getattr(cls, "cache_notes", None)
    if callable(notes):  # e.g. AutoScene: its plan, which depends on the paragraphs before
        payload["notes"] = notes(manifest, para)
    return _sha(json.dumps(payload, sort_keys=True).encode())


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

    def is_fresh(self, para: ParagraphAudio, key: str) -> bool:
        return entry_is_fresh(self.video(para), self.key_file(para), key, self.stills(para))


def entry_is_fresh(video: Path, key_file: Path, key: str, stills: Path | None = None) -> bool:
    """A scene's video (and its stills) are there and were made for ``key`` (the key file is written last)."""
    from .stills import STILLS_JSON

    try:
        return (video.exists() and (stills is None or (stills / STILLS_JSON).exists())
                and key_file.read_text().strip() == key)
    except OSError:
        return False
