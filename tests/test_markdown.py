"""Markdown scripts: structure, marks neither shown nor spoken, plain text unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.text.markdown import is_markdown
from dayinlife_manim.text.script import load_script, parse_script

DOC = """# Cooking Pasta

<!-- note to self: shorten this -->

## Getting ready

Boil **salted** water and press *Start* on the timer; see [the recipe](https://example.com/pasta) or run `timer 10`.

- Fill the pot
- Add **salt**
- Wait for the boil

1. Drop the pasta
2. Stir it

### Serving

> Good food takes time.

```python
cook(pasta)
```

Serve it hot.
"""

MARKS = ("**", "*", "`", "[", "](", "<!--", "# ", "> ", "- ")


@pytest.fixture
def doc() -> object:
    return parse_script(DOC, name="pasta")


def test_the_first_heading_is_the_title_and_headings_start_sections(doc):
    assert doc.markdown and doc.title == "Cooking Pasta"
    kinds = [(p.kind, p.section) for p in doc.paragraphs]
    assert kinds == [
        ("title", ""), ("paragraph", "Getting ready"), ("list", "Getting ready"), ("list", "Getting ready"),
        ("quote", "Serving"), ("code", "Serving"), ("paragraph", "Serving"),
    ]
    assert not any(p.text in ("Getting ready", "Serving") for p in doc.paragraphs)  # a heading alone is no scene


def test_no_mark_is_shown_or_spoken(doc):
    for p in doc.paragraphs:
        if p.kind == "code":
            continue
        for s in p.sentences:
            for mark in MARKS:
                assert mark not in s.text, (mark, s.text)
                assert mark not in s.spoken, (mark, s.spoken)
    first = doc.paragraphs[1].sentences[0]
    assert first.text == "Boil salted water and press Start on the timer; see the recipe or run timer 10."
    assert "example" not in first.spoken  # a link says its text, not its address
    assert first.spoken.startswith("Boil salted water and press Start on the timer; see")  # punctuation kept


def test_emphasis_and_code_are_kept_as_spans(doc):
    s = doc.paragraphs[1].sentences[0]
    spans = {(s.text[a:b], style) for a, b, style in s.spans}
    assert spans == {("salted", "strong"), ("Start", "em"), ("timer 10", "code")}


def test_list_items_are_one_paragraph_with_a_sentence_each(doc):
    bullets, numbered = doc.paragraphs[2], doc.paragraphs[3]
    assert bullets.items == ("Fill the pot", "Add salt", "Wait for the boil")
    assert [s.text for s in bullets.sentences] == list(bullets.items)
    assert numbered.items == ("Drop the pasta", "Stir it")


def test_quotes_and_code(doc):
    quote, code = doc.paragraphs[4], doc.paragraphs[5]
    assert quote.text == "Good food takes time."
    assert code.items == ("cook(pasta)",) and code.sentences[0].spoken == ""  # shown, not read


def test_comments_are_neither_shown_nor_spoken(doc):
    assert not any("note to self" in p.text or "note to self" in p.spoken for p in doc.paragraphs)


def test_a_plain_text_script_is_not_markdown(seed_script: Path):
    text = seed_script.read_text(encoding="utf-8")
    assert not is_markdown(text, seed_script)
    script = load_script(seed_script)
    assert not script.markdown
    assert all(p.kind in ("title", "paragraph") and not p.section and not p.items for p in script.paragraphs)
    # the same paragraphs, sentences and ids as parsing it without Markdown at all
    plain = parse_script(text, name=seed_script.stem, markdown=False)
    assert [(p.id, p.kind, [s.text for s in p.sentences]) for p in plain.paragraphs] == [
        (p.id, p.kind, [s.text for s in p.sentences]) for p in script.paragraphs
    ]
    assert script.slug == plain.slug == "a-day-in-the-life-of-a-python-machine-learning-engineer"


def test_markdown_is_recognised_by_its_suffix_or_its_marks(tmp_path: Path):
    assert is_markdown("Plain words.", "notes.md")
    assert is_markdown("Read [the guide](https://example.com) first.")
    assert is_markdown("## One\n\n- a\n- b\n\nText.\n")
    assert not is_markdown("# A title\n\nJust a plain script with one heading.\n")
    path = tmp_path / "trip.md"
    path.write_text("# Trip\n\n**Go** now.\n", encoding="utf-8")
    assert load_script(path).paragraphs[1].text == "Go now."


def test_a_markdown_script_with_only_a_heading_has_nothing_to_narrate():
    with pytest.raises(UserError, match="nothing to narrate"):
        parse_script("## Only a heading\n", markdown=True)


def test_captions_draw_emphasis_bold_italic_and_monospace():
    from dayinlife_manim.manifest import Cue
    from dayinlife_manim.visuals.captions import MONO_FONT, emphasis

    s = parse_script("# T\n\nBoil **salted** water, press *Start* and run `timer 10` now.\n").paragraphs[1].sentences[0]
    cue = Cue(0.0, 1.0, s.text, spans=s.spans)
    first, second = "Boil salted water, press Start", "and run timer 10 now."
    styles = emphasis(cue, 0, [first, second])
    assert styles[0] == {"t2w": {"[5:11]": "BOLD"}, "t2s": {"[25:30]": "ITALIC"}}
    assert styles[1] == {"t2f": {"[8:16]": MONO_FONT}}
    assert emphasis(Cue(0.0, 1.0, "Plain words."), 0, ["Plain words."]) == [{}]


def test_punctuation_right_after_a_mark_is_kept_in_the_spoken_form():
    s = parse_script("# T\n\nIt needs *patience*: wait, **really**.\n").paragraphs[1].sentences[0]
    assert s.text == "It needs patience: wait, really."
    assert s.spoken == "It needs patience: wait, really."


def test_a_folder_of_scripts_includes_markdown_ones(tmp_path: Path):
    from dayinlife_manim.text.script import find_scripts

    (tmp_path / "a.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Two\n\nText.\n", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    assert [p.name for p in find_scripts([tmp_path])] == ["a.txt", "b.md"]


def test_nested_lists_and_quotes_keep_their_words():
    script = parse_script("# T\n\n- one\n  - one a\n- two\n\n> Said:\n> - first\n> - second\n\nEnd.\n", markdown=True)
    listed, quoted = script.paragraphs[1], script.paragraphs[2]
    assert listed.kind == "list" and listed.items == ("one", "one a", "two")
    assert quoted.kind == "quote" and quoted.text == "Said: first second"
