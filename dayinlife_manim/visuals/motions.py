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
    Wiggle,
    rate_functions,
)

#: Scene transitions stay under half a second so cuts feel crisp.
TRANSITION_TIME = 0.3


def pop_in(mob: Mobject, **kwargs) -> Animation:
    """Grow from the centre with a little overshoot."""
    return GrowFromCenter(mob, rate_func=rate_functions.ease_out_back, **kwargs)


def pop_out(mob: Mobject, **kwargs) -> Animation:
    return FadeOut(mob, scale=0.5, **kwargs)


def slide_in(mob: Mobject, direction=UP, distance: float = 0.6, **kwargs) -> Animation:
    """Fade in while sliding ``distance`` along ``direction``."""
    return FadeIn(mob, shift=np.asarray(direction) * distance, **kwargs)


def slide_out(mob: Mobject, direction=DOWN, distance: float = 0.6, **kwargs) -> Animation:
    return FadeOut(mob, shift=np.asarray(direction) * distance, **kwargs)


def pop_in_each(*mobs: Mobject, lag: float = 0.25, **kwargs) -> Animation:
    """Pop in several mobjects one after another."""
    return LaggedStart(*(pop_in(m) for m in mobs), lag_ratio=lag, **kwargs)


def pulse(mob: Mobject, scale: float = 1.2, color=None, **kwargs) -> Animation:
    """A quick grow-and-back to draw the eye (keeps the colour unless given)."""
    return Indicate(mob, scale_factor=scale, color=color or mob.get_color(), **kwargs)


def wiggle(mob: Mobject, **kwargs) -> Animation:
    return Wiggle(mob, **kwargs)


def circle_around(mob: Mobject, color: str = "#ffb703", **kwargs) -> Animation:
    return Circumscribe(mob, color=color, **kwargs)


def spin(mob: Mobject, turns: float = 1.0, **kwargs) -> Animation:
    return Rotate(mob, angle=turns * 2 * np.pi, **kwargs)


def shake(mob: Mobject, amplitude: float = 0.08, times: int = 4, **kwargs) -> Animation:
    """Shake left and right, ending where it started (for anger, alarms...)."""
    steps = []
    for i in range(times):
        d = amplitude if i % 2 == 0 else -amplitude
        steps.append(mob.animate(rate_func=rate_functions.there_and_back).shift(np.array([d, 0, 0])))
    return Succession(*steps, **kwargs)


def scene_in(*mobs: Mobject) -> Animation:
    """The entrance of a scene's first elements (under half a second)."""
    return AnimationGroup(*(FadeIn(m, shift=UP * 0.15) for m in mobs), run_time=TRANSITION_TIME)


def scene_out(*mobs: Mobject) -> Animation:
    """The exit of everything at the end of a scene, back to the bare background."""
    return AnimationGroup(*(FadeOut(m) for m in mobs), run_time=TRANSITION_TIME)
