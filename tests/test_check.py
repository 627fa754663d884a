"""``dayinlife check``: each layout rule finds a crafted case and passes its near miss; a crafted
scene is checked at its beats and in its animations; findings travel with a render's stills;
a sample of the seed has no errors at three aspects; the CLI's table, JSON and exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_main
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


def test_font_size_read_from_the_box_is_manims() -> None:
    from dayinlife_manim.render.layoutcheck import _font_size, collect

    word = label("Scaled", size=30).scale(0.37)
    (item,), _ = collect([word])
    assert _font_size(item) == pytest.approx(word.font_size, rel=1e-6)


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
    c = label("Milk").shift(RIGHT * 0.4)  # allowed with each other, not with a third
    assert rules([a, b, c], allowed=[frozenset((id(a), id(b)))]) == ["text-overlap", "text-overlap"]
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


# -- a crafted scene: checked while its timeline runs, drawing nothing, and while it renders ----
SCRIPT = """# Layout Test

Two words meet here and then they part again slowly.

Nothing is on the stage for a long while, only these words go by, and by, and by again.
"""

MODULE = '''
from pathlib import Path

from manim import LEFT, RIGHT, Square

from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import motions, text

SCRIPT = Path(__file__).parent / "layout.txt"


class Crowded(NarratedScene):
    paragraph = 1
    headline = "Crowded"

    def narrate(self):
        a = text("Coffee", self.theme, "headline").move_to(self.stage.center)
        b = text("Tea", self.theme, "headline").move_to(self.stage.center + RIGHT * 0.3)
        box = Square(0.8, fill_opacity=1, color="#8ecae6").move_to(self.stage.point(0.1, 0.5))
        with self.sentence(0) as s:
            self.play(motions.pop_in(a), motions.pop_in(b), motions.pop_in(box), run_time=s.share(0.2))
            s.wait_for("part")
            self.play(a.animate.shift(LEFT * 2), b.animate.shift(RIGHT * 2), box.animate.shift(LEFT * 9), run_time=s.share(0.3))


class Idle(NarratedScene):
    paragraph = 2
    headline = "Idle"
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    tmp = tmp_path_factory.mktemp("check")
    (tmp / "layout.txt").write_text(SCRIPT, encoding="utf-8")
    (tmp / "layout_scenes.py").write_text(MODULE, encoding="utf-8")
    manifest, _ = make_voiceover(load_script(tmp / "layout.txt"), SilentVoice(), tmp / "media")
    return tmp, manifest


@pytest.mark.slow
def test_a_scene_is_checked_at_its_beats_and_in_its_animations(project, tmp_path):
    from dayinlife_manim.render.render import load_scene_module, render_scene
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.render.stills import load_layout, scene_layout

    tmp, manifest = project
    module = load_scene_module(tmp / "layout_scenes.py")
    settings = RenderSettings.from_options("high", fps=10)  # judged at 1080p; nothing is drawn
    args = dict(manifest=manifest.root / "manifest.json", settings=settings)
    probe = scene_layout(module.Crowded, paragraph=manifest.paragraphs[1].id, out_dir=tmp_path / "a", **args)
    found = {f.rule: f for f in probe.findings()}
    overlap = found["text-overlap"]
    assert overlap.level == "error" and overlap.steady and overlap.objects == ('Text "Coffee"', 'Text "Tea"')
    assert overlap.time < 1.0 < (overlap.last or 0)  # from the end of the pop-in to the beat before they part
    gone = found["off-frame"]  # the box leaves the frame at the end of its move (and is past the edge mid-way)
    assert gone.objects == ("Square",) and gone.steady
    idle = scene_layout(module.Idle, paragraph=manifest.paragraphs[2].id, out_dir=tmp_path / "b", **args).findings()
    assert [f.rule for f in idle] == ["idle-stage"] and idle[0].time == pytest.approx(0.0, abs=0.5)

    # A render checks the same moments, from the objects, and keeps the findings beside its stills.
    tiny = RenderSettings.from_options("tiny")
    render_scene(module.Crowded, paragraph=manifest.paragraphs[1].id, out=tmp_path / "c.mp4", workdir=tmp_path / "w",
                 stills=tmp_path / "c.stills", manifest=manifest.root / "manifest.json", settings=tiny)
    kept = {f.rule for f in load_layout(tmp_path / "c.stills")}
    assert {"text-overlap", "off-frame", "small-text"} <= kept  # at 240p the headline is too small to read

    # The review page lists them and boxes each on the still of its moment.
    from dayinlife_manim.author.review import write_review_page

    para = manifest.paragraphs[1]
    page = write_review_page(manifest, [(para.id, "Crowded")], tmp_path / "c.mp4", [(para, "Crowded", tmp_path / "c.stills")], tiny)
    body = page.read_text(encoding="utf-8")
    assert 'class="mark error"' in body and "<i>text-overlap</i>" in body and '<ul class="findings">' in body
    assert "layout: " in body and "errors" in body


# -- the seed, a sample: no errors at three aspects ---------------------------------------
SEED_SAMPLE = {"01": "LateStart", "08": "CuriousReader", "13": "PayDay", "03": None}  # None: AutoScene


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    root = Path(__file__).resolve().parent.parent
    manifest, _ = make_voiceover(load_script(root / "examples" / "a_day_in_life.txt"), SilentVoice(),
                                 tmp_path_factory.mktemp("seed"))
    return root, manifest


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
def test_seed_sample_has_no_layout_errors(seed, aspect, tmp_path):
    from dayinlife_manim.autoscene import AutoScene
    from dayinlife_manim.render.render import load_scene_module
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.render.stills import scene_layout

    root, manifest = seed
    module = load_scene_module(root / "scenes" / "day_in_life.py")
    settings = RenderSettings.from_options("high", aspect, fps=10)  # tiny's frame rate, judged at 1080p
    for prefix, name in SEED_SAMPLE.items():
        para = next(p for p in manifest.paragraphs if p.id.startswith(prefix))
        cls = getattr(module, name) if name else AutoScene
        probe = scene_layout(cls, manifest=manifest.root / "manifest.json", paragraph=para.id, settings=settings,
                             out_dir=tmp_path / para.id)
        errors = [f for f in probe.findings() if f.level == "error"]
        assert probe.moments > 5 and errors == [], (para.id, errors)


# -- the command ------------------------------------------------------------------------
CALM = """
from manim import Square

