"""A voice that speaks silence, as long as a person would take to say the text.

For fast visual iteration and for tests: no model, no network, deterministic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..text.writing import spoken_words
from .base import Voice

if TYPE_CHECKING:
    import numpy as np


def estimate_seconds(text: str, wpm: float) -> float:
    """Seconds a narrator at ``wpm`` words per minute needs for ``text`` (two CJK characters count as a word)."""
    return max(0.4, spoken_words(text) * 60.0 / wpm)


class SilentVoice(Voice):
    name = "silent"

    def __init__(self, wpm: float = 160.0, sample_rate: int = 16_000) -> None:
        if wpm <= 0:
            raise ValueError("wpm must be positive")
        self.wpm = float(wpm)
        self.sample_rate = sample_rate

    def params(self) -> dict[str, Any]:
        return {"wpm": self.wpm}

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        import numpy as np

        n = round(estimate_seconds(text, self.wpm) * self.sample_rate)
        return np.zeros(n, dtype=np.float32), self.sample_rate
