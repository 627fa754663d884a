"""Storyboard: stills at every beat, equal to the frames a real render writes at those times;
cached per scene; contact sheets, the HTML page and the CLI."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import shown_frames
from PIL import Image

from dayinlife_manim.author.storyboard import storyboard
from dayinlife_manim.manifest import Cue, Word
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.render.render import load_scene_module, render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.render.stills import load_stills, scene_stills, spoken_at
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

pytestmark = pytest.mark.slow

SCRIPT = """# Beats Test

A red square arrives while we speak. Then it spins around twice, faster and faster. A dot keeps drifting to the right.

Just a caption here, nothing else happens at all.
"""

MODULE = '''
from pathlib import Path

import numpy as np
from manim import RIGHT, Dot, Rotate, Square

from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import motions

SCRIPT = Path(__file__).parent / "beats.txt"


class Moves(NarratedScene):
    paragraph = 1
    headline = "Moves"

    def narrate(self):
        box = Square(1.2, color="#ff4040", fill_opacity=0.8).move_to(self.stage.point(0.3, 0.5))
        with self.sentence(0) as s:
            self.play(motions.pop_in(box), run_time=s.share(0.3))
            s.wait_for("speak")
            self.play(box.animate.shift(RIGHT), run_time=s.share(0.3))
        with self.sentence(1) as s:
            s.wait_for("spins")
            # runs across the end of sentence 1: that beat falls inside the animation
            self.play(Rotate(box, angle=2 * np.pi), run_time=s.remaining + 0.6)
        dot = Dot(self.stage.point(0.1, 0.2), color="#40ff80")
        dot.add_updater(lambda m, dt: m.shift(0.6 * dt * RIGHT))
        self.add(dot)
        with self.sentence(2) as s:
            s.wait_for("right")
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("storyboard")
    (tmp / "beats.txt").write_text(SCRIPT, encoding="utf-8")
    (tmp / "beats_scenes.py").write_text(MODULE, encoding="utf-8")
    manifest, _ = make_voiceover(load_script(tmp / "beats.txt"), SilentVoice(), tmp / "media")
    return tmp, manifest


def video_frames(path: Path) -> list[np.ndarray]:
    """The picture shown at every frame (a scene file holds unchanged pictures)."""
    return [f.astype(np.int16) for f in shown_frames(path)[0]]


def test_stills_are_the_frames_of_the_real_render(project, tmp_path):
    tmp, manifest = project
    settings = RenderSettings.from_options("tiny")
    cls = load_scene_module(tmp / "beats_scenes.py").Moves
    para = manifest.paragraphs[1]
    args = dict(manifest=manifest.root / "manifest.json", paragraph=para.id, settings=settings)
    stills = scene_stills(cls, out_dir=tmp_path / "stills", **args)
    video = render_scene(cls, out=tmp_path / "moves.mp4", workdir=tmp_path / "work", stills=tmp_path / "moves.stills", **args)
    frames = video_frames(video)

    # The stills a build keeps are taken from this render's own frames, at the same beats, with the same words.
    captured = load_stills(tmp_path / "moves.stills")
    assert [replace(s, image="") for s in captured] == [replace(s, image="") for s in stills]
    for still in captured:
        image = np.asarray(Image.open(tmp_path / "moves.stills" / still.image).convert("RGB"), dtype=np.int16)
        assert image.shape == frames[still.frame].shape  # tiny renders are kept at their own size
        assert np.abs(image - frames[still.frame]).mean() < 2.5, still  # the frame decoded at that time
        near = [changed(image, frames[still.frame + o]) for o in (-1, 1) if 0 <= still.frame + o < len(frames)]
        assert changed(image, frames[still.frame]) <= min(near) + 2e-4, still

    kinds = [s.kind for s in stills]
    assert kinds.count("end") == len(para.cues) and "beat" in kinds
    assert any(s.word == "speak." for s in stills) and any(s.word == "right." for s in stills)
    assert [s.frame for s in stills] == sorted({s.frame for s in stills})
    images = [np.asarray(Image.open(tmp_path / "stills" / s.image).convert("RGB"), dtype=np.int16) for s in stills]
    for still, image in zip(stills, images):
        own = frames[still.frame]
        assert image.shape == own.shape
        assert np.abs(image - own).mean() < 2.5, still  # the video codec's loss only
        near = [changed(image, frames[still.frame + o]) for o in (-2, -1, 1, 2) if 0 <= still.frame + o < len(frames)]
        assert changed(image, own) <= min(near) + 2e-4, (still, changed(image, own), near)  # no neighbour is closer
    # ... and a beat inside an animation (the spin runs across the end of sentence 1) is that very frame.
    rotating = next(i for i, s in enumerate(stills) if s.kind == "end" and s.sentence == 1)
    still, image = stills[rotating], images[rotating]
    assert changed(image, frames[still.frame]) < 0.8 * min(changed(image, frames[still.frame + o]) for o in (-1, 1))


def changed(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that differ clearly (more than codec noise) between two RGB frames."""
    return float((np.abs(a - b).max(axis=2) > 48).mean())


def test_spoken_words_at_a_time():
    cue = Cue(1.0, 3.0, "one two three four five six seven")
    assert spoken_at(cue, 1.0) == ("", "one", "two three four")
    before, word, after = spoken_at(cue, 2.0)
    assert word in ("four", "five") and before.endswith("three" if word == "four" else "four")
    assert spoken_at(cue, 3.0) == ("two three four five six seven", "", "")  # the last words said
    timed = Cue(1.0, 3.0, "one two three", words=(Word(1.0, 1.5, "one"), Word(1.6, 2.2, "two"), Word(2.3, 2.9, "three")))
    assert spoken_at(timed, 1.6) == ("one", "two", "three")  # a wait_for("two") beat: the word starting now
    assert spoken_at(timed, 2.25) == ("one", "two", "three")
    assert spoken_at(timed, 3.0) == ("one two three", "", "")


def test_cache_redraws_only_edited_scenes(project, tmp_path):
    tmp, manifest = project
    module = tmp_path / "cached_scenes.py"
    module.write_text(MODULE.replace('Path(__file__).parent', f'Path({str(tmp)!r})'), encoding="utf-8")
    options = BuildOptions(quality="tiny", scenes=module, out=tmp_path / "board.html", workers=1)
    report = storyboard(manifest, options)
    assert sorted(report.rendered) == [p.id for p in manifest.paragraphs]
    again = storyboard(manifest, options)
    assert again.rendered == []
    module.write_text(module.read_text().replace('"Moves"', '"Moves again"'), encoding="utf-8")
    edited = storyboard(manifest, options)
    assert edited.rendered == [manifest.paragraphs[1].id]

    page = (tmp_path / "board.html").read_text(encoding="utf-8")
    for board in edited.scenes:
        assert board.sheet.exists() and Image.open(board.sheet).width > 0
        for still in board.stills:
            assert (board.dir / still.image).exists()
    assert "<mark>speak.</mark>" in page and "end of sentence 3" in page
    assert json.loads((edited.scenes[1].dir / "stills.json").read_text())["stills"]


def test_cli_storyboard(project, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dayinlife_manim.cli import cli

    tmp, _ = project
    out = tmp_path / "sb.html"
    result = CliRunner().invoke(
        cli,
        ["storyboard", str(tmp / "beats.txt"), "--scenes", str(tmp / "beats_scenes.py"), "--voice", "silent",
         "--quality", "tiny", "--media", str(tmp_path / "media"), "-o", str(out), "--workers", "2"],
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and "3 scenes" in result.output and "drawn" in result.output
