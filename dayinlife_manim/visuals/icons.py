"""Icons from ``material-design-icons-pack`` (Apache-2.0, 7,000+ SVGs) by name.

``icon("coffee")`` returns a filled, theme-coloured ``SVGMobject``.  Each SVG is
parsed once per process; later calls get a copy.
"""

from __future__ import annotations

import difflib
import functools
import tempfile
from pathlib import Path

import material_design_icons_pack as mdi
from manim import SVGMobject, VMobject

from ..core.errors import UserError
from ..core.fsutil import atomic_write_text

_SVG_DIR = Path(tempfile.gettempdir()) / "dayinlife-icons"


def normalize(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(" ", "-")


@functools.lru_cache(maxsize=1)
def icon_names() -> tuple[str, ...]:
    """Every icon slug in the pack, e.g. ``coffee``, ``laptop``, ``pool``."""
    return tuple(sorted(normalize(n) for n in dir(mdi) if n.isupper()))


def has_icon(name: str) -> bool:
    return mdi.get_icon(normalize(name)) is not None


@functools.lru_cache(maxsize=None)
def _svg_file(slug: str) -> Path:
    found = mdi.get_icon(slug)
    if found is None:
        close = difflib.get_close_matches(slug, icon_names(), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UserError(f"no icon named {slug!r}{hint}")
    _SVG_DIR.mkdir(parents=True, exist_ok=True)
    path = _SVG_DIR / f"{slug}-{found.version}.svg"
    if not path.exists():  # several processes may write it at once: each renames its own temporary
        atomic_write_text(path, found.svg)
    return path


@functools.lru_cache(maxsize=None)
def _parsed(slug: str) -> VMobject:
    # manim writes a modified copy next to the file and deletes it after parsing: two processes
    # parsing one icon at once can delete each other's copy.  The next try finds it again.
    for attempt in range(4):
        try:
            return SVGMobject(str(_svg_file(slug)), height=1.0)
        except FileNotFoundError:
            if attempt == 3:
                raise


def icon(name: str, color: str = "#f4f1ea", height: float = 1.0) -> VMobject:
    """A copy of the icon ``name`` (e.g. ``"coffee"``), filled with ``color``, ``height`` tall."""
    mob = _parsed(normalize(name)).copy()
    mob.set_fill(color, opacity=1.0).set_stroke(width=0)
    mob.scale_to_fit_height(height)
    return mob
