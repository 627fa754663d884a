"""Comedy props for the second half of the day: farms, meetings, faces, jars, money.

Each gadget is a small ``VGroup`` drawn with the theme's colours and sized by
its constructor (``height=``/``width=``); the caller positions it (``move_to``,
``Region.fit``).  Gadgets that move know their own verbs and return an
``Animation`` for ``Scene.play``::

    farm = VerticalFarm(rows=4, cols=3, height=3).move_to(stage.center)
    self.play(farm.build())          # posts and shelves
    self.play(farm.grow())           # mushrooms pop up, shelf by shelf

Gadgets with parts that appear later (mushrooms, checklist rows, cookies) are
built complete; play their entrance animation rather than ``self.add``-ing the
whole group first.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
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
    Polygon,
    Rectangle,
    RoundedRectangle,
    Succession,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
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
    "ThoughtBubble",
    "VerticalFarm",
    "ring",
    "split",
]

DARK = "#14161f"


# -- layout helpers -------------------------------------------------------------


def split(region: Region, n: int, theme: Theme = DEFAULT_THEME) -> list[Region]:
    """``n`` side-by-side columns of ``region`` in a wide frame, stacked rows (top first) in a tall one."""
    return region.rows(n) if theme.portrait else region.columns(n)


def ring(mobs, center, rx: float, ry: float | None = None, start: float = math.pi / 2):
    """Place ``mobs`` evenly on an ellipse around ``center`` (first one at angle ``start``); returns them."""
    ry = rx if ry is None else ry
    n = max(1, len(mobs))
    for k, mob in enumerate(mobs):
        a = start + 2 * math.pi * k / n
        mob.move_to(np.asarray(center) + np.array([rx * math.cos(a), ry * math.sin(a), 0.0]))
    return mobs


def _sprout(mob, **kwargs) -> Animation:
    """Grow up from the bottom with a springy overshoot."""
    return GrowFromPoint(mob, mob.get_bottom(), rate_func=rate_functions.ease_out_back, **kwargs)


# -- the farm -------------------------------------------------------------------


class VerticalFarm(VGroup):
    """A tower of shelves with mushrooms on every shelf: the billion-dollar idea.

    ``frame`` holds the posts, shelves and roof; ``shelves_of_mushrooms`` one
    ``VGroup`` per shelf, bottom shelf first; ``mushrooms`` all of them.
    """

    def __init__(self, rows: int = 4, cols: int = 3, height: float = 3.0, theme: Theme = DEFAULT_THEME):
        super().__init__()
        gap = height / (rows + 0.7)
        width = cols * gap * 0.95 + 0.3 * gap
        bottom = -height / 2
        stroke = max(2.0, 3.0 * height / 3)
        left, right = -width / 2, width / 2
        top = bottom + rows * gap
        posts = VGroup(*(Line([x, bottom, 0], [x, top, 0], color=theme.dim, stroke_width=stroke * 1.6) for x in (left, right)))
        shelves = VGroup(
            *(Line([left, bottom + r * gap, 0], [right, bottom + r * gap, 0], color=theme.text, stroke_width=stroke) for r in range(rows + 1))
        )
        lights = VGroup(
            *(
                Line([left + 0.15 * gap, bottom + r * gap - 0.06 * gap, 0], [right - 0.15 * gap, bottom + r * gap - 0.06 * gap, 0],
                     color=theme.color(5), stroke_width=stroke * 0.9, stroke_opacity=0.8)
                for r in range(1, rows + 1)
            )
        )
        roof = Polygon([left - 0.12 * gap, top, 0], [0, top + 0.65 * gap, 0], [right + 0.12 * gap, top, 0],
                       color=theme.color(3), fill_color=theme.color(3), fill_opacity=1.0, stroke_width=0)
        self.frame = VGroup(posts, shelves, lights, roof)
        self.posts, self.shelves, self.roof = posts, shelves, roof
        self.shelves_of_mushrooms = []
        caps = (theme.color(4), theme.accent, theme.color(2))
        for r in range(rows):
            row = VGroup()
            for c in range(cols):
                m = icon("mushroom", color=caps[(r + c) % len(caps)], height=0.72 * gap)
                x = left + (c + 0.5) * (width / cols)
                m.move_to([x, bottom + r * gap + 0.03 * gap, 0], aligned_edge=DOWN)
                row.add(m)
            self.shelves_of_mushrooms.append(row)
        self.mushrooms = VGroup(*self.shelves_of_mushrooms)
        self.add(self.frame, self.mushrooms)

    def build(self, **kwargs) -> Animation:
        """Posts rise, then shelves slide in bottom-up, then the roof lands."""
        shelves = [GrowFromEdge(s, LEFT) for s in self.shelves]
        return Succession(
            AnimationGroup(*(GrowFromEdge(p, DOWN) for p in self.posts)),
            LaggedStart(*shelves, FadeIn(self.frame[2]), lag_ratio=0.25),
            FadeIn(self.roof, shift=DOWN * 0.3),
            **kwargs,
        )

    def grow(self, lag: float = 0.35, **kwargs) -> Animation:
        """Mushrooms pop up shelf by shelf, bottom shelf first."""
        rows = [LaggedStart(*(_sprout(m) for m in row), lag_ratio=0.2) for row in self.shelves_of_mushrooms]
        return LaggedStart(*rows, lag_ratio=lag, **kwargs)


# -- meetings ---------------------------------------------------------------------


class Curtains(VGroup):
    """Two theatre curtains covering ``region``; ``open()`` bunches them at the sides."""

    def __init__(self, region: Region, theme: Theme = DEFAULT_THEME, color: str = "#9d2235"):
        super().__init__()
        half = region.width / 2
        self.halves = VGroup()
        for k, side in enumerate((LEFT, RIGHT)):
            cloth = Rectangle(width=half, height=region.height, fill_color=color, fill_opacity=1.0, stroke_width=0)
            folds = VGroup(
                *(Line(UP * region.height / 2, DOWN * region.height / 2, color=DARK, stroke_width=3, stroke_opacity=0.35).shift(RIGHT * (i - 2) * half / 5)
                  for i in range(5))
            )
            hem = Line(LEFT * half / 2, RIGHT * half / 2, color=theme.accent, stroke_width=5).shift(DOWN * region.height / 2)
            curtain = VGroup(cloth, folds, hem)
            curtain.move_to(region.point(0.25 + 0.5 * k, 0.5))
            self.halves.add(curtain)
        self.add(self.halves)

    def open(self, keep: float = 0.1, **kwargs) -> Animation:
        """Pull both halves to the sides, leaving ``keep`` of each as drapes."""
        left, right = self.halves
        return AnimationGroup(
            left.animate.stretch(keep, 0, about_edge=LEFT),
            right.animate.stretch(keep, 0, about_edge=RIGHT),
            rate_func=rate_functions.ease_in_out_cubic,
            **kwargs,
        )


class MeetingGrid(VGroup):
    """Video-call tiles, one person icon each; ``speak(i)`` lights the speaker's frame."""

    def __init__(self, rows: int = 2, cols: int = 3, width: float = 5.0, theme: Theme = DEFAULT_THEME, people: int | None = None):
        super().__init__()
        self.theme = theme
        tile_w = width / cols
        tile_h = tile_w * 0.62
        self.tiles = VGroup()
        for k in range(people or rows * cols):
            r, c = divmod(k, cols)
            frame = RoundedRectangle(width=tile_w * 0.92, height=tile_h * 0.9, corner_radius=0.08 * tile_w,
                                     fill_color=theme.panel, fill_opacity=1.0, stroke_color=theme.dim, stroke_width=2)
            person = icon("account", color=theme.color(k), height=tile_h * 0.62).move_to(frame).shift(DOWN * tile_h * 0.05)
            name = RoundedRectangle(width=tile_w * 0.28, height=tile_h * 0.08, corner_radius=tile_h * 0.04,
                                    fill_color=theme.dim, fill_opacity=1.0, stroke_width=0)
            name.move_to(frame.get_corner(DOWN + LEFT) + np.array([tile_w * 0.2, tile_h * 0.1, 0]))
            tile = VGroup(frame, person, name)
            tile.frame, tile.person = frame, person
            tile.move_to([(c + 0.5) * tile_w, -(r + 0.5) * tile_h, 0])
            self.tiles.add(tile)
        self.add(self.tiles)
        self.center()

    def speak(self, i: int, **kwargs) -> Animation:
        """Tile ``i`` gets the accent frame (the speaker), the others go back to dim."""
        anims = []
        for k, tile in enumerate(self.tiles):
            color, width = (self.theme.accent, 5) if k == i else (self.theme.dim, 2)
            anims.append(tile.frame.animate.set_stroke(color=color, width=width))
        return AnimationGroup(*anims, **kwargs)


