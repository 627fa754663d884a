"""``dayinlife cache``: what every cache holds, and pruning it.

The caches, and their entries (what is removed together):

* voice sentences (``$DAYINLIFE_CACHE/voice`` or ``MEDIA/cache/voice``): one WAV and its JSON per sentence key;
* scenes, per script and render size (``MEDIA/<slug>/scenes/<tag>/``): a paragraph's MP4, key, log and stills;
* soundtracks, per script (``MEDIA/<slug>/soundtrack/``): an ``.m4a`` and its sidecar;
* storyboards, per script and size (``MEDIA/<slug>/storyboard/<tag>/``): a paragraph's stills;
* derived piper models (``$DAYINLIFE_CACHE/piper`` or ``~/.cache/dayinlife-manim/piper``);
* the font list and the language model (``.../fonts``, ``.../langid``).

An entry is removed only under the locks a build holds while it uses it
(``core/locks.py``): a scene's lock (while it renders), the script's
``finish`` lock (while its video is stitched from the scenes and soundtrack),
the storyboard's ``stills`` lock, and the per-entry locks of the sentence
cache, soundtracks and derived models.  A lock another process holds keeps
its entry.  Hidden temporary files (writes in progress) are never counted or
touched; those of dead processes are removed, as builds do.

An entry's age is the time since it was last used: the newest of its files'
modification and access times (a build reads what it reuses; with ``relatime``
mounts the access time moves at most once a day).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..core.errors import UserError
from ..core.fsutil import clean_stale_temps, user_cache_dir
from ..core.locks import FileLock
from ..voices.voiceover import default_cache_dir

#: What ``--older-than`` and ``--max-size`` accept.
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_BYTES = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_duration(text: str) -> float:
    """``30d``, ``12h``, ``90m``, ``2w``, ``45s`` in seconds."""
    match = _DURATION.match(text)
    if match is None:
        raise UserError(f"--older-than wants a number and a unit (s, m, h, d or w), e.g. 30d; not {text!r}")
    return float(match.group(1)) * _SECONDS[match.group(2).lower()]


def parse_size(text: str) -> int:
    """``2G``, ``500M``, ``1.5GiB``, ``100k``, ``4096`` in bytes (powers of 1024)."""
    match = _SIZE.match(text)
    if match is None:
        raise UserError(f"--max-size wants a size such as 2G, 500M or 100K; not {text!r}")
    return int(float(match.group(1)) * _BYTES[match.group(2).lower()])


@dataclass
class Entry:
    """What is removed together: files and folders, their size, when they were last used, the locks that guard them."""

    paths: list[Path]
    size: int = 0
    used: float = 0.0
    locks: list[tuple[Path, str]] = field(default_factory=list)  # (folder, name): FileLock(folder, name)

    @property
    def name(self) -> str:
        return self.paths[0].name


@dataclass
class Cache:
    """One cache: a label (``scenes: my-script 428x240@10``), its folder and its entries."""

    kind: str
    label: str
    folder: Path
    entries: list[Entry]

    @property
    def size(self) -> int:
        return sum(e.size for e in self.entries)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _measure(path: Path) -> tuple[int, float]:
    """Bytes and last use (newest mtime or atime) of a file, or of a folder's files (hidden ones left out)."""
    try:
        stat = path.lstat()
    except OSError:
        return 0, 0.0
    if not path.is_dir() or path.is_symlink():
        return stat.st_size, max(stat.st_mtime, stat.st_atime)
    size, used = 0, stat.st_mtime
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        for name in files:
            if _hidden(name):
                continue
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            size += st.st_size
            used = max(used, st.st_mtime, st.st_atime)
    return size, used


def _entries(folder: Path, key: Callable[[str], str], locks: Callable[[str], list[tuple[Path, str]]]) -> list[Entry]:
    """The entries of ``folder``: its visible files and folders grouped by ``key(name)``."""
    groups: dict[str, Entry] = {}
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    for child in children:
        if _hidden(child.name):
            continue
        k = key(child.name)
        entry = groups.setdefault(k, Entry([], locks=locks(k)))
        entry.paths.append(child)
        size, used = _measure(child)
        entry.size += size
        entry.used = max(entry.used, used)
    return list(groups.values())


