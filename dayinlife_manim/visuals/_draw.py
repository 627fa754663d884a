"""Drawing helpers shared by the subject modules (not part of the vocabulary)."""

from __future__ import annotations

import functools

import numpy as np
from manim import (
    Animation,
    GrowFromPoint,
    Rectangle,
    RoundedRectangle,
    VMobject,
    rate_functions,
)

from .text import text
from .theme import Theme

#: Ink for outlines, pupils, brows and words on light paper.
INK = "#14161f"


def _box(width: float, height: float, color, radius: float = 0.0, opacity: float = 1.0, **stroke) -> VMobject:
    """A filled (rounded) rectangle, no outline unless ``stroke_*`` is given."""
    stroke.setdefault("stroke_width", 0)
    if radius > 0:
        return RoundedRectangle(width=width, height=height, corner_radius=radius, fill_color=color, fill_opacity=opacity, **stroke)
    return Rectangle(width=width, height=height, fill_color=color, fill_opacity=opacity, **stroke)


@functools.lru_cache(maxsize=64)
def _pill_base(height: float) -> tuple[np.ndarray, float]:
    """The outline of the shortest pill of ``height`` (centred at the origin) and its width."""
    width = 1.02 * height
    return RoundedRectangle(width=width, height=height, corner_radius=height / 2).points, width


def pill_points(width: float, height: float) -> np.ndarray:
    """Outline points of a pill (a bar with half-round ends) ``width`` x ``height``, centred at the origin.

    Made from the shortest pill by moving its right end: a bar that grows in
    every frame costs an addition, not manim's corner rounding of a new
    ``RoundedRectangle`` (same outline).
    """
    base, base_width = _pill_base(round(float(height), 9))
    points = base.copy()
    points[points[:, 0] > 0, 0] += max(0.0, width - base_width)
    points[:, 0] -= max(0.0, width - base_width) / 2
    return points


def _label(words: str, theme: Theme, color, box: VMobject, fill: float = 0.8, **kwargs):
    """``words`` scaled to fit inside ``box`` and centred on it."""
    mob = text(words, theme, "label", color, **kwargs).scale_to_fit_width(box.width * fill)
    if mob.height > box.height * 0.7:
        mob.scale_to_fit_height(box.height * 0.7)
    return mob.move_to(box)


def _sprout(mob, **kwargs) -> Animation:
    """Grow up from the bottom with a springy overshoot."""
    return GrowFromPoint(mob, mob.get_bottom(), rate_func=rate_functions.ease_out_back, **kwargs)
