"""Comedy props for the second half of the day: farms, meetings, faces, jars, money.

Each gadget is a small ``VGroup`` drawn in the theme's colours and sized by its
constructor (``height=``/``width=``); the caller places it (``move_to``,
``Region.fit``).  Gadgets that move know their own verbs, each returning an
``Animation`` for ``Scene.play``::

    farm = stage.fit(VerticalFarm(rows=4, cols=3, height=3))
    self.play(farm.build())          # posts, shelves, roof
    self.play(farm.grow())           # mushrooms pop up, shelf by shelf

Parts that appear later (mushrooms, checklist rows, cookies) are built with
the gadget: play its entrance verb rather than ``self.add``-ing the whole
group first.  Verbs animate the whole gadget (or its top-most parts), so a
part never gets drawn over its neighbours while it moves.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Circle,
    Create,
    Dot,
    Ellipse,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    GrowFromPoint,
    LaggedStart,
    Line,
    ManimColor,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Succession,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    interpolate_color,
    rate_functions,
)

from .icons import icon
from .text import text
from .theme import DEFAULT_THEME, Region, Theme

__all__ = [
    "Checklist",
    "CodeLaptop",
    "CookieJar",
    "Counter",
    "Curtains",
    "Face",
    "FillBar",
    "FlipCalendar",
    "MeetingGrid",
    "PillBottle",
    "Shower",
    "Snore",
    "Sparkles",
    "ThoughtCloud",
    "VerticalFarm",
    "ring",
    "split",
]

#: Ink for outlines, pupils, brows and words on light paper.
INK = "#14161f"
COOKIE = "#d9a066"
ANGRY_RED = "#c1121f"


# -- helpers ---------------------------------------------------------------------


def split(region: Region, n: int, theme: Theme = DEFAULT_THEME) -> list[Region]:
    """``n`` side-by-side columns of ``region`` in a wide frame, ``n`` stacked rows (top first) in a tall one."""
    return region.rows(n) if theme.portrait else region.columns(n)


def ring(mobs, center, rx: float, ry: float | None = None, start: float = math.pi / 2):
    """Place ``mobs`` evenly on an ellipse around ``center``, the first at angle ``start``; returns ``mobs``."""
    ry = rx if ry is None else ry
    n = max(1, len(mobs))
    for k, mob in enumerate(mobs):
        a = start + 2 * math.pi * k / n
        mob.move_to(np.asarray(center) + np.array([rx * math.cos(a), ry * math.sin(a), 0.0]))
    return mobs


def _box(width: float, height: float, color, radius: float = 0.0, opacity: float = 1.0, **stroke) -> VMobject:
    """A filled (rounded) rectangle, no outline unless ``stroke_*`` is given."""
    stroke.setdefault("stroke_width", 0)
    if radius > 0:
        return RoundedRectangle(width=width, height=height, corner_radius=radius, fill_color=color, fill_opacity=opacity, **stroke)
    return Rectangle(width=width, height=height, fill_color=color, fill_opacity=opacity, **stroke)


def _label(words: str, theme: Theme, color, box: VMobject, fill: float = 0.8, **kwargs):
    """``words`` scaled to fit inside ``box`` and centred on it."""
    mob = text(words, theme, "label", color, **kwargs).scale_to_fit_width(box.width * fill)
    if mob.height > box.height * 0.7:
        mob.scale_to_fit_height(box.height * 0.7)
    return mob.move_to(box)


def _sprout(mob, **kwargs) -> Animation:
    """Grow up from the bottom with a springy overshoot."""
    return GrowFromPoint(mob, mob.get_bottom(), rate_func=rate_functions.ease_out_back, **kwargs)


# -- the farm -------------------------------------------------------------------


class VerticalFarm(VGroup):
    """A tower of shelves with mushrooms on every shelf: the billion-dollar idea.

    Parts: ``posts``, ``shelves`` (bottom first), ``lights`` (grow lights under
    the shelves), ``roof``, all in ``frame``; ``shelves_of_mushrooms`` (one
    ``VGroup`` per shelf, bottom first) and ``mushrooms`` (all of them).
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


# -- meetings ---------------------------------------------------------------------


class Curtains(VGroup):
    """Two theatre curtains covering ``region``; ``open()`` bunches them up at the sides."""

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


class MeetingGrid(VGroup):
    """Video-call tiles with a person each (``tiles[i].person``); ``speak(i)`` lights the speaker's frame."""

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


# -- faces ------------------------------------------------------------------------