def _stem(name: str) -> str:
    return name.split(".", 1)[0]


def _whole(name: str) -> str:
    return name


def _sub_folders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not _hidden(p.name))
    except OSError:
        return []


def find_caches(media_dir: Path) -> list[Cache]:
    """Every cache of ``media_dir`` and of this user (see the module's docstring), empty ones too."""
    media_dir = Path(media_dir)
    caches: list[Cache] = []
    voice = default_cache_dir(media_dir)
    voice_entries = [e for sub in _sub_folders(voice)
                     for e in _entries(sub, _stem, lambda k, sub=sub: [(sub, k)])]
    caches.append(Cache("voice", "voice sentences", voice, voice_entries))
    for script in _sub_folders(media_dir):
        if script == voice.parent or script.name in ("cache", "gallery"):
            continue
        finish = (script, "finish")
        for tag in _sub_folders(script / "scenes"):
            caches.append(Cache("scenes", f"scenes: {script.name} {tag.name}", tag,
                                _entries(tag, _stem, lambda k, tag=tag: [finish, (tag, k)])))
        soundtracks = script / "soundtrack"
        if soundtracks.is_dir():
            caches.append(Cache("soundtracks", f"soundtracks: {script.name}", soundtracks,
                                _entries(soundtracks, _stem, lambda k: [finish, (soundtracks, k)])))
        for tag in _sub_folders(script / "storyboard"):
            caches.append(Cache("storyboards", f"storyboard: {script.name} {tag.name}", tag,
                                _entries(tag, _whole, lambda k, tag=tag: [(tag, "stills")])))
    piper = user_cache_dir("piper")
    caches.append(Cache("models", "derived piper models", piper, _entries(piper, _stem, lambda k: [(piper, k)])))
    for name, label in (("fonts", "font list"), ("langid", "language model")):
        folder = user_cache_dir(name)
        caches.append(Cache(name, label, folder, _entries(folder, _whole, lambda k: [])))
    return caches


@dataclass
class PruneReport:
    removed: list[Entry] = field(default_factory=list)
    held: list[Entry] = field(default_factory=list)  # kept: a running build holds its lock

    @property
    def freed(self) -> int:
        return sum(e.size for e in self.removed)


def _remove(entry: Entry) -> bool:
    """Remove ``entry`` while holding its locks; False (and nothing removed) when another process holds one."""
    held: list[FileLock] = []
    try:
        for folder, name in entry.locks:
            lock = FileLock(folder, name)
            try:
                if not lock.acquire(block=False):
                    return False
            except OSError:  # a folder that cannot be written cannot be pruned either: leave it
                return False
            held.append(lock)
        for path in entry.paths:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
        return True
    finally:
        for lock in reversed(held):
            lock.release()


def prune(
    caches: Iterable[Cache],
    *,
    older_than: float | None = None,
    max_size: int | None = None,
    everything: bool = False,
    now: float | None = None,
) -> PruneReport:
    """Remove entries: all of them (``everything``), those not used for ``older_than`` seconds,
    then the least recently used until the caches together hold at most ``max_size`` bytes.
    Entries whose lock a running build holds are kept (and counted in the size)."""
    caches = list(caches)
    now = time.time() if now is None else now
    report = PruneReport()
    entries = sorted((e for c in caches for e in c.entries), key=lambda e: e.used)
    kept = []
    for entry in entries:
        old = older_than is not None and now - entry.used > older_than
        if everything or old:
            (report.removed if _remove(entry) else report.held).append(entry)
        else:
            kept.append(entry)
    if max_size is not None:
        total = sum(e.size for e in kept) + sum(e.size for e in report.held)
        for entry in kept:  # least recently used first
            if total <= max_size:
                break
            if _remove(entry):
                report.removed.append(entry)
                total -= entry.size
            else:
                report.held.append(entry)
    for cache in caches:
        clean_stale_temps(cache.folder)  # half-written entries of killed runs
        gone = {id(e) for e in report.removed}
        cache.entries = [e for e in cache.entries if id(e) not in gone]
        if cache.kind == "voice":
            for sub in _sub_folders(cache.folder):
                try:
                    sub.rmdir()  # only when empty: a folder with locks in it stays (a lock file must not vanish)
                except OSError:
                    pass
    return report
