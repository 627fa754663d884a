"""A Markdown script built end to end with AutoScene (tiny, silent voice): nothing of the marks anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dayinlife_manim.autoscene.cues import describe, list_plan, show_names, shown_matches, shown_props
from dayinlife_manim.build import build
from dayinlife_manim.casting import chapter_for
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.output.captions import chapter_title
from dayinlife_manim.render.media import probe
from dayinlife_manim.text.script import load_script, parse_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

DOC = """# School Day

## Morning

We start at 8:15 a.m. with **maths** and *reading*; see [the timetable](https://school.example.com/plan).

- Pencils
- A `ruler` for geometry
- Lunch for $4.50

## Afternoon

> Learning never exhausts the mind.

```
cook(kids)
```

After lunch [show robot] the robotics club meets. [pause 0.5s] Then [show laptop] laptops come out.
"""


@pytest.fixture
def manifest(tmp_path: Path):
    script = parse_script(DOC, name="school")
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path / "media", cache_dir=tmp_path / "cache")
    return manifest


def test_lists_become_a_checklist_of_their_items(manifest):
    para = manifest.paragraphs[2]
    plan = list_plan(para)
    assert para.kind == "list" and plan is not None
    assert [label for label, _ in plan.beats[0].items] == ["Pencils", "A ruler for geometry", "Lunch for $4.50"]


def test_show_cues_name_icons_and_props_at_their_words(manifest):
    para = manifest.paragraphs[-1]
    icons = shown_matches(para)
    assert [(m.slug, m.words) for m in icons] == [("laptop", "laptops")]
    props = shown_props(para)
    assert [name for _, _, name in props] == ["robot"] and 0 < props[0][1] < 1
    assert {"laptop", "coffee", "robot", "cookie-jar"} <= show_names()
    assert describe(para) == "shows robot, laptop"
    kinds = {p.kind: describe(p) for p in manifest.paragraphs}
    assert kinds["code"] == "code card (1 line)" and kinds["quote"] == "quote"


def test_a_section_names_the_chapter_of_its_first_paragraph(manifest):
    titles = [chapter_for(p, object, manifest.title, manifest) for p in manifest.paragraphs]
    assert titles[0] == "School Day" and titles[1] == "Morning" and titles[3] == "Afternoon"
    assert titles[2] == chapter_title(manifest.paragraphs[2].display_text)  # the section's second paragraph: its own words


@pytest.mark.slow
def test_a_markdown_script_builds_with_no_marks_on_screen_or_in_captions(tmp_path: Path):
    path = tmp_path / "school.md"
    path.write_text(DOC, encoding="utf-8")
    media = tmp_path / "media"
    report = build(load_script(path), SilentVoice(), BuildOptions(quality="tiny", workers=2, out=media / "school.mp4", media_dir=media))
    info = probe(report.out)
    assert abs(info.video_duration - info.audio_duration) < 0.11
    for captions in (media / "school.srt", media / "school.vtt"):
        lines = (line for line in captions.read_text(encoding="utf-8").splitlines() if "-->" not in line)
        text = re.sub(r"<[\d:.]+>", "", "\n".join(lines))  # WebVTT's word times
        for mark in ("**", "*", "`", "[", "]", "(https", "<!--", "## ", "> "):
            assert mark not in text, (captions.name, mark)
        assert "maths" in text and "the timetable" in text
        assert "cook(kids)" not in text  # the code card is shown, not said: not in the captions
    assert [c.title for c in info.chapters][:2] == ["School Day", "Morning"]
