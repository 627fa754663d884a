"""Which package sources are in a scene's cache key."""

from __future__ import annotations

import shutil

import pytest

from dayinlife_manim.render import scenecache


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    copy = tmp_path / "dayinlife_manim"
    shutil.copytree(scenecache.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(scenecache, "PACKAGE_DIR", copy)
    scenecache.package_fingerprint.cache_clear()
    yield copy
    scenecache.package_fingerprint.cache_clear()


def _edited(copy, name: str, autoscene: bool = False) -> bool:
    assert (copy / name).is_file(), name
    before = scenecache.package_fingerprint(autoscene)
    with open(copy / name, "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    scenecache.package_fingerprint.cache_clear()
    return scenecache.package_fingerprint(autoscene) != before


@pytest.mark.parametrize("name", ["scene.py", "text/writing.py", "text/fonts.py", "visuals/text.py", "visuals/time.py", "render/sink.py"])
def test_sources_that_draw_change_every_key(package_copy, name):
    assert _edited(package_copy, name)


@pytest.mark.parametrize("name", ["output/stitch.py", "cli.py", "build.py", "farm/pool.py", "voices/piper.py", "author/review.py",
                                  "casting.py", "core/locks.py", "render/preload.py", "options.py"])
def test_stages_around_the_render_change_no_key(package_copy, name):
    assert not _edited(package_copy, name)


def test_autoscene_sources_only_change_autoscene_keys(package_copy):
    assert not _edited(package_copy, "autoscene/scene.py", autoscene=False)
    assert _edited(package_copy, "autoscene/scene.py", autoscene=True)
