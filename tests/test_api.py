"""The Python API (build_video, storyboard, voice) and the manim plugin entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dayinlife_manim
from dayinlife_manim.api import options_from
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.options import SPECS
from dayinlife_manim.render.media import probe

SCRIPT = """\
Two Small Scenes

The kettle boils at seven. Tea is ready.

The bus comes at eight. Off to work!
"""


def _python(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_importing_the_package_stays_light_and_exports_the_api_lazily():
    out = _python(
        "import sys, dayinlife_manim as d; "
        "print(sorted(m for m in ('manim', 'numpy', 'dayinlife_manim.api') if m in sys.modules)); "
        "print(d.build_video.__module__, d.storyboard.__name__, d.voice.__name__)"
    )
    assert out.splitlines() == ["[]", "dayinlife_manim.api storyboard voice"]


def test_options_are_checked_as_the_cli_checks_them():
    options = options_from(quality="tiny", aspect="9:16", rate="1.5", cfr=1)
    assert (options.quality, options.aspect, options.rate, options.cfr) == ("tiny", "9:16", 1.5, True)
    with pytest.raises(UserError, match="unknown option qualty"):
        options_from(qualty="low")
    with pytest.raises(UserError, match=r"quality='huge': .*'huge' is not one of"):
        options_from(quality="huge")
    with pytest.raises(UserError, match=r"scenes=.*does not exist"):
        options_from(scenes="no/such/module.py")
    with pytest.raises(UserError, match="rate"):
        options_from(rate=9)
    # The docstring lists every option, from the same definitions as the CLI's.
    for name in SPECS:
        assert f"        {name} (default" in dayinlife_manim.build_video.__doc__


@pytest.mark.slow
def test_build_video_returns_the_files_and_what_was_rendered(tmp_path, media_env):
    script = tmp_path / "two.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    notes = []
    ticks = []
    result = dayinlife_manim.build_video(
        script, quality="tiny", voice="silent", media_dir=tmp_path / "media", say=notes.append,
        progress=lambda stage, done, total: ticks.append((stage, done, total)),
    )
    assert result.video == tmp_path / "media" / "two-small-scenes.mp4"
    for path in (result.video, result.srt, result.vtt, result.chapters, result.review):
        assert path.is_file(), path
    ids = sorted(p.id for p in result.manifest.paragraphs)
    assert result.stitched and sorted(result.rendered) == ids and len(ids) == 3 and not result.cached
    info = probe(result.video)
    assert info.video_duration == pytest.approx(result.duration, abs=0.15)
    assert info.audio_duration == pytest.approx(info.video_duration, abs=0.1)
    assert result.manifest.title == "Two Small Scenes" and len(result.manifest.paragraphs) == 3
    assert result.loudness is not None
    assert ("voice", 5, 5) in ticks and ("render", 3, 3) in ticks
    assert any(n.startswith("language: en") for n in notes)
    again = dayinlife_manim.build_video(script, quality="tiny", voice="silent", media_dir=tmp_path / "media", say=notes.append)
    assert not again.rendered and sorted(again.cached) == ids and not again.stitched
    # A user mistake is the same one-line error the CLI prints.
    with pytest.raises(UserError, match="script not found|no such file|does not exist"):
        dayinlife_manim.build_video(tmp_path / "missing.txt", voice="silent")


def test_manim_lists_the_plugin_and_imports_it_light():
    run = subprocess.run([sys.executable, "-m", "manim", "plugins", "-l"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "dayinlife_manim" in run.stdout
    out = _python(
        "import sys, manim; "
        "print('dayinlife_manim.plugin' in sys.modules, 'dayinlife_manim.scene' in sys.modules); "
        "from manim import *; from dayinlife_manim.plugin import *; "
        "print(NarratedScene.__module__, AutoScene.__name__, issubclass(AutoScene, Scene), DayinlifeService.__module__)"
    )
    assert out.splitlines() == ["True False", "dayinlife_manim.scene AutoScene True dayinlife_manim.voiceover_service"]


def test_voice_writes_the_manifest_and_reuses_the_sentence_cache(tmp_path, media_env):
    script = tmp_path / "two.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    first = dayinlife_manim.voice(script, voice="silent", media_dir=tmp_path / "media", say=lambda m: None)
    assert (first.synthesized, first.cached) == (5, 0)
    assert (first.manifest.root / "manifest.json").is_file()
    second = dayinlife_manim.voice(script, voice="silent", media_dir=tmp_path / "media", say=lambda m: None)
    assert (second.synthesized, second.cached) == (0, 5)