class Checklist(VGroup):
    """Rows of box + label; ``reveal(i)`` slides a row in, ``check(i)`` pops its mark into the box.

    ``marks`` names an icon per row (default a check mark): e.g. ``"lock"`` for
    "closed", ``"plus-thick"`` for "can be done".
    """

    def __init__(self, labels, theme: Theme = DEFAULT_THEME, marks=None, size: str = "label", colors=None):
        super().__init__()
        marks = marks or ["check-bold"] * len(labels)
        self.rows = VGroup()
        self.marks = VGroup()
        for k, label in enumerate(labels):
            words = text(label, theme, size)
            side = words.height * 1.5
            box = RoundedRectangle(width=side, height=side, corner_radius=side * 0.2, stroke_color=theme.text, stroke_width=3)
            color = (colors[k] if colors else theme.color(3))
            mark = icon(marks[k], color=color, height=side * 0.8).move_to(box)
            words.next_to(box, RIGHT, buff=side * 0.45)
            row = VGroup(box, words)
            row.box, row.label = box, words
            self.rows.add(row)
            self.marks.add(mark)
        self.rows.arrange(DOWN, aligned_edge=LEFT, buff=self.rows[0].height * 0.55)
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


def _lid_points(rx: float, ry: float, openness: float, n: int = 24) -> list:
    """Outline of the eyelid: the part of an ``rx``x``ry`` ellipse above the lid's edge."""
    openness = float(np.clip(openness, 0.0, 1.0))
    y = ry * (2 * openness - 1)  # lid edge: +ry when open, -ry when shut
    y = min(y, ry * 0.999)
    t0 = math.asin(y / ry)
    angles = np.linspace(t0, math.pi - t0, n)
    return [np.array([rx * math.cos(a), ry * math.sin(a), 0.0]) for a in angles]


