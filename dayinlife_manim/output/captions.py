"""Caption and chapter text formats: SubRip (.srt), WebVTT (.vtt) and the
YouTube description chapter list.

Everything here is pure: times are seconds from the start of the final video,
and the functions only turn them into text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..manifest import Word
from ..render.media import Chapter
from ..text.wordtiming import piece_starts, word_of_char
from ..text.writing import display_columns, wrap

# Common subtitle guidelines (BBC, Netflix): at most two lines of about 42 characters.
LINE_WIDTH = 42
MAX_LINES = 2
ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Caption:
    """Text shown on screen from ``start`` to ``end`` seconds; lines are separated by ``\\n``.

    ``words`` (optional) are its words with their times on the same clock;
    joined by spaces they give ``text``.
    """

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()


def wrap_captions(
    captions: Iterable[Caption], width: int = LINE_WIDTH, max_lines: int = MAX_LINES
) -> list[Caption]:
    """Wrap each caption into lines of at most ``width`` columns (a Chinese or
    Japanese character takes two, and lines break between them).

    A caption that needs more than ``max_lines`` lines is split into several
    consecutive captions of at most ``max_lines`` lines each.  With words, each
    piece starts when its first word is said and keeps its words; without,
    the caption's time is shared in proportion to the pieces' text length.
    """
    result: list[Caption] = []
    for caption in captions:
        lines = wrap(" ".join(caption.text.split()), width, display_columns)
        if not lines:
            continue
        pieces = [lines[i : i + max_lines] for i in range(0, len(lines), max_lines)]
        starts = piece_starts(caption.start, caption.end, caption.words, ["".join(p) for p in pieces])
        firsts = _first_chars(caption.words)
        first_char = 0
        for k, piece in enumerate(pieces):
            chars = sum(len(line.replace(" ", "")) for line in piece)
            mine = tuple(w for c, w in zip(firsts, caption.words) if first_char <= c < first_char + chars)
            end = starts[k + 1] if k + 1 < len(starts) else caption.end
            result.append(Caption(starts[k], end, "\n".join(piece), mine))
            first_char += chars
    return result


def _first_chars(words: Sequence[Word]) -> list[int]:
    """Where each word begins, counted in non-space characters of the words joined."""
    owners = word_of_char(words)
    return [i for i, k in enumerate(owners) if i == 0 or owners[i - 1] != k]


def _timestamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_srt(captions: Iterable[Caption]) -> str:
    """SubRip text: numbered blocks ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` then the lines."""
    blocks = [
        f"{number}\n{_timestamp(c.start, ',')} --> {_timestamp(c.end, ',')}\n{c.text}\n"
        for number, c in enumerate(wrap_captions(captions), start=1)
    ]
    return "\n".join(blocks)


def to_webvtt(captions: Iterable[Caption]) -> str:
    """WebVTT text: a ``WEBVTT`` header, then ``HH:MM:SS.mmm --> HH:MM:SS.mmm`` cues.

    A caption with words carries inline timestamps (``<00:00:01.200>``) before
    each word after the first, so that players that support them follow the
    words (karaoke style); the timestamps lie strictly inside the cue and increase.
    """
    blocks = ["WEBVTT\n"] + [
        f"{_timestamp(c.start, '.')} --> {_timestamp(c.end, '.')}\n{_timed_text(c)}\n"
        for c in wrap_captions(captions)
    ]
    return "\n".join(blocks)


def _timed_text(caption: Caption) -> str:
    """The caption's escaped text with a timestamp tag before each word that starts inside it."""
    if not caption.words:
        return _escape_vtt(caption.text)
    first_chars = dict(zip(_first_chars(caption.words), caption.words))
    lines, seen, last = [], 0, round(caption.start * 1000)
    for line in caption.text.split("\n"):
        out = []
        for token in line.split(" "):
            word = first_chars.get(seen)
            stamp = round(word.start * 1000) if word is not None else None
            piece = _escape_vtt(token)
            if stamp is not None and last < stamp < round(caption.end * 1000):
                piece = f"<{_timestamp(stamp / 1000, '.')}>{piece}"
                last = stamp
            out.append(piece)
            seen += len(token)
        lines.append(" ".join(out))
    return "\n".join(lines)


def _youtube_timestamp(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def to_youtube_chapters(chapters: Sequence[Chapter]) -> str:
    """Chapter lines for a YouTube description: ``0:00 Intro``, ``1:05 Next``...

    Times are rounded down to whole seconds (``h:mm:ss`` from one hour on).
    YouTube requires the list to start at 0:00, so the first line always does.
    (It also wants at least three chapters of ten seconds or more; that is up to
    the script, not to this formatter.)
    """
    lines = [
        f"{_youtube_timestamp(0 if index == 0 else chapter.start)} {chapter.title}"
        for index, chapter in enumerate(chapters)
    ]
    return "".join(line + "\n" for line in lines)


def chapter_title(text: str, max_len: int = 60) -> str:
    """A chapter title from a paragraph: its first sentence, at most ``max_len`` characters.

    A longer sentence is cut at a word boundary and ends with "…"; a single
    final full stop is dropped (titles read better without it).
    """
    flat = " ".join(text.split())
    sentence = _SENTENCE_END.split(flat, maxsplit=1)[0]
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= max_len:
        return sentence
    room = max_len - len(ELLIPSIS)
    head = sentence[: room + 1]  # one extra character shows whether a word ends at ``room``
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:–—-") if " " in head else ""
    return (cut or head[:room]) + ELLIPSIS
