"""Geometry of AutoScene: nothing leaves the safe area, captions stay in their region.

Each case renders AutoScene in-process at the tiny quality (a fast silent
voice keeps the videos short) with a subclass that inspects every drawn leaf
mobject whenever the scene waits, i.e. at every sentence boundary and
keyword cue, in 16:9, 9:16 and 1:1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from manim import VMobject, tempconfig

from dayinlife_manim.autoscene import AutoScene
from dayinlife_manim.manifest import Cue
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.visuals import DEFAULT_THEME
from dayinlife_manim.visuals.captions import CaptionBlock
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

ASPECTS = ["16:9", "9:16", "1:1"]

_SENTENCES = [
    "The alarm rings at six and the cat is already waiting by the door for breakfast, so I make coffee, "
    "check the weather on my phone and read the news while the kettle boils.",
    "By eight I am on the train with my laptop, answering email from the team in another city, and at the "
    "office we have a long meeting about the new product, its budget and its deadline.",
    "Lunch is a quick salad in the park, where children play football and dogs chase pigeons "
    "around the old fountain while their owners drink tea on the benches and talk about the rain "
    "that was promised for the afternoon but never quite arrived, which everybody agrees is typical "
    "for this time of year, especially after such a warm and sunny spring, and nobody minds at all "
    "because the ice cream van has just turned the corner with its little song playing again and again.",
    "In the afternoon I write code, fix a stubborn bug and deploy the release to the cloud servers; the "
    "charts look good, the database is fast and the robot that sorts our parcels works again.",
    "After work I go swimming in the pool, cook pasta for my family and help my daughter with her homework, "
    "and then we read a book together about rockets, planets and the people who dream of travelling to the stars.",
    "Before sleep I write three ideas in my notebook, set the alarm and turn off the lamp, because tomorrow "
    "the same day begins again, with new problems, new music and, hopefully, more sunshine.",
    "Some days feel long and some feel short, but every one of them teaches me something about patience, "
    "money, health, friendship and the quiet joy of a finished task.",
    "That is all there is to it, really: coffee, code, a swim and a good book.",
]
LONG = " ".join(_SENTENCES)  # 300+ words, one sentence longer than a caption page

ODD = (
    "I love <b>bold</b> text & {curly} braces 🎉🍕 in my HTML & CSS. "
    "WE ARE GOING TO THE BEACH TOMORROW!!! "
    "The price rose 45% to $1,299.99 at 7:30 pm on 12/03/2024. "
    "Über die Brücke gehen wir morgen früh zum Bäcker. "
    "Supercalifragilisticexpialidociousness_without_any_spaces_whatsoever_that_keeps_going_on_and_on."
)

#: Paragraphs that call for every built-in beat (two each, one with an icon beside it).
BEATS = [
    "At 7:30 pm I paid $4,242 for the tickets.",
    "I was so happy: I pack a passport, a charger, a book and a hat.",
    "The app was loading while I drove from home to the airport.",
    "Trains are faster than buses, from morning to night.",
    "The whole team was waiting for the big release while we drank coffee in the kitchen and talked about "
    "our plans for the long weekend by the sea with our families and friends.",
]

SCRIPT = f"Layout Check: A Title That Is Fairly Long\n\nHello.\n\n{ODD}\n\n{LONG}\n\n" + "\n\n".join(BEATS) + "\n"
CASES = {"title": "00", "one-word": "01", "odd": "02", "long": "03"}
BEAT_CASES = {f"beats-{i + 1}": f"{i + 4:02d}" for i in range(len(BEATS))}


def test_long_paragraph_is_long() -> None:
    assert len(LONG.split()) >= 300


@pytest.fixture(scope="module")
def voiced(tmp_path_factory):
    root = tmp_path_factory.mktemp("voice")
    script = parse_script(SCRIPT, "odd")
    manifest, _ = make_voiceover(script, SilentVoice(wpm=900), root)
    assert [p.kind for p in manifest.paragraphs] == ["title"] + ["paragraph"] * (3 + len(BEATS))
    return manifest, root / manifest.slug / "manifest.json"


def checked_scene(report: dict):
    """An AutoScene subclass that records what is outside its region whenever it waits."""

    class CheckedAutoScene(AutoScene):
        def wait_until_time(self, t: float) -> None:
            self._check()
            super().wait_until_time(t)
            self._check()

        def _check(self) -> None:
            theme = self.theme
            report["checks"] = report.get("checks", 0) + 1
            page = self._caption_page
            if page is not None:
                report.setdefault("pages", set()).add(id(page))
            in_page = {id(m) for m in page.get_family()} if page is not None else set()
            for mob in self.mobjects:
                for leaf in mob.get_family():
                    if leaf.submobjects or not isinstance(leaf, VMobject) or len(leaf.points) == 0:
                        continue
                    report["leaves"] = report.get("leaves", 0) + 1
                    where = (round(self.time, 2), type(leaf).__name__, _box(leaf))
                    if not theme.safe.contains(leaf):
                        report.setdefault("outside safe", []).append(where)
                    if id(leaf) in in_page and not theme.caption.contains(leaf):
                        report.setdefault("outside caption", []).append(where)
            self._check_beats(report)
            for cue in getattr(self, "icon_cues", []):
                if cue.card in self.mobjects and not self.stage.contains(cue.card):
                    report.setdefault("outside stage", []).append((round(self.time, 2), cue.match.slug, _box(cue.card)))
                if cue.card in self.mobjects and page is not None and _overlap(cue.card, theme.caption):
                    report.setdefault("icon over captions", []).append((round(self.time, 2), cue.match.slug))

        def _check_beats(self, report: dict) -> None:
            """Each beat draws inside its own region, and no two beats' drawings overlap."""
            beats = getattr(self, "beats", [])
            drawn = {}
            for beat in beats:
                report.setdefault("beats seen", set()).add(beat.name)
                if not _inside(beat.region, self.stage):
                    report.setdefault("beat region off stage", []).append(beat.name)
                on_stage = [m for m in beat.drawn if m in self.get_mobject_family_members()]
                drawn[beat.name] = on_stage
                for mob in on_stage:
                    if not beat.region.contains(mob, tolerance=0.02):
                        report.setdefault("beat outside its region", []).append((round(self.time, 2), beat.name, _box(mob)))
                    if _overlap(mob, self.theme.caption):
                        report.setdefault("beat over captions", []).append((round(self.time, 2), beat.name))
            names = list(drawn)
            for i, a in enumerate(names):
                for b in names[i + 1 :]:
                    if any(_boxes_overlap(m, n) for m in drawn[a] for n in drawn[b]):
                        report.setdefault("beats overlap", []).append((round(self.time, 2), a, b))

    return CheckedAutoScene


