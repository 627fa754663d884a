"""Advisory file locks (``fcntl.flock``) that keep concurrent builds apart.

A lock is a small file under a hidden ``.locks`` folder; the kernel releases
it when its process ends, however it ends, so a killed build never leaves a
lock that blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_DIR = ".locks"


class FileLock:
    """An exclusive lock on ``folder/.locks/<name>.lock``; ``acquire(block=False)`` only tries."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = Path(folder) / LOCK_DIR / f"{name}.lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, block: bool = True) -> bool:
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this object")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
