"""Small file-system helpers shared by the stages."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import socket
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# mkstemp makes files only the owner can read; finished files get the usual
# permissions (0666 less the umask), as open() would have given them.
_UMASK = os.umask(0)
os.umask(_UMASK)

# Temporary names carry their maker's pid and host, so a later run can tell a
# leftover of a killed process (cleaned up) from another build's write in
# progress (left alone): ``.<stem>.<pid>@<host>.<random>.tmp<suffix>``.
_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"
_TEMP_NAME = re.compile(r"^\..*\.(\d+)@([A-Za-z0-9-]+)\.[^.]+\.tmp[^/]*$")
_TEMP_PARTS = re.compile(r"^\.(.*)\.\d+@[A-Za-z0-9-]+\.[^.]+\.tmp([^/]*)$")


def final_name(path) -> str:
    """The path that a temporary file or folder of :func:`atomic_path` or :func:`temp_dir` (or a
    file inside one) stands for: ``.../.p01.123@host.x.tmp.wav`` -> ``.../p01.wav``; other paths as they are."""
    path = Path(os.fsdecode(path))
    parts = path.parts
    for i, part in enumerate(parts):
        match = _TEMP_PARTS.match(part)
        if match is not None:
            return str(Path(*parts[:i], match.group(1) + match.group(2)))
    return str(path)


#: Temporary files and folders this process made and has not finished with (see :func:`remove_own_temps`).
_OWN_TEMPS: set[str] = set()
_OWN_LOCK = threading.Lock()


def _own(path: str) -> None:
    with _OWN_LOCK:
        _OWN_TEMPS.add(path)


def _done(path: str) -> None:
    with _OWN_LOCK:
        _OWN_TEMPS.discard(path)


def remove_own_temps() -> list[Path]:
    """Remove the temporary files and folders of this process's writes still in progress.

    For a command that gives up (interrupt, no space left...) while threads
    still write: it leaves nothing half-written behind, not even hidden.
    """
    with _OWN_LOCK:
        paths = sorted(_OWN_TEMPS)
        _OWN_TEMPS.clear()
    removed = []
    for path in map(Path, paths):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                continue
        removed.append(path)
    return removed


def temp_prefix(stem: str) -> str:
    """The start of a hidden temporary name for ``stem``, made by this process."""
    return f".{stem}.{os.getpid()}@{_HOST}."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove hidden temporary files and folders in ``folder`` left by dead processes of this host.

    Writes in progress (their process is alive, or on another host) stay.
    Returns what was removed.
    """
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or match.group(2) != _HOST or _alive(int(match.group(1))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            try:
                entry.unlink()
            except OSError:
                continue
        removed.append(entry)
    return removed


def user_cache_dir(name: str) -> Path:
    """A folder for things derived once per machine (``name`` inside ``$DAYINLIFE_CACHE``,
    else ``$XDG_CACHE_HOME/dayinlife-manim`` or ``~/.cache/dayinlife-manim``)."""
    env = os.environ.get("DAYINLIFE_CACHE")
    if env:
        return Path(env) / name
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dayinlife-manim" / name


def temp_dir(parent: Path, stem: str) -> Path:
    """A new hidden temporary folder in ``parent`` that :func:`clean_stale_temps` recognises."""
    Path(parent).mkdir(parents=True, exist_ok=True)
    path = tempfile.mkdtemp(prefix=temp_prefix(stem), suffix=".tmp", dir=parent)
    _own(path)
    return Path(path)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it onto ``path``.

    Readers see the old file or the new one, never half of one, and a process
    killed mid-write leaves only a hidden ``.tmp`` file that no reader looks at.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.stem), suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    _own(tmp)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.errno is not None and (exc.filename is None or str(exc.filename) == tmp):
            # A write to the open file (no space left...) names no file: name the one being written.
            raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(path)) from exc
        raise
    finally:
        _done(tmp)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def file_sha(path: Path) -> str:
    """SHA-256 of a file's bytes, read once per process while its size and mtime stay the same."""
    stat = Path(path).stat()
    return _file_sha(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _file_sha(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def replace_dir(src: Path, dst: Path) -> None:
    """Put the folder ``src`` at ``dst`` (on the same file system), replacing a folder there.

    The old folder is first renamed to a hidden temporary name (removed by
    :func:`clean_stale_temps` if this process dies before removing it), so a
    reader sees the old folder, none, or the new one, never a mix.
    """
    src, dst = Path(src), Path(dst)
    old = None
    if dst.exists():
        old = Path(tempfile.mkdtemp(prefix=temp_prefix(dst.name), suffix=".tmp", dir=dst.parent))
        os.rename(dst, old / dst.name)
    os.chmod(src, 0o777 & ~_UMASK)
    os.rename(src, dst)
    _done(str(src))
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
