"""Online voice: Google Translate's text-to-speech through gTTS.

Every request has a timeout, transient errors are retried with backoff, and a
missing network is found by one quick connection check, so that ``--voice
gtts`` on a machine with no network fails within seconds with a clear message
instead of hanging.
"""

from __future__ import annotations

import io
import socket
import time
from typing import TYPE_CHECKING, Any

from ..core.errors import VoiceError
from .base import Voice

if TYPE_CHECKING:
    import numpy as np

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 10.0
RETRIES = 3


def host_for(tld: str) -> str:
    return f"translate.google.{tld}"


def reachable(tld: str = "com", timeout: float = CONNECT_TIMEOUT) -> bool:
    """True when gTTS's server accepts a TCP connection (one quick check)."""
    try:
        with socket.create_connection((host_for(tld), 443), timeout=timeout):
            return True
    except OSError:
        return False


class GTTSVoice(Voice):
    name = "gtts"

    def __init__(self, lang: str = "en", tld: str = "com", slow: bool = False, check: bool = True) -> None:
        from gtts.lang import tts_langs

        if lang not in tts_langs():
            raise VoiceError(f"gTTS does not know the language {lang!r} (try 'en', 'fr', 'de'...)")
        self.lang, self.tld, self.slow = lang, tld, bool(slow)
        if check and not reachable(tld):
            raise VoiceError(
                f"gTTS needs the network and cannot reach {host_for(tld)}; "
                "use --voice piper (offline) or --voice silent"
            )

    def params(self) -> dict[str, Any]:
        return {"lang": self.lang, "tld": self.tld, "slow": self.slow}

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        from gtts import gTTS, gTTSError

        from .audio import decode_audio

        delay = 1.0
        for attempt in range(1, RETRIES + 1):
            buf = io.BytesIO()
            try:
                gTTS(
                    text,
                    lang=self.lang,
                    tld=self.tld,
                    slow=self.slow,
                    lang_check=False,
                    timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                ).write_to_fp(buf)
                return decode_audio(buf.getvalue())
            except (gTTSError, OSError) as exc:
                status = getattr(getattr(exc, "rsp", None), "status_code", None)
                transient = status is None or status == 429 or status >= 500
                if attempt == RETRIES or not transient:
                    raise VoiceError(f"gTTS failed after {attempt} attempt(s): {exc}") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")
