"""Places and props for AutoScene's stories, drawn from simple shapes and the visuals library.

A :class:`Place` is a backdrop for one shot (a desk, a kitchen, a street, a bed, a
pool, a car, a classroom, a meeting, a shower, a room): it fills the stage, says
where the narrator goes (``spot``, the hip point) and in which pose it is at home
there, and makes its own motion when the story asks (``act``: the laptop types,
the water ripples, the car drives off, the pot steams, the shower runs).

A :class:`Prop` is a thing the words name, drawn in the shot's prop area: a clock
that turns to the hour said, a calendar that flips, a progress bar that fills and
completes when the text says it finished, money counting into an account, a
checklist, a thought bubble that grows, a cookie jar that opens, a meeting grid
whose speaker changes, a chart that grows, a gauge, and an icon card for nouns
nothing else draws.  Each prop enters (``entrance``) and then does what its
words say (``act``), never looping on its own.
"""

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
    Create,
    FadeIn,
    Flash,
    Line,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Succession,
    Transform,
    VGroup,
    VMobject,
    rate_functions,
)

from ..visuals import motions
from ..visuals.charts import Counter, Gauge, LineChart, ProgressBar
from ..visuals.effects import Sparkles, Waves
from ..visuals.home import CookieJar, Shower
from ..visuals.icons import has_icon, icon
from ..visuals.office import Checklist, CodeLaptop, MeetingGrid
from ..visuals.people import Snore, ThoughtBubble
from ..visuals.text import text
from ..visuals.theme import Region, Theme
from ..visuals.time import Clock, FlipCalendar

#: Furniture and walls: light enough to read on the dark background.
WOOD = "#a47148"
WALL = "#2a2f45"
LINE = "#8b93b8"


def _rect(w: float, h: float, color: str, opacity: float = 1.0, radius: float = 0.0, **kw) -> VMobject:
    if radius > 0:
        return RoundedRectangle(width=w, height=h, corner_radius=min(radius, 0.49 * min(w, h)), fill_color=color, fill_opacity=opacity, stroke_width=kw.pop("stroke_width", 0), **kw)
    return Rectangle(width=w, height=h, fill_color=color, fill_opacity=opacity, stroke_width=kw.pop("stroke_width", 0), **kw)


def _at(mob: VMobject, x: float, y: float, edge=DOWN) -> VMobject:
    """Put ``mob``'s ``edge`` at (x, y)."""
    return mob.move_to(np.array([x, y, 0.0]), aligned_edge=edge)


class Place(VGroup):
    """A backdrop for a shot: ``spot`` (the narrator's hip), ``pose`` (its pose there), ``figure_height``.

    Build with :func:`place`; ``act(action, seconds)`` is the place's own motion for an
    action (``None`` when it has none), ``stop()`` ends any running motion.
    """

    name = "room"
    pose = "stand"

    def __init__(self, area: Region, theme: Theme):
        super().__init__()
        self.area, self.theme = area, theme
        self.figure_height = 0.82 * area.height
        self.floor_y = area.bottom + 0.06 * area.height
        u = self.figure_height / 4.2  # a leg segment of the narrator
        self.unit = u
        self.spot = np.array([self._inside(area.center[0] - 0.1 * area.width), self.floor_y + 2 * u, 0.0])
        self.floor = Line([area.left, self.floor_y, 0], [area.right, self.floor_y, 0], stroke_color=LINE, stroke_width=4)
        self.add(self.floor)
        self.build()
        self.spot[0] = self._inside(self.spot[0])

    #: How far the narrator reaches from its hip in any pose (lying down, arms out), in leg segments.
    REACH = 2.7

    def _inside(self, x: float) -> float:
        """``x`` moved in so the narrator, in any pose, stays inside the area (the middle when it is too narrow)."""
        lo, hi = self.area.left + self.REACH * self.unit, self.area.right - self.REACH * self.unit
        return float(np.clip(x, lo, hi)) if lo <= hi else float(self.area.center[0])

    def build(self) -> None:
        """Draw the room's furniture (override)."""
        a, u = self.area, self.unit
        window = self.window(a.left + 0.18 * a.width, self.floor_y + 5.2 * u, 2.2 * u, 1.8 * u)
        plant = icon("flower", self.theme.color(3), 1.4 * u)
        self.add(window, _at(plant, a.right - 0.14 * a.width, self.floor_y))

    def window(self, x: float, y: float, w: float, h: float, night: bool = False) -> VGroup:
        h = min(h, 0.4 * self.area.height)
        w = min(w, 0.3 * self.area.width)
        y = min(y, self.area.top - 0.55 * h)
        x = float(np.clip(x, self.area.left + 0.55 * w, self.area.right - 0.55 * w))
        pane = _rect(w, h, "#1d3557" if night else "#457b9d", radius=0.05 * w, stroke_color=LINE, stroke_width=4).move_to([x, y, 0])
        bars = VGroup(Line(pane.get_top(), pane.get_bottom(), stroke_color=LINE, stroke_width=3),
                      Line(pane.get_left(), pane.get_right(), stroke_color=LINE, stroke_width=3))
        sky = icon("moon-waning-crescent" if night else "weather-sunny", "#f6f0c4" if night else "#ffd166", 0.35 * h)
        sky.move_to(pane.get_corner(UP + RIGHT) + np.array([-0.27 * w, -0.27 * h, 0]))
        return VGroup(pane, sky, bars)

    def act(self, action: str, seconds: float) -> Animation | None:
        return None

    def stop(self) -> None:
        for m in self.get_family():
            m.clear_updaters()


