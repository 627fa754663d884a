"""Imported once by the warm render server (``pool.PRELOAD``), after manim: it loads
what every scene process forked from the server would otherwise look up again
(fontconfig's list of installed fonts and their coverage, the theme font's file).

It also gives tqdm (manim's progress bars, drawn or not) a thread lock: tqdm's
default lock holds a multiprocessing semaphore, which a scene process ended by an
interrupt never releases, and the resource tracker then warns of "leaked
semaphore objects" as the build stops.  A scene process has one thread that draws.
"""

import threading

from tqdm import tqdm

from ..text.fonts import installed_faces
from ..visuals.text import font_file
from ..visuals.theme import DEFAULT_THEME

tqdm.set_lock(threading.RLock())
installed_faces()
font_file(DEFAULT_THEME.font_stack)
