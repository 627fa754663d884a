"""The voice interface: one small abstract class, one module per backend."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Speech:
    """What :meth:`Voice.speak` returns: the sound and, when the voice knows
    them, the (start, end) seconds of each word it was asked about."""

    samples: np.ndarray  # mono float32 in [-1, 1]
    rate: int
    words: tuple[tuple[float, float], ...] | None = None


class Voice(ABC):
    """Turns one sentence of text into mono audio.

    ``params()`` must name *every* setting that changes the sound: the cache key
    is built from it, so a setting missing there would serve stale audio.
    """

    #: Backend name as used on the command line (``--voice NAME``).
    name: str = ""

    @abstractmethod
    def params(self) -> dict[str, Any]:
        """Every parameter that changes the sound (JSON-serialisable)."""

    @abstractmethod
    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        """Speak ``text``; return mono float32 samples in [-1, 1] and their sample rate."""

    #: True when :meth:`speak` gives word times (the others are estimated from the audio).
    times_words: bool = False

    def speak(self, text: str, words: Sequence[str] = ()) -> Speech:
        """Speak ``text``; ``words`` are its words as the voice is given them, in order.

        The default gives no word times; a voice that knows when it says each
        word overrides this and returns one (start, end) per entry of ``words``.
        """
        samples, rate = self.synthesize(text)
        return Speech(samples, rate)

    def describe(self) -> str:
        """A short human description, e.g. for the CLI's "using voice" line."""
        details = ", ".join(f"{k}={v}" for k, v in self.params().items())
        return f"{self.name} ({details})" if details else self.name
