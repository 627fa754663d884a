"""End-to-end: script -> voice -> scenes -> one MP4, at tiny resolution, silent voice."""

from __future__ import annotations

import os
import re

import pytest
from conftest import write_project

from dayinlife_manim.build import BuildFailed, build
from dayinlife_manim.casting import list_scenes
from dayinlife_manim.manifest import load_manifest, manifest_path
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.render.media import probe
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice

pytestmark = pytest.mark.slow

SCRIPT = """\
Three Little Scenes

The first paragraph has a cat. It sleeps all day.

The second paragraph is about coffee & code.

The third one ends the show. Goodbye!
"""

MODULE = '''\
from manim import *
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions


class Base(NarratedScene):
    pass


class Title(Base):
    show_captions = False


class Cat(Base):
    headline = "A cat"

    def narrate(self):
        cat = icon("cat", height=1.5).move_to(self.stage.center)
        with self.sentence(0) as s:
            self.play(motions.pop_in(cat), run_time=s.share(0.3))
        with self.sentence(1) as s:
            s.wait_for("sleeps")
            self.play(motions.pulse(cat), run_time=s.share(0.3))


class Coffee(Base):
    FAIL = False

    def narrate(self):
        if self.FAIL:
            raise RuntimeError("boom")
        with self.sentence(0):
            self.play(motions.pop_in(icon("coffee").move_to(self.stage.center)))


class End(Base):
    pass


SCENES_IN_ORDER = [Title, Cat, Coffee, End]
'''

OPTIONS = BuildOptions(quality="tiny")
SETTINGS = OPTIONS.settings


@pytest.fixture()
def project(tmp_path):
    return write_project(tmp_path, "three", SCRIPT, MODULE)


def run(script, module, media, options=OPTIONS, **kwargs):
    return build(
        load_script(script),
        SilentVoice(),
        options.replace(scenes=module, workers=2, out=media / "three.mp4", media_dir=media, **kwargs),
    )


def test_build_stitches_streams_chapters_and_captions(project):
    script, module, media = project
    report = run(script, module, media)
    assert report.stitched and len(report.rendered) == 4 and not report.cached
    umask = os.umask(0)
    os.umask(umask)
    assert report.out.stat().st_mode & 0o777 == 0o666 & ~umask  # readable like any file

    manifest = load_manifest(manifest_path(media, load_script(script).slug))
    info = probe(report.out)
    frame = 1 / SETTINGS.fps
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert (info.width, info.height) == (SETTINGS.width, SETTINGS.height)
    assert abs(info.video_duration - info.audio_duration) <= frame
    assert abs(info.video_duration - manifest.duration) <= frame
    assert info.video_frames == round(manifest.duration * SETTINGS.fps)
    assert info.video_pictures < info.video_frames / 2  # held pictures are encoded once

    # One chapter per paragraph, in order, starting where each scene starts.
    assert [c.title for c in info.chapters][0] == "Three Little Scenes"
    assert len(info.chapters) == 4
    assert info.chapters[1].title == "A cat"  # a scene's headline names its chapter
    assert info.chapters[2].title == "The second paragraph is about coffee & code"
    starts = [c.start for c in info.chapters]
    expected, t = [], 0.0
    for p in manifest.paragraphs:
        expected.append(t)
        t += p.duration
    assert starts == pytest.approx(expected, abs=frame)

    # Captions: every sentence, in order, inside the video, offset by its scene's start.
    srt = report.out.with_suffix(".srt").read_text(encoding="utf-8")
    vtt = report.out.with_suffix(".vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    for p in manifest.paragraphs:
        for cue in p.cues:
            assert cue.text.split()[0] in srt
    words_vtt = re.sub(r"<\d\d:\d\d:\d\d\.\d{3}>", "", vtt)  # without the word timestamps
    assert "coffee &amp;" in words_vtt and "coffee & code" in srt.replace("\n", " ")
    assert "<00:00:" in vtt  # each word is timed
    chapters_txt = report.out.with_name("three.chapters.txt").read_text(encoding="utf-8").splitlines()
    assert chapters_txt[0] == "0:00 Three Little Scenes" and len(chapters_txt) == 4


def test_rebuild_is_cached_and_edit_rerenders_one_scene(project):
    script, module, media = project
    run(script, module, media)
    again = run(script, module, media)
    assert again.rendered == [] and len(again.cached) == 4 and not again.stitched

    script.write_text(SCRIPT.replace("about coffee & code", "about tea & code"), encoding="utf-8")
    edited = run(script, module, media)
    assert edited.rendered == ["02-the-second-paragraph-is"]
    assert edited.stitched and len(edited.cached) == 3


def test_editing_one_scene_class_rerenders_that_scene(project):
    script, module, media = project
    run(script, module, media)
    module.write_text(MODULE.replace('headline = "A cat"', 'headline = "The cat"'), encoding="utf-8")
    again = run(script, module, media)
    assert again.rendered == ["01-the-first-paragraph-has"]


def test_failing_scene_is_reported_and_others_stay_cached(project):
    script, module, media = project
    module.write_text(MODULE.replace("FAIL = False", "FAIL = True"), encoding="utf-8")
    out = media / "three.mp4"
    with pytest.raises(BuildFailed) as failed:
        run(script, module, media)
    (failure,) = failed.value.failures
    assert failure.para.id == "02-the-second-paragraph-is" and failure.scene == "Coffee"
    assert "boom" in failure.log.read_text(encoding="utf-8")
    assert "02-the-second-paragraph-is" in str(failed.value) and str(failure.log) in str(failed.value)
    assert not out.exists()

    module.write_text(MODULE, encoding="utf-8")
    fixed = run(script, module, media)
    assert fixed.rendered == ["02-the-second-paragraph-is"] and len(fixed.cached) == 3
    assert out.exists()


def test_scene_count_mismatch_is_reported(project):
    script, module, media = project
    module.write_text(MODULE.replace("[Title, Cat, Coffee, End]", "[Title, Cat]"), encoding="utf-8")
    rows, notes = list_scenes(load_script(script), module, media)
    assert [r.scene for r in rows] == ["Title", "Cat", "AutoScene", "AutoScene"]
    assert notes and "2 scenes in SCENES_IN_ORDER but the script has 4 paragraphs" in notes[0]


def test_cfr_build_encodes_every_frame(project):
    script, module, media = project
    options = OPTIONS.replace(cfr=True)
    settings = options.settings
    report = run(script, module, media, options=options)
    info = probe(report.out)
    assert info.video_pictures == info.video_frames and info.fps == settings.fps
    assert abs(info.video_duration - info.audio_duration) <= 1 / settings.fps
    assert (media / "three-little-scenes" / "scenes" / "428x240@10-cfr").is_dir()
