"""One-line notes to the user about things a build fixed on its own (a damaged cache entry remade).

A note goes to stderr as ``note: ...`` and is kept in :data:`NOTES`, so a
caller (a test, a report) can read what was said.  Whoever says one also
removes what it is about, so the same damage is never noted twice.
"""

from __future__ import annotations

import sys
import threading

NOTES: list[str] = []
_LOCK = threading.Lock()


def note(message: str) -> None:
    """Tell the user ``message`` (``note: message`` on stderr)."""
    with _LOCK:
        NOTES.append(message)
    print(f"note: {message}", file=sys.stderr, flush=True)


def damaged(what: str, action: str) -> None:
    """The note for a damaged cache entry: ``<what> was damaged in the cache; <action>``."""
    note(f"{what} was damaged in the cache; {action}")