def _inside(inner, outer, tolerance: float = 1e-6) -> bool:
    return (inner.left >= outer.left - tolerance and inner.right <= outer.right + tolerance
            and inner.bottom >= outer.bottom - tolerance and inner.top <= outer.top + tolerance)


def _boxes_overlap(a, b) -> bool:
    l1, b1, r1, t1 = _box(a)
    l2, b2, r2, t2 = _box(b)
    return l1 < r2 and l2 < r1 and b1 < t2 and b2 < t1


def _box(mob) -> tuple[float, ...]:
    (l, b), (r, t) = mob.get_corner([-1, -1, 0])[:2], mob.get_corner([1, 1, 0])[:2]
    return tuple(round(float(v), 3) for v in (l, b, r, t))


def _overlap(mob, region) -> bool:
    l, b, r, t = _box(mob)
    return l < region.right and r > region.left and b < region.top and t > region.bottom


def render_checked(path, paragraph: str, aspect: str, tmp_path: Path) -> dict:
    """Render one paragraph with the checks on; the report."""
    report: dict = {}
    out = render_scene(
        checked_scene(report),
        manifest=path,
        paragraph=paragraph,
        out=tmp_path / f"scene-{paragraph}.mp4",
        settings=RenderSettings.from_options("tiny", aspect),
        workdir=tmp_path / "work" / paragraph,
    )
    assert out.exists()
    assert report.get("checks", 0) >= 2 and report.get("leaves", 0) > 0
    return report


