"""The visual vocabulary scenes are written in: theme, text, icons, captions, motions.

    from dayinlife_manim.visuals import icon, text, motions, DEFAULT_THEME
"""

from . import motions
from .captions import CaptionBlock
from .icons import has_icon, icon, icon_names
from .text import paragraph, text
from .theme import DEFAULT_THEME, Region, Theme

__all__ = [
    "CaptionBlock",
    "DEFAULT_THEME",
    "Region",
    "Theme",
    "has_icon",
    "icon",
    "icon_names",
    "motions",
    "paragraph",
    "text",
]
