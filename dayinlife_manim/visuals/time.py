"""Time: a wall clock and a tear-off calendar."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    ORIGIN,
    PI,
    RIGHT,
    TAU,
    UP,
    Animation,
    Circle,
    Dot,
    Line,
    VGroup,
)

from ._draw import INK, _box
from .charts import Tween
from .icons import icon
from .text import text
from .theme import DEFAULT_THEME, Theme

__all__ = ['Clock', 'FlipCalendar']


def _clock_direction(hours: float) -> np.ndarray:
    angle = PI / 2 - hours / 12 * TAU
    return np.array([math.cos(angle), math.sin(angle), 0.0])


class Clock(VGroup):
    """A wall clock (face, ticks, hour and minute hands) showing ``hour`` (e.g. 6.5 = half past six).

    Example: ``Clock(hour=6).turn_to(11)``
    """

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


class FlipCalendar(VGroup):
    """A tear-off calendar: ``front`` (today, ticked off) over ``back`` (tomorrow); ``flip()`` flips today away.

    Example: ``FlipCalendar("MON", "TUE").flip()``
    """

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
