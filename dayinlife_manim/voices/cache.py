"""A content-addressed cache of conditioned sentence audio.

The key hashes the backend, *every* parameter that changes the sound (the
voice's own parameters plus sample rate, loudness target and trimming) and
the normalised sentence text.  Each entry is one WAV plus a small JSON file;
there is no shared index that every run rewrites.  Both files are written
atomically, the JSON last: it is the commit marker, so a process killed
mid-synthesis leaves nothing that a later run mistakes for a good entry.  The
JSON holds the WAV's size and SHA-256, checked before every reuse: a damaged
entry (truncated, overwritten, its JSON lost) is voiced again, with a note.
Builds running at once voice a sentence once: :meth:`AudioCache.locked` holds
a lock per key while one of them makes the entry, and the others then take it.
"""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
import wave
from pathlib import Path
from typing import Any

from pydub import AudioSegment

from ..core.fsutil import atomic_write_text, clean_stale_temps, file_sha
from ..core.locks import FileLock
from ..core.notes import damaged
from .audio import read_wav, write_wav

CACHE_FORMAT = 1
#: Version of an entry's JSON; version 1 had no size and digest of its WAV (such entries are remade).
ENTRY_FORMAT = 2


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

    def locked(self, key: str) -> FileLock:
        """The lock of ``key``'s entry (``with cache.locked(key): ...``), held while it is made."""
        return FileLock(self.root / key[:2], key)

    def lookup(self, key: str, quiet: bool = False, text: str = "") -> tuple[AudioSegment, dict[str, Any]] | None:
        """The entry's audio and its JSON metadata, or None when there is no good entry.

        An entry that is there but not good (its WAV not the one its JSON
        describes, or one of the two files missing) is removed, with a note
        naming ``text`` unless ``quiet`` (a lookup outside the lock may see
        another build's entry half written).  An entry of the previous format
        (no digest) is remade without a note.
        """
        wav, meta = self._paths(key)
        if not wav.exists() and not meta.exists():
            return None
        info: Any = None
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            if info["format"] != ENTRY_FORMAT or wav.stat().st_size != info["wav_size"]:
                raise ValueError("not the WAV its JSON describes")
            data = wav.read_bytes()  # read once: checked, then decoded
            if hashlib.sha256(data).hexdigest() != info["wav_sha256"]:
                raise ValueError("not the WAV its JSON describes")
            segment = read_wav(io.BytesIO(data))
            if segment.frame_count() != info["samples"]:
                raise ValueError("not the WAV its JSON describes")
            return segment, info
        except (OSError, ValueError, KeyError, TypeError, EOFError, wave.Error):
            if quiet:
                return None
            old_format = isinstance(info, dict) and "format" not in info and wav.exists()
            if not old_format:
                damaged(f'sentence "{_snippet(text or (info.get("text") if isinstance(info, dict) else ""))}"', "voicing it again")
            for path in (meta, wav):
                path.unlink(missing_ok=True)
            return None

    def put(self, key: str, segment: AudioSegment, meta: dict[str, Any]) -> None:
        wav, meta_path = self._paths(key)
        clean_stale_temps(wav.parent)  # half-written entries of killed runs (a rerun writes here again)
        write_wav(segment, wav)
        info = {**meta, "format": ENTRY_FORMAT, "samples": int(segment.frame_count()), "sample_rate": segment.frame_rate,
                "wav_size": wav.stat().st_size, "wav_sha256": file_sha(wav)}
        atomic_write_text(meta_path, json.dumps(info, ensure_ascii=False, sort_keys=True) + "\n")


def _snippet(text: Any) -> str:
    if not isinstance(text, str) or not text:
        return "(text unknown)"
    text = normalize_text(text)
    return text if len(text) <= 40 else text[:39] + "…"
