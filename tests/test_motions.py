"""In-place fades draw the same frames as manim's FadeIn/FadeOut, without copying the mobject."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from manim import UP, Camera, FadeIn, FadeOut, ImageMobject, Square, Text, VGroup, tempconfig

from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.visuals import motions


def scene_of(text: str) -> VGroup:
    box = Square(1.2, fill_opacity=0.6, stroke_width=6).set_color("#ffb703")
    words = Text(text, font="DejaVu Sans", font_size=36).next_to(box, UP)
    words[0].set_opacity(0.5)
    return VGroup(box, words)


class FakeScene:
    def __init__(self) -> None:
        self.removed = []

    def remove(self, *mobs) -> None:
        self.removed += mobs


def frames(animation) -> list[np.ndarray]:
    camera = Camera()
    animation.begin()
    shots = []
    for alpha in np.linspace(0, 1, 6):
        animation.interpolate(alpha)
        camera.reset()
        camera.capture_mobjects([animation.mobject])
        shots.append(camera.pixel_array.astype(int))
    animation.finish()
    animation.clean_up_from_scene(FakeScene())
    return shots


@pytest.mark.parametrize(("fade_in", "scale"), [(True, 1.0), (False, 1.0), (True, 0.3), (False, 2.5)])
def test_in_place_fade_draws_what_manims_fade_draws(fade_in: bool, scale: float) -> None:
    with tempconfig(RenderSettings.from_options("tiny").manim_config()):
        shift = UP * 0.4
        theirs = frames((FadeIn if fade_in else FadeOut)(scene_of("Fade me"), shift=shift, scale=scale))
        mob = scene_of("Fade me")
        before = [m.fill_rgbas.copy() for m in mob.family_members_with_points()], mob.get_center()
        animation = motions.fade(mob, fade_in=fade_in, shift=shift, scale=scale)
        assert isinstance(animation, motions.FadeInPlace)
        ours = frames(animation)
        assert any(np.abs(a - b).max() > 0 for a, b in zip(ours, ours[1:]))  # it does move
        for a, b in zip(ours, theirs):
            assert np.abs(a - b).max() <= 2
        # Afterwards the mobject is as it was (a fade-out has also asked for its removal).
        assert np.allclose(mob.get_center(), before[1]) and np.allclose(mob.width, scene_of("Fade me").width)
        for member, rgbas in zip(mob.family_members_with_points(), before[0]):
            assert np.allclose(member.fill_rgbas, rgbas)


def test_fade_falls_back_to_manim_for_images() -> None:
    with tempconfig(RenderSettings.from_options("tiny").manim_config()):
        image = ImageMobject(np.zeros((4, 4, 4), np.uint8))
        assert isinstance(motions.fade(image), FadeIn)
        assert isinstance(motions.fade(image, fade_in=False), FadeOut)


def test_a_cycle_on_steps_holds_each_drawing_for_whole_frames() -> None:
    from manim import tempconfig

    from dayinlife_manim.visuals.motions import on_steps

    with tempconfig({"frame_rate": 30}):
        rate = on_steps(2.0)
        alphas = [rate(k / 60) for k in range(60)] + [rate(1.0)]
    assert alphas[0] == 0.0 and alphas[-1] == 1.0
    assert alphas == sorted(alphas)
    runs = [len(list(g)) for _, g in itertools.groupby(alphas[:60])]
    assert runs == [3] * 20  # 10 drawings a second, three frames each
    with tempconfig({"frame_rate": 15}):
        assert on_steps(2.0)(0.5) == 0.5  # one frame a drawing: plain linear