class Face(VGroup):
    """An emoji-like round face with eyelids and eyebrows to act with.

    Verbs: ``doze(openness)`` lowers the eyelids (1 = wide open, 0 = asleep),
    ``wake()`` snaps them open, ``frown()`` slants the brows down (angry),
    ``raise_brows()`` lifts them (surprised), ``blush(color)`` tints the face.
    """

    def __init__(self, height: float = 2.5, theme: Theme = DEFAULT_THEME, color: str | None = None):
        super().__init__()
        r = height / 2
        self.r = r
        skin = color or theme.accent
        self.head = Circle(radius=r, fill_color=skin, fill_opacity=1.0, stroke_color=DARK, stroke_width=3)
        self.rx, self.ry = 0.2 * r, 0.26 * r
        self.eyes = VGroup()
        self.lids = VGroup()
        self.openness = 1.0
        for side in (-1, 1):
            c = np.array([side * 0.36 * r, 0.12 * r, 0])
            white = Ellipse(width=2 * self.rx, height=2 * self.ry, fill_color="#ffffff", fill_opacity=1.0, stroke_color=DARK, stroke_width=3).move_to(c)
            pupil = Dot(c + DOWN * 0.04 * r, radius=0.1 * r, color=DARK)
            shine = Dot(c + np.array([0.04 * r, 0.0, 0]), radius=0.035 * r, color="#ffffff")
            self.eyes.add(VGroup(white, pupil, shine))
            lid = Polygon(*_lid_points(self.rx, self.ry, 1.0), fill_color=skin, fill_opacity=1.0, stroke_color=DARK, stroke_width=3)
            lid.eye_center = c
            self.lids.add(lid.move_to(c, aligned_edge=UP).shift(UP * 0))
        self.brows = VGroup(
            *(Line(LEFT * 0.2 * r, RIGHT * 0.2 * r, color=DARK, stroke_width=14 * height / 2.5).move_to([side * 0.36 * r, 0.55 * r, 0]) for side in (-1, 1))
        )
        self.mouth = Line(LEFT * 0.25 * r, RIGHT * 0.25 * r, color=DARK, stroke_width=6 * height / 2.5).shift(DOWN * 0.45 * r)
        self.add(self.head, self.eyes, self.lids, self.brows, self.mouth)
        self._place_lids(1.0)

    def _place_lids(self, openness: float) -> None:
        for lid, eye in zip(self.lids, self.eyes):
            pts = _lid_points(self.rx, self.ry, openness)
            scale = self.head.width / (2 * self.r)
            center = eye[0].get_center()
            lid.set_points_as_corners([center + scale * p for p in pts] + [center + scale * pts[0]])
            lid.set_stroke(opacity=0 if openness > 0.98 else 1)
        self.openness = openness

    def doze(self, openness: float, **kwargs) -> Animation:
        """Lower (or raise) the eyelids to ``openness`` (1 open, 0 shut)."""
        start = self.openness

        def update(_, alpha):
            self._place_lids(start + (openness - start) * alpha)

        return UpdateFromAlphaFunc(self.lids, update, **kwargs)

    def wake(self, **kwargs) -> Animation:
        """Eyes snap wide open, brows jump up."""
        kwargs.setdefault("run_time", 0.3)
        return AnimationGroup(self.doze(1.0, rate_func=rate_functions.rush_from), self.raise_brows(), **kwargs)

    def raise_brows(self, amount: float = 0.12, **kwargs) -> Animation:
        return self.brows.animate(rate_func=rate_functions.there_and_back, **kwargs).shift(UP * amount * self.head.height)

    def frown(self, angle: float = 0.45, **kwargs) -> Animation:
        """Angry eyebrows: inner ends slant down over the eyes; the mouth turns down."""
        left, right = self.brows
        h = self.head.height
        frown_mouth = Line(self.mouth.get_start(), self.mouth.get_end(), path_arc=-0.9, color=DARK, stroke_width=self.mouth.get_stroke_width())
        return AnimationGroup(
            left.animate.rotate(-angle).shift(DOWN * 0.08 * h + RIGHT * 0.02 * h),
            right.animate.rotate(angle).shift(DOWN * 0.08 * h + LEFT * 0.02 * h),
            self.mouth.animate.become(frown_mouth),
            **kwargs,
        )

    def blush(self, color: str, **kwargs) -> Animation:
        """Tint the face (and lids) to ``color``."""
        return AnimationGroup(self.head.animate.set_fill(color), self.lids.animate.set_fill(color), **kwargs)


