"""Reusable motions: entrances, exits, emphasis and scene transitions.

Each returns an ``Animation`` to pass to ``Scene.play`` (with your own
``run_time`` if you like), so scenes read as a list of verbs.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    UP,
    Animation,
    AnimationGroup,
    Circumscribe,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    LaggedStart,
    Mobject,
    Rotate,
    Succession,
    VMobject,
    Wiggle,
    config,
    rate_functions,
)

#: Scene transitions stay under half a second so cuts feel crisp.
TRANSITION_TIME = 0.3


def pop_in(mob: Mobject, **kwargs) -> Animation:
    """Grow from the centre with a little overshoot.

    Example: ``pop_in(icon("coffee", height=1.5))``
    """
    return GrowFromCenter(mob, rate_func=rate_functions.ease_out_back, **kwargs)


def pop_out(mob: Mobject, **kwargs) -> Animation:
    """Shrink to half while fading out.

    Example: ``pop_out(icon("coffee", height=1.5))``
    """
    return fade(mob, fade_in=False, scale=0.5, **kwargs)


class FadeInPlace(Animation):
    """``FadeIn``/``FadeOut`` (with ``shift`` and ``scale`` as they take them)
    that change the mobject's opacities and points in place.

    manim's fades deep-copy the whole mobject family twice when they begin;
    for a caption page or a scene's worth of text that is most of the cost
    of the scene's first and last animation.  The frames are the same: a
    fade is a straight line between the mobject and a faded, shifted, scaled
    version of it, so each frame scales the opacities and moves the points
    from their originals.  At the end everything is as before (a fade-out
    then removes the mobject, as ``FadeOut`` does).  Use :func:`fade` to get
    this or, for families that are not all vectorized, manim's own fades.
    """

    _COLORS = ("fill_rgbas", "stroke_rgbas", "background_stroke_rgbas")

    def __init__(self, mobject: Mobject, *, fade_in: bool = True, shift=None, scale: float = 1.0, **kwargs) -> None:
        self.fade_in = fade_in
        self.shift_vector = np.zeros(3) if shift is None else np.asarray(shift, dtype=float)
        self.scale_factor = scale
        super().__init__(mobject, introducer=fade_in, remover=not fade_in, **kwargs)

    def begin(self) -> None:
        self._alphas, self._points = [], []
        for member in self.mobject.family_members_with_points():
            for name in self._COLORS:
                rgbas = np.array(getattr(member, name), dtype=float)  # its own array, even if shared
                setattr(member, name, rgbas)
                self._alphas.append((rgbas, rgbas[:, 3].copy()))
            self._points.append((member, member.points.copy()))
        self._center = self.mobject.get_center()
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return self.mobject  # nothing is read from it: no copy

    def interpolate_mobject(self, alpha: float) -> None:
        eased = self.rate_func(alpha)
        faded = 1.0 - eased if self.fade_in else eased  # 0: as it is, 1: fully faded
        factor = 1.0 + faded * (self.scale_factor - 1.0)
        offset = self.shift_vector * (-faded if self.fade_in else faded)
        for member, points in self._points:
            member.points = self._center + factor * (points - self._center) + offset if faded else points.copy()
        for rgbas, opacity in self._alphas:
            rgbas[:, 3] = opacity * (1.0 - faded)

    def clean_up_from_scene(self, scene) -> None:
        super().clean_up_from_scene(scene)
        if not self.fade_in:
            self.interpolate(0)  # as FadeOut leaves it: removed, but unchanged


def fade(mob: Mobject, *, fade_in: bool = True, shift=None, scale: float = 1.0, **kwargs) -> Animation:
    """``FadeIn(mob, shift=, scale=)`` (or ``FadeOut``, with ``fade_in=False``), done in
    place when ``mob`` is all vectorized: the same frames without copying it.

    Example: ``fade(icon("coffee", height=1.5), shift=0.5 * UP)``
    """
    if all(isinstance(m, VMobject) for m in mob.family_members_with_points()):
        return FadeInPlace(mob, fade_in=fade_in, shift=shift, scale=scale, **kwargs)
    return (FadeIn if fade_in else FadeOut)(mob, shift=shift, scale=scale, **kwargs)


def slide_in(mob: Mobject, direction=UP, distance: float = 0.6, **kwargs) -> Animation:
    """Fade in while sliding ``distance`` along ``direction``.

    Example: ``slide_in(icon("laptop", height=1.5))``
    """
    return fade(mob, shift=np.asarray(direction) * distance, **kwargs)


def slide_out(mob: Mobject, direction=DOWN, distance: float = 0.6, **kwargs) -> Animation:
    """Fade out while sliding ``distance`` along ``direction``.

    Example: ``slide_out(icon("laptop", height=1.5))``
    """
    return fade(mob, fade_in=False, shift=np.asarray(direction) * distance, **kwargs)


def pop_in_each(*mobs: Mobject, lag: float = 0.25, **kwargs) -> Animation:
    """Pop in several mobjects one after another.

    Example: ``pop_in_each(*VGroup(icon("coffee"), icon("laptop"), icon("robot")).arrange(RIGHT))``
    """
    return LaggedStart(*(pop_in(m) for m in mobs), lag_ratio=lag, **kwargs)


def pulse(mob: Mobject, scale: float = 1.2, color=None, **kwargs) -> Animation:
    """A quick grow-and-back to draw the eye (keeps the colour unless given).

    Example: ``pulse(icon("heart", height=1.5))``
    """
    return Indicate(mob, scale_factor=scale, color=color or mob.get_color(), **kwargs)


def wiggle(mob: Mobject, **kwargs) -> Animation:
    """A playful wobble in place (a ringing bell, an eager hand).

    Example: ``wiggle(icon("bell", height=1.5))``
    """
    return Wiggle(mob, **kwargs)


def circle_around(mob: Mobject, color: str = "#ffb703", **kwargs) -> Animation:
    """Draw a ring around ``mob`` that comes and goes: "look here".

    Example: ``circle_around(star := icon("star", height=1.5))``
    """
    return Circumscribe(mob, color=color, **kwargs)


def spin(mob: Mobject, turns: float = 1.0, **kwargs) -> Animation:
    """Turn ``turns`` full times about its centre.

    Example: ``spin(icon("cog", height=1.5))``
    """
    return Rotate(mob, angle=turns * 2 * np.pi, **kwargs)


def shake(mob: Mobject, amplitude: float = 0.08, times: int = 4, **kwargs) -> Animation:
    """Shake left and right, ending where it started (for anger, alarms...).

    Example: ``shake(icon("alarm", height=1.5))``
    """
    steps = []
    for i in range(times):
        d = amplitude if i % 2 == 0 else -amplitude
        steps.append(mob.animate(rate_func=rate_functions.there_and_back).shift(np.array([d, 0, 0])))
    return Succession(*steps, **kwargs)


#: Drawings a second of a loop drawn "on steps" (a walk cycle, typing, waves): see :func:`on_steps`.
LOOP_RATE = 10


def on_steps(seconds: float, rate: float = LOOP_RATE):
    """A linear rate function that moves in about ``rate`` steps a second, holding each drawing
    for the same whole number of frames (``frame_rate // rate``: three at 30 fps, two at 24).

    Cartoon cycles are drawn on twos or threes (8 to 12 drawings a second): a loop that goes
    on for seconds reads as the same motion while the frames between its drawings repeat, and
    a repeated frame costs the frame sink nothing to draw or encode.  When each drawing would
    hold a single frame (15 fps and below, at the default rate) it is plain
    :func:`~manim.utils.rate_functions.linear`.

    Example: ``spin(icon("cog", height=1.5), turns=4, rate_func=on_steps(4.0), run_time=4.0)``
    """
    hold = int(config.frame_rate / rate + 1e-9)
    frames = seconds * config.frame_rate
    if hold < 2 or frames < 2 * hold:
        return rate_functions.linear
    return lambda t: min(1.0, np.floor(t * frames / hold + 1e-6) * hold / frames)


def scene_in(*mobs: Mobject) -> Animation:
    """The entrance of a scene's first elements (under half a second).

    Example: ``scene_in(*VGroup(icon("coffee"), text("Good morning", DEFAULT_THEME, "headline")).arrange(DOWN))``
    """
    return AnimationGroup(*(fade(m, shift=UP * 0.15) for m in mobs), run_time=TRANSITION_TIME)


def scene_out(*mobs: Mobject) -> Animation:
    """The exit of everything at the end of a scene, back to the bare background.

    Example: ``scene_out(*VGroup(icon("coffee"), text("Good night", DEFAULT_THEME, "headline")).arrange(DOWN))``
    """
    return AnimationGroup(*(fade(m, fade_in=False) for m in mobs), run_time=TRANSITION_TIME)
