"""Imported once by the warm render server (``pool.PRELOAD``), after manim: it loads
what every scene process forked from the server would otherwise look up again
(fontconfig's list of installed fonts and their coverage, the theme font's file).
"""

from ..text.fonts import installed_faces
from ..visuals.text import font_file
from ..visuals.theme import DEFAULT_THEME

installed_faces()
font_file(DEFAULT_THEME.font_stack)