class Snore(VGroup):
    """Three growing "Z"s; ``drift()`` floats them up and away (they are removed after)."""

    def __init__(self, theme: Theme = DEFAULT_THEME, height: float = 1.0):
        super().__init__()
        for k in range(3):
            z = text("Z", theme, "headline", theme.color(0))
            z.scale_to_fit_height(height * (0.3 + 0.15 * k))
            z.move_to([k * height * 0.3, k * height * 0.3, 0])
            self.add(z)
        self.center()

    def drift(self, rise: float = 0.4, **kwargs) -> Animation:
        """The Zs fade in one by one while rising, then fade out."""
        return Succession(
            LaggedStart(*(FadeIn(z, shift=UP * rise, scale=0.5) for z in self), lag_ratio=0.4),
            FadeOut(self, shift=UP * rise * 0.5),
            **kwargs,
        )


class ThoughtBubble(VGroup):
    """A thought cloud with two trailing puffs toward the bottom-left; ``body`` is the cloud."""

    def __init__(self, width: float = 3.0, height: float = 2.0, theme: Theme = DEFAULT_THEME, tail=DOWN + LEFT):
        super().__init__()
        style = dict(fill_color=theme.panel, fill_opacity=1.0, stroke_color=theme.text, stroke_width=3)
        self.body = Ellipse(width=width, height=height, **style)
        tail = np.asarray(tail, dtype=float)
        edge = self.body.point_at_angle(math.atan2(tail[1] * height, tail[0] * width))
        d = tail / np.linalg.norm(tail)
        puffs = VGroup(
            Circle(radius=0.09 * height, **style).move_to(edge + d * 0.2 * height),
            Circle(radius=0.05 * height, **style).move_to(edge + d * 0.42 * height),
        )
        self.puffs = puffs
        self.add(puffs, self.body)


