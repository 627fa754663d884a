"""People and characters: a face that acts, a coder at a desk, a robot, sleep and thoughts."""

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
    Dot,
    Ellipse,
    FadeIn,
    FadeOut,
    LaggedStart,
    Line,
    ManimColor,
    Mobject,
    Polygon,
    RightAngle,
    Rotate,
    Succession,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    interpolate_color,
    rate_functions,
)

from ._draw import INK, _box
from .icons import icon
from .text import text
from .theme import DEFAULT_THEME, Region, Theme

__all__ = ['Face', 'SittingFigure', 'Robot', 'Snore', 'ThoughtBubble', 'ThoughtCloud']


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

    Example: ``Face().doze(0.2)``
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


class SittingFigure(VGroup):
    """A side-view stick coder on a chair at a desk with a laptop.

    Starts slouched forward by ``lean`` radians; :meth:`straighten` sits them up,
    then :meth:`elbow_angle` / :meth:`hip_angle` mark the right angles.

    Example: ``SittingFigure(lean=0.45).straighten()``
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


class Robot(VGroup):
    """The ``robot`` icon with eyes that can glow (eyes sit behind the icon's eye holes).

    Example: ``Robot().glare("#ff3b3b")``
    """

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


class Snore(VGroup):
    """Three growing "Z"s, ``height`` tall; ``drift()`` floats them up and away (then removes them).

    Example: ``Snore(height=1.2)``
    """

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


class ThoughtBubble(VGroup):
    """A thought cloud (``thought-bubble`` icon) with ``content`` (text or a mobject) inside.

    Example: ``ThoughtBubble("11?!", height=1.6)``
    """

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


class ThoughtCloud(VGroup):
    """An empty drawn thought cloud (``body``) with two puffs trailing toward ``tail``.

    For a cloud with something inside, see ``props.ThoughtBubble``.

    Example: ``ThoughtCloud(width=3, height=2)``
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