def _lid_outline(rx: float, ry: float, openness: float, n: int = 24) -> list:
    """The eyelid: the part of an ``rx`` x ``ry`` ellipse above the lid's edge (1 open, 0 shut), closed."""
    y = min(ry * (2 * float(np.clip(openness, 0.0, 1.0)) - 1), 0.999 * ry)
    t0 = math.asin(y / ry)
    points = [np.array([rx * math.cos(a), ry * math.sin(a), 0.0]) for a in np.linspace(t0, math.pi - t0, n)]
    return points + points[:1]


class Face(VGroup):
    """A round emoji-like face to act with: ``head``, ``eyes``, ``lids``, ``brows``, ``mouth``.

    Verbs: ``doze(openness)`` lowers the eyelids (1 wide open, 0 asleep),
    ``wake()`` snaps them open, ``raise_brows()`` (surprise, interest),
    ``frown()`` (angry eyebrows and mouth), ``blush(color)`` (tints the face).
    """

    def __init__(self, height: float = 2.5, theme: Theme = DEFAULT_THEME, color: str | None = None):
        super().__init__()
        r = height / 2
        skin = color or theme.accent
        self._radius = r
        self._eye = (0.2 * r, 0.26 * r)  # eye half-width, half-height
        self.head = Circle(radius=r, fill_color=skin, fill_opacity=1.0, stroke_color=INK, stroke_width=3)
        self.eyes, self.lids, self.brows = VGroup(), VGroup(), VGroup()
        for side in (-1, 1):
            c = np.array([side * 0.36 * r, 0.12 * r, 0])
            white = Ellipse(width=2 * self._eye[0], height=2 * self._eye[1], fill_color="#ffffff", fill_opacity=1.0,
                            stroke_color=INK, stroke_width=3).move_to(c)
            pupil = Dot(c + DOWN * 0.04 * r, radius=0.1 * r, color=INK)
            shine = Dot(c + RIGHT * 0.04 * r, radius=0.035 * r, color="#ffffff")
            self.eyes.add(VGroup(white, pupil, shine))
            self.lids.add(Polygon(*_lid_outline(*self._eye, 1.0)[:-1], fill_color=skin, fill_opacity=1.0, stroke_color=INK, stroke_width=3))
            self.brows.add(_box(0.42 * r, 0.11 * r, INK, radius=0.04 * r).move_to([side * 0.36 * r, 0.55 * r, 0]))
        self.mouth = Line(LEFT * 0.25 * r, RIGHT * 0.25 * r, color=INK, stroke_width=6 * height / 2.5).shift(DOWN * 0.45 * r)
        self.add(self.head, self.eyes, self.lids, self.brows, self.mouth)
        self.openness = 1.0
        self._place_lids(1.0)

    def _place_lids(self, openness: float) -> None:
        scale = self.head.width / (2 * self._radius)
        for lid, eye in zip(self.lids, self.eyes):
            center = eye[0].get_center()
            lid.set_points_as_corners([center + scale * p for p in _lid_outline(*self._eye, openness)])
            lid.set_stroke(opacity=0 if openness > 0.98 else 1)
        self.openness = openness

    def doze(self, openness: float, **kwargs) -> Animation:
        """Lower (or raise) the eyelids to ``openness`` (1 open, 0 shut)."""
        start = self.openness

        def update(_, alpha):
            self._place_lids(start + (openness - start) * alpha)

        return UpdateFromAlphaFunc(self, update, **kwargs)

    def wake(self, **kwargs) -> Animation:
        """Eyes snap wide open, brows jump up.  (Play a shake after it, not with it.)"""
        kwargs.setdefault("run_time", 0.3)
        return AnimationGroup(self.doze(1.0, rate_func=rate_functions.rush_from), self.raise_brows(), **kwargs)

    def raise_brows(self, amount: float = 0.12, **kwargs) -> Animation:
        """Brows jump up and come back down."""
        return self.brows.animate(rate_func=rate_functions.there_and_back, **kwargs).shift(UP * amount * self.head.height)

    def frown(self, angle: float = 0.6, **kwargs) -> Animation:
        """Angry eyebrows: the inner ends slant down over the eyes, and the mouth turns down."""
        left, right = self.brows
        h = self.head.height
        sad = Line(self.mouth.get_start(), self.mouth.get_end(), path_arc=-0.9, color=INK, stroke_width=self.mouth.get_stroke_width())
        return AnimationGroup(
            left.animate.rotate(-angle).shift(DOWN * 0.08 * h + RIGHT * 0.02 * h),
            right.animate.rotate(angle).shift(DOWN * 0.08 * h + LEFT * 0.02 * h),
            self.mouth.animate.become(sad),
            **kwargs,
        )

    def blush(self, color: str, **kwargs) -> Animation:
        """Tint the face (and the lids) to ``color``."""
        start, end = ManimColor(self.head.get_fill_color()), ManimColor(color)

        def update(_, alpha):
            tint = interpolate_color(start, end, alpha)
            self.head.set_fill(tint)
            self.lids.set_fill(tint)

        return UpdateFromAlphaFunc(self, update, **kwargs)