class PillBottle(VGroup):
    """A medicine bottle with a big label, for "side-effects" jokes."""

    def __init__(self, label: str, theme: Theme = DEFAULT_THEME, height: float = 2.5):
        super().__init__()
        w = height * 0.62
        body = RoundedRectangle(width=w, height=height * 0.78, corner_radius=0.1 * w, fill_color=theme.color(2), fill_opacity=0.9, stroke_width=0)
        cap = RoundedRectangle(width=w * 1.06, height=height * 0.2, corner_radius=0.06 * w, fill_color=theme.text, fill_opacity=1.0, stroke_width=0)
        cap.next_to(body, UP, buff=height * 0.02)
        paper = Rectangle(width=w * 0.96, height=height * 0.36, fill_color=theme.text, fill_opacity=1.0, stroke_width=0).move_to(body)
        words = text(label, theme, "label", DARK)
        words.scale_to_fit_width(paper.width * 0.85).move_to(paper)
        if words.height > paper.height * 0.7:
            words.scale_to_fit_height(paper.height * 0.7)
        self.cap, self.body, self.label = cap, body, VGroup(paper, words)
        self.add(body, cap, self.label)


# -- shower and ideas ----------------------------------------------------------------


class Shower(VGroup):
    """A shower head over a column of falling drops, ``fall`` long.

    ``start()`` sets the drops falling (an updater) and ``stop()`` removes it:
    call ``stop()`` before the scene ends.
    """

    def __init__(self, height: float = 1.2, fall: float = 2.5, theme: Theme = DEFAULT_THEME, drops: int = 12):
        super().__init__()
        self.head = icon("shower-head", color=theme.text, height=height)
        self.fall = fall
        top = self.head.get_bottom()[1] - 0.05
        self.drops = VGroup()
        w = self.head.width * 0.7
        rng = np.random.default_rng(7)  # the same rain in every render
        xs = rng.permutation(np.linspace(-w / 2, w / 2, drops))
        for k in range(drops):
            y = top - fall * (k + rng.uniform(0.2, 0.8)) / drops
            d = icon("water", color=theme.color(6), height=0.13 * height).move_to([xs[k] + self.head.get_x(), y, 0])
            self.drops.add(d)
        self._head_h = self.head.height
        self.add(self.head, self.drops)

    def start(self, speed: float = 3.0) -> "Shower":
        """Set the drops falling at ``speed`` units a second (scaled with the gadget)."""

        def fall(drops, dt):
            scale = self.head.height / self._head_h
            top = self.head.get_bottom()[1]
            length = self.fall * scale
            for d in drops:
                d.shift(DOWN * speed * scale * dt)
                if d.get_y() < top - length:
                    d.shift(UP * length)

        self.drops.add_updater(fall)
        return self

    def stop(self) -> "Shower":
        self.drops.clear_updaters()
        return self


class Sparkles(VGroup):
    """Four-pointed stars around a mobject; ``burst()`` pops them and fades them away (then removes them)."""

    def __init__(self, around, n: int = 6, theme: Theme = DEFAULT_THEME, size: float | None = None, margin: float = 0.2):
        super().__init__()
        size = size or 0.35 * max(0.6, min(around.width, around.height))
        rx = around.width / 2 + margin
        ry = around.height / 2 + margin
        stars = [icon("star-four-points", color=theme.color(k + 1), height=size * (0.7 + 0.3 * (k % 2))) for k in range(n)]
        ring(stars, around.get_center(), rx, ry, start=math.pi / 4)
        self.add(*stars)

    def burst(self, **kwargs) -> Animation:
        return LaggedStart(
            *(Succession(GrowFromCenter(s, rate_func=rate_functions.ease_out_back), FadeOut(s, scale=1.4)) for s in self),
            lag_ratio=0.15,
            **kwargs,
        )


# -- treats ----------------------------------------------------------------------------


