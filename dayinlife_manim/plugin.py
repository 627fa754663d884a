"""The manim plugin: ``manim plugins -l`` lists ``dayinlife_manim``.

manim imports every plugin registered under its ``manim.plugins`` entry
point while ``import manim`` itself runs, so this module imports nothing:
its names are looked up on first use.  Scene modules take them the way they
take any plugin's::

    from manim import *
    from dayinlife_manim.plugin import *     # NarratedScene, AutoScene, visuals, DayinlifeService

    class Intro(NarratedScene):
        paragraph = 0

To load it on every ``manim render``, name it in ``manim.cfg``
(``[CLI] plugins = dayinlife_manim``): manim then warns when it is missing.
"""

from __future__ import annotations

import importlib.util

_VISUALS = ("CaptionBlock", "DEFAULT_THEME", "Theme", "icon", "text", "paragraph", "motions")
#: Every name ``from dayinlife_manim.plugin import *`` gives.
_NAMES = ("NarratedScene", "AutoScene", *_VISUALS, "DayinlifeService")


def _available(name: str) -> bool:
    # The speech service needs manim-voiceover (the ``voiceover`` extra); without it the rest still loads.
    return name != "DayinlifeService" or importlib.util.find_spec("manim_voiceover") is not None


__all__ = [name for name in _NAMES if _available(name)]


def __getattr__(name: str):
    # Imported here, not above: manim imports this module while it is itself being imported.
    if name == "NarratedScene":
        from .scene import NarratedScene as value
    elif name == "AutoScene":
        from .autoscene import AutoScene as value
    elif name in _VISUALS:
        from . import visuals

        value = getattr(visuals, name)
    elif name == "DayinlifeService":
        from .voiceover_service import DayinlifeService as value
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