class Snore(VGroup):
    """Three growing "Z"s, ``height`` tall; ``drift()`` floats them up and away (then removes them)."""

    def __init__(self, theme: Theme = DEFAULT_THEME, height: float = 1.0):
        super().__init__()
        for k in range(3):
            z = text("Z", theme, "headline", theme.color(0)).scale_to_fit_height(height * (0.3 + 0.15 * k))
            self.add(z.move_to([k * height * 0.3, k * height * 0.3, 0]))
        self.center()

    def drift(self, rise: float = 0.4, **kwargs) -> Animation:
        """The Zs fade in one by one while rising, then fade out."""
        return Succession(
            LaggedStart(*(FadeIn(z, shift=UP * rise, scale=0.5) for z in self), lag_ratio=0.4),
            FadeOut(self, shift=UP * rise * 0.5),
            **kwargs,
        )


class ThoughtCloud(VGroup):
    """An empty drawn thought cloud (``body``) with two puffs trailing toward ``tail``.

    For a cloud with something inside, see ``props.ThoughtBubble``.
    """

    def __init__(self, width: float = 3.0, height: float = 2.0, theme: Theme = DEFAULT_THEME, tail=DOWN + LEFT):
        super().__init__()
        style = dict(fill_color=theme.panel, fill_opacity=1.0, stroke_color=theme.text, stroke_width=3)
        self.body = Ellipse(width=width, height=height, **style)
        tail = np.asarray(tail, dtype=float)
        edge = self.body.point_at_angle(math.atan2(tail[1] * height, tail[0] * width))
        d = tail / np.linalg.norm(tail)
        self.puffs = VGroup(
            Circle(radius=0.09 * height, **style).move_to(edge + d * 0.2 * height),
            Circle(radius=0.05 * height, **style).move_to(edge + d * 0.42 * height),
        )
        self.add(self.puffs, self.body)


class PillBottle(VGroup):
    """A medicine bottle with a big ``label``, for side-effect jokes."""

    def __init__(self, label: str, theme: Theme = DEFAULT_THEME, height: float = 2.5):
        super().__init__()
        w = height * 0.62
        self.body = _box(w, height * 0.78, theme.color(2), radius=0.1 * w, opacity=0.9)
        self.cap = _box(w * 1.06, height * 0.2, theme.text, radius=0.06 * w).next_to(self.body, UP, buff=height * 0.02)
        paper = _box(w * 0.96, height * 0.36, theme.text).move_to(self.body)
        self.label = VGroup(paper, _label(label, theme, INK, paper, fill=0.85))
        self.add(self.body, self.cap, self.label)


# -- shower and ideas ----------------------------------------------------------------


