"""NarratedScene timing: sentence windows, word cues, captions and the exact ending."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import shown_frames
from manim import Rotate, Square, linear

from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.visuals import motions
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

pytestmark = pytest.mark.slow

TEXT = """Timing

First sentence is here. The second sentence mentions a scooter near its end, a red scooter. Third and last one!
"""


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scene")
    manifest, _ = make_voiceover(parse_script(TEXT, "timing"), SilentVoice(), tmp / "media")
    return manifest


class Recorder(NarratedScene):
    """Records when things happen, in frames, while it plays a pop-in in every sentence."""

    log: list = []

    def narrate(self):
        box = Square(0.5).move_to(self.stage.center)
        for s in self.sentences:
            with s:
                chunk = self._caption_block.chunks[self._caption_chunk]
                self.log.append(("enter", s.index, self.frames_written, chunk.sentence))
                self.play(motions.pulse(box) if box in self.mobjects else motions.pop_in(box), run_time=s.share(0.3))
                if "scooter" in s.text:
                    s.wait_for("scooter")
                    self.log.append(("word", s.index, self.frames_written, s.word_time("scooter")))
                    s.wait_for("scooter", 2)
                    self.log.append(("word 2", s.index, self.frames_written, s.word_time("scooter", n=2)))
            self.log.append(("exit", s.index, self.frames_written, s.end))


def render(manifest, cls, tmp_path, fps=10, aspect="16:9", sink=True):
    settings = RenderSettings.from_options("tiny", aspect, fps)
    para = manifest.paragraphs[1]
    out = render_scene(
        cls,
        manifest=manifest.root / "manifest.json",
        paragraph=para.id,
        out=tmp_path / "scene.mp4",
        settings=settings,
        workdir=tmp_path / "work",
        sink=sink,
    )
    return para, probe(out), settings


@pytest.mark.parametrize(("fps", "sink"), [(10, True), (15, True), (15, False)])
def test_video_length_equals_audio_length(manifest, tmp_path, fps, sink):
    para, info, _ = render(manifest, NarratedScene, tmp_path, fps, sink=sink)
    assert info.video_frames == round(para.duration * fps)
    assert abs(info.video_duration - para.duration) <= 1 / fps
    if sink:  # dayinlife build: the stitch lays the narration
        assert info.audio_codec is None
    else:  # manim's own writer, as `manim render` uses it: the narration is in the file
        assert abs(info.audio_duration - para.duration) <= 1 / fps


def test_sentence_windows_and_word_cues(manifest, tmp_path):
    Recorder.log = []
    para, info, settings = render(manifest, Recorder, tmp_path)
    fps = settings.fps
    cues = para.cues
    assert len(cues) == 3
    enters = [e for e in Recorder.log if e[0] == "enter"]
    exits = [e for e in Recorder.log if e[0] == "exit"]
    for (_, i, frame, sentence), cue in zip(enters, cues):
        assert frame == round(cue.start * fps)  # the block starts with its sentence
        assert sentence == i  # and the caption highlights that sentence
    for (_, i, frame, end), cue in zip(exits, cues):
        assert frame == round(end * fps)  # and waits out its window
        if i + 1 < len(cues):
            assert end == cues[i + 1].start
    (_, _, frame, when) = next(e for e in Recorder.log if e[0] == "word")
    assert frame == round(when * fps)
    assert cues[1].start < when < cues[1].end
    # the second "scooter" (n=2) is its word cue's start, later in the sentence
    (_, _, frame, when) = next(e for e in Recorder.log if e[0] == "word 2")
    scooters = [w.start for w in cues[1].words if w.text.startswith("scooter")]
    assert when == scooters[1] > scooters[0] and frame == round(when * fps)
    assert info.video_frames == round(para.duration * fps)


def test_overrunning_sentence_still_ends_with_audio(manifest, tmp_path):
    class Overrun(NarratedScene):
        def narrate(self):
            with self.sentence(0) as s:
                self.play(motions.pop_in(Square(0.5)), run_time=s.duration + 1.0)

    para, info, settings = render(manifest, Overrun, tmp_path)
    assert info.video_frames == round(para.duration * settings.fps)


def caption_frames(path, height_share=0.3):
    """The bottom part (where the captions are) of the picture shown at every frame, as int arrays."""
    return [f[int(f.shape[0] * (1 - height_share)) :].astype(int) for f in shown_frames(path)[0]]


@pytest.mark.parametrize("mode", ["words", "sentence"])
def test_word_highlight_moves_on_the_frame_the_word_starts(manifest, tmp_path, mode):
    Plain = type(f"Plain{mode.title()}", (NarratedScene,), {"caption_mode": mode})
    para, info, settings = render(manifest, Plain, tmp_path)
    fps = settings.fps
    frames = caption_frames(tmp_path / "scene.mp4")
    # words of sentence 1 that start at least two frames after the previous word and the sentence
    cue = para.cues[1]
    starts = [round(w.start * fps) for w in cue.words]
    picked = [f for f, before in zip(starts[1:], starts) if f - before >= 2 and f - round(cue.start * fps) >= 2]
    assert len(picked) >= 3
    for f in picked:
        change = np.abs(frames[f] - frames[f - 1]).max()
        still = np.abs(frames[f - 1] - frames[f - 2]).max()
        assert still < 40, (f, still)  # nothing moves between words
        if mode == "words":
            assert change > 80, (f, change)  # the next word lights up on its own frame
        else:
            assert change < 40, (f, change)  # sentence mode: the sentence stays lit as a whole


def _rotating(run_during_play: bool):
    """A square turning through most of sentence 1 (as one long animation, or just placed, while the scene waits)."""

    class Turning(NarratedScene):
        def narrate(self):
            box = Square(0.8).move_to(self.stage.center)
            self.add(box)
            with self.sentence(1) as s:
                if run_during_play:
                    self.play(Rotate(box, angle=3.0), run_time=s.duration * 0.9, rate_func=linear)
                else:
                    s.wait_until(0.9 * s.duration / s.cue.duration)

    return Turning


def test_word_highlight_follows_the_voice_during_a_long_animation(manifest, tmp_path):
    """While an animation plays, the caption shows the same word highlight, frame by
    frame, as it does while the scene just waits (only the changing glyphs are redrawn)."""
    para, _, settings = render(manifest, _rotating(True), tmp_path / "play")
    played = caption_frames(tmp_path / "play" / "scene.mp4")
    render(manifest, _rotating(False), tmp_path / "wait")
    waited = caption_frames(tmp_path / "wait" / "scene.mp4")
    cue = para.cues[1]
    first, last = round(cue.start * settings.fps) + 1, round((cue.start + 0.85 * (para.cues[2].start - cue.start)) * settings.fps)
    changes = 0
    for f in range(first, last):
        assert np.abs(played[f] - waited[f]).max() < 48, f  # same highlight (video coding noise aside)
        changes += np.abs(played[f] - played[f - 1]).max() > 80
    assert changes >= 3  # and it does move on, word by word, during the animation