class Desk(Place):
    name = "desk"
    pose = "type"

    def build(self) -> None:
        a, u = self.area, self.unit
        x = self.spot[0]
        seat_y = self.floor_y + u
        chair = VGroup(
            Line([x - 0.15 * u, seat_y, 0], [x + 0.8 * u, seat_y, 0], stroke_color=WOOD, stroke_width=9),
            Line([x - 0.15 * u, seat_y, 0], [x - 0.15 * u, seat_y + 1.5 * u, 0], stroke_color=WOOD, stroke_width=9),
            Line([x + 0.35 * u, seat_y, 0], [x + 0.35 * u, self.floor_y, 0], stroke_color=WOOD, stroke_width=7),
        )
        top = seat_y + 0.75 * u
        dx = x + 1.75 * u
        desk = VGroup(
            _rect(2.6 * u, 0.16 * u, WOOD).move_to([dx + 0.7 * u, top, 0]),
            Line([dx + 1.85 * u, top, 0], [dx + 1.85 * u, self.floor_y, 0], stroke_color=WOOD, stroke_width=8),
        )
        self.laptop = CodeLaptop(width=1.3 * u, theme=self.theme, lines=5)
        self.laptop.rotate(0).move_to([dx + 0.55 * u, top + 0.08 * u + 0.45 * u, 0])
        self.laptop.code.set_opacity(0)
        lamp = VGroup(Line([dx + 1.7 * u, top, 0], [dx + 1.7 * u, top + 1.2 * u, 0], stroke_color=LINE, stroke_width=5),
                      Polygon([dx + 1.45 * u, top + 1.2 * u, 0], [dx + 1.95 * u, top + 1.2 * u, 0], [dx + 1.8 * u, top + 1.5 * u, 0], [dx + 1.6 * u, top + 1.5 * u, 0],
                              fill_color=self.theme.accent, fill_opacity=1, stroke_width=0))
        window = self.window(a.left + 0.12 * a.width, self.floor_y + 5.0 * u, 1.8 * u, 1.6 * u)
        self.add(window, chair, desk, lamp, self.laptop)
        self.typed = 0

    def act(self, action: str, seconds: float) -> Animation | None:
        if action != "type":
            return None
        self.laptop.code.set_opacity(1)
        lines = list(self.laptop.code)
        for line in lines:
            line.set_opacity(0)
        return Succession(*(Create(line.set_opacity(1)) for line in lines), run_time=seconds)


