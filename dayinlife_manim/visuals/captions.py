"""The on-screen caption block: the paragraph's text, in sync with the voice.

The sentence being spoken is bright, the ones already spoken are dimmed and
the ones to come are muted.  In ``"words"`` mode (karaoke) the sentence being
spoken fills in word by word: the word being said in the accent colour, the
words already said bright, the rest muted.  Text wraps to the caption region
(between words, or between characters in Chinese and Japanese; right-to-left
lines are set flush right); a paragraph too
long for it pages through its sentences (a sentence longer than a page is cut
into page-sized chunks whose times split its cue by length) instead of
shrinking the text below a readable size.  Text is shown literally: ``<b>``,
``&`` and ``{}`` are characters, not markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Sequence

from manim import LEFT, RIGHT, VGroup, VMobject, config

from ..manifest import CAPTION_MODES, Cue
from ..text.wordtiming import piece_starts, word_of_char
from ..text.writing import is_rtl
from .text import SAFETY, measurer, metrics, text, wrap
from .theme import Region, Theme

#: Caption highlight modes: follow the spoken word, or only the spoken sentence.
#: The caption modes (``NarratedScene.caption_mode``): the manifest's style block takes the same.
MODES = CAPTION_MODES


@dataclass(frozen=True)
class Chunk:
    """A piece of the caption shown and highlighted as a unit."""

    sentence: int
    lines: tuple[str, ...]
    start: float
    end: float
    first_char: int = 0  # index of its first non-space character in the sentence's text


def plan_chunks(
    cues: Sequence[Cue], width: float, lines_per_page: int, measure: Callable[[str], float] = len
) -> list[Chunk]:
    """Wrap every cue's text to ``width`` (as ``measure`` measures) and cut
    sentences longer than a page into chunks.  A chunk starts when its first
    word is said (by the word cues; by its share of the text without them)."""
    chunks = []
    for i, cue in enumerate(cues):
        lines = wrap(cue.text, width, measure) or [""]
        groups = [lines[k : k + lines_per_page] for k in range(0, len(lines), lines_per_page)]
        starts = piece_starts(cue.start, cue.end, cue.words, [" ".join(g) for g in groups])
        first_char = 0
        for k, g in enumerate(groups):
            end = starts[k + 1] if k + 1 < len(starts) else cue.end
            chunks.append(Chunk(i, tuple(g), starts[k], end, first_char))
            first_char += sum(len(line.replace(" ", "")) for line in g)
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


#: How the emphasis a script marks (``Cue.spans``: Markdown's ``**``, ``*`` and backticks) is drawn.
MONO_FONT = "DejaVu Sans Mono"


def emphasis(cue: Cue, first_char: int, lines: Sequence[str]) -> list[dict]:
    """For each of ``lines`` (consecutive lines of ``cue``'s text from its non-space
    character ``first_char``), the ``Text`` keywords that set its emphasised
    stretches bold, italic or monospace; ``{}`` for a line with none."""
    spans = getattr(cue, "spans", ())
    if not spans:
        return [{} for _ in lines]
    offsets = [i for i, ch in enumerate(cue.text) if ch != " "]  # sentence offset of each non-space character
    k = first_char
    out = []
    for line in lines:
        styled: dict[str, dict[str, object]] = {"t2w": {}, "t2s": {}, "t2f": {}}
        runs: list[list] = []  # [start, end, style] in the line
        for i, ch in enumerate(line):
            if ch == " ":
                continue
            at = offsets[k] if k < len(offsets) else -1
            k += 1
            for a, b, style in spans:
                if a <= at < b:
                    if runs and runs[-1][2] == style and runs[-1][1] >= i - 1:
                        runs[-1][1] = i + 1
                    else:
                        runs.append([i, i + 1, style])
        for a, b, style in runs:
            key = f"[{a}:{b}]"
            if style == "strong":
                styled["t2w"][key] = "BOLD"
            elif style == "em":
                styled["t2s"][key] = "ITALIC"
            elif style == "code":
                styled["t2f"][key] = MONO_FONT
        out.append({name: value for name, value in styled.items() if value})
    return out


class CaptionBlock:
    """Plans and draws the caption pages of one paragraph inside ``region``.

    ``mode`` is ``"words"`` (the spoken word is highlighted within its line)
    or ``"sentence"`` (the spoken sentence is).
    """

    def __init__(
        self, cues: Sequence[Cue], region: Region, theme: Theme, size: str = "caption", mode: str = "words"
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"caption mode {mode!r}: choose one of {', '.join(MODES)}")
        self.theme, self.region, self.size, self.cues = theme, region, size, tuple(cues)
        self.mode = mode if any(c.words for c in self.cues) else "sentence"
        self.line_height = metrics(theme.font_stack, theme.size(size))[1]
        self.lines_per_page = max(1, int(region.height / self.line_height))
        measure = self._measure = measurer(theme.font_stack, theme.size(size))
        self.chunks = plan_chunks(cues, SAFETY * region.width, self.lines_per_page, measure)
        self.pages = plan_pages(self.chunks, self.lines_per_page)
        self._starts = [c.start for c in self.chunks]
        self._page_of = {c: p for p, members in enumerate(self.pages) for c in members}
        self._owners = [word_of_char(c.words) for c in self.cues]
        self._drawn: dict[int, VGroup] = {}
        self._lines: dict[int, VGroup] = {}
        self._glyph_owner_cache: dict[int, list[list[int]]] = {}
        self._shown: dict[int, list[list[str]]] = {}  # the colour each glyph was last given

    def chunk_at(self, t: float) -> int:
        """Index of the chunk being spoken at time ``t`` (the last one started)."""
        return max(0, bisect.bisect_right(self._starts, t + 1e-9) - 1)

    def word_at(self, chunk: int, t: float) -> int:
        """Index (in its sentence) of the word being said at ``t`` in ``chunk``'s sentence; -1 before the first."""
        words = self.cues[self.chunks[chunk].sentence].words
        return bisect.bisect_right([w.start for w in words], t + 1e-9) - 1

    def switch_times(self) -> list[float]:
        """Every time the highlight changes: chunk starts, and word starts in ``"words"`` mode."""
        times = list(self._starts)
        if self.mode == "words":
            times += [w.start for c in self.cues for w in c.words]
        return sorted(set(times))

    def page_of(self, chunk: int) -> int:
        return self._page_of[chunk]

    def page(self, index: int) -> VGroup:
        """The drawn page ``index``: one VGroup of lines per chunk, top-left aligned."""
        if index not in self._drawn:
            groups = []
            for c in self.pages[index]:
                chunk = self.chunks[c]
                styles = emphasis(self.cues[chunk.sentence], chunk.first_char, chunk.lines)
                lines = VGroup(*(text(line, self.theme, self.size, **style) for line, style in zip(chunk.lines, styles)))
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
            self._drawn[index].layout_role = "caption"  # for the layout check (render/layoutcheck.py)
        return self._drawn[index]

    def highlight(self, chunk: int, t: float | None = None) -> VGroup:
        """Colour the page of ``chunk`` for that moment (``t``: the time, for the
        word highlight); return the page.

        Only glyphs whose colour changes are recoloured: a word switch touches
        two words, not the page (recolouring is most of what karaoke costs).
        """
        page = self.page(self.page_of(chunk))
        for c, colors in self.page_colors(chunk, t).items():
            self._recolor(c, colors)
        return page

    def page_colors(self, chunk: int, t: float | None = None) -> dict[int, list[list[str]]]:
        """The colour of every glyph of ``chunk``'s page at that moment: per chunk, per line, per glyph."""
        self.page(self.page_of(chunk))
        words = self.mode == "words" and t is not None
        current = self.word_at(chunk, t) if words else -1
        colors = {}
        for c in self.pages[self.page_of(chunk)]:
            if words and c == chunk:
                colors[c] = [[self._word_color(k, current) for k in owners] for owners in self._glyph_words(c)]
            else:
                color = self.theme.text if c == chunk else self.theme.dim if c < chunk else self.theme.upcoming
                colors[c] = [[color] * len(line.submobjects) for line in self._lines[c]]
        return colors

    def live_glyphs(self, start: float, end: float) -> "LiveGlyphs | None":
        """What an animation from ``start`` to ``end`` must redraw for the word highlight to
        follow the voice (see :class:`LiveGlyphs`); None when nothing changes colour then."""
        shown = self.page_of(self.chunk_at(start))
        switches = [t for t in self.switch_times() if start < t < end and self.page_of(self.chunk_at(t)) == shown]
        if self.mode != "words" or not switches:
            return None
        before = self.page_colors(self.chunk_at(start), start)
        changing = set()
        for t in switches:
            for c, lines in self.page_colors(self.chunk_at(t), t).items():
                for i, line in enumerate(lines):
                    changing.update((c, i, g) for g, color in enumerate(line) if color != before[c][i][g])
        return LiveGlyphs(self, shown, start, sorted(changing)) if changing else None

    def _word_color(self, word: int, current: int) -> str:
        """Said, being said, to come."""
        return self.theme.accent if word == current else self.theme.text if word < current else self.theme.upcoming

    def _recolor(self, chunk: int, colors: list[list[str]]) -> None:
        """Give ``chunk``'s glyphs ``colors`` (per line, per glyph), touching only those that change."""
        shown = self._shown.get(chunk)
        for i, (line, want) in enumerate(zip(self._lines[chunk], colors)):
            have = shown[i] if shown is not None else [None] * len(want)
            glyphs = line.submobjects
            g = 0
            while g < len(want):
                if want[g] == have[g]:
                    g += 1
                    continue
                end = g + 1  # a run of glyphs that change to the same colour: one call
                while end < len(want) and want[end] == want[g] and want[end] != have[end]:
                    end += 1
                VGroup(*glyphs[g:end]).set_color(want[g])
                g = end
        self._shown[chunk] = colors

    def _glyph_words(self, chunk: int) -> list[list[int]]:
        """For each line of ``chunk``, the word (index in its sentence) of every glyph.

        Glyphs are matched to words by position: a word spans from the width of
        the text before it to the width of the text up to its end (measured
        like the wrapping measures, scaled to the drawn line), so ligatures,
        marks and shaped scripts need no one-to-one glyph count; right-to-left
        lines are measured from the right.
        """
        if chunk not in self._glyph_owner_cache:
            owners = self._owners[self.chunks[chunk].sentence]
            first = self.chunks[chunk].first_char
            result = []
            for line, content in zip(self._lines[chunk], self.chunks[chunk].lines):
                spans, k = [], first
                for i, ch in enumerate(content):
                    if ch != " " and k < len(owners):
                        spans.append((i, owners[k]))
                        k += 1
                first = k
                full = self._measure(content) or 1.0
                scale, rtl = line.width / full, is_rtl(content)
                edges = [(self._measure(content[:i]) * scale, self._measure(content[: i + 1]) * scale, w) for i, w in spans]
                origin = line.get_right()[0] if rtl else line.get_left()[0]
                glyph_words = []
                for glyph in line.submobjects:
                    x = abs(glyph.get_center()[0] - origin)
                    near = min(edges, key=lambda e: 0.0 if e[0] <= x <= e[1] else min(abs(x - e[0]), abs(x - e[1])))
                    glyph_words.append(near[2] if edges else 0)
                result.append(glyph_words)
            self._glyph_owner_cache[chunk] = result
        return self._glyph_owner_cache[chunk]


