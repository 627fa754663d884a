"""Faults of the machine (no space left, a folder that cannot be written, a file that
vanished) told in one line: what was being written, where, and for no space how much is free.

Wherever such an ``OSError`` is raised (this process, the voice thread, a scene
process: ``farm/pool.py`` sends it back), it reaches the command line's
``main()`` as itself, and :func:`describe` words it there, in this one place.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from .errors import MachineError
from .fsutil import final_name, user_cache_dir

#: The errors of the machine that end a build with one line (and exit 1), not a traceback.
FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT})
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def human_size(size: float) -> str:
    """``1.5 MiB``, ``320.0 KiB``, ``12 B`` (powers of 1024, as ``df -h`` counts)."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(size) < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def fault_of(exc: BaseException | None) -> OSError | None:
    """The machine fault behind ``exc`` (itself, or what it was raised from), or None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in FAULTS:
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _existing(path: Path) -> Path | None:
    for folder in (path, *path.parents):
        if folder.exists():
            return folder
    return None


def _mount_point(path: Path) -> Path:
    path = path.resolve()
    while not os.path.ismount(path) and path != path.parent:
        path = path.parent
    return path


def free_space(path: Path) -> tuple[int, Path] | None:
    """Bytes free for this user on the file system of ``path`` (or its nearest existing folder), and its mount point."""
    folder = _existing(Path(path).absolute())
    if folder is None:
        return None
    try:
        return shutil.disk_usage(folder).free, _mount_point(folder)
    except OSError:
        return None


def _in_user_cache(path: Path) -> bool:
    root = user_cache_dir("x").parent.absolute()
    return path.absolute() == root or root in path.absolute().parents


def describe(exc: OSError) -> str:
    """One line for a machine fault: what, where, and what to do."""
    path = Path(final_name(exc.filename)) if exc.filename not in (None, "") else None
    where = f" {path}" if path else ""
    code = exc.errno
    cache = path is not None and _in_user_cache(path)

    def elsewhere(folder: str) -> str:
        return f"set DAYINLIFE_CACHE to {folder}" if cache else f"choose {folder} with --media"

    if code in _FULL:
        what = "no space left on the device" if code == errno.ENOSPC else "the disk quota is used up"
        free = free_space(path) if path else None
        room = f" ({human_size(free[0])} free on {free[1]})" if free else ""
        return (f"{what} {'writing' + where if path else 'while writing'}{room}; free some space (`dayinlife cache --max-size 1G` prunes the caches) "
                f"or {elsewhere('a folder with more room')}")
    if code == errno.EROFS:
        return f"cannot write{where}: the file system is read-only; {elsewhere('a writable folder')}"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot write{where}: permission denied; {elsewhere('a folder you can write')}"
    if code == errno.ENOENT:
        return f"{path or 'a file'} vanished while the build used it (removed by another program?); run the command again"
    return f"{exc.strerror or os.strerror(code or 0)}:{where}"


def machine_error(exc: BaseException) -> MachineError | None:
    """The one-line :class:`MachineError` for a machine fault behind ``exc``, or None when there is none."""
    fault = fault_of(exc)
    return None if fault is None else MachineError(describe(fault))


def fault_args(exc: OSError) -> tuple[int, str, str | None]:
    """What a scene process sends back of a fault (picklable, small): errno, message, path."""
    filename = None if exc.filename in (None, "") else os.fsdecode(exc.filename)
    return exc.errno, exc.strerror or os.strerror(exc.errno or 0), filename


def fault_from(args: tuple[int, str, str | None]) -> OSError:
    """The ``OSError`` (of the subclass its errno calls for) that :func:`fault_args` described."""
    code, message, filename = args
    return OSError(code, message) if filename is None else OSError(code, message, filename)