class Bed(Place):
    name = "bed"
    pose = "sleep"

    def build(self) -> None:
        a, u = self.area, self.unit
        x = self.spot[0]
        top = self.floor_y + 1.0 * u
        frame = _rect(4.6 * u, 0.5 * u, WOOD).move_to([x + 0.2 * u, top - 0.25 * u, 0])
        head = _rect(0.3 * u, 1.6 * u, WOOD, radius=0.1 * u).move_to([x - 2.0 * u, self.floor_y + 0.8 * u, 0])
        pillow = _rect(0.9 * u, 0.4 * u, "#e9ecef", radius=0.15 * u).move_to([x - 1.5 * u, top + 0.2 * u, 0])
        self.add(self.window(a.right - 0.18 * a.width, self.floor_y + 4.6 * u, 1.8 * u, 1.6 * u, night=True), head, frame, pillow)
        self.spot = np.array([x + 0.4 * u, top + 0.2 * u, 0.0])
        self.blanket = _rect(2.8 * u, 0.55 * u, self.theme.color(5), radius=0.2 * u).move_to([x + 0.9 * u, top + 0.2 * u, 0])
        self.front = [self.blanket]

    def act(self, action: str, seconds: float) -> Animation | None:
        if action != "sleep" or seconds < 1.0:
            return None
        z = Snore(self.theme, height=1.2 * self.unit).move_to(self.spot + np.array([-1.6 * self.unit, 1.4 * self.unit, 0]))
        return z.drift(run_time=min(seconds, 2.5))


class Kitchen(Place):
    name = "kitchen"
    pose = "eat"

    def build(self) -> None:
        a, u = self.area, self.unit
        x = self.spot[0]
        counter_top = self.floor_y + 1.9 * u
        cx = x + 2.2 * u
        counter = _rect(2.6 * u, 1.9 * u, "#6d597a").move_to([cx, self.floor_y + 0.95 * u, 0])
        top = _rect(2.8 * u, 0.16 * u, "#e9ecef").move_to([cx, counter_top, 0])
        self.pot = VGroup(_rect(0.9 * u, 0.55 * u, "#adb5bd", radius=0.08 * u), Line([-0.65 * u, 0.2 * u, 0], [-0.45 * u, 0.2 * u, 0], stroke_color="#adb5bd", stroke_width=6))
        _at(self.pot, cx - 0.3 * u, counter_top + 0.08 * u)
        sy = min(self.floor_y + 4.6 * u, a.top - 0.7 * u)
        shelf = VGroup(Line([a.left + 0.05 * a.width, sy, 0], [a.left + 0.35 * a.width, sy, 0], stroke_color=WOOD, stroke_width=7))
        for k, slug in enumerate(("cup", "bottle-wine", "food-apple")):
            shelf.add(_at(icon(slug, self.theme.color(k + 1), 0.6 * u), a.left + (0.09 + 0.1 * k) * a.width, sy + 0.02 * u))
        self.add(shelf, counter, top, self.pot)

    def act(self, action: str, seconds: float) -> Animation | None:
        if action != "eat" or seconds < 0.8:
            return None
        puffs = VGroup(*(Circle(radius=0.16 * self.unit * (1 + 0.3 * k), stroke_width=0, fill_color="#dee2e6", fill_opacity=0.7) for k in range(3)))
        base = self.pot.get_top()
        for k, p in enumerate(puffs):
            p.move_to(base + np.array([0.1 * self.unit * (-1) ** k, 0.3 * self.unit, 0]))
        rise = [p.animate(rate_func=rate_functions.linear).shift(UP * 1.8 * self.unit + RIGHT * 0.2 * self.unit * (-1) ** k).set_opacity(0) for k, p in enumerate(puffs)]
        from manim import LaggedStart

        return LaggedStart(*rise, lag_ratio=0.3, run_time=min(seconds, 2.4))


class Street(Place):
    name = "street"
    pose = "walk"

    def build(self) -> None:
        a, u = self.area, self.unit
        road = _rect(a.width, min(0.5 * u, 0.95 * (self.floor_y - a.bottom)), "#3a3f55").move_to([a.center[0], self.floor_y, 0], aligned_edge=UP)
        self.add(road)
        for k in range(4):
            w = (0.14 + 0.05 * (k % 2)) * a.width
            h = min((4.0 + 1.2 * ((k * 7) % 3)) * u, (0.8 + 0.07 * (k % 3)) * (a.top - self.floor_y))
            b = _rect(w, h, ("#3d405b", "#4a4e69", "#354f52", "#52489c")[k], radius=0.02 * w)
            _at(b, a.left + (0.14 + 0.24 * k) * a.width, self.floor_y)
            for r in range(int(h / (0.9 * u)) - 1):
                for c in range(2):
                    b_ = _rect(0.22 * w, 0.35 * u, "#ffd166", opacity=0.85 if (r + c + k) % 3 else 0.25)
                    b.add(b_.move_to(b.get_corner(UP + LEFT) + np.array([(0.3 + 0.4 * c) * w, -(0.7 + 0.9 * r) * u, 0])))
            self.add(b)
        self.spot = np.array([a.left + 0.25 * a.width, self.floor_y + 2 * u, 0.0])

    def act(self, action: str, seconds: float) -> Animation | None:
        return None


