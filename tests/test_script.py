"""Tests for the script model stage (dayinlife_manim.text.script)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.text.script import (
    Paragraph,
    Sentence,
    display_text,
    load_script,
    parse_script,
    slugify,
    split_sentences,
    spoken_text,
)

REPO = Path(__file__).parent.parent
SEED = REPO / "examples" / "a_day_in_life.txt"
SEED_TITLE = "A Day in the Life of a Python Machine Learning Engineer"


def write(tmp_path: Path, data: bytes | str, name: str = "script.txt") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- the seed script ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return load_script(SEED)


def test_seed_title_and_paragraph_count(seed):
    assert seed.title == SEED_TITLE
    assert seed.slug == "a-day-in-the-life-of-a-python-machine-learning-engineer"
    assert len(seed.paragraphs) == 15
    assert [p.index for p in seed.paragraphs] == list(range(15))
    assert seed.paragraphs[0].kind == "title"
    assert all(p.kind == "paragraph" for p in seed.paragraphs[1:])
    assert seed.path == SEED
    assert seed.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_seed_title_paragraph(seed):
    title = seed.paragraphs[0]
    assert title.id == "00-a-day-in-the"
    assert title.sentences == (Sentence(SEED_TITLE, SEED_TITLE),)
    assert title.text == SEED_TITLE
    assert title.spoken == SEED_TITLE
    assert title.words == 11


def test_seed_first_paragraph(seed):
    first = seed.paragraphs[1]
    assert first.id == "01-my-day-starts-very"
    text = (
        "My day starts very early, around 11 o'clock, I know what you are thinking, "
        "but you have to be flexible - if your job is truly your passion, you will work "
        "day and night, coz passion never sleeps."
    )
    # a narrator's reading: the number is said as a word, the display is as typed
    assert first.sentences == (Sentence(text, text.replace("11 o'clock", "eleven o'clock")),)
    assert first.words == 37  # the dash in "flexible - if" is not a word


def test_seed_sentences(seed):
    by_id = {p.id: p for p in seed.paragraphs}
    meetings = by_id["09-sometimes-you-have-to"]
    assert [s.text for s in meetings.sentences] == [
        "Sometimes you have to attend them… the meetings.",
        "What has been done, what else can be done, what has been closed, what has been opened.",
    ]
    assert meetings.sentences[0].spoken == "Sometimes you have to attend them... the meetings."
    habits = by_id["07-remember-to-keep-your"]
    assert [s.text for s in habits.sentences] == [
        "Remember to keep your back straight and your elbows bent at a right angle during coding, why?",
        "Because good habits yield positive results, so don’t forget to eat vegetables and comment your code properly.",
    ]
    angry = by_id["12-its-nice-that-his"]
    assert len(angry.sentences) == 2
    assert angry.sentences[1].text.endswith("when I’m angry... and I also make angry eyebrows.")
    # no trailing spaces survive
    assert all(s.text == s.text.strip() for p in seed.paragraphs for s in p.sentences)


def test_seed_ids_unique_and_stable(seed):
    ids = [p.id for p in seed.paragraphs]
    assert len(set(ids)) == len(ids)
    assert ids == [p.id for p in load_script(SEED).paragraphs]
    again = parse_script(SEED.read_text(encoding="utf-8"), name="a_day_in_life")
    assert ids == [p.id for p in again.paragraphs]
    assert again.sha256 == seed.sha256  # same bytes: the seed has no BOM
    for paragraph in seed.paragraphs:
        assert len(paragraph.id) <= 3 + 40


# --- sentence splitting -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four?! Five", ["One.", "Two!", "Three?", "Four?!", "Five"]),
        ("Use tools e.g. pandas. Then rest.", ["Use tools e.g. pandas.", "Then rest."]),
        ("Use tools, i.e. Python, daily. Done.", ["Use tools, i.e. Python, daily.", "Done."]),
        (
            "Dr. Smith met Mr. Jones, Mrs. Brown and Ms. Green. They talked.",
            ["Dr. Smith met Mr. Jones, Mrs. Brown and Ms. Green.", "They talked."],
        ),
        ("It is Python vs. Rust today. Fun.", ["It is Python vs. Rust today.", "Fun."]),
        ("I buy apples, pears, etc. and more. Done.", ["I buy apples, pears, etc. and more.", "Done."]),
        ("I buy apples, pears, etc. Then I pay.", ["I buy apples, pears, etc.", "Then I pay."]),
        ("The U.S. Army and the U.S. economy grew. Yes.", ["The U.S. Army and the U.S. economy grew.", "Yes."]),
        ("I wake at 7 a.m. and code until 5 p.m. every day.", ["I wake at 7 a.m. and code until 5 p.m. every day."]),
        ("I wake at 7 a.m. Then I code.", ["I wake at 7 a.m.", "Then I code."]),
        ("J. R. R. Tolkien wrote it. Good.", ["J. R. R. Tolkien wrote it.", "Good."]),
        ("It costs $1.99 or 3.5 euros. Cheap.", ["It costs $1.99 or 3.5 euros.", "Cheap."]),
        ("Python 3.11 is fast. I use Python 3.11. Really.", ["Python 3.11 is fast.", "I use Python 3.11.", "Really."]),
        ("Sometimes you have to attend them… the meetings.", ["Sometimes you have to attend them… the meetings."]),
        ("I was angry... and tired. Yes.", ["I was angry... and tired.", "Yes."]),
        ("Wait... Then it came. Hmm… Okay.", ["Wait...", "Then it came.", "Hmm…", "Okay."]),
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        ("He asked (why?) and left. “Fine.” Done.", ["He asked (why?) and left.", "“Fine.”", "Done."]),
        ("(It was late.) We slept.", ["(It was late.)", "We slept."]),
        ("It is 11 o'clock. Time to go.", ["It is 11 o'clock.", "Time to go."]),
        ("Be flexible - work hard — rest. Done.", ["Be flexible - work hard — rest.", "Done."]),
        ("1. First step 2. Second", ["1. First step 2. Second"]),
        ("1. Wake up. 2. Code. 3. Sleep.", ["1. Wake up.", "2. Code.", "3. Sleep."]),
        ("I was born in 1990. Then I grew up.", ["I was born in 1990.", "Then I grew up."]),
        (
            "Visit https://example.com/a.b.html or mail me@example.com. Then edit model.py now.",
            ["Visit https://example.com/a.b.html or mail me@example.com.", "Then edit model.py now."],
        ),
        ("  lots   of\n space\there.  ", ["lots of space here."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_never_returns_empty_or_bare_list_numbers():
    text = "1. Do this. 2. Do that. 3. Rest! ... ? . 4. Done"
    sentences = split_sentences(text)
    assert all(s.strip() for s in sentences)
    assert not any(s.rstrip(".").isdigit() for s in sentences)
    assert " ".join(sentences) == text


# --- display and spoken text ----------------------------------------------------


def test_display_text_removes_emoji_and_controls():
    assert display_text("I love 🐍 Python 🎉🎉!") == "I love Python!"
    assert display_text("Flags 🇺🇸🇫🇷 and family 👨‍👩‍👧 ok 👍🏽") == "Flags and family ok"
    assert display_text("Sun ☀️ and star ✨ and keycap 1️⃣") == "Sun and star and keycap 1"
    assert display_text("bell\x07here\x00 now\t\tand\nthen ") == "bell here now and then"


def test_display_keeps_markup_literally():
    assert display_text("Use <b>bold</b> & {braces} [x]") == "Use <b>bold</b> & {braces} [x]"


def test_spoken_text():
    assert spoken_text("Use <b>bold</b> text & more") == "Use bold text and more"
    assert spoken_text("I love 🐍 Python!") == "I love Python!"
    assert spoken_text("Wait… what — really? a/b") == "Wait... what, really? a b"
    assert spoken_text("**snake_case** #tag `code` {x} [1] a|b ~c^d\\e") == "snake case tag code x one a b c d e"  # "1": a number, read as a word
    assert spoken_text("It's 50% of $10: fine; \"ok\", yes - no.") == "It's fifty percent of ten dollars: fine; \"ok\", yes - no."
    assert spoken_text("It's 50% of $10.", lang=None) == "It's 50% of $10."  # no reading rules: as written
    assert spoken_text("🎉🎉") == ""
    assert spoken_text("<>{}") == ""
    assert spoken_text("— ...") == ""


def test_paragraph_emoji_and_markup(tmp_path):
    script = parse_script("Title\n\nGreat 🎉 day! See <b>this</b> & that.")
    paragraph = script.paragraphs[1]
    assert paragraph.sentences == (
        Sentence("Great day!", "Great day!"),
        Sentence("See <b>this</b> & that.", "See this and that."),
    )
    assert "🎉" not in paragraph.text + paragraph.spoken
    assert "<b>" in paragraph.text and "<b>" not in paragraph.spoken


def test_unspeakable_sentence_is_merged_into_previous():
    script = parse_script("Title\n\nI did it. {}. Next one.")
    assert [s.text for s in script.paragraphs[1].sentences] == ["I did it. {}.", "Next one."]
    assert [s.spoken for s in script.paragraphs[1].sentences] == ["I did it.", "Next one."]


def test_unspeakable_first_sentence_goes_with_the_next():
    script = parse_script("Title\n\n<>. It works.")
    assert script.paragraphs[1].sentences == (Sentence("<>. It works.", "It works."),)


def test_emoji_only_paragraph_is_dropped():
    script = parse_script("Title\n\n🎉🎉🎉\n\nReal text.")
    assert [p.text for p in script.paragraphs] == ["Title", "Real text."]
    assert [p.id for p in script.paragraphs] == ["00-title", "01-real-text"]


# --- structure: titles, blocks and line endings -----------------------------------


def test_markdown_heading_title_and_later_headings():
    script = parse_script("## My *Great* Day\n\nFirst paragraph.\n\n### Part two\nMore text here.")
    assert script.markdown  # a "##" heading: read as Markdown, so no marks are shown
    assert script.title == "My Great Day"
    assert script.paragraphs[0].kind == "title"
    assert script.paragraphs[0].spoken == "My Great Day"
    assert [(p.text, p.section) for p in script.paragraphs[1:]] == [("First paragraph.", ""), ("More text here.", "Part two")]


def test_heading_with_text_directly_below():
    script = parse_script("# Heading\nBody text right below.")
    assert script.title == "Heading"
    assert [(p.kind, p.text) for p in script.paragraphs] == [("title", "Heading"), ("paragraph", "Body text right below.")]


def test_no_title_when_first_block_is_long(tmp_path):
    long_line = "This first block is a full sentence with far more than twelve words in it, so it is text."
    path = write(tmp_path, f"{long_line}\n\nSecond block.", name="my_first-video.txt")
    script = load_script(path)
    assert script.title == "My first video"
    assert script.slug == "my-first-video"
    assert all(p.kind == "paragraph" for p in script.paragraphs)
    assert [p.id for p in script.paragraphs] == ["00-this-first-block-is", "01-second-block"]


def test_no_title_when_first_block_has_several_lines():
    script = parse_script("Short line\nanother line\n\nBody.", name="notes")
    assert script.title == "Notes"
    assert [p.text for p in script.paragraphs] == ["Short line another line", "Body."]


def test_title_without_speakable_text_after_it_is_the_text():
    script = parse_script("Just a title\n\n🎉🎉", name="party")
    assert script.title == "Party"
    assert [(p.kind, p.text) for p in script.paragraphs] == [("paragraph", "Just a title")]


def test_one_line_script(tmp_path):
    script = load_script(write(tmp_path, "Hello world.\n", name="hello.txt"))
    assert script.title == "Hello"
    assert len(script.paragraphs) == 1
    assert script.paragraphs[0].kind == "paragraph"
    assert script.paragraphs[0].id == "00-hello-world"
    assert script.paragraphs[0].sentences == (Sentence("Hello world.", "Hello world."),)


def test_title_full_stop_rules():
    assert parse_script("A title.\n\nBody.").title == "A title"
    assert parse_script("Wait for it...\n\nBody.").title == "Wait for it..."
    assert parse_script("Life in the U.S.\n\nBody.").title == "Life in the U.S."
    assert parse_script("Why me?\n\nBody.").title == "Why me?"


def test_line_endings_bom_tabs_and_blank_runs(tmp_path):
    expected = parse_script("My Title\n\nFirst line\nsecond line.\n\nLast one.")
    variants = [
        "My Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\nLast one.\r\n",
        "My Title\r\rFirst line\rsecond line.\r\rLast one.\r",
        "\ufeffMy Title\n\nFirst line\nsecond line.\n\nLast one.",
        "My\tTitle  \n \t \n\n\n\tFirst   line\t\nsecond\t\tline.   \n   \n\n\nLast one.\n\n\n",
    ]
    for variant in variants:
        script = load_script(write(tmp_path, variant))
        assert script.title == "My Title"
        assert script.paragraphs == expected.paragraphs
    bom = write(tmp_path, b"\xef\xbb\xbfMy Title\n\nLast one.")
    assert load_script(bom).title == "My Title"


def test_slugify():
    assert slugify(SEED_TITLE) == "a-day-in-the-life-of-a-python-machine-learning-engineer"
    assert slugify("Café — naïve résumé!") == "cafe-naive-resume"
    assert slugify("I'm at 11 o’clock", max_words=3) == "im-at-11"
    assert slugify("one two three four", max_len=9) == "one-two"
    assert slugify("x" * 80, max_len=60) == "x" * 60
    assert slugify("🎉 — !") == ""
    long = slugify("word " * 40)
    assert len(long) <= 60 and not long.endswith("-")


def test_paragraph_properties():
    paragraph = Paragraph(0, "00-a", "paragraph", (Sentence("A <b>b</b>.", "A b."), Sentence("C & d!", "C and d!")))
    assert paragraph.text == "A <b>b</b>. C & d!"
    assert paragraph.spoken == "A b. C and d!"
    assert paragraph.words == 5


def test_parse_script_sha256():
    text = "Title\n\nBody."
    assert parse_script(text).sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert parse_script(text).path is None


@pytest.mark.parametrize("separator", [", and", ". And"])
def test_5000_word_paragraph_is_fast(separator):
    clause = "the quick brown fox, e.g. Dr. Smith at 7 a.m. with Python 3.11, jumps… over the lazy dog"
    count = 5000 // len(f"{clause}{separator}".split()) + 1
    body = "Start: " + f"{separator} ".join([clause] * count) + "."
    started = time.perf_counter()
    script = parse_script(f"Long one\n\n{body}")
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5
    paragraph = script.paragraphs[1]
    assert paragraph.words >= 5000
    assert len(paragraph.sentences) == (1 if separator == ", and" else count)
    assert paragraph.text == body


# --- input hygiene ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  \n", "empty"),
        (b"\xef\xbb\xbf \n", "empty"),
        (b"Title\n\nSome\x00text", "binary"),
        (bytes(range(1, 32)) * 10 + b"text", "binary"),
        ("🎉\n\n👍🏽 ✨\n".encode(), "nothing to narrate"),
        (b"{} <> ***\n", "nothing to narrate"),
    ],
)
def test_bad_files_raise_user_error(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(UserError) as info:
        load_script(path)
    text = str(info.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text


def test_latin1_file_names_the_line(tmp_path):
    path = write(tmp_path, "Title\n\nCaf\u00e9 time.\n".encode("latin-1"), name="x.txt")
    with pytest.raises(UserError, match=r"not valid UTF-8 \(line 3\); save it as UTF-8") as info:
        load_script(path)
    assert str(info.value) == f"{path}: not valid UTF-8 (line 3); save it as UTF-8"


def test_latin1_line_counting_with_cr_endings(tmp_path):
    path = write(tmp_path, b"Title\r\rOne.\r\nTwo \xe9.", name="x.txt")
    with pytest.raises(UserError, match=r"line 4"):
        load_script(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(UserError, match="no such file") as info:
        load_script(tmp_path / "missing.txt")
    assert "missing.txt" in str(info.value)
    with pytest.raises(UserError, match="directory") as info:
        load_script(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_parse_script_without_speakable_text():
    with pytest.raises(UserError, match="nothing to narrate"):
        parse_script("🎉\n\n<>", name="party")
    with pytest.raises(UserError):
        parse_script("", name="party")


def test_user_error_exit_code():
    assert UserError.exit_code == 2
