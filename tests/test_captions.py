from __future__ import annotations

import pytest

from dayinlife_manim.output.captions import (
    LINE_WIDTH,
    MAX_LINES,
    Caption,
    chapter_title,
    to_srt,
    to_webvtt,
    to_youtube_chapters,
    wrap_captions,
)
from dayinlife_manim.render.media import Chapter

CAPTIONS = [
    Caption(0.0, 1.5, "Good morning."),
    Caption(1.5, 3.25, "Coffee & <toast> first."),
]

LONG = (
    "The alarm rings at six, the cat is already waiting by the door, "
    "and the kettle takes forever to boil on a cold winter morning."
)


def test_srt_format() -> None:
    assert to_srt(CAPTIONS) == (
        "1\n"
        "00:00:00,000 --> 00:00:01,500\n"
        "Good morning.\n"
        "\n"
        "2\n"
        "00:00:01,500 --> 00:00:03,250\n"
        "Coffee & <toast> first.\n"
    )


def test_webvtt_format_escapes_markup() -> None:
    assert to_webvtt(CAPTIONS) == (
        "WEBVTT\n"
        "\n"
        "00:00:00.000 --> 00:00:01.500\n"
        "Good morning.\n"
        "\n"
        "00:00:01.500 --> 00:00:03.250\n"
        "Coffee &amp; &lt;toast&gt; first.\n"
    )


def test_empty_caption_files() -> None:
    assert to_srt([]) == ""
    assert to_webvtt([]) == "WEBVTT\n"


def test_timestamps_past_an_hour() -> None:
    text = to_srt([Caption(3725.5, 3727.0004, "Late.")])
    assert "01:02:05,500 --> 01:02:07,000" in text
    assert "01:02:05.500 --> 01:02:07.000" in to_webvtt([Caption(3725.5, 3727.0, "Late.")])


def test_two_line_caption_is_wrapped_not_split() -> None:
    text = "The kettle takes forever to boil on a cold winter morning."
    [caption] = wrap_captions([Caption(2.0, 5.0, text)])
    lines = caption.text.split("\n")
    assert len(lines) == 2
    assert all(len(line) <= LINE_WIDTH for line in lines)
    assert " ".join(lines) == text
    assert (caption.start, caption.end) == (2.0, 5.0)


def test_long_caption_is_split_in_proportion_to_text() -> None:
    pieces = wrap_captions([Caption(10.0, 16.0, LONG)])
    assert len(pieces) == 2
    assert " ".join(p.text.replace("\n", " ") for p in pieces) == LONG
    for piece in pieces:
        lines = piece.text.split("\n")
        assert 1 <= len(lines) <= MAX_LINES
        assert all(len(line) <= LINE_WIDTH for line in lines)
    # Consecutive, covering the original window exactly.
    assert pieces[0].start == 10.0 and pieces[-1].end == 16.0
    assert pieces[0].end == pytest.approx(pieces[1].start)
    # Time shared by text length (characters without the line breaks).
    chars = [len(p.text.replace("\n", "")) for p in pieces]
    assert (pieces[0].end - 10.0) / 6.0 == pytest.approx(chars[0] / sum(chars))
    # The split shows in both formats, numbered consecutively in SRT.
    srt = to_srt([Caption(10.0, 16.0, LONG)])
    assert srt.startswith("1\n00:00:10,000 --> ")
    assert "\n\n2\n" in srt and "\n\n3\n" not in srt
    assert to_webvtt([Caption(10.0, 16.0, LONG)]).count(" --> ") == 2


def test_youtube_chapters() -> None:
    chapters = [
        Chapter(0.0, 65.2, "Wake up"),
        Chapter(65.2, 3661.9, "Work"),
        Chapter(3661.9, 3700.0, "Home"),
    ]
    assert to_youtube_chapters(chapters) == "0:00 Wake up\n1:05 Work\n1:01:01 Home\n"


def test_youtube_chapters_always_start_at_zero() -> None:
    assert to_youtube_chapters([Chapter(0.4, 12.0, "Intro"), Chapter(12.0, 30.0, "Next")]) == (
        "0:00 Intro\n0:12 Next\n"
    )


def test_chapter_title_takes_the_first_sentence() -> None:
    assert chapter_title("The alarm rings.  Then   the cat\nmeows!") == "The alarm rings"
    assert chapter_title("Why so early? Nobody knows.") == "Why so early?"


def test_chapter_title_cuts_at_a_word_boundary() -> None:
    title = chapter_title(LONG)
    assert title == "The alarm rings at six, the cat is already waiting by the…"
    assert len(title) <= 60
    short = chapter_title(LONG, max_len=20)
    assert short == "The alarm rings at…" and len(short) <= 20


def test_chapter_title_drops_trailing_punctuation_before_the_ellipsis() -> None:
    assert chapter_title("Breakfast, lunch, dinner, and more", max_len=12) == "Breakfast…"


def test_chapter_title_hard_cuts_a_single_long_word() -> None:
    assert chapter_title("Supercalifragilisticexpialidocious", max_len=10) == "Supercali…"