class Shower(VGroup):
    """A shower head (``head``) over ``fall`` units of falling ``drops``.

    ``start()`` sets the drops falling (an updater on ``drops``) and ``stop()``
    removes it: call ``stop()`` before the scene ends.
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


class Sparkles(VGroup):
    """Four-pointed stars either side of ``around``; ``burst()`` pops them and fades them out (then removes them).

    They stay within the height of ``around``: leave ``margin`` + ``size`` free at its sides.
    """

    def __init__(self, around, n: int = 6, theme: Theme = DEFAULT_THEME, size: float | None = None, margin: float = 0.2):
        super().__init__()
        size = size or 0.22 * min(around.width, around.height)
        per_side = max(1, math.ceil(n / 2))
        for k in range(n):
            side, i = (-1 if k % 2 == 0 else 1), k // 2
            star = icon("star-four-points", color=theme.color(k + 1), height=size * (0.7 + 0.3 * ((k + i) % 2)))
            y = 0.0 if per_side == 1 else (i / (per_side - 1) - 0.5) * (around.height - size)
            x = side * (around.width / 2 + margin + size / 2 + 0.3 * size * ((i + k) % 2))
            self.add(star.move_to(around.get_center() + np.array([x, y, 0.0])))

    def burst(self, **kwargs) -> Animation:
        pops = [Succession(GrowFromCenter(s, rate_func=rate_functions.ease_out_back), FadeOut(s, scale=1.4)) for s in self]
        return LaggedStart(*pops, lag_ratio=0.15, **kwargs)


# -- treats ----------------------------------------------------------------------------


class CookieJar(VGroup):
    """A glass jar of ``cookies`` with a ``tag`` and a ``lid``; ``open()`` pops the lid, ``cookies_jump()`` empties it."""

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


# -- money and time ----------------------------------------------------------------------


class Counter(VGroup):
    """A Text-based number (no LaTeX) such as ``$1,250``; ``count_to(v)`` rolls it up or down.

    While counting the text is rebuilt every frame, centred where it stands and
    at whatever scale the caller gave it.
    """

    def __init__(self, value: float = 0, theme: Theme = DEFAULT_THEME, prefix: str = "$", suffix: str = "",
                 size: str = "headline", color: str | None = None, decimals: int = 0):
        super().__init__()
        self.theme, self.prefix, self.suffix = theme, prefix, suffix
        self.size, self.color_name, self.decimals = size, color, decimals
        self.value = value
        self.add(self._make(value))

    def format(self, value: float) -> str:
        return f"{self.prefix}{value:,.{self.decimals}f}{self.suffix}"

    def _make(self, value: float):
        return text(self.format(value), self.theme, self.size, self.color_name)

    def count_to(self, value: float, **kwargs) -> Animation:
        start, state = self.value, {}

        def update(mob, alpha):
            if not state:  # measured when the animation starts, after any moves or scaling
                state["scale"] = mob[0].height / self._make(start).height
                state["center"] = mob[0].get_center()
            mob[0].become(self._make(start + (value - start) * alpha).scale(state["scale"]).move_to(state["center"]))

        self.value = value
        kwargs.setdefault("rate_func", rate_functions.ease_out_cubic)
        return UpdateFromAlphaFunc(self, update, **kwargs)


class FillBar(VGroup):
    """A rounded ``track`` filled to ``value`` (0..1) from the left; ``fill_to(v)`` grows the ``fill``."""

    def __init__(self, width: float = 4.0, height: float = 0.4, value: float = 0.0, theme: Theme = DEFAULT_THEME,
                 color: str | None = None):
        super().__init__()
        self.track = _box(width, height, theme.panel, radius=height / 2, stroke_color=theme.dim, stroke_width=2)
        self.fill_color_name = color or theme.color(3)
        self.value = value
        self.fill = self._make_fill(value)
        self.add(self.track, self.fill)

    def _make_fill(self, value: float) -> VMobject:
        track = self.track
        h = track.height * 0.7
        w = max(h, (track.width - 0.3 * track.height) * value)
        bar = _box(w, h, self.fill_color_name, radius=h / 2, opacity=1.0 if value > 0 else 0.0)
        return bar.move_to(track.get_left() + RIGHT * (0.15 * track.height + w / 2))

    def fill_to(self, value: float, **kwargs) -> Animation:
        start = self.value
        self.value = value

        def update(mob, alpha):
            mob.become(self._make_fill(start + (value - start) * alpha))

        return UpdateFromAlphaFunc(self.fill, update, **kwargs)


class FlipCalendar(VGroup):
    """A tear-off calendar: ``front`` (today, ticked off) over ``back`` (tomorrow); ``flip()`` flips today away."""

    def __init__(self, today: str = "MON", tomorrow: str = "TUE", height: float = 2.2, theme: Theme = DEFAULT_THEME):
        super().__init__()
        w = height * 0.9

        def page(day: str, done: bool) -> VGroup:
            sheet = _box(w, height * 0.8, theme.text, radius=0.06 * w)
            band = _box(w, height * 0.22, theme.color(4)).align_to(sheet, UP)
            word = text(day, theme, "headline", INK, weight="BOLD").scale_to_fit_height(height * 0.2)
            word.move_to(sheet.get_center() + DOWN * height * (0.02 if done else 0.07))
            parts = VGroup(sheet, band, word)
            if done:
                check = icon("check-bold", color=theme.color(3), height=height * 0.22)
                parts.add(check.move_to(sheet.get_corner(DOWN + RIGHT) + np.array([-0.16 * w, 0.12 * height, 0])))
            return parts

        self.back = page(tomorrow, False)
        self.front = page(today, True)
        top = self.front[0].get_top()
        rings = VGroup(*(_box(w * 0.06, height * 0.14, theme.dim, radius=w * 0.03).move_to(top + RIGHT * x * w) for x in (-0.3, 0.3)))
        self.add(self.back, self.front, rings)

    def flip(self, **kwargs) -> Animation:
        """Today's page folds up over the top edge and is gone."""
        return self.front.animate(**kwargs).stretch(0.02, 1, about_edge=UP).set_opacity(0)


# -- the hobby -----------------------------------------------------------------------------


class CodeLaptop(VGroup):
    """A laptop drawn with shapes, its ``screen`` full of colourful ``code`` lines; ``type_code()`` types them.

    ``body`` is the screen and base without the code: bring it in first, then type.
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