class CookieJar(VGroup):
    """A glass jar of cookies with a label and a lid; ``open()`` pops the lid, ``cookies_jump()`` sends cookies out."""

    def __init__(self, label: str = "ANGRY", height: float = 2.8, theme: Theme = DEFAULT_THEME, cookies: int = 4):
        super().__init__()
        w = height * 0.72
        self.glass = RoundedRectangle(width=w, height=height * 0.78, corner_radius=0.16 * w,
                                      fill_color=theme.color(0), fill_opacity=0.15, stroke_color=theme.color(0), stroke_width=4)
        neck = RoundedRectangle(width=w * 0.8, height=height * 0.07, corner_radius=0.02 * w,
                                fill_color=theme.color(0), fill_opacity=0.35, stroke_color=theme.color(0), stroke_width=3)
        neck.next_to(self.glass, UP, buff=-0.02)
        self.glass.add(neck)
        lid = RoundedRectangle(width=w * 0.9, height=height * 0.11, corner_radius=0.04 * w, fill_color=theme.color(4), fill_opacity=1.0, stroke_width=0)
        knob = Circle(radius=height * 0.045, fill_color=theme.color(4), fill_opacity=1.0, stroke_width=0)
        lid.next_to(neck, UP, buff=0.0)
        knob.next_to(lid, UP, buff=-0.02)
        self.lid = VGroup(lid, knob)
        self.cookies = VGroup()
        spots = [(-0.22, -0.3), (0.2, -0.26), (0.0, -0.02), (-0.2, 0.2), (0.22, 0.18)]
        for k in range(cookies):
            x, y = spots[k % len(spots)]
            c = icon("cookie", color="#d9a066", height=height * 0.26).move_to(self.glass.get_center() + np.array([x * w, y * height * 0.78, 0]))
            c.rotate(0.4 * k)
            self.cookies.add(c)
        tag = RoundedRectangle(width=w * 0.78, height=height * 0.17, corner_radius=0.03 * w, fill_color=theme.text, fill_opacity=1.0, stroke_width=0)
        tag.move_to(self.glass.get_center() + DOWN * height * 0.08)
        words = text(label, theme, "label", "#c1121f", weight="BOLD")
        words.scale_to_fit_width(tag.width * 0.8)
        if words.height > tag.height * 0.7:
            words.scale_to_fit_height(tag.height * 0.7)
        words.move_to(tag)
        self.tag = VGroup(tag, words)
        self.add(self.cookies, self.glass, self.tag, self.lid)

    def open(self, **kwargs) -> Animation:
        """The lid pops up and tips over to the right."""
        h = self.glass.height
        return self.lid.animate(rate_func=rate_functions.ease_out_back, **kwargs).shift(UP * 0.35 * h + RIGHT * 0.35 * h).rotate(-0.6)

    def cookies_jump(self, targets, **kwargs) -> Animation:
        """Cookies leap out of the jar, in arcs, to ``targets`` (points), one after another."""
        jumps = [c.animate(path_arc=-1.8).move_to(t).rotate(1.5) for c, t in zip(self.cookies, targets)]
        return LaggedStart(*jumps, lag_ratio=0.25, **kwargs)


# -- money and time ----------------------------------------------------------------------


