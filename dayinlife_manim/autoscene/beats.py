"""Beats: small stories AutoScene tells when a paragraph's words call for one.

A beat is a class with two methods:

* ``matches(paragraph) -> float``: how strongly the paragraph's text calls
  for it (0 for not at all).  While matching it remembers what it found
  (the times, the amounts, the list items...) and the character ``spans`` of
  the words that tell it.
* ``play(scene, window)``: its part of the story when the words of one of
  its spans are about to be said.  AutoScene calls it once per span, in
  spoken order among all the paragraph's beats, inside that sentence's window
  (a :class:`~dayinlife_manim.scene.SentenceWindow`); ``self.current`` is the
  span and ``self.step`` its index in ``self.spans``.  The first call brings
  the beat on stage (``self.shown``).  It draws inside ``self.region`` (its
  share of the stage, which it never leaves) and times itself with
  :meth:`Beat.wait_for_span`, :meth:`Beat.run_time` (or ``window.wait_for``
  and ``window.share``).

Register a beat with :func:`register_beat`, in a scene module of your own
(``dayinlife build my.txt --scenes my_beats.py``) or anywhere imported before
rendering; AutoScene then considers it for every paragraph::

    from dayinlife_manim.autoscene import AutoScene, Beat, register_beat

    @register_beat
    class Rocket(Beat):
        name = "rocket"

        def matches(self, paragraph):
            self.spans = self.find(r"\\blaunch\\w*", paragraph)
            return 3.0 if self.spans else 0.0

        def play(self, scene, window):
            if self.step == 0:
                self.rocket = self.fit(icon("rocket-launch", height=1))
                self.wait_for_span(scene, window, self.current)
                self.enter(scene, window, self.rocket)
            else:
                scene.play(motions.pulse(self.rocket), run_time=self.run_time(window, 0.2))
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from manim import DOWN, RIGHT, Circle, FadeIn, FadeTransform, Mobject, VGroup, VMobject, config

from ..visuals import motions
from ..visuals.icons import icon
from ..visuals.text import text
from ..visuals.theme import Region, Theme

if TYPE_CHECKING:  # pragma: no cover
    from ..scene import SentenceWindow
    from .scene import AutoScene

#: Shortest animation worth playing (seconds).
MIN_RUN = 0.2
#: Share of a slot a beat's drawing may fill.
FILL = 0.9

Span = tuple[int, int]


class Beat:
    """One kind of motion AutoScene can give a paragraph; subclass, then :func:`register_beat`."""

    #: Shown by ``dayinlife scenes`` and used to keep consecutive layouts different.
    name: ClassVar[str] = "beat"
    #: At most one beat of a group per paragraph (a clock and a sun arc both tell the time).
    group: ClassVar[str | None] = None
    #: Width / height of what it draws: the stage is split so that each beat gets room of its shape.
    shape: ClassVar[float] = 1.0
    #: Scores below this do not count as a match.
    min_score: ClassVar[float] = 1.5

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.region: Region | None = None
        self.theme: Theme | None = None
        self.shown = False
        #: The span being said when ``play`` is called, and its index in ``spans``.
        self.current: Span = (0, 0)
        self.step = 0

    # -- to override ---------------------------------------------------------------
    def matches(self, paragraph: str) -> float:
        """How strongly ``paragraph`` calls for this beat (0: not at all); remember what was found."""
        return 0.0

    def play(self, scene: "AutoScene", window: "SentenceWindow") -> None:
        """This beat's part of the story as the words of ``self.current`` are said (once per span)."""

    def finish_sentence(self, scene: "AutoScene", window: "SentenceWindow") -> None:
        """Called at the end of every sentence once the beat is on stage (e.g. to stop an updater)."""

    def describe(self) -> str:
        """A few words for ``dayinlife scenes``: the beat and what it shows."""
        return self.name

    # -- where it speaks --------------------------------------------------------------
    @property
    def start(self) -> int:
        """Offset of its first words in the paragraph (where it enters)."""
        return min((s[0] for s in self.spans), default=0)

    def overlaps(self, other: "Beat") -> bool:
        return any(a < d and c < b for a, b in self.spans for c, d in other.spans)

    @staticmethod
    def find(pattern: str, paragraph: str, flags: int = re.IGNORECASE) -> list[Span]:
        """Spans of every match of ``pattern``."""
        return [m.span() for m in re.finditer(pattern, paragraph, flags)]

    def said(self, scene: "AutoScene", span: Span | None = None) -> str:
        """The words of ``span`` (default: the current one) as written."""
        a, b = self.current if span is None else span
        return scene.story_text[a:b]

    # -- timing helpers ------------------------------------------------------------------
    def wait_for_span(self, scene: "AutoScene", window: "SentenceWindow", span: Span, early: float = 0.0) -> None:
        """Wait until the words of ``span`` are said (``early`` seconds before); no wait if they are past."""
        lo, hi = scene.sentence_span(window.index)
        if not lo <= span[0] < hi:
            return
        local = span[0] - lo
        if early <= 0:
            # By position, not by the words' text: a span may start inside a shown word
            # ("5 business" in "3-5 business days"); the word holding its first character is said then.
            scene.wait_until_time(max(scene.time, window.char_time(local)))
        else:
            fraction = local / max(1, len(window.text))
            t = window.start + fraction * window.cue.duration - early
            scene.wait_until_time(max(scene.time, t))

    @staticmethod
    def run_time(window: "SentenceWindow", fraction: float, most: float = 1.2) -> float:
        """``fraction`` of the sentence (at most ``most`` s), never past its end, never under one frame."""
        run = min(most, fraction * window.duration, window.remaining)
        return max(run, MIN_RUN if window.remaining >= MIN_RUN else 1 / config.frame_rate)

    # -- drawing helpers ------------------------------------------------------------------
    def fit(self, mob: Mobject, fill: float = FILL) -> Mobject:
        """Scale ``mob`` to fill its region (up or down) and centre it there."""
        return self.region.fit(mob, fill=fill, grow=True)

    def label(self, words: str, color: str | None = None) -> VMobject:
        return text(words, self.theme, "label", color or self.theme.upcoming)

    def relabel(self, words: str, color: str | None = None):
        """An animation turning ``self.caption`` into ``words`` (a cross-fade; it shows the caption if hidden)."""
        new = self.label(words, color)
        new.font_size = self.caption.font_size  # the size the caption was fitted to
        if self.region is not None and new.width > self.region.width:
            new.scale_to_fit_width(self.region.width)
        new.move_to(self.caption)
        old, self.caption = self.caption, new
        return FadeTransform(old, new) if old.get_fill_opacity() > 0 else FadeIn(new)

    def enter(self, scene: "AutoScene", window: "SentenceWindow", *mobs: Mobject, fraction: float = 0.12) -> None:
        """Pop ``mobs`` in (the first) and fade the rest in."""
        anims = [motions.pop_in(mobs[0])] + [FadeIn(m) for m in mobs[1:]]
        scene.play(*anims, run_time=self.run_time(window, fraction, 0.6))
        self.shown = True