from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import motions


class Calm(NarratedScene):
    paragraph = 1
    headline = "Calm"

    def narrate(self):
        with self.sentence(0) as s:
            self.play(motions.pop_in(Square(1.0, fill_opacity=1, color="#8ecae6").move_to(self.stage.center)), run_time=0.5)


class Idle(Calm):
    paragraph = 2

    def narrate(self):
        self.wait_until_time(3.0)
        self.play(motions.pop_in(Square(1.0, fill_opacity=1, color="#8ecae6").move_to(self.stage.center)), run_time=0.5)
"""


def run_check(args, monkeypatch, capsys) -> tuple[int, str, str]:
    return run_main(["check", *args], monkeypatch, capsys)


@pytest.mark.slow
def test_the_check_command(project, tmp_path, monkeypatch, capsys):
    tmp, _ = project
    common = ["--voice", "silent", "--workers", "1", "--media", tmp / "media", "--fps", "10"]
    code, out, err = run_check([tmp / "layout.txt", "--scenes", tmp / "layout_scenes.py", *common], monkeypatch, capsys)
    assert code == 1 and "Traceback" not in err
    assert "text-overlap" in out and 'Text "Coffee" / Text "Tea"' in out and "idle-stage" in out
    assert out.strip().splitlines()[-1].startswith("layout: 2 errors, 1 warning in 3 scenes")
    code, out, _ = run_check([tmp / "layout.txt", "--scenes", tmp / "layout_scenes.py", "--json", *common], monkeypatch, capsys)
    data = json.loads(out)  # cached now: the same findings, from layout.json
    assert code == 1 and data["errors"] == 2 and all(s["cached"] for s in data["scenes"])
    assert {f["rule"] for s in data["scenes"] for f in s["findings"]} == {"text-overlap", "off-frame", "idle-stage"}

    calm = tmp_path / "calm_scenes.py"
    calm.write_text(CALM, encoding="utf-8")
    code, out, _ = run_check([tmp / "layout.txt", "--scenes", calm, *common], monkeypatch, capsys)
    assert code == 0 and "layout: 0 errors, 1 warning" in out  # Idle's stage waits 3 s: a warning
    code, out, _ = run_check([tmp / "layout.txt", "--scenes", calm, "--strict", *common], monkeypatch, capsys)
    assert code == 1
