"""The second half of the day (paragraphs 8-14): each scene renders, lasts exactly
its narration, and keeps every mobject inside the frame (and its story inside the stage).

The scenes are read from ``SCENE_MODULE`` by name, so the test keeps working
when the classes move into ``scenes/day_in_life.py``: switch the constant.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dayinlife_manim.manifest import manifest_path
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import load_scene_module, render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import load_script
from dayinlife_manim.visuals.theme import Region
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

ROOT = Path(__file__).resolve().parent.parent
#: The module holding the part-2 scene classes (scenes/day_in_life.py after the merge).
SCENE_MODULE = ROOT / "scenes" / "day_in_life.py"
#: The part-2 scenes, in the order of their paragraphs.
SCENE_NAMES = [
    "CuriousReader",
    "TheMeetings",
    "MeetingSurvival",
    "ShowerIdea",
    "AngryCookieJar",
    "PayDay",
    "MushroomFarmHobby",
]
FIRST_PARAGRAPH = 8
#: How far (manim units) a story mobject may poke out of the stage.
STAGE_TOLERANCE = 0.05


def scene_classes():
    module = load_scene_module(SCENE_MODULE)
    return [getattr(module, name) for name in SCENE_NAMES]


def test_scenes_tell_paragraphs_8_to_14_in_order():
    assert [cls.paragraph for cls in scene_classes()] == list(range(FIRST_PARAGRAPH, FIRST_PARAGRAPH + len(SCENE_NAMES)))


# -- rendering ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def silent_manifest(tmp_path_factory):
    """The script voiced with the silent voice in a temporary media folder: (manifest, its path)."""
    media = tmp_path_factory.mktemp("media")
    script = load_script(load_scene_module(SCENE_MODULE).SCRIPT)
    manifest, _ = make_voiceover(script, SilentVoice(), media)
    return manifest, manifest_path(media, manifest.slug)


def _visible(mob) -> bool:
    for part in mob.family_members_with_points():
        if np.any(part.get_fill_opacities() > 0) or np.any(part.get_stroke_opacities() > 0):
            return True
    return False


def _region_of_frame() -> Region:
    from manim import config

    w, h = config.frame_width / 2, config.frame_height / 2
    return Region(-w, w, -h, h)


def _misplaced(scene, t: float) -> list[str]:
    """Visible top-level mobjects outside the frame, or (story ones) outside the stage."""
    problems = []
    frame, stage, headline = _region_of_frame(), scene.stage, scene.theme.headline
    for mob in scene.mobjects:
        if not _visible(mob):
            continue
        name = f"{t:5.2f}s {type(mob).__name__} at {np.round(mob.get_center()[:2], 2)} size {mob.width:.2f}x{mob.height:.2f}"
        if not frame.contains(mob, tolerance=0.01):
            problems.append(f"{name} leaves the frame")
        elif mob is scene._caption_page or (scene.headline is not None and headline.contains(mob)):
            continue
        elif not stage.contains(mob, tolerance=STAGE_TOLERANCE):
            problems.append(f"{name} leaves the stage {stage}")
    return problems


def checked(cls, problems: list[str]):
    """``cls``, checking where everything is each time the scene waits for a moment of the narration."""

    class Checked(cls):
        def wait_until_time(self, t: float) -> None:
            super().wait_until_time(t)
            problems.extend(_misplaced(self, self.time))

    Checked.__name__ = Checked.__qualname__ = cls.__name__
    return Checked


def video_seconds(path: Path) -> tuple[float, float]:
    """(length in seconds from the frame count at the nominal rate, length of one frame)."""
    info = probe(path)
    return info.video_frames / info.fps, 1 / info.fps


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("name", SCENE_NAMES)
def test_scene_lasts_its_narration_and_stays_in_frame(name, aspect, silent_manifest, tmp_path):
    manifest, path = silent_manifest
    cls = getattr(load_scene_module(SCENE_MODULE), name)
    problems: list[str] = []
    out = render_scene(
        checked(cls, problems),
        manifest=path,
        paragraph=manifest.paragraph(cls.paragraph).id,
        out=tmp_path / f"{name}.mp4",
        settings=RenderSettings.from_options("tiny", aspect),
        workdir=tmp_path / "work",
    )
    seconds, frame = video_seconds(out)
    narration = manifest.paragraph(cls.paragraph).duration
    assert abs(seconds - narration) <= frame + 1e-6, f"{name} {aspect}: video {seconds:.3f}s, narration {narration:.3f}s"
    assert not problems, "\n".join(problems)