class Counter(VGroup):
    """A Text-based number (no LaTeX) such as ``$1,250``; ``count_to(v)`` rolls it up.

    The text is rebuilt every frame while counting, centred where it stands,
    keeping whatever scale the caller gave it.
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
        start = self.value
        state = {}

        def update(mob, alpha):
            if not state:  # measure at the start, after any moves or scaling
                state["scale"] = mob[0].height / self._make(start).height
                state["center"] = mob[0].get_center()
            new = self._make(start + (value - start) * alpha).scale(state["scale"]).move_to(state["center"])
            mob[0].become(new)

        self.value = value
        kwargs.setdefault("rate_func", rate_functions.ease_out_cubic)
        return UpdateFromAlphaFunc(self, update, **kwargs)


class FillBar(VGroup):
    """A rounded bar filled to ``value`` (0..1) from the left; ``fill_to(v)`` grows the fill."""

    def __init__(self, width: float = 4.0, height: float = 0.4, value: float = 0.0, theme: Theme = DEFAULT_THEME, color: str | None = None):
        super().__init__()
        self.track = RoundedRectangle(width=width, height=height, corner_radius=height / 2, fill_color=theme.panel, fill_opacity=1.0,
                                      stroke_color=theme.dim, stroke_width=2)
        self.fill_color_name = color or theme.color(3)
        self.value = value
        self.fill = self._make_fill(value)
        self.add(self.track, self.fill)

    def _make_fill(self, value: float) -> VMobject:
        h = self.track.height * 0.7
        w = max(h, (self.track.width - 0.3 * self.track.height) * value)
        bar = RoundedRectangle(width=w, height=h, corner_radius=h / 2, fill_color=self.fill_color_name, fill_opacity=1.0, stroke_width=0)
        bar.move_to(self.track.get_left() + RIGHT * (0.15 * self.track.height + w / 2))
        if value <= 0:
            bar.set_fill(opacity=0)
        return bar

    def fill_to(self, value: float, **kwargs) -> Animation:
        start = self.value
        self.value = value

        def update(mob, alpha):
            mob.become(self._make_fill(start + (value - start) * alpha))

        return UpdateFromAlphaFunc(self.fill, update, **kwargs)


class FlipCalendar(VGroup):
    """A tear-off calendar: today's page on top of tomorrow's; ``flip()`` flips today away."""

    def __init__(self, today: str = "MON", tomorrow: str = "TUE", height: float = 2.2, theme: Theme = DEFAULT_THEME):
        super().__init__()
        w = height * 0.9

        def page(day: str, done: bool):
            sheet = RoundedRectangle(width=w, height=height * 0.8, corner_radius=0.06 * w, fill_color=theme.text, fill_opacity=1.0, stroke_width=0)
            band = Rectangle(width=w, height=height * 0.22, fill_color=theme.color(4), fill_opacity=1.0, stroke_width=0)
            band.align_to(sheet, UP)
            word = text(day, theme, "headline", DARK, weight="BOLD").scale_to_fit_height(height * 0.2)
            word.move_to(sheet.get_center() + DOWN * height * 0.07)
            parts = VGroup(sheet, band, word)
            if done:
                check = icon("check-bold", color=theme.color(3), height=height * 0.22)
                check.move_to(sheet.get_corner(DOWN + RIGHT) + np.array([-0.16 * w, 0.12 * height, 0]))
                word.shift(UP * height * 0.05)
                parts.add(check)
            return parts

        self.back = page(tomorrow, False)
        self.front = page(today, True)
        rings = VGroup(*(RoundedRectangle(width=w * 0.06, height=height * 0.14, corner_radius=w * 0.03, fill_color=theme.dim, fill_opacity=1.0, stroke_width=0)
                         .move_to(self.front[0].get_top() + RIGHT * x * w) for x in (-0.3, 0.3)))
        self.add(self.back, self.front, rings)

    def flip(self, **kwargs) -> Animation:
        """Today's page folds up over the top edge and is gone."""
        return self.front.animate(**kwargs).stretch(0.02, 1, about_edge=UP).set_opacity(0)


# -- the hobby -----------------------------------------------------------------------------


class CodeLaptop(VGroup):
    """A laptop drawn with shapes, its screen full of colourful code lines; ``type_code()`` types them."""

    def __init__(self, width: float = 3.6, theme: Theme = DEFAULT_THEME, lines: int = 6):
        super().__init__()
        sh = width * 0.6
        self.screen = RoundedRectangle(width=width, height=sh, corner_radius=0.04 * width, fill_color=theme.panel, fill_opacity=1.0,
                                       stroke_color=theme.text, stroke_width=5)
        base = Polygon([-width * 0.6, 0, 0], [width * 0.6, 0, 0], [width * 0.52, width * 0.06, 0], [-width * 0.52, width * 0.06, 0],
                       fill_color=theme.text, fill_opacity=1.0, stroke_width=0)
        base.next_to(self.screen, DOWN, buff=0.02)
        self.base = base
        self.code = VGroup()
        pattern = [(0, 0.55), (1, 0.4), (1, 0.62), (2, 0.3), (1, 0.45), (0, 0.25), (1, 0.5), (2, 0.38)]
        row_h = sh * 0.8 / lines
        for k in range(lines):
            indent, length = pattern[k % len(pattern)]
            x0 = self.screen.get_left()[0] + width * (0.08 + 0.07 * indent)
            y = self.screen.get_top()[1] - sh * 0.12 - k * row_h
            seg = Line([x0, y, 0], [x0 + width * length * 0.85, y, 0], color=theme.color(k), stroke_width=max(3.0, 10 * width / 3.6))
            self.code.add(seg)
        self.add(self.screen, base, self.code)

    def type_code(self, **kwargs) -> Animation:
        """Code lines appear one after another, each drawn left to right."""
        return LaggedStart(*(Create(line) for line in self.code), lag_ratio=0.6, **kwargs)
