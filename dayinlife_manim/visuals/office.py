"""Work: cards, code editors, a laptop, video meetings and checklists."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Create,
    Dot,
    FadeIn,
    GrowFromCenter,
    LaggedStart,
    Line,
    Mobject,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Succession,
    Text,
    VGroup,
    rate_functions,
)

from ._draw import _box
from .charts import Tween
from .icons import icon
from .text import text
from .theme import DEFAULT_THEME, Region, Theme

__all__ = ['Card', 'CodeCard', 'CodeLaptop', 'MeetingGrid', 'Checklist']


MONO_FONT = "DejaVu Sans Mono"


class Card(VGroup):
    """A rounded panel with an optional label along its bottom and a slot for content.

    ``content`` (an icon name or a mobject) is fitted into the slot and kept as
    ``card.content``; :meth:`place` fits any other mobject into the slot later
    (so a scene can show the empty card first and bring things in on cue).

    Example: ``Card(icon("coffee"), label="coffee")``
    """

    def __init__(self, content: str | Mobject | None = None, label: str | None = None, theme: Theme = DEFAULT_THEME, color: str | None = None, width: float = 2.4, height: float | None = None) -> None:
        super().__init__()
        height = height or width
        self.panel = RoundedRectangle(corner_radius=0.1 * min(width, height), width=width, height=height, fill_color=theme.panel, fill_opacity=1, stroke_color=theme.dim, stroke_width=2)
        self.panel.set_z_index(-1)  # always behind whatever is placed on the card
        self.add(self.panel)
        pad = 0.1 * min(width, height)
        bottom = self.panel.get_bottom()[1] + pad
        self.label = None
        if label:
            self.label = text(label, theme, "label", theme.upcoming)
            if self.label.width > width - 2 * pad:
                self.label.scale_to_fit_width(width - 2 * pad)
            self.label.move_to(self.panel.get_bottom() + UP * (pad + self.label.height / 2))
            bottom = self.label.get_top()[1] + pad / 2
            self.add(self.label)
        left, right, top = self.panel.get_left()[0] + pad, self.panel.get_right()[0] - pad, self.panel.get_top()[1] - pad
        self.slot = Rectangle(width=right - left, height=top - bottom, stroke_opacity=0, fill_opacity=0).move_to([(left + right) / 2, (bottom + top) / 2, 0])
        self.add(self.slot)
        self.content = None
        if content is not None:
            self.content = icon(content, color or theme.text) if isinstance(content, str) else content
            self.add(self.place(self.content))

    def place(self, mob: Mobject, fill: float = 0.9) -> Mobject:
        """Scale ``mob`` to fill ``fill`` of the slot (up or down) and center it there."""
        region = Region(self.slot.get_left()[0], self.slot.get_right()[0], self.slot.get_bottom()[1], self.slot.get_top()[1])
        return region.fit(mob, fill=fill, grow=True)


class CodeCard(VGroup):
    """A little editor window with code lines in a monospace font.

    Lines starting with ``#`` are comments: hidden at first, typed in by
    :meth:`type_comments`.  Leading spaces indent a line.

    Example: ``CodeCard(["model = fit(data)", "score = test(model)"]).type_comments()``
    """

    def __init__(self, lines: Sequence[str], theme: Theme = DEFAULT_THEME, size: str = "label") -> None:
        super().__init__()
        font_size = theme.size(size) * 0.85
        advance = Text("xx", font=MONO_FONT, font_size=font_size).width - Text("x", font=MONO_FONT, font_size=font_size).width
        self.rows = VGroup()
        self.comments = VGroup()
        for line in lines:
            body = line.lstrip(" ")
            is_comment = body.startswith("#")
            row = Text(body or " ", font=MONO_FONT, font_size=font_size, color=theme.color(3) if is_comment else theme.text)
            row.indent = (len(line) - len(body)) * advance
            self.rows.add(row)
            if is_comment:
                self.comments.add(row)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        for row in self.rows:
            row.shift(RIGHT * row.indent)
        self.panel = RoundedRectangle(corner_radius=0.18, width=self.rows.width + 0.8, height=self.rows.height + 1.0, fill_color=theme.panel, fill_opacity=1, stroke_color=theme.dim, stroke_width=2)
        self.rows.move_to(self.panel).shift(DOWN * 0.18)
        self.rows.align_to(self.panel.get_left() + RIGHT * 0.4, LEFT)
        self.buttons = VGroup(*(Dot(radius=0.07, color=theme.color(i)) for i in (4, 1, 3))).arrange(RIGHT, buff=0.12)
        self.buttons.move_to(self.panel.get_corner(UP + LEFT) + np.array([0.45, -0.25, 0]))
        self.add(self.panel, self.buttons, self.rows)
        self._letters = [letter for row in self.comments for letter in row]
        self.typed = 0.0
        self._reveal(0)

    def _reveal(self, n: float) -> "CodeCard":
        self.typed = n
        for k, letter in enumerate(self._letters):
            letter.set_fill(opacity=1.0 if k < n else 0.0)
        return self

    def type_comments(self, **kwargs) -> Animation:
        """Type every comment line in, letter by letter."""
        kwargs.setdefault("rate_func", rate_functions.linear)
        return Tween(self, lambda: self.typed, self._reveal, len(self._letters) + 0.5, **kwargs)


class CodeLaptop(VGroup):
    """A laptop drawn with shapes, its ``screen`` full of colourful ``code`` lines; ``type_code()`` types them.

    ``body`` is the screen and base without the code: bring it in first, then type.

    Example: ``CodeLaptop().type_code()``
    """

    def __init__(self, width: float = 3.6, theme: Theme = DEFAULT_THEME, lines: int = 6):
        super().__init__()
        screen_h = width * 0.6
        self.screen = _box(width, screen_h, theme.panel, radius=0.04 * width, stroke_color=theme.text, stroke_width=5)
        self.base = Polygon([-0.6 * width, 0, 0], [0.6 * width, 0, 0], [0.52 * width, 0.06 * width, 0], [-0.52 * width, 0.06 * width, 0],
                            fill_color=theme.text, fill_opacity=1.0, stroke_width=0)
        self.base.next_to(self.screen, DOWN, buff=0.02)
        pattern = [(0, 0.55), (1, 0.4), (1, 0.62), (2, 0.3), (1, 0.45), (0, 0.25), (1, 0.5), (2, 0.38)]
        left, top = self.screen.get_left()[0], self.screen.get_top()[1]
        self.code = VGroup()
        for k in range(lines):
            indent, length = pattern[k % len(pattern)]
            x = left + width * (0.08 + 0.07 * indent)
            y = top - screen_h * (0.12 + 0.8 * k / lines)
            self.code.add(Line([x, y, 0], [x + 0.85 * width * length, y, 0], color=theme.color(k), stroke_width=max(3.0, 10 * width / 3.6)))
        self.body = VGroup(self.screen, self.base)
        self.add(self.body, self.code)

    def type_code(self, **kwargs) -> Animation:
        """Code lines appear one after another, each drawn left to right."""
        return LaggedStart(*(Create(line) for line in self.code), lag_ratio=0.6, **kwargs)


class MeetingGrid(VGroup):
    """Video-call tiles with a person each (``tiles[i].person``); ``speak(i)`` lights the speaker's frame.

    Example: ``MeetingGrid(rows=2, cols=3).speak(4)``
    """

    def __init__(self, rows: int = 2, cols: int = 3, width: float = 5.0, theme: Theme = DEFAULT_THEME, people: int | None = None):
        super().__init__()
        self.theme = theme
        tile_w = width / cols
        tile_h = tile_w * 0.62
        self.tiles = VGroup()
        for k in range(people or rows * cols):
            r, c = divmod(k, cols)
            screen = _box(tile_w * 0.92, tile_h * 0.9, theme.panel, radius=0.08 * tile_w)
            person = icon("account", color=theme.color(k), height=tile_h * 0.62).move_to(screen).shift(DOWN * tile_h * 0.05)
            name = _box(tile_w * 0.28, tile_h * 0.08, theme.dim, radius=tile_h * 0.04)
            name.move_to(screen.get_corner(DOWN + LEFT) + np.array([tile_w * 0.2, tile_h * 0.1, 0]))
            # The frame is an unfilled shape on top, so lighting it never hides the person.
            frame = screen.copy().set_fill(opacity=0).set_stroke(theme.dim, width=2)
            tile = VGroup(screen, person, name, frame)
            tile.frame, tile.person = frame, person
            self.tiles.add(tile.move_to([(c + 0.5) * tile_w, -(r + 0.5) * tile_h, 0]))
        self.add(self.tiles)
        self.center()

    def speak(self, i: int, **kwargs) -> Animation:
        """Tile ``i`` gets the accent frame (the speaker); the others go back to dim."""
        anims = []
        for k, tile in enumerate(self.tiles):
            color, width = (self.theme.accent, 5) if k == i else (self.theme.dim, 2)
            anims.append(tile.frame.animate.set_stroke(color=color, width=width))
        return AnimationGroup(*anims, **kwargs)


class Checklist(VGroup):
    """Rows of box + label; ``reveal(i)`` slides row ``i`` in, ``check(i)`` pops its mark into the box.

    ``marks`` names an icon per row (default: a check mark), e.g. ``"lock"`` for
    "closed" or ``"plus-thick"`` for "can be done"; ``colors`` colours them.

    Example: ``Checklist(["coffee", "code", "meetings"]).reveal_checked(0)``
    """

    def __init__(self, labels, theme: Theme = DEFAULT_THEME, marks=None, size: str = "label", colors=None):
        super().__init__()
        marks = marks or ["check-bold"] * len(labels)
        colors = colors or [theme.color(3)] * len(labels)
        side = text("Ag", theme, size).height * 1.25  # one box size, whatever the letters
        self.rows, self.marks = VGroup(), VGroup()
        for label, mark, color in zip(labels, marks, colors):
            box = RoundedRectangle(width=side, height=side, corner_radius=side * 0.2, stroke_color=theme.text, stroke_width=3)
            words = text(label, theme, size).next_to(box, RIGHT, buff=side * 0.45)
            row = VGroup(box, words)
            row.box, row.label = box, words
            self.rows.add(row)
            self.marks.add(icon(mark, color=color, height=side * 0.8))
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=side * 0.45)
        for row, mark in zip(self.rows, self.marks):
            mark.move_to(row.box)
        self.add(self.rows, self.marks)

    def reveal(self, i: int, **kwargs) -> Animation:
        return FadeIn(self.rows[i], shift=RIGHT * 0.4, **kwargs)

    def check(self, i: int, **kwargs) -> Animation:
        return GrowFromCenter(self.marks[i], rate_func=rate_functions.ease_out_back, **kwargs)

    def reveal_checked(self, i: int, **kwargs) -> Animation:
        """Row ``i`` slides in, then its mark pops."""
        return Succession(self.reveal(i, run_time=0.5), self.check(i, run_time=0.4), **kwargs)
