"""When each stage of a build starts and ends, for whoever wants to see where the time goes.

``DAYINLIFE_TIMELINE=1 dayinlife build ...`` prints it to stderr, in seconds
since the command started: each paragraph voiced, the scene modules imported,
each scene queued and rendered, the stitch and the review page.
"""

from __future__ import annotations

import logging
import os
import sys
import time

ENV = "DAYINLIFE_TIMELINE"
log = logging.getLogger("dayinlife_manim.core.timeline")
log.addHandler(logging.NullHandler())
log.propagate = False  # silent unless asked, whatever handlers other libraries give the root logger


def show_if_asked(start: float | None = None) -> None:
    """With ``$DAYINLIFE_TIMELINE`` set, print the timeline to stderr (seconds since ``start``, default now)."""
    if not os.environ.get(ENV) or any(isinstance(h, logging.StreamHandler) for h in log.handlers):
        return
    origin = time.perf_counter() if start is None else start

    class Since(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return f"[{time.perf_counter() - origin:7.2f}s] {record.getMessage()}"

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Since())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
