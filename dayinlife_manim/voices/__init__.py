"""Voice backends and the factory the CLI and scenes use.

``auto`` (the default) picks gTTS when its server is reachable (one quick
check per process) and the offline piper voice otherwise, and says once which.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

from ..errors import UserError
from .base import Voice
from .silent import SilentVoice

VOICES = ("auto", "piper", "gtts", "silent")


@functools.lru_cache(maxsize=None)
def _gtts_reachable(tld: str) -> bool:
    from .gtts import reachable

    return reachable(tld)


def get_voice(
    name: str = "auto",
    *,
    lang: str = "en",
    tld: str = "com",
    rate: float = 1.0,
    slow: bool = False,
    say: Callable[[str], Any] | None = None,
) -> Voice:
    """Build the voice called ``name`` with the given settings.

    ``say`` receives one line telling which voice ``auto`` chose (stderr by default).
    """
    say = say or (lambda msg: print(msg, file=sys.stderr))
    if name == "auto":
        if _gtts_reachable(tld):
            say(f"voice: auto chose gtts (translate.google.{tld} is reachable)")
            name = "gtts"
        else:
            say("voice: auto chose piper (offline; gTTS is not reachable)")
            name = "piper"
    if name == "silent":
        return SilentVoice(wpm=160.0 * rate)
    if name == "piper":
        from .piper import PiperVoice

        return PiperVoice(rate=rate)
    if name == "gtts":
        from .gtts import GTTSVoice

        return GTTSVoice(lang=lang, tld=tld, slow=slow)
    raise UserError(f"unknown voice {name!r}; choose one of: {', '.join(VOICES)}")


__all__ = ["VOICES", "Voice", "SilentVoice", "get_voice"]
