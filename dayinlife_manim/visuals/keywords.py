"""Moved to :mod:`dayinlife_manim.autoscene.keywords` (choosing icons is AutoScene's business).

This old path stays importable: it *is* the new module (same object), so
names, private helpers and monkeypatches all keep working.
"""

import sys

from ..autoscene import keywords as _keywords

sys.modules[__name__] = _keywords