def _outline_copy(glyph: VMobject) -> VMobject:
    """A plain copy of a glyph's outline and style (``copy()`` would also deep-copy its SVG path data)."""
    copy = VMobject()
    copy.set_points(glyph.points.copy())
    return copy.match_style(glyph)


class LiveGlyphs(VGroup):
    """The caption glyphs that change colour during one animation, drawn apart from the page.

    While an animation plays, manim draws the still part of the picture once
    and redraws only what moves.  A caption page that follows the voice would
    be redrawn whole in every frame; instead, the glyphs that change colour
    during the animation are hidden on the page (which stays still) and drawn
    by this group of copies, which follows the voice.  :meth:`close` shows the
    page's glyphs again; the page is then coloured for the moment it ends.
    """

    def __init__(self, block: CaptionBlock, page: int, start: float, glyphs: list[tuple[int, int, int]]) -> None:
        originals = [block._lines[c][i].submobjects[g] for c, i, g in glyphs]
        super().__init__(*(_outline_copy(glyph) for glyph in originals))
        self._block, self._page, self._glyphs, self._originals = block, page, glyphs, originals
        self._opacity = [(g.get_fill_opacity(), g.get_stroke_opacity()) for g in originals]
        for glyph in originals:
            glyph.set_fill(opacity=0).set_stroke(opacity=0)
        self._time, self._key = start, None
        self.add_updater(self._follow)

    def _follow(self, _mob, dt: float) -> None:  # the animation's own clock (a renderer may skip frames)
        self._time += dt
        block = self._block
        t = self._time + 0.5 / config.frame_rate  # as waits switch: on the frame nearest the word's start
        chunk = block.chunk_at(t)
        key = (chunk, block.word_at(chunk, t))
        if key == self._key or block.page_of(chunk) != self._page:
            return  # a page turn waits for the animation to end
        self._key = key
        colors = block.page_colors(chunk, t)
        for copy, (c, i, g) in zip(self.submobjects, self._glyphs):
            copy.set_color(colors[c][i][g])

    def close(self) -> None:
        """Show the page's own glyphs again."""
        self.clear_updaters()
        for glyph, (fill, stroke) in zip(self._originals, self._opacity):
            glyph.set_fill(opacity=fill).set_stroke(opacity=stroke)


__all__ = ["MODES", "CaptionBlock", "Chunk", "LiveGlyphs", "plan_chunks", "plan_pages"]
