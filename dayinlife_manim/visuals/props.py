"""Props: small reusable drawings that scenes place on their stage and animate.

Each prop is a ``VGroup`` (or a function returning one) in the theme's
colours, built at a nominal size around the origin; the caller positions and
sizes it (``move_to``, ``scale``, ``Region.fit`` or :func:`lay_out`).  Props
that change over time expose a method returning an ``Animation``, so scene
code stays a list of verbs::

    clock = Clock(radius=1.2, hour=6).move_to(self.stage.center)
    self.play(clock.turn_to(11), run_time=s.share(0.2))

Numbers are drawn with ``Text`` (no LaTeX is needed anywhere).
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    PI,
    RIGHT,
    TAU,
    UP,
    Animation,
    AnimationGroup,
    Arc,
    Circle,
    Create,
    Dot,
    GrowFromCenter,
    LaggedStart,
    Line,
    Mobject,
    RightAngle,
    Rectangle,
    Rotate,
    RoundedRectangle,
    Succession,
    Text,
    VGroup,
    VMobject,
    rate_functions,
)

from .icons import icon
from .text import text
from .theme import DEFAULT_THEME, Region, Theme

MONO_FONT = "DejaVu Sans Mono"


# -- plumbing -----------------------------------------------------------------
class Tween(Animation):
    """Animate a number from its value when the animation starts to ``target``.

    ``get``/``set`` read and write the number (``set`` redraws the mobject), so
    several tweens of one prop can be queued in a ``Succession``.
    """

    def __init__(self, mobject: Mobject, get: Callable[[], float], set: Callable[[float], object], target: float, **kwargs) -> None:
        self._get, self._set, self._target = get, set, float(target)
        self._start = float(get())
        super().__init__(mobject, **kwargs)

    def begin(self) -> None:
        self._start = float(self._get())
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        a = self.rate_func(alpha)
        self._set(self._start + (self._target - self._start) * a)


def lay_out(region: Region, *mobs: Mobject, buff: float = 0.6, fill: float = 0.92) -> VGroup:
    """Arrange ``mobs`` in a row, a column or a 2-column grid, whichever lets them be
    largest inside ``region``; then fit the group into it (centered)."""
    group = VGroup(*mobs)
    options = [(RIGHT, None), (DOWN, None)]
    if len(mobs) >= 3:
        options.append((None, 2))
    best, best_factor = None, -1.0
    for direction, cols in options:
        if cols:
            group.arrange_in_grid(cols=cols, buff=buff)
        else:
            group.arrange(direction, buff=buff)
        factor = min(fill * region.width / group.width, fill * region.height / group.height)
        if factor > best_factor + 1e-6:
            best, best_factor = (direction, cols), factor
    direction, cols = best
    if cols:
        group.arrange_in_grid(cols=cols, buff=buff)
    else:
        group.arrange(direction, buff=buff)
    return region.fit(group, fill=fill)


def cells(region: Region, n: int, shape: float = 1.0) -> list[Region]:
    """``n`` regions tiling ``region``: side by side, stacked, or a 2-column grid
    (last row centered), whichever lets content ``shape`` times wider than tall
    be largest in each cell.

    Landscape stages get columns; portrait ones get rows or a grid.
    """

    def room(w: float, h: float) -> float:  # height of the largest such content in a w x h cell
        return min(w / shape, h)

    rows = (n + 1) // 2
    grid_w, grid_h = region.width / 2, region.height / rows
    options = {
        "columns": room(region.width / n, region.height),
        "rows": room(region.width, region.height / n),
        "grid": room(grid_w, grid_h) if n > 2 else -1.0,
    }
    best = max(options, key=options.get)
    if best == "columns":
        return region.columns(n)
    if best == "rows":
        return region.rows(n)
    out = []
    for i in range(n):
        r, c = divmod(i, 2)
        in_row = min(2, n - 2 * r)
        left = region.left + (region.width - in_row * grid_w) / 2 + c * grid_w
        top = region.top - r * grid_h
        out.append(Region(left, left + grid_w, top - grid_h, top))
    return out


class Readout(VGroup):
    """A number drawn as ``Text`` (``fmt.format(value)``), redrawn when its value changes.

    The new text keeps the current scale and the edge named by ``align``
    (``LEFT`` keeps the left edge put, ``ORIGIN`` the centre).
    """

    def __init__(self, value: float, fmt: str = "{:.0f}", theme: Theme = DEFAULT_THEME, size: str = "label", color: str | None = None, align=LEFT) -> None:
        super().__init__()
        self.fmt, self.theme, self.size, self.color, self.align = fmt, theme, size, color, np.asarray(align)
        self.value = value
        self._shown = self.fmt.format(value)
        self._text = text(self._shown, theme, size, color)
        self._natural = self._text.height
        self.add(self._text)

    def set_value(self, value: float) -> "Readout":
        self.value = value
        shown = self.fmt.format(value)
        if shown != self._shown:
            # Redraw in place (``become``): the Text keeps its identity, so a scene
            # that is mid-animation never draws the old digits as well.
            anchor = self._text.get_critical_point(self.align)
            new = text(shown, self.theme, self.size, self.color)
            natural = new.height
            new.scale(self._text.height / self._natural)
            new.move_to(anchor, aligned_edge=self.align)
            new.set_opacity(self._text.get_fill_opacity())
            self._text.become(new)
            self._shown, self._natural = shown, natural
        return self

    def count_to(self, value: float, **kwargs) -> Animation:
        """Count up (or down) to ``value``."""
        return Tween(self, lambda: self.value, self.set_value, value, **kwargs)


# -- time ---------------------------------------------------------------------
def _clock_direction(hours: float) -> np.ndarray:
    angle = PI / 2 - hours / 12 * TAU
    return np.array([math.cos(angle), math.sin(angle), 0.0])


class Clock(VGroup):
    """A wall clock (face, ticks, hour and minute hands) showing ``hour`` (e.g. 6.5 = half past six)."""

    def __init__(self, radius: float = 1.0, hour: float = 7.0, theme: Theme = DEFAULT_THEME) -> None:
        super().__init__()
        w = 4 * radius
        self.face = Circle(radius, stroke_color=theme.text, stroke_width=1.6 * w, fill_color=theme.panel, fill_opacity=1)
        self.ticks = VGroup()
        for i in range(12):
            d = _clock_direction(i)
            major = i % 3 == 0
            inner = 0.74 if major else 0.84
            self.ticks.add(
                Line(inner * radius * d, 0.92 * radius * d, stroke_width=(1.4 if major else 0.8) * w, color=theme.text if major else theme.dim)
            )
        self.hour_hand = Line(ORIGIN, UP * 0.5 * radius, stroke_width=2.2 * w, color=theme.accent)
        self.minute_hand = Line(ORIGIN, UP * 0.78 * radius, stroke_width=1.4 * w, color=theme.text)
        self.pin = Dot(radius=0.08 * radius, color=theme.accent)
        self.add(self.face, self.ticks, self.hour_hand, self.minute_hand, self.pin)
        self.hour = hour
        self.set_time(hour)

    def set_time(self, hour: float) -> "Clock":
        self.hour = hour
        center, r = self.face.get_center(), self.face.width / 2
        self.hour_hand.put_start_and_end_on(center, center + 0.5 * r * _clock_direction(hour))
        self.minute_hand.put_start_and_end_on(center, center + 0.78 * r * _clock_direction(hour * 12))
        return self

    def turn_to(self, hour: float, **kwargs) -> Animation:
        """Sweep the hands forward to ``hour`` (the minute hand spins once per hour)."""
        start = self.hour
        target = start + (hour - start) % 12
        return Tween(self, lambda: self.hour, self.set_time, target, **kwargs)


# -- progress and knobs -----------------------------------------------------
class ProgressBar(VGroup):
    """A rounded bar filling left to right, with a ``42%`` readout on its right."""

    def __init__(self, width: float = 4.0, height: float = 0.4, fraction: float = 0.0, theme: Theme = DEFAULT_THEME, color: str | None = None, percent: bool = True) -> None:
        super().__init__()
        self.color = color or theme.accent
        self.track = RoundedRectangle(corner_radius=height / 2, width=width, height=height, stroke_color=theme.dim, stroke_width=3, fill_color=theme.panel, fill_opacity=1)
        self.bar = VMobject()
        self.add(self.track, self.bar)
        self.percent = None
        if percent:
            self.percent = Readout(0, "{:.0%}", theme, color=theme.text)
            self.percent.next_to(self.track, RIGHT, buff=0.25)
            self.add(self.percent)
        self.fraction = 0.0
        self.set_fraction(fraction)

    def set_fraction(self, fraction: float) -> "ProgressBar":
        self.fraction = f = float(np.clip(fraction, 0, 1))
        h = self.track.height * 0.64
        pad = (self.track.height - h) / 2
        w = max(h * 1.02, f * (self.track.width - 2 * pad))
        bar = RoundedRectangle(corner_radius=h / 2, width=w, height=h, stroke_width=0, fill_color=self.color, fill_opacity=1 if f > 0 else 0)
        bar.move_to(self.track.get_left() + RIGHT * (pad + w / 2))
        self.bar.become(bar)
        if self.percent is not None:
            self.percent.set_value(f)
        return self

    def fill_to(self, fraction: float, **kwargs) -> Animation:
        """Fill (or empty) the bar to ``fraction``; the percentage follows."""
        kwargs.setdefault("rate_func", rate_functions.linear)
        return Tween(self, lambda: self.fraction, self.set_fraction, fraction, **kwargs)

    def run(self, seconds: float, until: float = 1.0) -> "ProgressBar":
        """Keep filling on its own (an updater) at a pace that reaches ``until`` in ``seconds``."""
        rate = (until - self.fraction) / max(seconds, 1e-3)

        def advance(mob: Mobject, dt: float) -> None:
            if self.fraction < until:
                self.set_fraction(min(until, self.fraction + rate * dt))

        self._runner = advance
        self.add_updater(advance)
        return self

    def halt(self) -> "ProgressBar":
        """Stop the filling started by :meth:`run`."""
        if getattr(self, "_runner", None) is not None:
            self.remove_updater(self._runner)
            self._runner = None
        return self


class Slider(VGroup):
    """A labelled slider: a track, its filled part and a round knob at ``value`` (0..1)."""

    def __init__(self, label: str, width: float = 3.0, value: float = 0.3, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        color = color or theme.accent
        self.track = Line(LEFT * width / 2, RIGHT * width / 2, stroke_color=theme.dim, stroke_width=8)
        self.filled = Line(LEFT * width / 2, LEFT * width / 2 + RIGHT * 0.01, stroke_color=color, stroke_width=8)
        self.knob = Circle(radius=0.16, fill_color=theme.text, fill_opacity=1, stroke_color=color, stroke_width=6)
        self.name = text(label, theme, "label", theme.text)
        self.name.next_to(self.track, UP, buff=0.3).align_to(self.track, LEFT)
        self.add(self.track, self.filled, self.knob, self.name)
        self.value = value
        self.set_value(value)

    def set_value(self, value: float) -> "Slider":
        self.value = v = float(np.clip(value, 0, 1))
        start = self.track.get_start()
        point = start + (self.track.get_end() - start) * max(v, 0.002)
        self.filled.put_start_and_end_on(start, point)
        self.knob.move_to(point)
        return self

    def slide_to(self, value: float, **kwargs) -> Animation:
        kwargs.setdefault("rate_func", rate_functions.ease_in_out_back)
        return Tween(self, lambda: self.value, self.set_value, value, **kwargs)


class Gauge(VGroup):
    """A half-dial meter with a needle, a coloured level arc and a ``Text`` readout under it."""

    def __init__(self, radius: float = 1.2, value: float = 0.5, label: str = "score", theme: Theme = DEFAULT_THEME, color: str | None = None, fmt: str = "{:.2f}") -> None:
        super().__init__()
        self.color = color or theme.color(3)
        self.dial = Arc(radius=radius, start_angle=PI, angle=-PI, stroke_color=theme.dim, stroke_width=16)
        self.level = VMobject()
        self.needle = Line(ORIGIN, UP * radius * 0.8, stroke_color=theme.text, stroke_width=7)
        self.hub = Dot(radius=0.1 * radius, color=theme.text)
        self.readout = Readout(value, fmt, theme, "headline", theme.text, align=ORIGIN).next_to(self.hub, DOWN, buff=0.2 * radius)
        self.caption = text(label, theme, "label", theme.dim).next_to(self.readout, DOWN, buff=0.12)
        self.add(self.dial, self.level, self.needle, self.hub, self.readout, self.caption)
        self.value = value
        self.set_value(value)

    def set_value(self, value: float) -> "Gauge":
        self.value = v = float(np.clip(value, 0, 1))
        center, r = self.dial.get_arc_center(), self.dial.width / 2
        self.level.become(Arc(radius=r, start_angle=PI, angle=-max(v, 1e-3) * PI, arc_center=center, stroke_color=self.color, stroke_width=16))
        angle = PI - v * PI
        self.needle.put_start_and_end_on(center, center + 0.8 * r * np.array([math.cos(angle), math.sin(angle), 0]))
        self.readout.set_value(v)
        return self

    def tick_to(self, value: float, **kwargs) -> Animation:
        return Tween(self, lambda: self.value, self.set_value, value, **kwargs)


# -- panels and charts ----------------------------------------------------------
class Card(VGroup):
    """A rounded panel with an optional label along its bottom and a slot for content.

    ``content`` (an icon name or a mobject) is fitted into the slot and kept as
    ``card.content``; :meth:`place` fits any other mobject into the slot later
    (so a scene can show the empty card first and bring things in on cue).
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