class Car(Place):
    name = "car"
    pose = "drive"

    def build(self) -> None:
        a, u = self.area, self.unit
        road_h = min(0.5 * u, 0.95 * (self.floor_y - a.bottom))
        road = _rect(a.width, road_h, "#3a3f55").move_to([a.center[0], self.floor_y, 0], aligned_edge=UP)
        self.dashes = VGroup(*(Line([a.left + k * 0.16 * a.width, self.floor_y - 0.5 * road_h, 0], [a.left + (k * 0.16 + 0.07) * a.width, self.floor_y - 0.5 * road_h, 0], stroke_color="#f4f1ea", stroke_width=4) for k in range(1, 6)))
        x = a.center[0] - 0.05 * a.width
        body = Polygon([x - 2.4 * u, self.floor_y + 0.45 * u, 0], [x + 2.4 * u, self.floor_y + 0.45 * u, 0], [x + 2.4 * u, self.floor_y + 1.5 * u, 0],
                       [x + 1.2 * u, self.floor_y + 1.7 * u, 0], [x + 0.6 * u, self.floor_y + 2.7 * u, 0], [x - 1.4 * u, self.floor_y + 2.7 * u, 0],
                       [x - 2.0 * u, self.floor_y + 1.6 * u, 0], [x - 2.4 * u, self.floor_y + 1.5 * u, 0], fill_color=self.theme.color(4), fill_opacity=1, stroke_width=0)
        glass = Polygon([x + 0.45 * u, self.floor_y + 2.55 * u, 0], [x + 1.0 * u, self.floor_y + 1.75 * u, 0], [x - 1.7 * u, self.floor_y + 1.75 * u, 0], [x - 1.25 * u, self.floor_y + 2.55 * u, 0],
                        fill_color="#a8dadc", fill_opacity=0.35, stroke_color="#a8dadc", stroke_width=3)
        self.wheels = VGroup(*(VGroup(Circle(radius=0.5 * u, fill_color="#1b1b1b", fill_opacity=1, stroke_color="#adb5bd", stroke_width=4),
                                      Line([-0.4 * u, 0, 0], [0.4 * u, 0, 0], stroke_color="#adb5bd", stroke_width=4)).move_to([x + s * 1.4 * u, self.floor_y + 0.5 * u, 0]) for s in (-1, 1)))
        self.add(road, self.dashes)
        self.car = VGroup(body, glass, self.wheels)
        self.add(self.car)
        self.spot = np.array([x - 0.5 * u, self.floor_y + 1.55 * u, 0.0])
        self.figure_height *= 0.62
        self.front = [glass]

    def act(self, action: str, seconds: float) -> Animation | None:
        if action != "drive":
            return None
        turns = [motions.spin(w, turns=-seconds * 1.2, rate_func=rate_functions.linear) for w in self.wheels]
        return AnimationGroup(*turns, _Scroll(self.dashes, 0.16 * self.area.width, speed=2.5 * self.unit), run_time=seconds)


