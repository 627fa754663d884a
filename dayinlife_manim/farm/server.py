"""The warm server's first import (``pool.PRELOAD``): from here on it ignores Ctrl-C.

Ctrl-C in a terminal reaches every process of the build's process group,
the warm server too, which may still be importing manim then: it would die
with a traceback on the terminal.  The build itself handles the interrupt (it
ends its scene processes and the server goes when the build does), so the
server and the scene processes forked from it (they inherit this) ignore it.
Imported anywhere else (the build, tests), this module does nothing.
"""

import signal
import sys


def _in_fork_server() -> bool:
    """True in multiprocessing's fork server (``python -c 'from multiprocessing.forkserver import main; ...'``)."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


if _in_fork_server():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
