"""Effects that decorate other drawings: sparkles, speed lines, a scan line, rolling waves."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    TAU,
    UP,
    Animation,
    FadeOut,
    GrowFromCenter,
    LaggedStart,
    Line,
    Mobject,
    RoundedRectangle,
    Succession,
    VGroup,
    VMobject,
    rate_functions,
)

from .icons import icon
from .theme import DEFAULT_THEME, Theme

__all__ = ['Sparkles', 'SpeedLines', 'ScanLine', 'Waves']


class Sparkles(VGroup):
    """Four-pointed stars either side of ``around``; ``burst()`` pops them and fades them out (then removes them).

    They stay within the height of ``around``: leave ``margin`` + ``size`` free at its sides.

    Example: ``Sparkles(bulb := icon("lightbulb-on", height=1.5)).burst()``
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


class SpeedLines(VGroup):
    """Three dashes trailing behind ``target`` (on its ``side``), following it while attached.

    Example: ``SpeedLines(scooter := icon("scooter", height=1.5))``
    """

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


class ScanLine(VGroup):
    """A glowing horizontal line that sweeps over ``target`` (face scans, barcode jokes).

    Example: ``ScanLine(face := icon("face-recognition", height=2)).sweep(times=1)``
    """

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


class Waves(VGroup):
    """Rows of water waves; :meth:`start` makes them roll (an updater), :meth:`stop` ends it.

    Example: ``Waves(width=4, rows=3)``
    """

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
