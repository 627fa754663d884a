"""Home and hobbies: curtains, a shower, a pill bottle, a cookie jar, a vertical mushroom farm."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Circle,
    FadeIn,
    GrowFromEdge,
    LaggedStart,
    Line,
    Polygon,
    Succession,
    VGroup,
    rate_functions,
)

from ._draw import INK, _box, _label, _sprout
from .icons import icon
from .theme import DEFAULT_THEME, Region, Theme

__all__ = ['Curtains', 'Shower', 'PillBottle', 'CookieJar', 'VerticalFarm']


COOKIE = "#d9a066"


ANGRY_RED = "#c1121f"


class Curtains(VGroup):
    """Two theatre curtains covering ``region``; ``open()`` bunches them up at the sides.

    Example: ``Curtains(Region(-3, 3, -2, 2)).open()``
    """

    def __init__(self, region: Region, theme: Theme = DEFAULT_THEME, color: str = "#9d2235"):
        super().__init__()
        half, h = region.width / 2, region.height
        self.halves = VGroup()
        for k in range(2):
            cloth = _box(half, h, color)
            folds = VGroup(
                *(Line(UP * h / 2, DOWN * h / 2, color=INK, stroke_width=3, stroke_opacity=0.35).shift(RIGHT * (i - 2) * half / 5)
                  for i in range(5))
            )
            hem = Line(LEFT * half / 2, RIGHT * half / 2, color=theme.accent, stroke_width=5).shift(DOWN * h / 2)
            self.halves.add(VGroup(cloth, folds, hem).move_to(region.point(0.25 + 0.5 * k, 0.5)))
        self.add(self.halves)

    def open(self, keep: float = 0.1, **kwargs) -> Animation:
        """Pull both halves to the sides, leaving ``keep`` of each as drapes (still inside the region)."""
        left, right = self.halves
        return AnimationGroup(
            left.animate.stretch(keep, 0, about_edge=LEFT),
            right.animate.stretch(keep, 0, about_edge=RIGHT),
            rate_func=rate_functions.ease_in_out_cubic,
            **kwargs,
        )


class Shower(VGroup):
    """A shower head (``head``) over ``fall`` units of falling ``drops``.

    ``start()`` sets the drops falling (an updater on ``drops``) and ``stop()``
    removes it: call ``stop()`` before the scene ends.

    Example: ``Shower(height=1.2, fall=2.5)``
    """

    def __init__(self, height: float = 1.2, fall: float = 2.5, theme: Theme = DEFAULT_THEME, drops: int = 12):
        super().__init__()
        self.head = icon("shower-head", color=theme.text, height=height)
        self.fall = fall
        self._head_height = height
        top = self.head.get_bottom()[1] - 0.05
        spread = self.head.width * 0.7
        rng = np.random.default_rng(7)  # the same rain in every render
        xs = rng.permutation(np.linspace(-spread / 2, spread / 2, drops))
        self.drops = VGroup()
        for k in range(drops):
            y = top - fall * (k + rng.uniform(0.2, 0.8)) / drops
            self.drops.add(icon("water", color=theme.color(6), height=0.13 * height).move_to([xs[k], y, 0]))
        self.add(self.head, self.drops)

    def start(self, speed: float = 3.0) -> "Shower":
        """Set the drops falling at ``speed`` units a second (scaled with the gadget)."""

        def fall(drops, dt):
            scale = self.head.height / self._head_height
            top, length = self.head.get_bottom()[1], self.fall * scale
            for drop in drops:
                drop.shift(DOWN * speed * scale * dt)
                if drop.get_y() < top - length:
                    drop.shift(UP * length)

        self.drops.add_updater(fall)
        return self

    def stop(self) -> "Shower":
        self.drops.clear_updaters()
        return self


class PillBottle(VGroup):
    """A medicine bottle with a big ``label``, for side-effect jokes.

    Example: ``PillBottle("side effects")``
    """

    def __init__(self, label: str, theme: Theme = DEFAULT_THEME, height: float = 2.5):
        super().__init__()
        w = height * 0.62
        self.body = _box(w, height * 0.78, theme.color(2), radius=0.1 * w, opacity=0.9)
        self.cap = _box(w * 1.06, height * 0.2, theme.text, radius=0.06 * w).next_to(self.body, UP, buff=height * 0.02)
        paper = _box(w * 0.96, height * 0.36, theme.text).move_to(self.body)
        self.label = VGroup(paper, _label(label, theme, INK, paper, fill=0.85))
        self.add(self.body, self.cap, self.label)


class CookieJar(VGroup):
    """A glass jar of ``cookies`` with a ``tag`` and a ``lid``; ``open()`` pops the lid, ``cookies_jump()`` empties it.

    Example: ``CookieJar("ANGRY").open()``
    """

    def __init__(self, label: str = "ANGRY", height: float = 2.8, theme: Theme = DEFAULT_THEME, cookies: int = 4):
        super().__init__()
        w, glass_h = height * 0.72, height * 0.78
        glass_color = theme.color(0)
        self.glass = _box(w, glass_h, glass_color, radius=0.16 * w, opacity=0.15, stroke_color=glass_color, stroke_width=4)
        neck = _box(w * 0.8, height * 0.07, glass_color, radius=0.02 * w, opacity=0.35, stroke_color=glass_color, stroke_width=3)
        self.glass.add(neck.next_to(self.glass, UP, buff=-0.02))
        lid = _box(w * 0.9, height * 0.11, theme.color(4), radius=0.04 * w).next_to(neck, UP, buff=0)
        knob = Circle(radius=height * 0.045, fill_color=theme.color(4), fill_opacity=1.0, stroke_width=0).next_to(lid, UP, buff=-0.02)
        self.lid = VGroup(lid, knob)
        spots = [(-0.22, -0.3), (0.2, -0.26), (0.0, -0.02), (-0.2, 0.2), (0.22, 0.18)]
        self.cookies = VGroup()
        for k in range(cookies):
            x, y = spots[k % len(spots)]
            cookie = icon("cookie", color=COOKIE, height=height * 0.26).rotate(0.4 * k)
            self.cookies.add(cookie.move_to(self.glass.get_center() + np.array([x * w, y * glass_h, 0])))
        tag = _box(w * 0.78, height * 0.17, theme.text, radius=0.03 * w).move_to(self.glass.get_center() + DOWN * height * 0.08)
        self.tag = VGroup(tag, _label(label, theme, ANGRY_RED, tag, weight="BOLD"))
        self.add(self.cookies, self.glass, self.tag, self.lid)

    def open(self, **kwargs) -> Animation:
        """The lid pops up and tips over to the right."""
        h, w = self.glass.height, self.glass.width
        return self.lid.animate(rate_func=rate_functions.ease_out_back, **kwargs).shift(UP * 0.1 * h + RIGHT * 0.55 * w).rotate(-0.7)

    def cookies_jump(self, targets, **kwargs) -> Animation:
        """Cookies leap out of the jar, in arcs, to ``targets`` (points), one after another."""
        jumps = [c.animate(path_arc=-1.8).move_to(t).rotate(1.5) for c, t in zip(self.cookies, targets)]
        return LaggedStart(*jumps, lag_ratio=0.25, **kwargs)


class VerticalFarm(VGroup):
    """A tower of shelves with mushrooms on every shelf: the billion-dollar idea.

    Parts: ``posts``, ``shelves`` (bottom first), ``lights`` (grow lights under
    the shelves), ``roof``, all in ``frame``; ``shelves_of_mushrooms`` (one
    ``VGroup`` per shelf, bottom first) and ``mushrooms`` (all of them).

    Example: ``VerticalFarm(rows=4, cols=3).build()``
    """

    def __init__(self, rows: int = 4, cols: int = 3, height: float = 3.0, theme: Theme = DEFAULT_THEME):
        super().__init__()
        gap = height / (rows + 0.7)
        width = cols * gap * 0.95 + 0.3 * gap
        left, right, bottom = -width / 2, width / 2, -height / 2
        top = bottom + rows * gap
        stroke = max(2.0, height)

        def level(r: int, inset: float = 0.0, drop: float = 0.0):
            y = bottom + r * gap - drop * gap
            return [left + inset * gap, y, 0], [right - inset * gap, y, 0]

        self.posts = VGroup(*(Line([x, bottom, 0], [x, top, 0], color=theme.dim, stroke_width=1.6 * stroke) for x in (left, right)))
        self.shelves = VGroup(*(Line(*level(r), color=theme.text, stroke_width=stroke) for r in range(rows + 1)))
        self.lights = VGroup(
            *(Line(*level(r, 0.15, 0.06), color=theme.color(5), stroke_width=0.9 * stroke, stroke_opacity=0.8) for r in range(1, rows + 1))
        )
        eave = 0.12 * gap
        self.roof = Polygon([left - eave, top, 0], [0, top + 0.65 * gap, 0], [right + eave, top, 0],
                            fill_color=theme.color(3), fill_opacity=1.0, stroke_width=0)
        self.frame = VGroup(self.posts, self.shelves, self.lights, self.roof)
        caps = (theme.color(4), theme.accent, theme.color(2))
        self.shelves_of_mushrooms = []
        for r in range(rows):
            row = VGroup()
            for c in range(cols):
                spot = [left + (c + 0.5) * width / cols, bottom + (r + 0.03) * gap, 0]
                row.add(icon("mushroom", color=caps[(r + c) % len(caps)], height=0.72 * gap).move_to(spot, aligned_edge=DOWN))
            self.shelves_of_mushrooms.append(row)
        self.mushrooms = VGroup(*self.shelves_of_mushrooms)
        self.add(self.frame, self.mushrooms)

    def build(self, **kwargs) -> Animation:
        """Posts rise, shelves slide in bottom-up, the lights come on and the roof lands."""
        return Succession(
            AnimationGroup(*(GrowFromEdge(p, DOWN) for p in self.posts)),
            LaggedStart(*(GrowFromEdge(s, LEFT) for s in self.shelves), FadeIn(self.lights), lag_ratio=0.25),
            FadeIn(self.roof, shift=DOWN * 0.3),
            **kwargs,
        )

    def grow(self, lag: float = 0.35, **kwargs) -> Animation:
        """Mushrooms pop up shelf by shelf, bottom shelf first."""
        rows = [LaggedStart(*(_sprout(m) for m in row), lag_ratio=0.2) for row in self.shelves_of_mushrooms]
        return LaggedStart(*rows, lag_ratio=lag, **kwargs)
