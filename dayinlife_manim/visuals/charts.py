"""Numbers and charts: counters, bars, sliders, gauges and lines, animated with ``Tween``."""

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
    RoundedRectangle,
    Succession,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    rate_functions,
)

from ._draw import _box, pill_points
from .text import number_text, text
from .theme import DEFAULT_THEME, Theme

__all__ = ['Tween', 'Readout', 'Counter', 'ProgressBar', 'FillBar', 'Slider', 'Gauge', 'LineChart', 'MoodLine']


class Tween(Animation):
    """Animate a number from its value when the animation starts to ``target``.

    ``get``/``set`` read and write the number (``set`` redraws the mobject), so
    several tweens of one prop can be queued in a ``Succession``.

    Example: ``Tween(r := Readout(0, "{:.0f} steps"), lambda: r.value, r.set_value, 42)``
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


class Readout(VGroup):
    """A number drawn as ``Text`` (``fmt.format(value)``), redrawn when its value changes.

    The new text keeps the current scale and the edge named by ``align``
    (``LEFT`` keeps the left edge put, ``ORIGIN`` the centre).

    Example: ``Readout(0, "{:.0f}%").count_to(87)``
    """

    def __init__(self, value: float, fmt: str = "{:.0f}", theme: Theme = DEFAULT_THEME, size: str = "label", color: str | None = None, align=LEFT) -> None:
        super().__init__()
        self.fmt, self.theme, self.size, self.color, self.align = fmt, theme, size, color, np.asarray(align)
        self.value = value
        self._shown = self.fmt.format(value)
        self._text = number_text(self._shown, theme, size, color)
        self._natural = self._text.height
        self.add(self._text)

    def set_value(self, value: float) -> "Readout":
        self.value = value
        shown = self.fmt.format(value)
        if shown != self._shown:
            # Redraw in place (``become``): the Text keeps its identity, so a scene
            # that is mid-animation never draws the old digits as well.
            anchor = self._text.get_critical_point(self.align)
            new = number_text(shown, self.theme, self.size, self.color)
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


class Counter(VGroup):
    """A Text-based number (no LaTeX) such as ``$1,250``; ``count_to(v)`` rolls it up or down.

    While counting the text is rebuilt every frame, centred where it stands and
    at whatever scale the caller gave it.

    Example: ``Counter(0, prefix="$").count_to(1250)``
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
        return number_text(self.format(value), self.theme, self.size, self.color_name)

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


class ProgressBar(VGroup):
    """A rounded bar filling left to right, with a ``42%`` readout on its right.

    Example: ``ProgressBar(fraction=0.1).fill_to(0.75)``
    """

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
        self.bar.set_points(pill_points(w, h) + self.track.get_left() + RIGHT * (pad + w / 2))
        self.bar.set_fill(self.color, opacity=1 if f > 0 else 0).set_stroke(width=0)
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


class FillBar(VGroup):
    """A rounded ``track`` filled to ``value`` (0..1) from the left; ``fill_to(v)`` grows the ``fill``.

    Example: ``FillBar(value=0.2).fill_to(0.9)``
    """

    def __init__(self, width: float = 4.0, height: float = 0.4, value: float = 0.0, theme: Theme = DEFAULT_THEME,
                 color: str | None = None):
        super().__init__()
        self.track = _box(width, height, theme.panel, radius=height / 2, stroke_color=theme.dim, stroke_width=2)
        self.fill_color_name = color or theme.color(3)
        self.value = value
        self.fill = self._make_fill(value)
        self.add(self.track, self.fill)

    def _make_fill(self, value: float, fill: VMobject | None = None) -> VMobject:
        """The filled part at ``value`` (drawn into ``fill`` when given)."""
        track = self.track
        h = track.height * 0.7
        w = max(h * 1.02, (track.width - 0.3 * track.height) * value)
        fill = fill if fill is not None else VMobject()
        fill.set_points(pill_points(w, h) + track.get_left() + RIGHT * (0.15 * track.height + w / 2))
        return fill.set_fill(self.fill_color_name, opacity=1.0 if value > 0 else 0.0).set_stroke(width=0)

    def fill_to(self, value: float, **kwargs) -> Animation:
        start = self.value
        self.value = value

        def update(mob, alpha):
            self._make_fill(start + (value - start) * alpha, mob)

        return UpdateFromAlphaFunc(self.fill, update, **kwargs)


class Slider(VGroup):
    """A labelled slider: a track, its filled part and a round knob at ``value`` (0..1).

    Example: ``Slider("learning rate", value=0.2).slide_to(0.8)``
    """

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
    """A half-dial meter with a needle, a coloured level arc and a ``Text`` readout under it.

    Example: ``Gauge(value=0.3, label="accuracy").tick_to(0.92)``
    """

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


class LineChart(VGroup):
    """Tiny axes with a polyline and dots through ``values`` (scaled to ``height``).

    Example: ``LineChart([1, 3, 2, 5, 4, 6]).grow()``
    """

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
    """A mood-over-time line: wavy (``amplitude`` > 0) for humans, flat for robots.

    Example: ``MoodLine(amplitude=0.5).swing()``
    """

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
