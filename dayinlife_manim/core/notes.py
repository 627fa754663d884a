"""One-line notes to the user about things a build fixed on its own (a damaged cache entry remade).

A note goes to stderr as ``note: ...`` the first time it is said in a
process, and is kept in :data:`NOTES` so a caller (a test, a report) can read
what was said.
"""

from __future__ import annotations

import sys
import threading

NOTES: list[str] = []
_LOCK = threading.Lock()


def note(message: str) -> None:
    """Tell the user ``message`` once (``note: message`` on stderr)."""
    with _LOCK:
        if message in NOTES:
            return
        NOTES.append(message)
    print(f"note: {message}", file=sys.stderr, flush=True)


def damaged(what: str, action: str) -> None:
    """The note for a damaged cache entry: ``<what> was damaged in the cache; <action>``."""
    note(f"{what} was damaged in the cache; {action}")
