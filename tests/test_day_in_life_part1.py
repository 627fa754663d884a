"""Render the first eight hand-made scenes of the seed video (title + paragraphs 1-7).

Each scene is rendered at tiny resolution with the silent voice, in 16:9 and
9:16.  The video must last as long as its narration (within one frame), no
sentence block may overrun its window, and at every sentence/word wait all
story mobjects must sit inside the stage (captions and headline inside the
frame).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dayinlife_manim import scene as scene_module
from dayinlife_manim.manifest import manifest_path
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import load_scene_module, render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

ROOT = Path(__file__).resolve().parent.parent
SCENES = load_scene_module(ROOT / "scenes" / "day_in_life.py")
NAMES = [cls.__name__ for cls in SCENES.SCENES_IN_ORDER]
FPS = 10
TOLERANCE = 0.05  # manim units


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> Path:
    media = tmp_path_factory.mktemp("voice")
    made, _ = make_voiceover(load_script(SCENES.SCRIPT), SilentVoice(), media)
    return manifest_path(media, made.slug)


def inside(mob, left, right, bottom, top) -> bool:
    (x0, y0), (x1, y1) = mob.get_corner([-1, -1, 0])[:2], mob.get_corner([1, 1, 0])[:2]
    t = TOLERANCE
    return x0 >= left - t and x1 <= right + t and y0 >= bottom - t and y1 <= top + t


def checked(cls, problems: list[str]):
    """``cls`` with a bounds check every time it waits for the narration."""

    class Checked(cls):
        def make_headline(self):
            self._headline_mob = super().make_headline()
            return self._headline_mob

        def wait_until_time(self, t: float) -> None:
            self._check_bounds()
            super().wait_until_time(t)

        def _check_bounds(self) -> None:
            fw, fh = self.theme.frame_width, self.theme.frame_height
            stage = self.stage
            chrome = {id(getattr(self, "_headline_mob", None)), id(self._caption_page)}
            for mob in self.mobjects:
                if not mob.get_family() or all(len(m.points) == 0 for m in mob.get_family()):
                    continue
                if not inside(mob, -fw / 2, fw / 2, -fh / 2, fh / 2):
                    problems.append(f"{cls.__name__} t={self.time:.2f}: {type(mob).__name__} leaves the frame")
                elif id(mob) not in chrome and not inside(mob, stage.left, stage.right, stage.bottom, stage.top):
                    problems.append(f"{cls.__name__} t={self.time:.2f}: {type(mob).__name__} leaves the stage")

    Checked.__name__ = cls.__name__
    return Checked


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("name", NAMES)
def test_scene_renders_in_time_and_in_frame(name, aspect, manifest, tmp_path, monkeypatch) -> None:
    cls = getattr(SCENES, name)
    problems: list[str] = []
    overruns: list[str] = []
    warn = scene_module.logger.warning

    def record(msg, *args, **kwargs):
        if "past its window" in str(msg):
            overruns.append(msg % args)
        return warn(msg, *args, **kwargs)

    monkeypatch.setattr(scene_module.logger, "warning", record)
    para = scene_module.load_manifest(manifest).paragraph(cls.paragraph)
    out = render_scene(
        checked(cls, problems),
        manifest=manifest,
        paragraph=para.id,
        out=tmp_path / f"{name}.mp4",
        settings=RenderSettings.from_options("tiny", aspect, fps=FPS),
        workdir=tmp_path / "work",
    )
    frames = probe(out).video_frames
    assert abs(frames / FPS - para.duration) <= 1 / FPS + 1e-9, (frames, para.duration)
    assert not overruns, overruns
    assert not problems, "\n".join(problems[:10])
