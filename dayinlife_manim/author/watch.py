"""``--watch``: run a job again whenever the script or the scene code changes.

Files are polled (size and modification time; no platform file-event library
needed): the script, the scene module and the local modules it imports (those
in its own folder, followed recursively).  A change re-runs the job, whose
caches make it redo only what changed; a job that fails (a syntax error while
you type, a scene that raises) is reported and the watch goes on.  Ctrl-C
ends the watch cleanly.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from ..core.errors import UserError
from ..core.fingerprint import local_modules


def watched_files(script: Path | Iterable[Path], scenes: Path | None) -> list[Path]:
    scripts = [Path(script)] if isinstance(script, (str, Path)) else [Path(s) for s in script]
    files = [s.resolve() for s in scripts]
    if scenes is not None:
        files += local_modules(Path(scenes))
    return list(dict.fromkeys(files))


def _stamp(path: Path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def forget_modules(files: Iterable[Path]) -> None:
    """Drop imported copies of ``files`` so the next run imports the edited code."""
    wanted = {str(Path(f).resolve()) for f in files}
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and str(Path(path).resolve()) in wanted:
            del sys.modules[name]


def watch(
    files: Callable[[], list[Path]],
    run: Callable[[], object],
    *,
    say: Callable[[str], object] = print,
    poll: float = 0.5,
    settle: float = 0.2,
    rounds: int | None = None,
) -> int:
    """Run ``run`` now and after every change of ``files()``; returns the number of runs.

    ``rounds`` stops after that many runs (for tests); otherwise Ctrl-C ends it.
    """
    runs = 0
    try:
        while True:
            watched = files()
            stamps = {f: _stamp(f) for f in watched}
            try:
                run()
            except UserError as exc:
                say(f"Error: {exc}")
            except Exception as exc:  # noqa: BLE001 - keep watching through a broken edit
                say(f"Error: {type(exc).__name__}: {exc}")
            runs += 1
            if rounds is not None and runs >= rounds:
                return runs
            say(f"watching {len(watched)} file(s) for changes (Ctrl-C to stop)")
            while True:
                time.sleep(poll)
                changed = [f for f in watched if _stamp(f) != stamps[f]]
                if changed:
                    time.sleep(settle)  # let an editor finish writing
                    say("changed: " + ", ".join(f.name for f in changed))
                    forget_modules(f for f in watched if f.suffix == ".py")
                    break
    except KeyboardInterrupt:
        say("stopped watching")
        return runs
