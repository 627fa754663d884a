"""The `Word` type: one word as displayed and when it is spoken (no heavy imports: the manifest loads it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One word of a sentence as displayed (punctuation kept), and when it is spoken, in seconds."""

    start: float
    end: float
    text: str

    @property
    def duration(self) -> float:
        return self.end - self.start
