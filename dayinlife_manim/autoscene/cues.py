"""What a script asks of AutoScene in so many words: the hook kept apart from the rest.

* ``[show NAME]`` (``Cue.shows`` in the manifest): the icon NAME enters when
  the word after the directive is said (an icon card, as AutoScene's own icons).
* a Markdown list (``ParagraphAudio.kind == "list"``): a checklist, one row per
  item, ticked as it is said.
* a Markdown section (``ParagraphAudio.section``): the headline above the stage.
"""

from __future__ import annotations

import functools

from ..manifest import ParagraphAudio
from ..visuals.icons import has_icon, icon_names, normalize
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


__all__ = ["list_plan", "show_names", "shown_matches"]
