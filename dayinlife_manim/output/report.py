"""Plain-text tables the CLI prints."""

from __future__ import annotations

from typing import Sequence

from ..manifest import Manifest, ParagraphAudio
from ..text.writing import word_count


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: Sequence[int] = ()) -> str:
    """A fixed-width text table; columns whose index is in ``right`` are right-aligned."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule] + [line(r) for r in cells[1:]])


def seconds(value: float) -> str:
    minutes, secs = divmod(value, 60)
    return f"{int(minutes)}:{secs:05.2f}" if minutes else f"{secs:.2f}s"


def _wpm(words: int, seconds: float) -> str:
    return f"{words / seconds * 60:.0f}" if seconds > 0 else "-"


def voice_table(manifest: Manifest) -> str:
    """Paragraphs with their sentences, words, duration and pace: words a minute
    over the whole paragraph (pauses included) and while speaking (sentence windows)."""
    rows = []
    for p in manifest.paragraphs:
        words = paragraph_words(p)
        speech = sum(c.duration for c in p.cues)
        rows.append((p.id, len(p.cues), words, seconds(p.duration), _wpm(words, p.duration), _wpm(words, speech)))
    words = sum(paragraph_words(p) for p in manifest.paragraphs)
    speech = sum(c.duration for p in manifest.paragraphs for c in p.cues)
    rows.append(
        ("total", sum(len(p.cues) for p in manifest.paragraphs), words, seconds(manifest.duration),
         _wpm(words, manifest.duration), _wpm(words, speech))
    )
    return table(("paragraph", "sentences", "words", "duration", "wpm", "speaking wpm"), rows, right=(1, 2, 3, 4, 5))


def paragraph_words(paragraph: ParagraphAudio) -> int:
    """Spoken words of a paragraph (characters, for scripts written without spaces)."""
    return word_count(paragraph.spoken_text)
