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
from dayinlife_manim.render import RenderSettings, render_scene
from dayinlife_manim.script import parse_script
from dayinlife_manim.visuals import DEFAULT_THEME
from dayinlife_manim.visuals.captions import CaptionBlock
from dayinlife_manim.voiceover import make_voiceover
from dayinlife_manim.voices.silent import SilentVoice

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

SCRIPT = f"Layout Check: A Title That Is Fairly Long\n\nHello.\n\n{ODD}\n\n{LONG}\n"
CASES = {"title": "00", "one-word": "01", "odd": "02", "long": "03"}


def test_long_paragraph_is_long() -> None:
    assert len(LONG.split()) >= 300


@pytest.fixture(scope="module")
def voiced(tmp_path_factory):
    root = tmp_path_factory.mktemp("voice")
    script = parse_script(SCRIPT, "odd")
    manifest, _ = make_voiceover(script, SilentVoice(wpm=900), root)
    assert [p.kind for p in manifest.paragraphs] == ["title", "paragraph", "paragraph", "paragraph"]
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
            for cue in getattr(self, "icon_cues", []):
                if cue.card in self.mobjects and not self.stage.contains(cue.card):
                    report.setdefault("outside stage", []).append((round(self.time, 2), cue.match.slug, _box(cue.card)))
                if cue.card in self.mobjects and page is not None and _overlap(cue.card, theme.caption):
                    report.setdefault("icon over captions", []).append((round(self.time, 2), cue.match.slug))

    return CheckedAutoScene


def _box(mob) -> tuple[float, ...]:
    (l, b), (r, t) = mob.get_corner([-1, -1, 0])[:2], mob.get_corner([1, 1, 0])[:2]
    return tuple(round(float(v), 3) for v in (l, b, r, t))


def _overlap(mob, region) -> bool:
    l, b, r, t = _box(mob)
    return l < region.right and r > region.left and b < region.top and t > region.bottom


@pytest.mark.slow
@pytest.mark.parametrize("aspect", ASPECTS)
@pytest.mark.parametrize("case", list(CASES))
def test_autoscene_stays_in_safe_area(voiced, tmp_path: Path, case: str, aspect: str) -> None:
    manifest, path = voiced
    report: dict = {}
    out = render_scene(
        checked_scene(report),
        manifest=path,
        paragraph=CASES[case],
        out=tmp_path / "scene.mp4",
        settings=RenderSettings.from_options("tiny", aspect),
        workdir=tmp_path / "work",
    )
    assert out.exists()
    assert report.get("checks", 0) >= 2 and report.get("leaves", 0) > 0
    problems = {k: v[:5] for k, v in report.items() if k not in ("checks", "leaves", "pages")}
    assert not problems, f"{case} in {aspect}: {problems}"
    if case == "long":
        assert len(report["pages"]) > 1, "a 300-word paragraph should page its captions"
    if case == "title":
        assert "pages" not in report, "the title card has no captions"


def _cues(text: str) -> list[Cue]:
    from dayinlife_manim.script import split_sentences

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
