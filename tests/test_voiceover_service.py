"""The manim-voiceover bridge: a real VoiceoverScene with bookmarks, spoken by this project's voices."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dayinlife_manim.render.media import probe
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.voices import get_voice
from dayinlife_manim.voices.audio import read_wav
from dayinlife_manim.voices.voiceover import make_voiceover

TEXT = "The clock starts at <bookmark mark='A'/>seven, and the train leaves at <bookmark mark='B'/>eight."
PLAIN = "The clock starts at seven, and the train leaves at eight."
FPS = 15  # -ql

SCENE = textwrap.dedent('''
    import json, os
    from manim import *
    from manim_voiceover import VoiceoverScene
    from dayinlife_manim.voiceover_service import DayinlifeService

    class Bookmarks(VoiceoverScene):
        def construct(self):
            self.set_speech_service(DayinlifeService(voice=os.environ["VO_VOICE"]))
            seen = {}
            with self.voiceover(text=%r) as tracker:
                seen["start"] = float(self.renderer.time)
                seen["duration"] = tracker.duration
                seen["bookmarks"] = dict(tracker.bookmark_times)
                self.wait_until_bookmark("A")
                seen["A"] = float(self.renderer.time)
                self.play(FadeIn(Dot()), run_time=0.5)
                self.wait_until_bookmark("B")
                seen["B"] = float(self.renderer.time)
                self.play(FadeIn(Square()), run_time=0.3)
            seen["end"] = float(self.renderer.time)
            with open(os.environ["VO_OUT"], "w") as fh:
                json.dump(seen, fh)
''' % TEXT)


def _word_start(manifest, word: str) -> float:
    words = [w for cue in manifest.paragraphs[0].cues for w in cue.words]
    return next(w.start for w in words if w.text.rstrip(",.") == word)


def _render(tmp_path: Path, voice: str) -> tuple[dict, Path]:
    scene = tmp_path / "bookmarks.py"
    scene.write_text(SCENE)
    out = tmp_path / "seen.json"
    env = {**os.environ, "VO_VOICE": voice, "VO_OUT": str(out)}
    run = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "--media_dir", str(tmp_path / "mm"), str(scene), "Bookmarks"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return json.loads(out.read_text()), tmp_path / "mm" / "videos" / "bookmarks" / "480p15" / "Bookmarks.mp4"


@pytest.mark.slow
@pytest.mark.piper
def test_bookmarks_fall_on_the_piper_word_times(tmp_path, media_env):
    seen, video = _render(tmp_path, "piper")
    # This project's own word times for the same text, made by the voice stage.
    manifest, _ = make_voiceover(parse_script(PLAIN), get_voice("piper", lang="en"), media_env.media)
    assert manifest.paragraphs[0].cues[0].words_from == "voice"
    for mark, word in (("A", "seven"), ("B", "eight")):
        expected = seen["start"] + _word_start(manifest, word)
        assert abs(seen["bookmarks"][mark] - expected) < 1e-4, (mark, seen, expected)  # the tracker's bookmark time
        assert abs(seen[mark] - expected) <= 1 / FPS, (mark, seen, expected)  # where the scene stood after waiting
    assert seen["A"] < seen["B"]
    assert seen["duration"] == pytest.approx(manifest.paragraphs[0].duration, abs=1e-3)
    assert seen["end"] == pytest.approx(seen["duration"], abs=1 / FPS)
    info = probe(video)
    assert info.audio_duration == pytest.approx(manifest.paragraphs[0].duration, abs=0.1)
    assert info.video_duration == pytest.approx(info.audio_duration, abs=0.1)
    # The sentences went through this project's sentence cache: the voice stage found them there.
    _, stats = make_voiceover(parse_script(PLAIN), get_voice("piper", lang="en"), media_env.media)
    assert stats.synthesized == 0


def test_word_boundaries_map_bookmarks_to_their_words(tmp_path, media_env):
    from manim_voiceover.tracker import AUDIO_OFFSET_RESOLUTION, TimeInterpolator

    from dayinlife_manim.voiceover_service import DayinlifeService

    service = DayinlifeService(voice="silent", cache_dir=tmp_path / "vo")
    data = service._wrap_generate_from_text(TEXT)
    bounds = data["word_boundaries"]
    plain = PLAIN
    for b in bounds[:-1]:
        assert plain[b["text_offset"]:b["text_offset"] + b["word_length"]] == b["text"]
    offsets = [b["audio_offset"] for b in bounds]
    assert offsets == sorted(offsets) and offsets[-1] > offsets[0]
    # A bookmark stands right before its word: the tracker's distance is that word's offset.
    seven = next(b for b in bounds if b["text"] == "seven,")
    assert TimeInterpolator(bounds).interpolate(plain.index("seven")) == seven["audio_offset"] / AUDIO_OFFSET_RESOLUTION
    wav = tmp_path / "vo" / data["final_audio"]
    assert read_wav(wav).duration_seconds * AUDIO_OFFSET_RESOLUTION >= offsets[-1]
    # Asked again, manim-voiceover's own cache answers with the same audio.
    again = DayinlifeService(voice="silent", cache_dir=tmp_path / "vo")._wrap_generate_from_text(TEXT)
    assert again["original_audio"] == data["original_audio"] and again["word_boundaries"] == bounds
