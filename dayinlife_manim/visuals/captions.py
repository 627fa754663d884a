"""The on-screen caption block: the paragraph's text, in sync with the voice.

The sentence being spoken is bright, the ones already spoken are dimmed and
the ones to come are muted.  Text wraps to the caption region (between
words, or between characters in Chinese and Japanese; right-to-left lines are
set flush right); a paragraph too
long for it pages through its sentences (a sentence longer than a page is cut
into page-sized chunks whose times split its cue by length) instead of
shrinking the text below a readable size.  Text is shown literally: ``<b>``,
``&`` and ``{}`` are characters, not markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Sequence

from manim import LEFT, RIGHT, VGroup

from ..manifest import Cue
from ..writing import is_rtl
from .text import SAFETY, measurer, metrics, text, wrap
from .theme import Region, Theme

@dataclass(frozen=True)
class Chunk:
    """A piece of the caption shown and highlighted as a unit."""

    sentence: int
    lines: tuple[str, ...]
    start: float
    end: float


def plan_chunks(
    cues: Sequence[Cue], width: float, lines_per_page: int, measure: Callable[[str], float] = len
) -> list[Chunk]:
    """Wrap every cue's text to ``width`` (as ``measure`` measures) and cut
    sentences longer than a page into chunks."""
    chunks = []
    for i, cue in enumerate(cues):
        lines = wrap(cue.text, width, measure) or [""]
        groups = [lines[k : k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
        total = sum(len(" ".join(g)) for g in groups) or 1
        t = cue.start
        for g in groups:
            share = (cue.end - cue.start) * len(" ".join(g)) / total
            chunks.append(Chunk(i, tuple(g), t, t + share))
            t += share
    return chunks


def plan_pages(chunks: Sequence[Chunk], lines_per_page: int) -> list[list[int]]:
    """Greedily pack chunks (whole) onto pages of at most ``lines_per_page`` lines."""
    pages: list[list[int]] = []
    used = lines_per_page
    for i, chunk in enumerate(chunks):
        if used + len(chunk.lines) > lines_per_page:
            pages.append([])
            used = 0
        pages[-1].append(i)
        used += len(chunk.lines)
    return pages


class CaptionBlock:
    """Plans and draws the caption pages of one paragraph inside ``region``."""

    def __init__(self, cues: Sequence[Cue], region: Region, theme: Theme, size: str = "caption") -> None:
        self.theme, self.region, self.size = theme, region, size
        self.line_height = metrics(theme.font_stack, theme.size(size))[1]
        self.lines_per_page = max(1, int(region.height / self.line_height))
        measure = measurer(theme.font_stack, theme.size(size))
        self.chunks = plan_chunks(cues, SAFETY * region.width, self.lines_per_page, measure)
        self.pages = plan_pages(self.chunks, self.lines_per_page)
        self._starts = [c.start for c in self.chunks]
        self._page_of = {c: p for p, members in enumerate(self.pages) for c in members}
        self._drawn: dict[int, VGroup] = {}
        self._lines: dict[int, VGroup] = {}

    def chunk_at(self, t: float) -> int:
        """Index of the chunk being spoken at time ``t`` (the last one started)."""
        return max(0, bisect.bisect_right(self._starts, t + 1e-9) - 1)

    def page_of(self, chunk: int) -> int:
        return self._page_of[chunk]

    def page(self, index: int) -> VGroup:
        """The drawn page ``index``: one VGroup of lines per chunk, top-left aligned."""
        if index not in self._drawn:
            groups = []
            for c in self.pages[index]:
                lines = VGroup(*(text(line, self.theme, self.size) for line in self.chunks[c].lines))
                for line in lines:
                    if line.width > self.region.width:  # a very wide glyph run
                        line.scale_to_fit_width(self.region.width)
                self._lines[c] = lines
                groups.append(lines)
            all_lines = [line for g in groups for line in g]
            rtl = [is_rtl(line) for c in self.pages[index] for line in self.chunks[c].lines]
            for k, line in enumerate(all_lines):
                if rtl[k]:  # right-to-left lines are set flush right
                    line.align_to(self.region.point(1, 1), RIGHT)
                else:
                    line.align_to(self.region.point(0, 1), LEFT)
                line.set_y(self.region.top - (k + 0.5) * self.line_height)
            self._drawn[index] = VGroup(*groups)
        return self._drawn[index]

    def highlight(self, chunk: int) -> VGroup:
        """Colour the page of ``chunk`` for that moment; return the page."""
        page = self.page(self.page_of(chunk))
        for c in self.pages[self.page_of(chunk)]:
            color = self.theme.text if c == chunk else self.theme.dim if c < chunk else self.theme.upcoming
            self._lines[c].set_color(color)
        return page


__all__ = ["CaptionBlock", "Chunk", "plan_chunks", "plan_pages"]
