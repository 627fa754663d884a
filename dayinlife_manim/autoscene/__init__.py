"""AutoScene: a narrated scene for any paragraph, told with no code.

* :mod:`.keywords`: icons and a headline chosen from a paragraph's words;
* :mod:`.beats`: the :class:`Beat` base class and the registry
  (:func:`register_beat`); :mod:`.builtin`: the beats it knows (clock,
  daytime, counter, checklist, progress, feeling, compare, travel);
* :mod:`.plan`: which beats each paragraph gets, and where they go;
* :mod:`.scene`: :class:`AutoScene`, the scene ``dayinlife build`` uses for
  every paragraph without a hand-written scene.
"""

from . import builtin  # noqa: F401  (registers the built-in beats)
from .beats import Beat, register_beat, registered_beats, unregister_beat
from .plan import Plan, card, plan_script
from .scene import AutoScene, IconCue, icon_count, label_for, story_text

__all__ = [
    "AutoScene",
    "Beat",
    "IconCue",
    "Plan",
    "card",
    "icon_count",
    "label_for",
    "plan_script",
    "register_beat",
    "registered_beats",
    "story_text",
    "unregister_beat",
]
