"""Re-exports for code written before the drawings were sorted by subject.

The same names now live in ``visuals.layout``, ``.charts``, ``.time``, ``.people``,
``.office``, ``.home`` and ``.effects`` (see ``dayinlife_manim.visuals``); import from
there in new code.  ``dayinlife gallery`` shows them all.
"""

from .charts import Gauge, LineChart, MoodLine, ProgressBar, Readout, Slider, Tween  # noqa: F401
from .effects import ScanLine, SpeedLines, Waves  # noqa: F401
from .layout import cells, lay_out  # noqa: F401
from .office import Card, CodeCard, MONO_FONT  # noqa: F401
from .people import Robot, SittingFigure, ThoughtBubble  # noqa: F401
from .time import Clock  # noqa: F401

__all__ = [
    "Card",
    "cells",
    "Clock",
    "CodeCard",
    "Gauge",
    "LineChart",
    "MoodLine",
    "ProgressBar",
    "Readout",
    "Robot",
    "ScanLine",
    "SittingFigure",
    "Slider",
    "SpeedLines",
    "ThoughtBubble",
    "Tween",
    "Waves",
    "lay_out",
]
