"""Plain-text tables the CLI prints."""

from __future__ import annotations

from typing import Sequence

from .manifest import Manifest
from .writing import word_count


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


def voice_table(manifest: Manifest) -> str:
    rows = []
    for p in manifest.paragraphs:
        words = word_count(p.spoken_text)  # characters, for scripts written without spaces
        speech = sum(c.duration for c in p.cues)
        wpm = words / speech * 60 if speech > 0 else 0.0
        rows.append((p.id, len(p.cues), seconds(p.duration), f"{wpm:.0f}"))
    rows.append(("total", sum(len(p.cues) for p in manifest.paragraphs), seconds(manifest.duration), ""))
    return table(("paragraph", "sentences", "duration", "wpm"), rows, right=(1, 2, 3))
