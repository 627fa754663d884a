"""Voice backends and the factory the CLI and scenes use.

``auto`` (the default) picks gTTS when its server is reachable (one quick
check per process) and the offline piper voice otherwise, and says once which.
Every voice speaks the script's language or is refused: piper only with a
model for that language, never English read over another language.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

from ..core.errors import UserError, VoiceError
from ..text.language import DEFAULT_LANGUAGE, same_language
from .base import Voice
from .silent import SilentVoice

VOICES = ("auto", "piper", "gtts", "silent")


@functools.lru_cache(maxsize=None)
def _gtts_reachable(tld: str) -> bool:
    from .gtts import reachable

    return reachable(tld)


def _gtts_speaks(lang: str) -> bool:
    from gtts.lang import tts_langs

    return lang in tts_langs()


def auto_choice(lang: str, tld: str = "com") -> str:
    """The backend ``auto`` picks for ``lang``: ``gtts`` when its server is reachable and speaks it, else ``piper``."""
    return "gtts" if _gtts_reachable(tld) and _gtts_speaks(lang) else "piper"


def get_voice(
    name: str = "auto",
    *,
    lang: str = DEFAULT_LANGUAGE,
    tld: str = "com",
    rate: float = 1.0,
    slow: bool = False,
    piper_model: str | Path | None = None,
    say: Callable[[str], Any] | None = None,
) -> Voice:
    """Build the voice called ``name`` for language ``lang`` with the given settings.

    ``say`` receives one line telling which voice ``auto`` chose (stderr by default).
    """
    say = say or (lambda msg: print(msg, file=sys.stderr))
    if name == "auto":
        if auto_choice(lang, tld) == "gtts":
            say(f"voice: auto chose gtts (translate.google.{tld} is reachable)")
            name = "gtts"
        else:
            from .piper import PiperVoice

            try:
                voice = PiperVoice(rate=rate, model=piper_model, lang=lang)
            except VoiceError as exc:
                reason = "gTTS is not reachable" if _gtts_speaks(lang) else f"gTTS does not speak {lang}"
                raise VoiceError(f"voice: {reason} and {exc}") from None
            say("voice: auto chose piper (offline; gTTS is not reachable)")
            return voice
    if name == "silent":
        return SilentVoice(wpm=160.0 * rate)
    if name == "piper":
        from .piper import PiperVoice

        return PiperVoice(rate=rate, model=piper_model, lang=lang)
    if name == "gtts":
        from .gtts import GTTSVoice

        return GTTSVoice(lang=lang, tld=tld, slow=slow)
    raise UserError(f"unknown voice {name!r}; choose one of: {', '.join(VOICES)}")


__all__ = ["VOICES", "Voice", "SilentVoice", "auto_choice", "get_voice", "same_language"]
