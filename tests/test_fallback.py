"""AutoScene never fails a build: a beat that raises is undone and a simpler one tells its words."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import Square

from dayinlife_manim.autoscene import AutoScene, Beat, register_beat, unregister_beat
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.visuals import motions
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

SCRIPT = """Fallbacks

The rocket goes kaboom over the lake, and everyone on the beach cheers loudly.

Your order ships in 3-5 business days, tracked by e-mail.
"""


class Kaboom(Beat):
    """Draws, lets time run, then raises: what a buggy beat of an author's might do."""

    name = "kaboom"
    shape = 1.2

    def matches(self, paragraph):
        self.spans = self.find(r"\bkaboom\b", paragraph)
        return 9.0 if self.spans else 0.0

    def play(self, scene, window):
        self.square = self.fit(Square())
        scene.add(self.square)
        scene.play(motions.pulse(self.square), run_time=0.3)
        raise ValueError("a bug in the beat")


def recording(scenes: list):
    class Recorded(AutoScene):
        def warn_fallback(self, what, exc, instead):
            self.squares_left = [m for m in self.get_mobject_family_members() if isinstance(m, Square)]
            self.time_at_fallback = self.time
            super().warn_fallback(what, exc, instead)

        def tear_down(self):
            scenes.append(self)
            super().tear_down()

    return Recorded


@pytest.fixture()
def voiced(tmp_path):
    manifest, _ = make_voiceover(parse_script(SCRIPT, "fallbacks"), SilentVoice(), tmp_path / "voice")
    return manifest, manifest.root / "manifest.json"


@pytest.mark.slow
def test_a_failing_beat_is_undone_and_replaced(voiced, tmp_path: Path, capfd) -> None:
    manifest, path = voiced
    register_beat(Kaboom)
    scenes: list = []
    try:
        para = manifest.paragraphs[1]
        settings = RenderSettings.from_options("tiny")
        out = render_scene(recording(scenes), manifest=path, paragraph=para.id, out=tmp_path / "a.mp4",
                           settings=settings, workdir=tmp_path / "w")
    finally:
        unregister_beat("kaboom")
    assert probe(out).video_frames == round(para.duration * settings.fps)
    scene = scenes[0]
    assert [b.name for b in scene.plan.beats] == ["kaboom"]
    assert len(scene.fallbacks) == 1
    line = scene.fallbacks[0]
    assert line.startswith(f"warning: paragraph {para.id}: beat 'kaboom' failed (ValueError: a bug in the beat)")
    assert line.endswith("drawn with 'icon' instead")
    assert line in capfd.readouterr().err.splitlines()  # the render log (the scene's stderr)
    # The square left with the beat; the icon card took its place (its region, its words).
    stand_in = next(b for b in scene.beats if b.name == "icon")
    assert stand_in.match.words.lower() == "rocket"
    assert scene.squares_left == [] and scene.time_at_fallback > 0.3


@pytest.mark.slow
def test_a_range_builds_with_its_words_on_cue(voiced, tmp_path: Path) -> None:
    manifest, path = voiced
    scenes: list = []
    para = manifest.paragraphs[2]
    render_scene(recording(scenes), manifest=path, paragraph=para.id, out=tmp_path / "b.mp4",
                 settings=RenderSettings.from_options("tiny"), workdir=tmp_path / "w")
    assert scenes[0].fallbacks == []


def test_word_time_finds_words_inside_shown_words() -> None:
    from dayinlife_manim.manifest import Cue
    from dayinlife_manim.scene import word_starts

    cue = Cue(0.0, 3.0, "Your order ships in 3-5 business days, by e-mail.")
    assert word_starts(cue, "5 business") == word_starts(cue, "3-5") == word_starts(cue, "3-5 business")
    assert word_starts(cue, "mail") == word_starts(cue, "e-mail")
    assert word_starts(cue, "5 business")[0] < word_starts(cue, "business")[0]


BEATS_MODULE = '''\
from manim import Square
from dayinlife_manim.autoscene import AutoScene, Beat, register_beat  # noqa: F401
from dayinlife_manim.visuals import motions


@register_beat
class Kaboom(Beat):
    name = "kaboom"

    def matches(self, paragraph):
        self.spans = self.find(r"\\bkaboom\\b", paragraph)
        return 9.0 if self.spans else 0.0

    def play(self, scene, window):
        scene.add(self.fit(Square()))
        raise ValueError("a bug in the beat")
'''


@pytest.mark.slow
def test_the_build_surfaces_the_warning(tmp_path: Path) -> None:
    from conftest import write_project

    from dayinlife_manim.build import build
    from dayinlife_manim.text.script import load_script

    script, module, media = write_project(tmp_path, "fallbacks", SCRIPT, BEATS_MODULE)
    report = build(load_script(script), SilentVoice(),
                   BuildOptions(scenes=module, quality="tiny", workers=2, out=media / "f.mp4", media_dir=media))
    assert report.stitched and (media / "f.mp4").exists()
    (line,) = report.warnings
    assert line.startswith("warning: paragraph 01-the-rocket-goes-kaboom: beat 'kaboom' failed (ValueError: a bug in the beat)")


@pytest.mark.slow
def test_when_the_icon_fails_too_a_text_card_tells_the_words(voiced, tmp_path: Path, monkeypatch) -> None:
    from dayinlife_manim.autoscene.builtin import IconBeat

    def broken(self, scene, window):
        raise RuntimeError("no icon today")

    manifest, path = voiced
    monkeypatch.setattr(IconBeat, "play", broken)
    register_beat(Kaboom)
    scenes: list = []
    try:
        para = manifest.paragraphs[1]
        render_scene(recording(scenes), manifest=path, paragraph=para.id, out=tmp_path / "c.mp4",
                     settings=RenderSettings.from_options("tiny"), workdir=tmp_path / "w")
    finally:
        unregister_beat("kaboom")
    first, second = scenes[0].fallbacks
    assert "beat 'kaboom' failed" in first and first.endswith("drawn with 'icon' instead")
    assert "beat 'icon' failed (RuntimeError: no icon today)" in second and second.endswith("drawn with 'text' instead")
    card = next(b for b in scenes[0].beats if b.name == "text")
    assert card.shown and card.words.lower() == "kaboom"


@pytest.mark.slow
def test_a_plan_that_fails_outside_a_beat_gives_a_text_card(voiced, tmp_path: Path) -> None:
    manifest, path = voiced
    scenes: list = []

    class Broken(AutoScene):
        stories = False

        def narrate_paragraph(self):
            self.add(Square())
            raise KeyError("layout")

        def tear_down(self):
            scenes.append(self)
            super().tear_down()

    para = manifest.paragraphs[2]
    out = render_scene(Broken, manifest=path, paragraph=para.id, out=tmp_path / "d.mp4",
                       settings=RenderSettings.from_options("tiny"), workdir=tmp_path / "w")
    assert probe(out).video_frames == round(para.duration * 10)
    (line,) = scenes[0].fallbacks
    assert line.startswith(f"warning: paragraph {para.id}: plan 'icons side by side' failed (KeyError: 'layout')")
    assert line.endswith("drawn with 'text' instead")
