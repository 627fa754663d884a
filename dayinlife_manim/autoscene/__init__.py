"""AutoScene: a narrated scene for any paragraph, told with no code.

* :mod:`.keywords`: icons and a headline chosen from a paragraph's words;
* :mod:`.scene`: :class:`AutoScene`, the scene ``dayinlife build`` uses for
  every paragraph without a hand-written scene.
"""

from .scene import AutoScene, IconCue, icon_count, label_for

__all__ = ["AutoScene", "IconCue", "icon_count", "label_for"]
