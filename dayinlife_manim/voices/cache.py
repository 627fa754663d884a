"""A content-addressed cache of conditioned sentence audio.

The key hashes the backend, *every* parameter that changes the sound (the
voice's own parameters plus sample rate, loudness target and trimming) and
the normalised sentence text.  Each entry is one WAV plus a small JSON file;
there is no shared index that every run rewrites.  Both files are written
atomically, the JSON last: it is the commit marker, so a process killed
mid-synthesis leaves nothing that a later run mistakes for a good entry, and
two processes synthesizing the same sentence at once simply both win.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import wave
from pathlib import Path
from typing import Any

from pydub import AudioSegment

from ..core.fsutil import atomic_write_text, clean_stale_temps
from .audio import read_wav, write_wav

CACHE_FORMAT = 1


def normalize_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cache_key(backend: str, params: dict[str, Any], text: str) -> str:
    payload = json.dumps(
        {"format": CACHE_FORMAT, "backend": backend, "params": params, "text": normalize_text(text)},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AudioCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.wav", folder / f"{key}.json"

    def get(self, key: str) -> AudioSegment | None:
        found = self.lookup(key)
        return found[0] if found else None

    def lookup(self, key: str) -> tuple[AudioSegment, dict[str, Any]] | None:
        """The entry's audio and its JSON metadata, or None when there is no good entry."""
        wav, meta = self._paths(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            segment = read_wav(wav)
            if segment.frame_count() != info["samples"]:  # a truncated WAV keeps its header's count
                return None
            return segment, info
        except (OSError, ValueError, KeyError, TypeError, EOFError, wave.Error):
            return None

    def put(self, key: str, segment: AudioSegment, meta: dict[str, Any]) -> None:
        wav, meta_path = self._paths(key)
        clean_stale_temps(wav.parent)  # half-written entries of killed runs (a rerun writes here again)
        write_wav(segment, wav)
        info = {**meta, "samples": int(segment.frame_count()), "sample_rate": segment.frame_rate}
        atomic_write_text(meta_path, json.dumps(info, ensure_ascii=False, sort_keys=True) + "\n")
