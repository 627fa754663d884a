"""Casting: which scene class tells which paragraph, and what each chapter is called.

A scene module's ``SCENES_IN_ORDER`` maps classes to paragraphs by position;
without it, classes are matched by their ``paragraph`` attribute.  Paragraphs
left over are told by ``AutoScene`` (or the module's own subclass of it, when
the module defines beats).
"""

from __future__ import annotations

import inspect
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .core.errors import UserError
from .manifest import Manifest, ParagraphAudio, default_media_dir, load_manifest, manifest_path
from .output.captions import chapter_title
from .render.render import load_scene_module
from .text.script import Script
from .voices.silent import SilentVoice
from .voices.voiceover import make_voiceover, manifest_is_current

AUTOSCENE_REF = "dayinlife_manim.autoscene:AutoScene"


# -- which scene tells which paragraph -------------------------------------------
def _autoscene():
    from .autoscene import AutoScene

    return AutoScene


def _defines_beats(module) -> bool:
    """Whether a scene module defines beats of its own (classes registered with ``register_beat``)."""
    from .autoscene import registered_beats

    return any(b.__module__ == module.__name__ for b in registered_beats())


def assign_scenes(manifest: Manifest, module_path: Path | None) -> tuple[list[tuple[ParagraphAudio, type, str]], list[str]]:
    """Pair every paragraph with a scene class; return the pairs and notes on mismatches.

    A module's ``SCENES_IN_ORDER`` maps by position; without it, classes are
    matched by their ``paragraph`` attribute (index or id).  Paragraphs left
    over use ``AutoScene``.
    """
    from .scene import NarratedScene

    paras = list(manifest.paragraphs)
    chosen: dict[str, type] = {}
    notes: list[str] = []
    if module_path is not None:
        module = load_scene_module(module_path)
        ordered = getattr(module, "SCENES_IN_ORDER", None)
        if ordered is not None:
            for para, cls in zip(paras, ordered):
                chosen[para.id] = cls
            if len(ordered) != len(paras):
                notes.append(
                    f"{module_path} has {len(ordered)} scenes in SCENES_IN_ORDER but the script has "
                    f"{len(paras)} paragraphs: "
                    + (
                        f"paragraphs {len(ordered)}-{len(paras) - 1} use AutoScene"
                        if len(ordered) < len(paras)
                        else f"the last {len(ordered) - len(paras)} scene(s) are unused"
                    )
                )
        else:
            classes = [
                c
                for c in vars(module).values()
                if inspect.isclass(c) and issubclass(c, NarratedScene) and "paragraph" in vars(c)
            ]
            for cls in classes:
                try:
                    para = manifest.paragraph(cls.paragraph)
                except UserError:
                    notes.append(f"{cls.__name__}: no paragraph {cls.paragraph!r} in the script; not used")
                    continue
                chosen.setdefault(para.id, cls)
            missing = [p.id for p in paras if p.id not in chosen]
            if missing:
                notes.append(f"no scene class for {len(missing)} paragraph(s), AutoScene used: {', '.join(missing)}")
    auto, auto_ref = _autoscene(), AUTOSCENE_REF
    if module_path is not None and _defines_beats(module):
        # Its beats register when the module is imported: the worker must import it too.
        if isinstance(getattr(module, "AutoScene", None), type) and issubclass(module.AutoScene, auto):
            auto, auto_ref = module.AutoScene, f"{Path(module_path).resolve()}:AutoScene"
        else:
            notes.append(f"{module_path} defines beats but does not import AutoScene: its beats are not used")
    pairs = []
    for para in paras:
        cls = chosen.get(para.id)
        if cls is None:
            pairs.append((para, auto, auto_ref))
        else:
            pairs.append((para, cls, f"{Path(module_path).resolve()}:{cls.__name__}"))
    return pairs, notes


@dataclass(frozen=True)
class SceneRow:
    paragraph: str
    scene: str
    duration: float
    estimated: bool  # True when no current voiceover exists (silent-voice estimate)
    story: str = ""  # what the scene shows, when it can say (AutoScene: its beats)


def list_scenes(script: Script, module_path: Path | None, media_dir: Path | None = None) -> tuple[list[SceneRow], list[str]]:
    """Which scene class tells each paragraph, and how long it lasts."""
    media_dir = Path(media_dir) if media_dir is not None else default_media_dir()
    manifest = None
    path = manifest_path(media_dir, script.slug)
    if path.exists():
        try:
            manifest = load_manifest(path)
        except UserError:
            manifest = None
    estimated = manifest is None or not manifest_is_current(manifest, script)
    if estimated:
        with tempfile.TemporaryDirectory() as tmp:
            manifest, _ = make_voiceover(script, SilentVoice(), Path(tmp))
    pairs, notes = assign_scenes(manifest, module_path)
    rows = [SceneRow(p.id, cls.__name__, p.duration, estimated, _story(cls, manifest, p)) for p, cls, _ in pairs]
    return rows, notes


def _story(cls: type, manifest: Manifest, para: ParagraphAudio) -> str:
    story = getattr(cls, "story", None)
    return story(manifest, para) if callable(story) else ""


def chapter_for(para: ParagraphAudio, cls: type, title: str, manifest: Manifest | None = None) -> str:
    """A chapter's title: the script title, the Markdown section it opens, the scene's own
    headline, or the paragraph's opening.

    A section names the chapter of its first paragraph (with ``manifest``, the first in it;
    without, every paragraph in it); the others read their own opening.
    """
    if para.kind == "title":
        return title
    if para.section:
        first = next((p for p in manifest.paragraphs if p.section == para.section), para) if manifest is not None else para
        if first.index == para.index:
            return para.section
        return chapter_title(para.display_text)
    headline = getattr(cls, "headline", None)
    return headline if isinstance(headline, str) and headline else chapter_title(para.display_text)
