"""AutoScene end to end: video length, icons on cue, and a frame against control data.

The graphical test works like manim's ``frames_comparison``: a fixed
paragraph is rendered at the tiny quality and one frame is compared with
``tests/control_data/autoscene_frame.npz`` within a tolerance, so small
anti-aliasing changes pass.  Regenerate the control data (after an intended
change of the look) with::

    DAYINLIFE_REGEN_CONTROL=1 .venv/bin/pytest tests/test_autoscene.py -k control
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from conftest import shown_frames

from dayinlife_manim.autoscene import AutoScene, icon_count, label_for
from dayinlife_manim.autoscene.keywords import IconMatch, match_icons
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

CONTROL = Path(__file__).resolve().parent / "control_data" / "autoscene_frame.npz"
REGEN = os.environ.get("DAYINLIFE_REGEN_CONTROL") == "1"
#: Mean absolute difference (0..255) a frame may have from its control data.
TOLERANCE = 2.5

SCRIPT = """Auto Scene Checks

Hello.

Coffee first. Later, a swim in the pool, then some work on the laptop. Then I rest.

A long morning: the alarm rings, I make coffee, read the news, answer email and walk the dog to the park \
before the meeting starts at nine. Nothing special happens after that.
"""


def frames_of(path: Path) -> tuple[list[np.ndarray], int]:
    return shown_frames(path)


@pytest.fixture(scope="module")
def voiced(tmp_path_factory):
    root = tmp_path_factory.mktemp("voice")
    manifest, _ = make_voiceover(parse_script(SCRIPT, "checks"), SilentVoice(), root)
    return manifest, root / manifest.slug / "manifest.json"


class IconAutoScene(AutoScene):
    """AutoScene told with beats and icon cards only (what these checks are about)."""

    stories = False


def timed_scene(log: list):
    """An AutoScene that logs which icons are on stage after every wait and play."""

    class TimedAutoScene(IconAutoScene):
        def wait_until_time(self, t: float) -> None:
            super().wait_until_time(t)
            self._log()

        def play(self, *args, **kwargs) -> None:
            start = self.time
            super().play(*args, **kwargs)
            self._log(start)

        def _log(self, start: float | None = None) -> None:
            """(when the last change started, slugs whose cards are on stage)."""
            drawn = set(map(id, self.get_mobject_family_members()))
            shown = [c.match.slug for c in getattr(self, "icon_cues", []) if id(c.badge) in drawn]
            log.append((self.time if start is None else start, shown))

    return TimedAutoScene


# -- small pieces -------------------------------------------------------------------------


def test_autoscene_has_no_script_of_its_own() -> None:
    assert AutoScene.script is None


def test_icon_count_grows_with_the_paragraph() -> None:
    assert icon_count(1) == 1
    assert icon_count(8) == 2
    assert icon_count(300) == 3


def test_labels() -> None:
    assert label_for(IconMatch("pool", "pool", "pool", 3, 1.0)) == "Pool"
    assert label_for(IconMatch("beach", "BEACH", "beach", 3, 1.0)) == "Beach"
    assert label_for(IconMatch("robot", "AI", "ai", 3, 1.0)) == "AI"
    assert label_for(IconMatch("text-box-outline", "", "", -1, 0.0)) == ""


# -- rendered -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("paragraph", ["00", "01", "02"])
def test_video_length_equals_narration(voiced, tmp_path: Path, paragraph: str) -> None:
    manifest, path = voiced
    settings = RenderSettings.from_options("tiny", "16:9")
    out = render_scene(
        AutoScene, manifest=path, paragraph=paragraph, out=tmp_path / "s.mp4", settings=settings, workdir=tmp_path / "w"
    )
    frames, fps = frames_of(out)
    assert fps == settings.fps
    duration = manifest.paragraph(paragraph).duration
    assert abs(len(frames) / fps - duration) <= 1 / fps + 1e-9, (len(frames), fps, duration)
    # It starts and ends on the bare background (the opening and closing fades).
    assert _flat(frames[0])
    assert _flat(frames[-1])


def _flat(frame: np.ndarray, tolerance: float = 3.0) -> bool:
    """Whether ``frame`` is (nearly) one colour: the most any pixel strays from the median."""
    pixels = frame.reshape(-1, 3).astype(np.int16)
    return float(np.abs(pixels - np.median(pixels, axis=0)).max()) <= tolerance


@pytest.mark.slow
def test_icons_enter_when_their_words_are_said(voiced, tmp_path: Path) -> None:
    manifest, path = voiced
    para = manifest.paragraph("02")
    log: list = []
    render_scene(
        timed_scene(log),
        manifest=path,
        paragraph="02",
        out=tmp_path / "s.mp4",
        settings=RenderSettings.from_options("tiny", "9:16"),
        workdir=tmp_path / "w",
    )
    first_seen = {}
    for t, shown in log:
        for slug in shown:
            first_seen.setdefault(slug, t)
    matches = match_icons(para.display_text, icon_count(len(para.display_text.split())))
    assert len(matches) == 3 and {m.slug for m in matches} >= {"coffee", "pool"}
    assert set(first_seen) == {m.slug for m in matches}, first_seen

    def said(words: str) -> float:
        for cue in para.cues:
            i = cue.text.find(words)
            if i >= 0:
                return cue.start + i / len(cue.text) * cue.duration
        raise AssertionError(words)

    for m in matches:
        # Its entrance starts when the word is said (within a frame or two).
        assert abs(first_seen[m.slug] - said(m.words)) <= 0.25, (m, first_seen, para.cues)
    # Spoken order is the order they enter.
    order = sorted(matches, key=lambda m: said(m.words))
    assert [first_seen[m.slug] for m in order] == sorted(first_seen[m.slug] for m in order)


@pytest.mark.slow
def test_frame_matches_control_data(voiced, tmp_path: Path) -> None:
    manifest, path = voiced
    para = manifest.paragraph("02")
    out = render_scene(
        IconAutoScene,
        manifest=path,
        paragraph="02",
        out=tmp_path / "s.mp4",
        settings=RenderSettings.from_options("tiny", "16:9"),
        workdir=tmp_path / "w",
    )
    frames, fps = frames_of(out)
    # The last frame before the third sentence: every icon is in and nothing moves.
    t = para.cues[2].start - 1 / fps
    frame = frames[int(round(t * fps))]
    if REGEN or not CONTROL.exists():
        if not REGEN:
            pytest.fail(f"no control data at {CONTROL}: run with DAYINLIFE_REGEN_CONTROL=1 to make it")
        CONTROL.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(CONTROL, frame=frame, time=t)
        pytest.skip(f"control data written to {CONTROL}")
    control = np.load(CONTROL)
    expected = control["frame"]
    assert frame.shape == expected.shape
    diff = np.abs(frame.astype(np.int16) - expected.astype(np.int16))
    mean = float(diff.mean())
    if mean > TOLERANCE:
        from PIL import Image

        Image.fromarray(np.concatenate([expected, frame, diff.clip(0, 255).astype(np.uint8)], axis=1)).save(
            tmp_path / "control_vs_frame.png"
        )
    assert mean <= TOLERANCE, f"frame differs from control data by {mean:.2f} (see {tmp_path / 'control_vs_frame.png'})"
    # And it is not a blank frame that would match anything blank.
    assert frame.std() > 10
