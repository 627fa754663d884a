"""What a script asks of AutoScene in so many words: the hook kept apart from the rest.

* ``[show NAME]`` (``Cue.shows`` in the manifest): the icon NAME enters when
  the word after the directive is said (an icon card, as AutoScene's own icons);
  NAME may also be a prop of the gallery (``cookie-jar``, ``robot``, ``clock``...:
  a drawing of ``dayinlife_manim.visuals`` that needs no arguments), drawn the same way.
* a Markdown list (``ParagraphAudio.kind == "list"``): a checklist, one row per
  item, ticked as it is said.
* a Markdown section (``ParagraphAudio.section``): the headline above the stage.
* a Markdown code block (``kind == "code"``, shown, not read): a code card.
* a Markdown quote (``kind == "quote"``): the words, large, under a quote mark.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re

from manim import DOWN, FadeIn, Mobject, VGroup

from ..manifest import ParagraphAudio
from ..visuals.icons import has_icon, icon, icon_names, normalize
from ..visuals.office import CodeCard
from ..visuals.text import paragraph
from .builtin import ChecklistBeat
from .keywords import IconMatch
from .plan import Plan

#: Most rows a list's checklist shows.
MAX_ROWS = 5


#: The gallery's subject modules whose drawings ``[show NAME]`` may name.
PROP_MODULES = ("time", "people", "charts", "office", "home", "effects")


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


@functools.lru_cache(maxsize=1)
def props() -> dict[str, tuple[str, str]]:
    """The gallery's drawings that need no arguments, by kebab-case name: {"cookie-jar": (module, class)}."""
    found = {}
    for subject in PROP_MODULES:
        module = importlib.import_module(f"dayinlife_manim.visuals.{subject}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if not (inspect.isclass(obj) and issubclass(obj, Mobject)):
                continue
            params = list(inspect.signature(obj).parameters.values())
            if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
                found[_kebab(name)] = (module.__name__, name)
    return found


@functools.lru_cache(maxsize=1)
def show_names() -> frozenset[str]:
    """Every name ``[show NAME]`` accepts: the icon pack's names and the gallery's props."""
    return frozenset(icon_names()) | frozenset(props())


def make_prop(name: str) -> Mobject:
    module, cls = props()[name]
    return getattr(importlib.import_module(module), cls)()


def shown_matches(para: ParagraphAudio) -> list[IconMatch]:
    """An icon for every ``[show NAME]`` of ``para``, placed at its word (character offset in the story text)."""
    found: list[IconMatch] = []
    at = 0
    for cue in para.cues:
        starts, pos = [], at
        for w in cue.words:
            starts.append(pos)
            pos += len(w.text) + 1
        for k, name in cue.shows:
            if name in props() or not has_icon(name) or not cue.words:
                continue
            k = min(k, len(cue.words) - 1)
            word = cue.words[k].text
            found.append(IconMatch(slug=normalize(name), words=word, keyword=name, position=k, score=99.0, start=starts[k]))
        at += len(cue.text) + 1
    return found


def list_plan(para: ParagraphAudio) -> Plan | None:
    """A checklist of a Markdown list's items, each ticked as its sentence starts; None for other paragraphs."""
    if para.kind != "list" or len(para.items) < 2 or not para.cues:
        return None
    beat = ChecklistBeat()
    items, at, item = [], 0, 0
    spans = []
    for cue in para.cues:  # one cue per sentence; an item's first sentence ticks it
        if item < len(para.items) and para.items[item].startswith(cue.text[:12]):
            items.append((para.items[item], (at, at + len(cue.text))))
            item += 1
        at += len(cue.text) + 1
    if len(items) < 2:
        return None
    beat.items = items[:MAX_ROWS]
    beat.spans = [s for _, s in beat.items]
    spans.extend(beat.spans)
    return Plan(beats=[beat])


def shown_props(para: ParagraphAudio) -> list[tuple[int, float, str]]:
    """(sentence, fraction of its window, name) of every ``[show NAME]`` naming a gallery prop."""
    found = []
    for i, cue in enumerate(para.cues):
        for k, name in cue.shows:
            if name in props() and cue.words:
                word = cue.words[min(k, len(cue.words) - 1)]
                found.append((i, (word.start - cue.start) / cue.duration if cue.duration > 0 else 0.0, name))
    return found


def narrate_props(scene) -> bool:
    """Draw the gallery props the paragraph names with ``[show NAME]``, each as its word is said,
    side by side on the stage (with the icons it names); False when it names none."""
    wanted = shown_props(scene.para)
    if not wanted:
        return False
    items = [(i, f, make_prop(name)) for i, f, name in wanted] + _icon_cues(scene)
    items = sorted(items, key=lambda t: (t[0], t[1]))[:MAX_SHOWN]
    stage = scene.stage
    n = len(items)
    cell_w, cell_h = 0.86 * stage.width / n, 0.7 * stage.height
    for k, (_, _, mob) in enumerate(items):
        mob.scale_to_fit_height(cell_h)
        if mob.width > cell_w:
            mob.scale_to_fit_width(cell_w)
        mob.move_to([stage.left + (k + 0.5) * stage.width / n, stage.center[1], 0])
    for i in range(len(scene.cues)):
        here = [(f, mob) for j, f, mob in items if j == i]
        if not here:
            continue
        with scene.sentence(i) as s:
            for f, mob in here:
                s.wait_until(f)
                scene.play(FadeIn(mob, scale=0.85), run_time=max(0.05, min(0.6, s.remaining)))
    return True


def _icon_cues(scene) -> list[tuple[int, float, Mobject]]:
    """The icons of the paragraph's ``[show NAME]`` cues as (sentence, fraction, drawing)."""
    out = []
    for i, cue in enumerate(scene.para.cues):
        for k, name in cue.shows:
            if name not in props() and has_icon(name) and cue.words:
                word = cue.words[min(k, len(cue.words) - 1)]
                f = (word.start - cue.start) / cue.duration if cue.duration > 0 else 0.0
                out.append((i, f, icon(normalize(name), color=scene.theme.accent, height=1.0)))
    return out


def describe(para: ParagraphAudio) -> str | None:
    """What this hook shows for ``para``, in a few words (for ``dayinlife scenes``); None: not its business."""
    if para.kind == "code":
        return f"code card ({len(para.items)} line{'s' if len(para.items) != 1 else ''})"
    if para.kind == "quote":
        return "quote"
    names = [name for cue in para.cues for _, name in cue.shows]
    if names:
        return "shows " + ", ".join(names[:MAX_SHOWN]) + (" …" if len(names) > MAX_SHOWN else "")
    return None


#: Most drawings ``[show NAME]`` puts on one stage.
MAX_SHOWN = 3

#: Paragraph kinds drawn by :func:`narrate_kind` (no captions: the words are the picture).
DRAWN_KINDS = ("code", "quote")
#: Most code lines on a card.
MAX_CODE_LINES = 12


def narrate_kind(scene) -> bool:
    """Draw a code card or a quote for the scene's paragraph; False for other kinds (AutoScene goes on)."""
    para = scene.para
    if para.kind == "code":
        lines = [line.rstrip() for line in para.items[:MAX_CODE_LINES]] or [para.display_text]
        drawing = CodeCard(lines, scene.theme)
    elif para.kind == "quote":
        stage = scene.stage
        mark = icon("format-quote-open", color=scene.theme.accent, height=0.18 * stage.height)
        words = paragraph(para.display_text, scene.theme, stage.inset(0.08 * stage.width, 0.25 * stage.height), size="headline")
        drawing = VGroup(mark, words).arrange(DOWN, buff=0.2 * scene.theme.scale)
    else:
        return False
    room = scene.stage.inset(0.04 * scene.stage.width, 0.04 * scene.stage.height)
    room.fit(drawing, fill=0.92 if para.kind == "quote" else 0.6, grow=para.kind == "code")
    with scene.sentence(0) as s:
        scene.play(FadeIn(drawing, shift=DOWN * 0.1), run_time=max(0.2, min(0.8, 0.5 * s.remaining)))
    return True


__all__ = ["DRAWN_KINDS", "describe", "list_plan", "make_prop", "narrate_kind", "narrate_props", "props", "show_names", "shown_matches"]
