"""Font metrics are measured once and shared through a file by every scene process."""

from __future__ import annotations

import importlib
import json

import pytest

from dayinlife_manim.visuals.theme import DEFAULT_THEME

text_module = importlib.import_module("dayinlife_manim.visuals.text")  # the package exports a text() function


@pytest.fixture
def fresh_metrics(tmp_path):
    text_module.metrics.cache_clear()
    text_module.keep_metrics_in(tmp_path / "text-metrics.json")
    yield tmp_path / "text-metrics.json"
    text_module.keep_metrics_in(None)
    text_module.metrics.cache_clear()


def test_metrics_are_measured_once_and_reused(fresh_metrics, monkeypatch) -> None:
    size = DEFAULT_THEME.size("caption")
    measured = text_module.metrics(DEFAULT_THEME.font_stack, size)
    assert measured[0] > 0 and measured[1] > 0
    assert list(json.loads(fresh_metrics.read_text()).values()) == [list(measured)]

    text_module.metrics.cache_clear()  # as in a new scene process: read, not measured
    monkeypatch.setattr(text_module, "Text", lambda *a, **k: pytest.fail("Text built again"))
    assert text_module.metrics(DEFAULT_THEME.font_stack, size) == measured


def test_a_damaged_file_is_measured_again(fresh_metrics) -> None:
    fresh_metrics.write_text("{not json")
    size = DEFAULT_THEME.size("label")
    measured = text_module.metrics(DEFAULT_THEME.font_stack, size)
    assert list(json.loads(fresh_metrics.read_text()).values()) == [list(measured)]


@pytest.mark.parametrize("content", ["42%", "$1,250", "3:45", "-12.5", "45 people", "80% done"])
def test_number_text_is_drawn_like_text(content: str) -> None:
    """A number laid out from the glyph atlas has the outline of the same Text, glyph for glyph
    (placed to within 5 % of the text's height: 2 px of a 1080p headline)."""
    import numpy as np
    from manim import ORIGIN

    fast = text_module.number_text(content, DEFAULT_THEME, "headline").move_to(ORIGIN)
    slow = text_module.text(content, DEFAULT_THEME, "headline").move_to(ORIGIN)
    size = slow.height
    assert fast.width == pytest.approx(slow.width, rel=0.015)
    assert fast.height == pytest.approx(slow.height, rel=0.01)
    ours = [m for m in fast.family_members_with_points()]
    theirs = [m for m in slow.family_members_with_points()]
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert np.allclose(a.get_center(), b.get_center(), atol=0.05 * size)
        assert a.get_fill_color() == b.get_fill_color()
