"""Drawing helpers shared by the subject modules (not part of the vocabulary)."""

from __future__ import annotations

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


def _label(words: str, theme: Theme, color, box: VMobject, fill: float = 0.8, **kwargs):
    """``words`` scaled to fit inside ``box`` and centred on it."""
    mob = text(words, theme, "label", color, **kwargs).scale_to_fit_width(box.width * fill)
    if mob.height > box.height * 0.7:
        mob.scale_to_fit_height(box.height * 0.7)
    return mob.move_to(box)


def _sprout(mob, **kwargs) -> Animation:
    """Grow up from the bottom with a springy overshoot."""
    return GrowFromPoint(mob, mob.get_bottom(), rate_func=rate_functions.ease_out_back, **kwargs)
