"""The voice interface: one small abstract class, one module per backend."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np


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

    def describe(self) -> str:
        """A short human description, e.g. for the CLI's "using voice" line."""
        details = ", ".join(f"{k}={v}" for k, v in self.params().items())
        return f"{self.name} ({details})" if details else self.name