class LineChart(VGroup):
    """Tiny axes with a polyline and dots through ``values`` (scaled to ``height``)."""

    def __init__(self, values: Sequence[float], width: float = 3.0, height: float = 2.0, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        color = color or theme.accent
        origin = np.array([-width / 2, -height / 2, 0])
        self.axes = VGroup(
            Line(origin, origin + UP * height, stroke_color=theme.dim, stroke_width=4),
            Line(origin, origin + RIGHT * width, stroke_color=theme.dim, stroke_width=4),
        )
        top, n = max(values), len(values)
        points = [origin + RIGHT * width * (i + 0.5) / n + UP * 0.9 * height * v / top for i, v in enumerate(values)]
        self.line = VMobject(stroke_color=color, stroke_width=6).set_points_as_corners(points)
        self.dots = VGroup(*(Dot(p, radius=0.08, color=theme.text) for p in points))
        self.add(self.axes, self.line, self.dots)

    def grow(self, **kwargs) -> Animation:
        """Draw the axes, then the line with its dots popping in along it."""
        return Succession(
            Create(self.axes, run_time=0.25),
            AnimationGroup(Create(self.line, rate_func=rate_functions.linear), LaggedStart(*(GrowFromCenter(d) for d in self.dots), lag_ratio=0.6)),
            **kwargs,
        )


class MoodLine(VGroup):
    """A mood-over-time line: wavy (``amplitude`` > 0) for humans, flat for robots."""

    def __init__(self, width: float = 4.0, amplitude: float = 0.5, waves: float = 2.5, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        self.width_, self.amplitude, self.waves, self.phase = width, amplitude, waves, 0.0
        # An invisible baseline anchors the curve, so it keeps its place and size when redrawn.
        self.baseline = Line(LEFT * width / 2, RIGHT * width / 2, stroke_opacity=0)
        self.curve = VMobject(stroke_color=color or theme.accent, stroke_width=7)
        self.add(self.baseline, self.curve)
        self.set_phase(0.0)

    def _y(self, t: float) -> float:
        a = self.amplitude
        return a * (0.7 * math.sin(TAU * self.waves * t + self.phase) + 0.3 * math.sin(TAU * 2.3 * self.waves * t + 2 * self.phase))

    def set_phase(self, phase: float) -> "MoodLine":
        """Redraw with the swings shifted by ``phase``."""
        self.phase = phase
        start, end = self.baseline.get_start(), self.baseline.get_end()
        scale = np.linalg.norm(end - start) / self.width_
        self.curve.set_points_smoothly([start + t * (end - start) + UP * scale * self._y(t) for t in np.linspace(0, 1, 60)])
        return self

    def draw(self, **kwargs) -> Animation:
        kwargs.setdefault("rate_func", rate_functions.linear)
        return Create(self.curve, **kwargs)

    def swing(self, turns: float = 1.0, **kwargs) -> Animation:
        """Let the mood swing: the waves roll along by ``turns`` periods."""
        kwargs.setdefault("rate_func", rate_functions.linear)
        return Tween(self, lambda: self.phase, self.set_phase, self.phase - turns * TAU, **kwargs)


# -- characters ---------------------------------------------------------------
class ThoughtBubble(VGroup):
    """A thought cloud (``thought-bubble`` icon) with ``content`` (text or a mobject) inside."""

    def __init__(self, content: str | Mobject, theme: Theme = DEFAULT_THEME, height: float = 1.0) -> None:
        super().__init__()
        self.cloud = icon("thought-bubble", theme.text, height)
        if isinstance(content, str):
            content = text(content, theme, "headline", theme.background)
        else:
            content.set_fill(theme.background, 1)
        # The cloud proper is the upper-right part of the icon (the dots trail off bottom-left).
        corner = self.cloud.get_corner(DOWN + LEFT)
        box = Region(corner[0] + 0.3 * self.cloud.width, corner[0] + 0.92 * self.cloud.width, corner[1] + 0.4 * height, corner[1] + 0.92 * height)
        self.content = box.fit(content, fill=0.85, grow=True)
        self.add(self.cloud, self.content)


class Robot(VGroup):
    """The ``robot`` icon with eyes that can glow (eyes sit behind the icon's eye holes)."""

    EYES = ((6.5 / 22, 6.5 / 20), (15.5 / 22, 6.5 / 20))  # eye centres as fractions of the icon box

    def __init__(self, height: float = 2.0, theme: Theme = DEFAULT_THEME, color: str | None = None, eye_color: str | None = None) -> None:
        super().__init__()
        self.body = icon("robot", color or theme.text, height)
        corner = self.body.get_corner(DOWN + LEFT)
        r = 0.13 * height
        self.eyes = VGroup(*(Circle(r, stroke_width=0, fill_color=eye_color or theme.background, fill_opacity=1).move_to(corner + RIGHT * fx * self.body.width + UP * fy * height) for fx, fy in self.EYES))
        self.glow = VGroup(*(Circle(1.4 * r, stroke_width=0, fill_opacity=0).move_to(e) for e in self.eyes))
        self.add(self.eyes, self.body, self.glow)

    def glare(self, color: str, glow: float = 0.3, **kwargs) -> Animation:
        """Eyes light up in ``color`` with a soft halo."""
        return AnimationGroup(self.eyes.animate.set_fill(color, 1), self.glow.animate.set_fill(color, glow), **kwargs)


class ScanLine(VGroup):
    """A glowing horizontal line that sweeps over ``target`` (face scans, barcode jokes)."""

    def __init__(self, target: Mobject, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        color = color or theme.color(6)
        self.target = target
        w = target.width * 1.1
        self.line = Line(LEFT * w / 2, RIGHT * w / 2, stroke_color=color, stroke_width=6)
        self.band = RoundedRectangle(corner_radius=0.05, width=w, height=0.12 * target.height, stroke_width=0, fill_color=color, fill_opacity=0.25).next_to(self.line, UP, buff=0)
        self.add(self.band, self.line)
        self.move_to(target.get_top(), aligned_edge=DOWN).shift(DOWN * self.band.height)

    def sweep(self, times: int = 2, **kwargs) -> Animation:
        """Down and up over the target, ``times`` passes."""
        top = self.target.get_top()[1] - self.band.height / 2
        bottom = self.target.get_bottom()[1] + self.band.height / 2
        moves = [self.animate(rate_func=rate_functions.smooth).set_y(bottom if i % 2 == 0 else top) for i in range(times)]
        return Succession(*moves, **kwargs)


class SittingFigure(VGroup):
    """A side-view stick coder on a chair at a desk with a laptop.

    Starts slouched forward by ``lean`` radians; :meth:`straighten` sits them up,
    then :meth:`elbow_angle` / :meth:`hip_angle` mark the right angles.
    """

    def __init__(self, lean: float = 0.45, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        c = color or theme.text
        hip, knee, foot = ORIGIN, RIGHT * 1.0, np.array([1.0, -1.0, 0])
        shoulder, elbow = UP * 1.3, np.array([0.3, 0.62, 0])
        forward = np.array([0.65, 0.3, 0]) / np.linalg.norm([0.65, 0.3])  # perpendicular to the upper arm
        hand = elbow + 0.72 * forward
        sw = 10
        self.thigh = Line(hip, knee, stroke_color=c, stroke_width=sw)
        self.shin = Line(knee, foot, stroke_color=c, stroke_width=sw)
        self.back = Line(hip, shoulder, stroke_color=c, stroke_width=sw)
        self.head = Circle(0.27, stroke_width=0, fill_color=c, fill_opacity=1).move_to(shoulder + UP * 0.4)
        self.upper_arm = Line(shoulder + DOWN * 0.02, elbow, stroke_color=theme.accent, stroke_width=8)
        self.forearm = Line(elbow, hand, stroke_color=theme.accent, stroke_width=8)
        self.upper = VGroup(self.back, self.head, self.upper_arm, self.forearm)
        d = theme.dim
        self.chair = VGroup(
            Line([-0.2, -0.12, 0], [-0.2, 1.1, 0], stroke_color=d, stroke_width=8),
            Line([-0.2, -0.12, 0], [0.85, -0.12, 0], stroke_color=d, stroke_width=8),
            Line([0.3, -0.12, 0], [0.3, -0.9, 0], stroke_color=d, stroke_width=6),
            Line([-0.1, -0.9, 0], [0.7, -0.9, 0], stroke_color=d, stroke_width=6),
        )
        top_y = hand[1] - 0.08
        self.desk = VGroup(
            Line([0.85, top_y, 0], [2.3, top_y, 0], stroke_color=d, stroke_width=10),
            Line([2.15, top_y, 0], [2.15, -1.0, 0], stroke_color=d, stroke_width=8),
        )
        self.laptop = icon("laptop", theme.color(0), height=0.45).move_to([1.6, top_y + 0.27, 0])
        self.floor = Line([-0.6, -1.0, 0], [2.6, -1.0, 0], stroke_color=d, stroke_width=3)
        self.add(self.floor, self.chair, self.desk, self.laptop, self.thigh, self.shin, self.upper)
        self.lean = lean
        self.upper.rotate(-lean, about_point=hip)

    @property
    def _unit(self) -> float:
        return self.thigh.get_length()

    def straighten(self, **kwargs) -> Animation:
        """Sit up: rotate the upper body back to vertical about the hip."""
        lean, self.lean = self.lean, 0.0
        kwargs.setdefault("rate_func", rate_functions.ease_out_back)
        return Rotate(self.upper, angle=lean, about_point=self.thigh.get_start(), **kwargs)

    def elbow_angle(self, color: str | None = None) -> VMobject:
        """A right-angle marker between upper arm and forearm (call once sitting up)."""
        return RightAngle(self.upper_arm, self.forearm, length=0.22 * self._unit, quadrant=(-1, 1), stroke_width=5, color=color or self.forearm.get_color())

    def hip_angle(self, color: str | None = None) -> VMobject:
        """A right-angle marker between back and thigh."""
        return RightAngle(self.back, self.thigh, length=0.22 * self._unit, quadrant=(1, 1), stroke_width=5, color=color or self.back.get_color())


class CodeCard(VGroup):
    """A little editor window with code lines in a monospace font.

    Lines starting with ``#`` are comments: hidden at first, typed in by
    :meth:`type_comments`.  Leading spaces indent a line.
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


# -- ambience -----------------------------------------------------------------
class Waves(VGroup):
    """Rows of water waves; :meth:`start` makes them roll (an updater), :meth:`stop` ends it."""

    def __init__(self, width: float = 4.0, rows: int = 3, amplitude: float = 0.1, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        self.width_, self.amp, self.phase = width, amplitude, 0.0
        self.baseline = Line(LEFT * width / 2, RIGHT * width / 2, stroke_opacity=0)
        self.add(self.baseline)
        self.curves = VGroup(*(VMobject(stroke_color=color or theme.color(6), stroke_width=6, stroke_opacity=1 - 0.25 * i) for i in range(rows)))
        self.add(self.curves)
        self._riders: list[tuple[Mobject, float]] = []
        self._draw()

    def _draw(self) -> None:
        start, end = self.baseline.get_start(), self.baseline.get_end()
        scale = np.linalg.norm(end - start) / self.width_
        for k, curve in enumerate(self.curves):
            y = lambda t: self.amp * (math.sin(TAU * 3 * t + self.phase + 1.3 * k) - 5 * k)
            curve.set_points_smoothly([start + t * (end - start) + UP * scale * y(t) for t in np.linspace(0, 1, 40)])

    def _roll(self, mob: Mobject, dt: float) -> None:
        self.phase -= 3.0 * dt
        self._draw()
        for rider, sink in self._riders:
            amp = self.amp * np.linalg.norm(self.baseline.get_end() - self.baseline.get_start()) / self.width_
            rider.set_y(self.curves[0].get_top()[1] + rider.height * (0.5 - sink) + amp * math.sin(self.phase))

    def start(self) -> "Waves":
        self._riders = getattr(self, "_riders", [])
        self.add_updater(self._roll)
        return self

    def carry(self, mob: Mobject, sink: float = 0.15) -> "Waves":
        """Float ``mob`` on the top wave (``sink`` of its height under water) while rolling."""
        self._riders = getattr(self, "_riders", []) + [(mob, sink)]
        return self

    def stop(self) -> "Waves":
        """Stop rolling (and carrying)."""
        self.remove_updater(self._roll)
        self._riders = []
        return self


class SpeedLines(VGroup):
    """Three dashes trailing behind ``target`` (on its ``side``), following it while attached."""

    def __init__(self, target: Mobject, side=LEFT, theme: Theme = DEFAULT_THEME, color: str | None = None) -> None:
        super().__init__()
        self.target, self.side = target, np.asarray(side)
        h = target.height
        for k, (dy, length) in enumerate(((0.25, 0.9), (0.0, 1.3), (-0.25, 0.7))):
            self.add(Line(ORIGIN, RIGHT * length * h * 0.6, stroke_color=color or theme.dim, stroke_width=5).shift(UP * dy * h))
        self.follow(self)

    def follow(self, mob: Mobject | None = None, dt: float = 0.0) -> "SpeedLines":
        self.next_to(self.target, self.side, buff=0.1 * self.target.height)
        return self

    def attach(self) -> "SpeedLines":
        self.add_updater(self.follow)
        return self

    def detach(self) -> "SpeedLines":
        self.remove_updater(self.follow)
        return self


__all__ = [
    "Card",
    "cells",
    "Clock",
    "CodeCard",
    "Gauge",
    "LineChart",
    "MoodLine",
    "ProgressBar",
    "Readout",
    "Robot",
    "ScanLine",
    "SittingFigure",
    "Slider",
    "SpeedLines",
    "ThoughtBubble",
    "Tween",
    "Waves",
    "lay_out",
]