def problems_in(report: dict) -> dict:
    return {k: v[:5] for k, v in report.items() if k not in ("checks", "leaves", "pages", "beats seen")}


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ASPECTS)
def test_every_beat_stays_in_its_region(voiced, tmp_path: Path, aspect: str) -> None:
    """Every built-in beat (and an icon beside a lone beat) drawn in every aspect: inside
    its region, the regions inside the stage, no two beats over each other or the captions."""
    from dayinlife_manim.autoscene import registered_beats

    manifest, path = voiced
    seen: set = set()
    for case, paragraph in BEAT_CASES.items():
        report = render_checked(path, paragraph, aspect, tmp_path)
        assert not problems_in(report), f"{case} in {aspect}: {problems_in(report)}"
        seen |= report.get("beats seen", set())
    builtin = {b.name for b in registered_beats() if b.__module__.startswith("dayinlife_manim.")}
    assert seen == builtin | {"icon"}, seen


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ASPECTS)
@pytest.mark.parametrize("case", list(CASES))
def test_autoscene_stays_in_safe_area(voiced, tmp_path: Path, case: str, aspect: str) -> None:
    manifest, path = voiced
    report = render_checked(path, CASES[case], aspect, tmp_path)
    problems = problems_in(report)
    assert not problems, f"{case} in {aspect}: {problems}"
    if case == "long":
        assert len(report["pages"]) > 1, "a 300-word paragraph should page its captions"
    if case == "title":
        assert "pages" not in report, "the title card has no captions"


def _cues(text: str) -> list[Cue]:
    from dayinlife_manim.text.script import split_sentences

    cues, t = [], 0.0
    for sentence in split_sentences(text):
        d = 0.4 * len(sentence.split())
        cues.append(Cue(t, t + d, sentence))
        t += d
    return cues


@pytest.fixture(scope="module", params=["16:9", "9:16"])
def drawn_block(request, tmp_path_factory):
    """A 2,000-word paragraph's CaptionBlock with every page drawn (drawing is the slow part)."""
    aspect = request.param
    text = " ".join([LONG] * 7)
    assert len(text.split()) >= 2000
    cues = _cues(text)
    media = tmp_path_factory.mktemp("media")  # Text's SVG files go here, not into ./media
    with tempconfig({**RenderSettings.from_options("tiny", aspect).manim_config(), "media_dir": str(media)}):
        theme = DEFAULT_THEME
        region, size = theme.caption, theme.size("caption")
        block = CaptionBlock(cues, region, theme)
        outside, small, lines = [], [], []
        for i in range(len(block.pages)):
            page = block.page(i)
            if not region.contains(page):
                outside.append((i, _box(page)))
            lines.append(sum(len(chunk) for chunk in page))
            for chunk in page:
                for line in chunk:
                    if line.font_size < size * 0.999:
                        small.append((i, line.text, round(float(line.font_size), 1)))
    return {"aspect": aspect, "text": text, "cues": cues, "block": block, "outside": outside, "small": small,
            "lines": lines, "size": size}


@pytest.mark.slow
def test_caption_block_pages_a_2000_word_paragraph(drawn_block) -> None:
    block, text, cues = drawn_block["block"], drawn_block["text"], drawn_block["cues"]
    assert len(block.pages) > 10
    assert not drawn_block["outside"], f"pages leave the caption region: {drawn_block['outside'][:3]}"
    assert max(drawn_block["lines"]) <= block.lines_per_page
    # Every chunk is on exactly one page, in order; no word is lost.
    assert [c for p in block.pages for c in p] == list(range(len(block.chunks)))
    assert sum(len(" ".join(c.lines).split()) for c in block.chunks) == len(text.split())
    # The highlight follows time: the last chunk is lit at the end.
    assert block.chunk_at(cues[-1].end - 1e-3) == len(block.chunks) - 1


@pytest.mark.slow
def test_caption_text_is_never_scaled_below_the_theme_size(drawn_block) -> None:
    small = drawn_block["small"]
    assert not small, f"{len(small)} line(s) below {drawn_block['size']:.1f}: {small[:3]}"


def test_region_contains_is_strict() -> None:
    from manim import Square

    with tempconfig(RenderSettings.from_options("tiny", "9:16").manim_config()):
        safe = DEFAULT_THEME.safe
        assert safe.contains(Square(0.5))
        assert not safe.contains(Square(0.5).move_to(np.array([safe.right, 0, 0])))
