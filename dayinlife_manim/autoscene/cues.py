"""What a script asks of AutoScene in so many words: the hook kept apart from the rest.

* ``[show NAME]`` (``Cue.shows`` in the manifest): the icon NAME enters when
  the word after the directive is said (an icon card, as AutoScene's own icons).
* a Markdown list (``ParagraphAudio.kind == "list"``): a checklist, one row per
  item, ticked as it is said.
* a Markdown section (``ParagraphAudio.section``): the headline above the stage.
* a Markdown code block (``kind == "code"``, shown, not read): a code card.
* a Markdown quote (``kind == "quote"``): the words, large, under a quote mark.
"""

from __future__ import annotations

import functools

from manim import DOWN, FadeIn, VGroup

from ..manifest import ParagraphAudio
from ..visuals.icons import has_icon, icon, icon_names, normalize
from ..visuals.office import CodeCard
from ..visuals.text import paragraph
from .builtin import ChecklistBeat
from .keywords import IconMatch
from .plan import Plan

#: Most rows a list's checklist shows.
MAX_ROWS = 5


@functools.lru_cache(maxsize=1)
def show_names() -> frozenset[str]:
    """Every name ``[show NAME]`` accepts: the icon pack's names."""
    return frozenset(icon_names())


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
            if not has_icon(name) or not cue.words:
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
    room.fit(drawing, fill=0.92 if para.kind == "quote" else min(0.8, 0.25 + 0.08 * len(drawing.submobjects)), grow=para.kind == "code")
    with scene.sentence(0) as s:
        scene.play(FadeIn(drawing, shift=DOWN * 0.1), run_time=max(0.2, min(0.8, 0.5 * s.remaining)))
    return True


__all__ = ["DRAWN_KINDS", "list_plan", "narrate_kind", "show_names", "shown_matches"]