class _Scroll(Animation):
    """Road markings running backwards under a moving car (they wrap every ``spacing``)."""

    def __init__(self, dashes: VGroup, spacing: float, speed: float, **kwargs):
        self.spacing, self.speed, self._moved = spacing, speed, 0.0
        super().__init__(dashes, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        moved = (alpha * self.run_time * self.speed) % self.spacing
        self.mobject.shift(LEFT * (moved - self._moved))
        self._moved = moved


class Pool(Place):
    name = "pool"
    pose = "swim"

    def build(self) -> None:
        a, u = self.area, self.unit
        water = _rect(0.8 * a.width, 1.8 * u, "#1d6fa3", opacity=0.9).move_to([a.center[0], self.floor_y + 0.9 * u, 0])
        self.waves = Waves(width=0.8 * a.width, rows=2, amplitude=0.12 * u, theme=self.theme)
        self.waves.move_to(water.get_top() + DOWN * 0.05 * u)
        ladder = VGroup(*(Line([water.get_right()[0] - 0.3 * u, water.get_top()[1] + d, 0], [water.get_right()[0] - 0.3 * u, water.get_top()[1] - 1.0 * u, 0], stroke_color=LINE, stroke_width=5) for d in (0.9 * u,)))
        sun = icon("weather-sunny", "#ffd166", 1.3 * u)
        sun.move_to([a.right - 0.12 * a.width, min(self.floor_y + 5.0 * u, a.top - 0.6 * sun.height), 0])
        umbrella = icon("umbrella-beach", self.theme.color(4), 1.8 * u)
        _at(umbrella, max(a.left + 0.06 * a.width, a.left + 0.5 * umbrella.width), self.floor_y)
        self.add(sun, water, self.waves, ladder, umbrella)
        self.spot = np.array([a.center[0] - 0.1 * a.width, water.get_top()[1] - 0.1 * u, 0.0])
        self.front = [water.copy().set_fill(opacity=0.55).stretch(0.55, 1, about_edge=DOWN)]

    def act(self, action: str, seconds: float) -> Animation | None:
        if action not in ("swim", "stand", "think") or seconds < 0.5:
            return None
        return _Roll(self.waves, run_time=seconds)


class _Roll(Animation):
    """Waves rolling for the animation's run (the motion is the water's, on its word)."""

    def __init__(self, waves: Waves, **kwargs):
        self.waves = waves
        super().__init__(waves, **kwargs)
        self._last = 0.0

    def interpolate_mobject(self, alpha: float) -> None:
        t = alpha * self.run_time
        self.waves._roll(self.waves, t - self._last)
        self._last = t


class Classroom(Place):
    name = "classroom"
    pose = "read"

    def build(self) -> None:
        a, u = self.area, self.unit
        bh = min(2.6 * u, 0.5 * a.height)
        board = _rect(0.42 * a.width, bh, "#2d6a4f", radius=0.05 * u, stroke_color=WOOD, stroke_width=8).move_to([a.right - 0.26 * a.width, a.top - 0.6 * bh, 0])
        self.chalk = VGroup(*(Line(board.get_corner(UP + LEFT) + np.array([0.1 * board.width, -(0.25 + 0.22 * k) * board.height, 0]),
                                   board.get_corner(UP + LEFT) + np.array([(0.4 + 0.15 * (k % 3)) * board.width, -(0.25 + 0.22 * k) * board.height, 0]), stroke_color="#f8f9fa", stroke_width=4) for k in range(4)))
        x = self.spot[0]
        seat_y = self.floor_y + u
        desk = VGroup(_rect(2.0 * u, 0.14 * u, WOOD).move_to([x + 1.8 * u, seat_y + 0.75 * u, 0]),
                      Line([x + 2.6 * u, seat_y + 0.75 * u, 0], [x + 2.6 * u, self.floor_y, 0], stroke_color=WOOD, stroke_width=7),
                      Line([x - 0.15 * u, seat_y, 0], [x + 0.8 * u, seat_y, 0], stroke_color=WOOD, stroke_width=9),
                      Line([x + 0.35 * u, seat_y, 0], [x + 0.35 * u, self.floor_y, 0], stroke_color=WOOD, stroke_width=7))
        self.book = _rect(0.7 * u, 0.5 * u, self.theme.color(2), radius=0.04 * u)
        self.add(board, desk)
        self.chalk.set_opacity(0)
        self.add(self.chalk)

    def act(self, action: str, seconds: float) -> Animation | None:
        if action not in ("read", "talk", "think", "type"):
            return None
        todo = [c for c in self.chalk if c.get_stroke_opacity() == 0]
        if not todo:
            return None
        return Succession(*(Create(c.set_opacity(1)) for c in todo[:2]), run_time=min(seconds, 1.6))


class Meeting(Place):
    name = "meeting"
    pose = "talk"

    def build(self) -> None:
        a, u = self.area, self.unit
        screen = _rect(0.5 * a.width, 0.62 * a.height, "#22263a", radius=0.04 * a.width, stroke_color=LINE, stroke_width=5)
        screen.move_to([a.right - 0.3 * a.width, self.floor_y + 0.55 * a.height, 0])
        self.grid = MeetingGrid(rows=2, cols=3, width=0.46 * a.width, theme=self.theme).move_to(screen)
        stand = Line(screen.get_bottom(), [screen.get_x(), self.floor_y, 0], stroke_color=LINE, stroke_width=6)
        self.add(stand, screen, self.grid)
        self.speaker = 0
        self.spot = np.array([a.left + 0.2 * a.width, self.floor_y + 2 * u, 0.0])

    def act(self, action: str, seconds: float) -> Animation | None:
        if seconds < 0.4:
            return None
        self.speaker = (self.speaker + 2) % len(self.grid.tiles)
        tile = self.grid.tiles[self.speaker]
        return AnimationGroup(self.grid.speak(self.speaker), motions.pulse(tile.person, scale=1.12), run_time=min(seconds, 0.8))


class Bathroom(Place):
    name = "shower"
    pose = "shower"

    def build(self) -> None:
        u = self.unit
        x = self.spot[0]
        tiles = VGroup(*(_rect(0.9 * u, 0.9 * u, "#2f3e5c", stroke_color="#46587e", stroke_width=2).move_to([x + (i - 1.5) * 0.92 * u, self.floor_y + (j + 0.5) * 0.92 * u, 0]) for i in range(4) for j in range(max(3, int((self.area.top - self.floor_y) / (0.92 * u)) ))))
        tray = _rect(4.0 * u, 0.25 * u, "#e9ecef").move_to([x, self.floor_y + 0.12 * u, 0])
        self.shower = Shower(height=1.0 * u, fall=3.6 * u, theme=self.theme, drops=14)
        self.shower.move_to([x + 0.3 * u, min(self.floor_y + 4.9 * u, self.area.top), 0], aligned_edge=UP)
        self.shower.drops.set_opacity(0)
        self.add(tiles, tray, self.shower)
        self.spot = np.array([x, self.floor_y + 0.25 * u + 2 * u, 0.0])

    def act(self, action: str, seconds: float) -> Animation | None:
        if action != "shower":
            return None
        self.shower.drops.set_opacity(1)
        return _Rain(self.shower, run_time=seconds)


class _Rain(Animation):
    def __init__(self, shower: Shower, **kwargs):
        self.shower = shower
        super().__init__(shower.drops, **kwargs)
        self._last = 0.0
        top = shower.head.get_bottom()[1]
        self._span = (top, top - shower.fall)

    def interpolate_mobject(self, alpha: float) -> None:
        t = alpha * self.run_time
        dt, self._last = t - self._last, t
        top, bottom = self._span
        for drop in self.shower.drops:
            drop.shift(DOWN * 3.0 * dt)
            if drop.get_y() < bottom:
                drop.shift(UP * (top - bottom))


PLACES: dict[str, type[Place]] = {c.name: c for c in (Place, Desk, Bed, Kitchen, Street, Car, Pool, Classroom, Meeting, Bathroom)}


def place(name: str, area: Region, theme: Theme) -> Place:
    """The place called ``name`` (``room`` when unknown), drawn to fill ``area``."""
    return PLACES.get(name, Place)(area, theme)


# -- props ---------------------------------------------------------------------------------------
class Prop:
    """A thing the words name, drawn to fit a region: ``mob``, ``entrance()``, ``act(cue)``."""

    name = "prop"

    def __init__(self, region: Region, theme: Theme, **data):
        self.region, self.theme, self.data = region, theme, data
        self.mob = self.draw()
        region.fit(self.mob, fill=0.86, grow=True)
        if self.mob.height > 2.4 * self.theme.scale * 1.2:  # not a giant: at most about the narrator's height
            self.mob.scale(2.4 * self.theme.scale * 1.2 / self.mob.height)

    def draw(self) -> VMobject:
        raise NotImplementedError

    def entrance(self) -> Animation:
        return motions.pop_in(self.mob)

    def act(self, cue: str, seconds: float) -> Animation | None:
        """What it does when word ``cue`` (one of its cues) is said; ``None``: nothing."""
        return motions.pulse(self.mob, scale=1.08, run_time=min(0.6, seconds))


class ClockProp(Prop):
    name = "clock"

    def draw(self):
        self.clock = Clock(radius=1.0, hour=self.data.get("start", 7.0), theme=self.theme)
        return self.clock

    def act(self, cue, seconds):
        if cue == "ring":
            return motions.shake(self.clock, amplitude=0.06 * self.clock.width, times=6, run_time=min(seconds, 1.0))
        hour = self.data.get("hour")
        if hour is None:
            return motions.pulse(self.clock, scale=1.08, run_time=min(seconds, 0.6))
        return self.clock.turn_to(hour, run_time=min(seconds, 1.6), rate_func=rate_functions.ease_in_out_cubic)


class CalendarProp(Prop):
    name = "calendar"

    def draw(self):
        self.cal = FlipCalendar(self.data.get("today", "MON"), self.data.get("tomorrow", "TUE"), theme=self.theme)
        self._first = True
        return self.cal

    def act(self, cue, seconds):
        words = self.data.get("words", "").lower()
        if self._first and self.data.get("named"):  # the day it is: shown, not turned
            self._first = False
            self._shown = words
            return motions.pulse(self.cal, scale=1.06, run_time=min(seconds, 0.5))
        if self.data.get("named") and words != getattr(self, "_shown", None) and words.endswith("day") and len(words) > 5:
            # Another weekday said: the calendar turns to it.
            self._shown = words
            new = FlipCalendar(self.data["today"], self.data["tomorrow"], theme=self.theme).replace(self.cal)
            return Transform(self.cal, new, run_time=min(seconds, 0.8))
        if not (words.startswith(("tomorrow", "another", "next")) or words in ("weekend", "week")):
            return motions.pulse(self.cal, scale=1.06, run_time=min(seconds, 0.5))  # "four days": no page turns
        if getattr(self, "_flipped", False):
            return motions.pulse(self.cal, scale=1.06, run_time=min(seconds, 0.5))
        self._flipped = True
        return self.cal.flip(run_time=min(seconds, 1.0))


class ProgressProp(Prop):
    """A bar that fills while the work runs, and completes (with a flash) when the text says it finished."""

    name = "progress"

    def draw(self):
        self.bar = ProgressBar(width=4.0, height=0.5, fraction=self.data.get("start", 0.0), theme=self.theme)
        slug = self.data.get("slug") or "cog"
        self.badge = icon(slug if has_icon(slug) else "cog", self.theme.color(0), 0.9).next_to(self.bar, UP, buff=0.3)
        return VGroup(self.badge, self.bar)

    def act(self, cue, seconds):
        if cue == "done":
            done = icon("check-circle", self.theme.color(3), 0.9).move_to(self.badge)
            return Succession(self.bar.fill_to(1.0, run_time=min(seconds, 0.8), rate_func=rate_functions.ease_out_cubic),
                              AnimationGroup(Flash(self.bar.track.get_right(), color=self.theme.color(3)), self.badge.animate.become(done)), run_time=min(seconds, 1.4))
        target = min(0.9, self.bar.fraction + 0.45)
        spin = motions.spin(self.badge, turns=max(1, seconds / 2.5), rate_func=rate_functions.linear)
        return AnimationGroup(self.bar.fill_to(target, rate_func=rate_functions.linear), spin, run_time=max(0.5, min(seconds, 4.0)))


class MoneyProp(Prop):
    name = "money"

    def draw(self):
        self.counter = Counter(0, theme=self.theme, prefix=self.data.get("prefix", "$"), color=self.theme.color(3))
        bank = icon("bank", self.theme.text, 1.4)
        self.coins = VGroup(*(icon("circle-multiple", self.theme.accent, 0.5) for _ in range(3)))
        body = VGroup(bank, self.counter).arrange(DOWN, buff=0.35)
        for k, c in enumerate(self.coins):
            c.move_to(bank.get_top() + UP * (0.6 + 0.3 * k) + RIGHT * (k - 1) * 0.45).set_opacity(0)
        if self.data.get("amount") is None:
            self.counter.set_opacity(0)
        return VGroup(body, self.coins)

    def act(self, cue, seconds):
        amount = self.data.get("amount")
        drops = [c.animate(rate_func=rate_functions.rush_into).set_opacity(1).move_to(self.mob[0][0].get_center()).scale(0.6) for c in self.coins]
        from manim import LaggedStart

        if amount is None:  # no sum said: coins drop into the bank, no number made up
            return LaggedStart(*drops, lag_ratio=0.3, run_time=max(0.6, min(seconds, 1.6)))
        if not self.counter.get_fill_opacity():
            self.counter.set_opacity(1)
        return AnimationGroup(self.counter.count_to(amount), LaggedStart(*drops, lag_ratio=0.3), run_time=max(0.6, min(seconds, 2.0)))


class ChecklistProp(Prop):
    name = "checklist"

    def draw(self):
        items = self.data.get("items") or ["plan", "do", "check"]
        self.list = Checklist(items[:4], self.theme)
        self.done = 0
        for row in self.list.rows:
            row.set_opacity(0.35)
        self.list.marks.set_opacity(0)
        return self.list

    def act(self, cue, seconds):
        if self.done >= len(self.list.rows):
            return motions.pulse(self.list, scale=1.04, run_time=min(seconds, 0.5))
        i, self.done = self.done, self.done + 1
        row, mark = self.list.rows[i], self.list.marks[i]
        return Succession(row.animate.set_opacity(1), AnimationGroup(mark.animate.set_opacity(1), motions.pulse(mark, scale=1.3)), run_time=min(seconds, 0.8))


class ThoughtProp(Prop):
    name = "thought"

    def draw(self):
        slug = self.data.get("slug") or "lightbulb-on"
        inner = icon(slug if has_icon(slug) else "lightbulb-on", self.theme.accent, 1.0)
        self.bubble = ThoughtBubble(inner, self.theme, height=2.2)
        self.bubble.content.set_fill(self.theme.accent, 1)
        return self.bubble

    def entrance(self):
        return motions.fade(self.mob, scale=0.3, shift=UP * 0.2)

    def act(self, cue, seconds):
        return AnimationGroup(self.bubble.animate.scale(1.08), motions.wiggle(self.bubble.content), run_time=min(seconds, 0.9))


class JarProp(Prop):
    name = "jar"

    def draw(self):
        self.jar = CookieJar(self.data.get("label", "COOKIES"), theme=self.theme)
        return self.jar

    def act(self, cue, seconds):
        if getattr(self, "_open", False):
            return motions.shake(self.jar, run_time=min(seconds, 0.6))
        self._open = True
        return self.jar.open(run_time=min(seconds, 0.8))


class ChartProp(Prop):
    name = "chart"

    def draw(self):
        values = self.data.get("values") or [1, 1.4, 1.2, 2.1, 2.6, 3.4]
        self.chart = LineChart(values, width=4.0, height=2.6, theme=self.theme)
        self._grown = False
        return self.chart

    def entrance(self):
        return FadeIn(self.chart[0] if len(self.chart) else self.chart)

    def act(self, cue, seconds):
        if not self._grown:
            self._grown = True
            return self.chart.grow(run_time=max(0.6, min(seconds, 2.0)))
        return motions.pulse(self.chart, scale=1.05, run_time=min(seconds, 0.6))


class GaugeProp(Prop):
    name = "gauge"

    def draw(self):
        self.gauge = Gauge(radius=1.2, value=0.2, label=self.data.get("label", "score"), theme=self.theme)
        return self.gauge

    def act(self, cue, seconds):
        target = 0.25 if cue == "low" else 0.9
        return self.gauge.tick_to(target, run_time=max(0.5, min(seconds, 1.4)))


class IconProp(Prop):
    """The fallback: an icon with its word under it, for a noun nothing else draws."""

    name = "icon"

    def draw(self):
        slug = self.data.get("slug", "star")
        glyph = icon(slug, self.data.get("color") or self.theme.color(self.data.get("n", 0)), 1.6)
        words = self.data.get("label")
        if not words:
            return VGroup(glyph)
        label = text(words, self.theme, "label", self.theme.upcoming)
        if label.width > 2.6:
            label.scale_to_fit_width(2.6)
        return VGroup(glyph, label).arrange(DOWN, buff=0.2)

    def act(self, cue, seconds):
        return motions.wiggle(self.mob[0], run_time=min(seconds, 0.7))


class SparkleProp(Prop):
    name = "sparkles"

    def draw(self):
        return VGroup(icon("star-four-points", self.theme.accent, 1.2))

    def act(self, cue, seconds):
        return Sparkles(self.mob, theme=self.theme).burst(run_time=min(seconds, 0.8))


PROPS: dict[str, type[Prop]] = {c.name: c for c in (ClockProp, CalendarProp, ProgressProp, MoneyProp, ChecklistProp, ThoughtProp, JarProp, ChartProp, GaugeProp, IconProp, SparkleProp)}


def prop(name: str, region: Region, theme: Theme, **data) -> Prop:
    """The prop called ``name`` (an icon card when unknown), fitted to ``region``."""
    return PROPS.get(name, IconProp)(region, theme, **data)


__all__ = ["PLACES", "PROPS", "Place", "Prop", "place", "prop"]