def badge(slug: str, color: str, size: float, theme: Theme) -> VGroup:
    """An icon on a soft disc of diameter ``size``: ``VGroup(disc, glyph)``."""
    disc = Circle(radius=size / 2, stroke_color=color, stroke_width=3, stroke_opacity=0.55)
    disc.set_fill(theme.panel, opacity=1.0)
    glyph = icon(slug, color=color, height=0.56 * size)
    if glyph.width > 0.56 * size:
        glyph.scale_to_fit_width(0.56 * size)
    glyph.move_to(disc.get_center())
    return VGroup(disc, glyph)


def labelled(mob: Mobject, label: VMobject | None, beside: bool = False, gap: float = 0.15) -> VGroup:
    """``mob`` with ``label`` below it (or to its right)."""
    if label is None:
        return VGroup(mob)
    if beside:
        label.next_to(mob, RIGHT, buff=gap)
    else:
        label.next_to(mob, DOWN, buff=gap)
    return VGroup(mob, label)


# -- the registry ------------------------------------------------------------------------
_REGISTRY: dict[str, type[Beat]] = {}


def register_beat(cls: type[Beat]) -> type[Beat]:
    """Make AutoScene consider ``cls`` for every paragraph (a class decorator; a later class of the same name replaces it)."""
    if not (isinstance(cls, type) and issubclass(cls, Beat)):
        raise TypeError(f"{cls!r} is not a Beat subclass")
    _REGISTRY[cls.name] = cls
    return cls


def unregister_beat(name: str) -> None:
    _REGISTRY.pop(name, None)


def registered_beats() -> list[type[Beat]]:
    """The beat classes AutoScene considers, in registration order."""
    return list(_REGISTRY.values())


__all__ = ["Beat", "badge", "labelled", "register_beat", "registered_beats", "unregister_beat"]
