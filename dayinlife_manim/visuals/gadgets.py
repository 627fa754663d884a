"""Re-exports for code written before the drawings were sorted by subject.

The same names now live in ``visuals.layout``, ``.charts``, ``.time``, ``.people``,
``.office``, ``.home`` and ``.effects`` (see ``dayinlife_manim.visuals``); import from
there in new code.  ``dayinlife gallery`` shows them all.
"""

from ._draw import INK, _box, _label, _sprout  # noqa: F401
from .charts import Counter, FillBar  # noqa: F401
from .effects import Sparkles  # noqa: F401
from .home import ANGRY_RED, COOKIE, CookieJar, Curtains, PillBottle, Shower, VerticalFarm  # noqa: F401
from .layout import ring, split  # noqa: F401
from .office import Checklist, CodeLaptop, MeetingGrid  # noqa: F401
from .people import Face, Snore, ThoughtCloud  # noqa: F401
from .time import FlipCalendar  # noqa: F401

__all__ = [
    "Checklist",
    "CodeLaptop",
    "CookieJar",
    "Counter",
    "Curtains",
    "Face",
    "FillBar",
    "FlipCalendar",
    "MeetingGrid",
    "PillBottle",
    "Shower",
    "Snore",
    "Sparkles",
    "ThoughtCloud",
    "VerticalFarm",
    "ring",
    "split",
]
