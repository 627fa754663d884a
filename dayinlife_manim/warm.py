"""Imported once by the warm render server (``pool.PRELOAD``), after manim: it loads
what every scene process forked from the server would otherwise look up again
(fontconfig's list of installed fonts and their coverage, the theme font's file).

Then it moves every object loaded so far out of the garbage collector's reach
(``gc.freeze``).  A scene process shares the server's memory until it writes
to it, and a collection writes to the header of each object it examines:
without the freeze, a scene process's first collections copy most of the
server's objects into its own memory (about 15 MiB of private memory per scene
process, measured with ``bench/memory_bench.py``).  Frozen objects are never
collected; the server keeps them for its whole life anyway.
"""

import gc

from .fonts import installed_faces
from .visuals.text import font_file
from .visuals.theme import DEFAULT_THEME

installed_faces()
font_file(DEFAULT_THEME.font_stack)
gc.collect()
gc.freeze()
