"""``dayinlife check``: each layout rule finds a crafted case and passes its near miss; a crafted
scene is checked at its beats and in its animations; findings travel with a render's stills;
a sample of the seed has no errors at three aspects; the CLI's table, JSON and exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from manim import RIGHT, UP, Circle, Rectangle, Square, Text

from dayinlife_manim.render.layoutcheck import (
    Box,
    Finding,
    Frame,
    Timeline,
    caption_findings,
    contrast,
    inspect,
)
from dayinlife_manim.visuals.theme import DEFAULT_THEME

BG = DEFAULT_THEME.background
#: A 16:9 1080p frame (manim units 14.2 x 8) with 5% safe margins and the stage above the captions.
FRAME = Frame(16 / 9 * 8, 8.0, 1920, 1080, Box(-6.4, 6.4, -3.6, 3.6), Box(-6.4, 6.4, -1.0, 3.0), BG)
PORTRAIT = Frame(4.5, 8.0, 1080, 1920, Box(-4.05, 4.05, -3.6, 3.6), None, BG)


def rules(mobjects, frame=FRAME, **kw) -> list[str]:
    return sorted(f.rule for f in inspect(mobjects, frame, 1.0, **kw))


def label(s: str, size: float = 30, color: str = "#f4f1ea") -> Text:
    return Text(s, font="DejaVu Sans", font_size=size, color=color)


def disc(r=0.6, color="#8ecae6") -> Circle:
    return Circle(r, color=color, fill_opacity=1)


# -- each rule: found, and its near miss not ----------------------------------------
def test_off_frame_and_off_safe() -> None:
    assert rules([Square(1, fill_opacity=1).move_to(RIGHT * 7.3)]) == ["off-frame"]
    assert rules([Square(1, fill_opacity=1).move_to(RIGHT * 6.3)]) == ["off-safe"]
    assert rules([Square(1, fill_opacity=1).move_to(RIGHT * 5.85)]) == []  # 0.05 units (7 px) inside the safe area
    finding = inspect([Square(1, fill_opacity=1).move_to(RIGHT * 7.3)], FRAME, 1.0)[0]
    assert finding.objects == ("Square",) and finding.measure.startswith(f"{round((7.8 - FRAME.width / 2) * 135)}px")


def test_text_over_text() -> None:
    a, b = label("Coffee"), label("Tea").shift(RIGHT * 0.2)
    found = inspect([a, b], FRAME, 1.0)
    assert [f.rule for f in found] == ["text-overlap"] and found[0].objects == ('Text "Coffee"', 'Text "Tea"')
    assert found[0].level == "error"
    near = label("Tea").next_to(a, UP, buff=0.05)  # stacked lines: their boxes do not meet
    assert rules([a, near]) == []


def test_prop_over_text_and_label_on_its_card() -> None:
    word = label("Budget")
    assert rules([word, disc(0.5).move_to(word.get_right())]) == ["prop-over-text"]
    card = Rectangle(width=3, height=1, fill_color="#1f2230", fill_opacity=1)
    assert rules([card, label("Budget")]) == []  # a label inside its card is the design
    assert rules([disc(0.5).move_to(word.get_right()), label("Budget")]) == []  # behind the text: contrast's matter


def test_props_over_each_other_and_an_icon_on_its_disc() -> None:
    assert rules([Square(2, fill_opacity=1), Square(2, fill_opacity=1, color="#ffb703").shift(RIGHT)]) == ["prop-overlap"]
    assert rules([disc(1.2), Square(1, fill_opacity=1, color="#ffb703")]) == []  # wholly on its disc
    assert rules([Square(2, fill_opacity=1), Square(2, fill_opacity=1).shift(RIGHT * 1.8)]) == []  # 10 % of the smaller


def test_text_too_small_at_the_output_resolution() -> None:
    assert rules([label("fine print", size=6)]) == ["small-text"]
    assert rules([label("fine print", size=12)]) == []  # x-height about 12 px at 1080p
    low = Frame(FRAME.width, 8.0, 854, 480, FRAME.safe, FRAME.stage, BG)
    assert rules([label("fine print", size=12)], low) == ["small-text"]  # the same text at 480p
    # A phone frame has more pixels per unit: the rule is the same, in pixels.
    assert rules([label("fine print", size=6)], PORTRAIT) == []


def test_low_contrast_against_what_is_behind() -> None:
    assert contrast((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)
    assert rules([label("shy", color="#3a3d4d")]) == ["low-contrast"]
    assert rules([label("dim", color=DEFAULT_THEME.dim)]) == []
    card = Rectangle(width=3, height=1, fill_color="#f4f1ea", fill_opacity=1)
    assert rules([card, label("ink", color="#f4f1ea")]) == ["low-contrast"]  # light on a light card
    assert rules([card, label("ink", color=BG)]) == []


def test_transparent_and_hidden_things_are_not_judged() -> None:
    a, b = label("Coffee"), label("Tea").shift(RIGHT * 0.2)
    assert rules([a, b.set_opacity(0.2)]) == []  # fading in
    page = Rectangle(width=3, height=1.5, fill_color="#f4f1ea", fill_opacity=1)
    under = label("TUE", color=BG)
    assert rules([under, page, label("MON", color=BG)]) == []  # tomorrow's page, hidden under today's


def test_marked_overlaps_are_allowed() -> None:
    a, b = label("Coffee"), label("Tea").shift(RIGHT * 0.2)
    assert rules([a, b], allowed=[frozenset((id(a), id(b)))]) == []
    b.layout_allow_overlap = True
    assert rules([a, b]) == []


def test_mid_animation_findings_are_geometry_and_at_most_warnings() -> None:
    tl = Timeline(FRAME)
    a, b = label("Coffee"), label("Tea").shift(RIGHT * 0.2)
    tl.add([a, b], 1.0, steady=False)
    tl.add([label("shy", color="#3a3d4d")], 1.5, steady=False)  # contrast is judged at steady moments only
    tl.add([Square(1, fill_opacity=1)], 2.0)
    found = tl.finish(3.0)
    assert [(f.rule, f.level, f.steady) for f in found] == [("text-overlap", "warning", False)]


def test_idle_stage() -> None:
    caption = label("captions only").move_to(UP * -2.5)
    caption.layout_role = "caption"
    busy = Square(1, fill_opacity=1)
    tl = Timeline(FRAME)
    for t, shown in ((0.0, [caption]), (0.5, [caption]), (3.0, [caption, busy]), (5.0, [caption, busy]), (5.5, [caption])):
        tl.add(shown, t)
    idle = [f for f in tl.finish(6.4) if f.rule == "idle-stage"]
    assert [(f.time, f.last) for f in idle] == [(0.0, 3.0)]  # 5.5 .. 6.4 is under 2 s: not idle
    tl = Timeline(FRAME)
    for t, shown in ((0.0, [caption]), (1.9, [caption, busy])):
        tl.add(shown, t)
    assert tl.finish(3.0) == []


def test_caption_rules() -> None:
    found = caption_findings([(0.0, 1.0, "This caption goes by much too fast")])
    assert [f.rule for f in found] == ["caption-speed"]
    assert caption_findings([(0.0, 3.0, "This caption reads well\nin two lines")]) == []
    lines = caption_findings([(0.0, 9.0, "one\ntwo\nthree"), (10.0, 19.0, "x" * 43)])
    assert sorted(f.rule for f in lines) == ["caption-line", "caption-lines"]


def test_findings_round_trip() -> None:
    f = inspect([label("Coffee"), label("Tea").shift(RIGHT * 0.2)], FRAME, 1.0)[0]
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f
