"""``AutoScene``: a good-looking narrated scene for any paragraph, with no code.

``dayinlife build`` uses it for every paragraph without a hand-written scene.
It reads its paragraph from the environment (``$DAYINLIFE_MANIFEST`` and
``$DAYINLIFE_PARAGRAPH``, as :func:`dayinlife_manim.render.render.render_scene` sets
them) and tells it like this:

* a paragraph: a headline from :func:`~dayinlife_manim.autoscene.keywords.headline_for`
  above the stage, 1-3 icons from :func:`~dayinlife_manim.autoscene.keywords.match_icons`
  (each on a soft disc, with its keyword below) that pop in when their word
  is spoken, the ones already shown sliding aside to make room; later
  sentences give a gentle pulse or wiggle to the icon they mention (or the
  next one in turn); the synced caption block runs below;
* the title paragraph: a title card (icon, big wrapped title, accent rule),
  no captions;
* a paragraph in a language the (English) keyword map cannot read: the
  neutral icon and the paragraph's own first words as headline, never
  English words guessed from another language.

Everything is placed relative to the theme's regions, so 16:9, 9:16 and 1:1
frames all work, and text is shown literally (markup, ``&``, ``{}``).
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from dataclasses import dataclass

import numpy as np
from manim import DOWN, RIGHT, UP, AnimationGroup, FadeIn, FadeOut, GrowFromCenter, Line, VGroup, VMobject

from ..manifest import Manifest, ParagraphAudio
from ..scene import NarratedScene, SentenceWindow, char_time
from ..text.language import written_in
from ..text.writing import first_words
from ..visuals import motions
from ..visuals.icons import icon
from ..visuals.text import metrics, paragraph, text
from ..visuals.theme import Region
from .beats import Beat, badge, registered_beats
from .builtin import FALLBACKS, IconBeat, TextCardBeat
from .cues import DRAWN_KINDS, describe, list_plan, narrate_kind, narrate_props, shown_matches, shown_props
from .director import Director
from .keywords import LANGUAGE as KEYWORD_LANGUAGE
from .keywords import IconMatch, fallback_icon, headline_for, match_icons
from .narrator import told_by_narrator
from .plan import Plan, default_plan, icon_count, named_beat, plan_paragraph, slots
from .story import Story, has_scene, plan_story

#: Longest entrance of an icon (seconds).
ENTRANCE_TIME = 0.6
#: Shortest animation worth playing (seconds); shorter windows just show the result.
MIN_ANIMATION = 0.2
#: Largest disc diameter, as a share of the stage height (with several icons, with one).
MAX_DISC_SHARE = 0.72
SINGLE_DISC_SHARE = 0.62
#: When the first icon comes this late (seconds), a dim quote mark holds the stage until then.
LEAD_IN_AFTER = 2.5


@dataclass
class IconCue:
    """One icon of the scene and when it enters."""

    match: IconMatch
    card: VGroup  # VGroup(VGroup(disc, icon), label?)
    sentence: int  # index of the sentence that names it
    fraction: float  # where in that sentence its word starts (0..1 of the cue)

    @property
    def badge(self) -> VMobject:
        return self.card[0]

    @property
    def glyph(self) -> VMobject:
        return self.card[0][1]


def label_for(match: IconMatch) -> str:
    """The caption under an icon: its words as written, shouting calmed down."""
    words = re.sub(r"\s+", " ", match.words).strip()
    if len(words) > 3 and words.isupper():
        words = words.capitalize()
    return words[:1].upper() + words[1:]


class AutoScene(NarratedScene):
    """Tells whatever paragraph the environment names: headline, icons on cue, captions."""

    #: Most icons on the stage.
    max_icons: int = 3
    #: Tell paragraphs as stories (a narrator, places, props: autoscene/story.py) where the
    #: words call for one; False keeps to beats and icon cards.
    stories: bool = True

    def setup(self) -> None:
        super().setup()
        #: The warning lines of what failed and what was drawn instead (see :meth:`play_beat`).
        self.fallbacks: list[str] = []
        self.is_title = self.para.kind == "title"
        text_ = self.para.display_text
        self.story_text = story_text(self.para)
        self._sentence_starts = sentence_starts(self.para)
        if self.is_title:
            self.headline = None
            self.show_captions = False
        elif self.para.kind in DRAWN_KINDS:  # code cards and quotes: the drawing is the text
            self.headline = self.para.section or None
            self.show_captions = False
        self.show_cues = []
        try:
            known = written_in(text_, KEYWORD_LANGUAGE)  # else: no English words guessed from another language
            if not self.is_title and self.para.kind not in DRAWN_KINDS:
                self.headline = self.para.section or headline_of(text_, known)
            self.matches = self.icons_for(self.para)
            self.show_cues = [] if self.is_title else shown_matches(self.para)  # [show NAME]: those icons, at their words
            if self.show_cues:
                self.matches = self.show_cues[: self.max_icons]
            self.plan = self.plan_for(self.manifest, self.para)
            if self.plan.story is not None and self.plan.story.headline and not self.para.section:
                self.headline = self.plan.story.headline  # what the story is about, not its first words
        except Exception as exc:  # noqa: BLE001  (the paragraph still builds, with its one neutral icon)
            self.warn_fallback("planning", exc, "icons")
            if not self.is_title and self.para.kind not in DRAWN_KINDS:
                self.headline = self.para.section or first_words(text_)
            self.show_cues = []
            self.matches, self.plan = [fallback_icon(text_)], Plan(title=self.is_title, icons=1)
        for beat in self.plan.beats:
            beat.theme = self.theme

    # -- the plan ------------------------------------------------------------------
    @classmethod
    def plan_for(cls, manifest: Manifest, para: ParagraphAudio) -> Plan:
        """This paragraph's plan (beats, layout): its own words, and its neighbours' so as not to look like them.

        The neighbours are the paragraphs numbered one less and one more, when the
        manifest has them (a render's job manifest carries them for this).
        """
        if para.kind == "title":
            return Plan(title=True)
        if shown_matches(para) or shown_props(para):  # [show NAME] cues: what is asked for, nothing guessed
            return Plan(icons=len(shown_matches(para)) + len(shown_props(para)))
        listed = list_plan(para)
        if listed is not None:
            return listed
        near = tuple(p.display_text for p in manifest.paragraphs if abs(p.index - para.index) == 1 and p.kind != "title")
        plan = copy.deepcopy(_planned(story_text(para), para.index, near, tuple(registered_beats())))  # fresh: beats keep state while they play
        if not cls.stories or not written_in(story_text(para), KEYWORD_LANGUAGE):
            return plan
        # A story, with the paragraph's beats playing in its prop cells: always when a narrator
        # tells the script; in the third person when the words call for a place, an action or a prop.
        kept = list(plan.beats)
        if plan.companion:  # the icon card a lone beat gets in a long paragraph
            companion = IconBeat.beside(story_text(para), kept)
            if companion is not None:
                kept.append(companion)
        beats = tuple((b.name, tuple(b.spans)) for b in kept)
        narrated = _narrated(_script_texts(manifest))
        story = _storied(story_text(para), beats, narrated)
        if narrated or has_scene(story):
            return Plan(beats=kept, companion=False, story=story)
        return plan

    @classmethod
    def icons_for(cls, para: ParagraphAudio) -> list[IconMatch]:
        """The icon cards a paragraph told with icons gets (the title card: its one icon)."""
        text_ = para.display_text
        if not written_in(text_, KEYWORD_LANGUAGE):  # no English words guessed from another language
            return [fallback_icon(text_)]
        k = 1 if para.kind == "title" else min(cls.max_icons, icon_count(len(text_.split())))
        return match_icons(text_, k)

    def beat(self, name: str) -> Beat:
        """The registered beat ``name``, matched on this paragraph (for a plan written as code)."""
        beat = named_beat(name, self.story_text)
        beat.theme = self.theme
        return beat

    @classmethod
    def story(cls, manifest: Manifest, para: ParagraphAudio) -> str:
        """What this scene shows for ``para``, in a few words (for ``dayinlife scenes``)."""
        return describe(para) or cls.plan_for(manifest, para).describe()

    @classmethod
    def cache_notes(cls, manifest: Manifest, para: ParagraphAudio) -> dict:
        """What else changes this scene's frames, for the render cache key: its plan (which
        depends on the paragraphs before it) and the source of beats registered outside this package."""
        from ..core.fingerprint import class_fingerprint

        outside = [b for b in registered_beats() if not b.__module__.startswith("dayinlife_manim.")]
        return {
            "plan": cls.plan_for(manifest, para).describe(),
            "beats": {b.name: class_fingerprint(b) for b in outside},
        }

    def _sentence_at(self, t: float) -> int:
        """The sentence being said at time ``t`` (the last one that started)."""
        return max([i for i, c in enumerate(self.cues) if c.start <= t] or [0])

    def sentence_span(self, index: int) -> tuple[int, int]:
        """Character span of sentence ``index`` in :attr:`story_text`."""
        start = self._sentence_starts[index]
        return start, start + len(self.cues[index].text)

    # -- the story ----------------------------------------------------------------
    def narrate(self) -> None:
        self.tell()

    def tell(self, plan: Plan | None = None) -> None:
        """Tell the paragraph by ``plan`` (default: AutoScene's own, :attr:`plan`); never raises.

        A scene module written by ``dayinlife new`` calls it with the plan spelled out
        (:meth:`Plan.to_code`): its beats by name, its icon cards one by one.
        """
        if plan is not None:
            self.plan = plan
            for beat in plan.beats:
                beat.theme = self.theme
            if plan.cards is not None:
                self.matches = list(plan.cards) or [fallback_icon(self.para.display_text)]
        if not self.cues:
            return
        before = set(map(id, self.mobjects))
        try:
            if self.is_title:
                self.narrate_title()
            elif narrate_kind(self) or narrate_props(self):  # a Markdown code block or quote, [show PROP] (autoscene/cues.py)
                return
            elif self.plan.story is not None:
                Director(self, self.plan.story, self.manifest.title or self.manifest.slug).play()
            elif self.plan.beats:
                self.narrate_beats()
            else:
                self.narrate_paragraph()
        except Exception as exc:  # noqa: BLE001  (the paragraph still builds: a plain text card)
            card = TextCardBeat.instead_of(None, self.story_text)
            what = "title card" if self.is_title else "plan " + repr(self.plan.describe())
            self.warn_fallback(what, exc, card.name)
            self._undo(card, before)
            card.theme, card.region, card.drawn, card.current = self.theme, self.stage, [], card.spans[0]
            with self.sentence(min(len(self.cues) - 1, self._sentence_at(self.time))) as s:
                self.play_beat(card, s)

    # -- beats --------------------------------------------------------------------
    def narrate_beats(self) -> None:
        """Each beat in its own part of the stage, playing in the sentences that hold its words."""
        beats: list[Beat] = list(self.plan.beats)
        if self.plan.companion:
            companion = IconBeat.beside(self.story_text, beats)
            if companion is not None:
                companion.theme = self.theme
                beats.append(companion)
                beats.sort(key=lambda b: b.start)
        regions = slots(self.stage, [b.shape for b in beats], gap=0.4 * self.theme.scale)
        for beat, region in zip(beats, regions):
            beat.region = region.inset(0.04 * region.width, 0.04 * region.height)
            beat.drawn = []
        self.beats = beats
        for i in range(len(self.cues)):
            with self.sentence(i) as s:
                lo, hi = self.sentence_span(i)
                said = sorted((span, n, beat) for n, beat in enumerate(beats) for span in beat.spans if lo <= span[0] < hi)
                for span, n, beat in said:
                    if beats[n] is beat:  # not replaced by a fallback meanwhile
                        beat.current, beat.step = span, beat.spans.index(span)
                        self.play_beat(beat, s)
            for beat in list(beats):
                if beat.shown:
                    self.play_beat(beat, s, finish=True)

    # -- never failing ----------------------------------------------------------------
    def play_beat(self, beat: Beat, window: SentenceWindow, finish: bool = False) -> None:
        """``beat.play`` (or its ``finish_sentence``), and when it raises, a simpler beat in its place.

        What the failed beat drew leaves the stage, the timeline goes on from where
        it stopped, and the next of :data:`FALLBACKS` (an icon card, then a plain text
        card) tells its words in its region; one warning line names the paragraph and
        the beat (:meth:`warn_fallback`).
        """
        before = set(map(id, self.mobjects))
        try:
            beat.finish_sentence(self, window) if finish else beat.play(self, window)
        except Exception as exc:  # noqa: BLE001  (any beat, ours or an author's: the paragraph still builds)
            self._undo(beat, before)
            stand_in = self._stand_in(beat)
            self.warn_fallback(f"beat {beat.name!r}", exc, stand_in.name if stand_in else None)
            beats = getattr(self, "beats", [])
            if beat in beats:
                if stand_in is None:
                    beats.remove(beat)
                else:
                    beats[beats.index(beat)] = stand_in
            if stand_in is not None and not finish:
                self.play_beat(stand_in, window)
            return
        beat.drawn = getattr(beat, "drawn", []) + [m for m in self.mobjects if id(m) not in before and _drawn_by_beat(m, self)]

    def _undo(self, beat: Beat, before: set[int]) -> None:
        """Take off the stage what ``beat`` drew (before and during its failed call); stop its updaters."""
        gone = [m for m in self.mobjects if id(m) not in before and m is not self._caption_page]
        gone += [m for m in getattr(beat, "drawn", []) if m in self.mobjects]
        for m in gone:
            m.clear_updaters()
        self.remove(*gone)
        beat.drawn, beat.shown = [], False

    def _stand_in(self, beat: Beat) -> Beat | None:
        """The next simpler beat for ``beat``'s words in its region (None after the plain card)."""
        names = [cls.name for cls in FALLBACKS]
        at = names.index(beat.name) + 1 if beat.name in names else 0
        origin = getattr(beat, "replacing", None) or beat  # the words of the beat that failed first
        for cls in FALLBACKS[at:]:
            stand_in = cls.instead_of(origin, self.story_text)
            if stand_in is not None:
                stand_in.replacing = origin
                stand_in.theme, stand_in.region, stand_in.drawn = self.theme, beat.region or self.stage, []
                stand_in.current = stand_in.spans[0] if stand_in.spans else beat.current
                return stand_in
        return None

    def warn_fallback(self, what: str, exc: BaseException, instead: str | None) -> None:
        """One line, in the render log (which the build reads back): the paragraph, what failed, what shows instead."""
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        if len(reason) > 160:
            reason = reason[:159] + "…"
        line = f"warning: paragraph {self.para.id}: {what} failed ({reason}); " + (
            f"drawn with {instead!r} instead" if instead else "left out"
        )
        self.fallbacks.append(line)
        print(line, file=sys.stderr, flush=True)

    # -- paragraphs ---------------------------------------------------------------
    def narrate_paragraph(self) -> None:
        cues = self.plan_icons()
        if not cues:
            return
        self.icon_cues = cues
        slots = self.layout(cues)
        self._placeholder = self._lead_in(cues)
        shown: list[IconCue] = []
        entering = {}
        for c in cues:
            entering.setdefault(c.sentence, []).append(c)
        turn = 0
        for i in range(len(self.cues)):
            new = entering.get(i, [])
            if new:
                with self.sentence(i) as s:
                    for j, c in enumerate(new):
                        later = new[j + 1].fraction if j + 1 < len(new) else None
                        self._enter(s, c, shown, slots, later)
                        shown.append(c)
            elif shown:
                target = self._mentioned(i, shown)
                if target is None:
                    target = shown[turn % len(shown)]
                    turn += 1
                with self.sentence(i) as s:
                    self._emphasise(s, target, i)

    def plan_icons(self) -> list[IconCue]:
        """The icons, each with its sentence, the moment its word is said and its card, in spoken order."""
        cues = []
        for m in self.matches:
            sentence, fraction = self._locate(m)
            cues.append(IconCue(m, VGroup(), sentence, fraction))
        cues.sort(key=lambda c: (c.sentence, c.fraction))
        self.style = self._style(len(cues))
        labels = [self._label(c.match) for c in cues]
        size = self._disc_size(len(cues), labels)
        self._widest_label = max((label.width for label in labels if label is not None), default=0.0)
        for n, (c, label) in enumerate(zip(cues, labels)):
            color = self.theme.icon_colors.get(c.match.slug, self.theme.color(n))
            c.card = self._card(c.match, color, size, label)
        self._fit_labels(cues, size)
        return cues

    def _locate(self, m: IconMatch) -> tuple[int, float]:
        """(sentence, fraction of its text) where ``m``'s words start; the paragraph start if unknown."""
        if not m.words:
            return 0, 0.0
        offset = 0
        for i, cue in enumerate(self.cues):
            end = offset + len(cue.text)
            if m.start >= 0 and offset <= m.start < end and cue.text[m.start - offset :].startswith(m.words):
                return i, self._fraction(cue, m.start - offset)
            offset = end + 1  # the space joining sentences in the paragraph text
        pattern = re.compile(r"(?<!\w)" + re.escape(m.words) + r"(?!\w)", re.IGNORECASE)
        for i, cue in enumerate(self.cues):
            found = pattern.search(cue.text)
            if found:
                return i, self._fraction(cue, found.start())
        return 0, 0.0

    @staticmethod
    def _fraction(cue, pos: int) -> float:
        """How far into ``cue`` (0..1 of its window) the word at character ``pos`` is said."""
        return (char_time(cue, pos) - cue.start) / cue.duration if cue.duration > 0 else 0.0

    # -- geometry -------------------------------------------------------------------
    def _style(self, n: int) -> str:
        """``"row"``: cards side by side, labels below; ``"list"``: stacked, labels to the right.

        The plan's icon variant 1 swaps them (so a paragraph does not look like the one
        before it), unless the row would be too cramped.
        """
        stage = self.stage
        style = "list" if n > 1 and stage.width < 1.6 * stage.height else "row"
        if getattr(self, "plan", None) is not None and self.plan.icon_variant == 1:
            if style == "list" and n <= 2:
                style = "row"
            elif style == "row":
                style = "list"
        return style

    def _label_height(self) -> float:
        return metrics(self.theme.font, self.theme.size("label"))[1]

    def _label(self, m: IconMatch):
        words = m.keyword.replace("-", " ").capitalize() if m in self.show_cues else label_for(m)  # [show NAME]: its name
        return text(words, self.theme, "label", self.theme.upcoming) if words else None

    def _disc_size(self, n: int, labels) -> float:
        stage = self.stage
        n = max(1, n)
        label_h = 1.3 * self._label_height() if any(labels) else 0.0
        if self.style == "list":
            size = min(0.78 * stage.height / n, 0.3 * stage.width)
        else:
            size = 0.8 * min(stage.width / n, stage.height - label_h)
        cap = (MAX_DISC_SHARE if n > 1 else SINGLE_DISC_SHARE) * stage.height
        return max(0.3, min(size, cap))

    def _card(self, m: IconMatch, color: str, size: float, label) -> VGroup:
        disc_and_glyph = badge(m.slug, color, size, self.theme)
        if label is None:
            return VGroup(disc_and_glyph)
        if self.style == "list":
            label.next_to(disc_and_glyph, RIGHT, buff=0.3 * size)
        else:
            label.next_to(disc_and_glyph, DOWN, buff=0.35 * self._label_height())
        return VGroup(disc_and_glyph, label)

    def _fit_labels(self, cues: list[IconCue], size: float) -> None:
        """Shrink labels wider than their room (only those; never below half the theme size)."""
        stage = self.stage
        if self.style == "list":
            room = stage.width - size - 0.3 * size
        else:
            room = 0.94 * self._spacing(len(cues), size) if len(cues) > 1 else 0.94 * stage.width
        for c in cues:
            if len(c.card) > 1 and c.card[1].width > room:
                label = c.card[1]
                edge = label.get_left() if self.style == "list" else label.get_top()
                label.scale(max(0.5, room / label.width))
                if self.style == "list":
                    label.next_to(edge, RIGHT, buff=0)
                else:
                    label.next_to(edge, DOWN, buff=0)

    def _spacing(self, n: int, size: float) -> float:
        """Distance between neighbouring cards' centres (compact, yet never overlapping)."""
        stage = self.stage
        if self.style == "list":
            return min(stage.height / n, 1.3 * size)
        return min(stage.width / n, max(1.5 * size, size + 1.2, self._widest_label + 0.5))

    def layout(self, cues: list[IconCue]) -> dict[int, list[np.ndarray]]:
        """Badge centres for each number ``m`` (1..n) of cards shown: the shown cards centred as a block."""
        stage = self.stage
        n = len(cues)
        size = cues[0].badge.width
        spacing = self._spacing(n, size)
        slots = {}
        for m in range(1, n + 1):
            shown = cues[:m]
            if self.style == "list":
                # One left edge for the badges, the widest card centred.
                width = max(c.card.width for c in shown)
                x = stage.center[0] - width / 2 + size / 2
                points = [np.array([x, stage.center[1] - (i - (m - 1) / 2) * spacing, 0.0]) for i in range(m)]
            else:
                # Badges on one line, the block of badges and labels centred vertically.
                below = max(c.badge.get_center()[1] - c.card.get_bottom()[1] for c in shown)
                above = size / 2
                y = stage.center[1] + (below - above) / 2
                points = [np.array([stage.center[0] + (i - (m - 1) / 2) * spacing, y, 0.0]) for i in range(m)]
            slots[m] = points
        return slots

    def _place(self, c: IconCue, point: np.ndarray) -> None:
        c.card.shift(point - c.badge.get_center())

    def _target(self, c: IconCue, point: np.ndarray) -> np.ndarray:
        """Where ``c.card``'s centre goes when its badge is centred on ``point``."""
        return c.card.get_center() + (point - c.badge.get_center())

    # -- motion ---------------------------------------------------------------------
    def _enter(self, s: SentenceWindow, c: IconCue, shown: list[IconCue], slots, later: float | None) -> None:
        """Pop ``c`` in when its word is said, sliding the icons already shown aside."""
        m = len(shown) + 1
        targets = slots[m]
        self._place(c, targets[-1])
        # Start at the word, but early enough to finish inside the sentence.
        run = ENTRANCE_TIME
        if later is not None:
            run = min(run, max(MIN_ANIMATION, (later - c.fraction) * s.cue.duration))
        latest = max(s.start, s.end - run) if s.end - s.start > run else s.start
        word_time = s.start + c.fraction * s.cue.duration
        if word_time <= latest:
            self._wait_for_words(s, c)
        else:
            self.wait_until_time(latest)
        run = min(run, max(0.0, s.end - self.time))
        moves = [
            other.card.animate.move_to(self._target(other, point))
            for other, point in zip(shown, targets)
            if np.linalg.norm(point - other.badge.get_center()) > 1e-6
        ]
        leaving = []
        if self._placeholder is not None:
            leaving.append(FadeOut(self._placeholder, scale=0.8))
        if run < MIN_ANIMATION:
            for other, point in zip(shown, targets):
                self._place(other, point)
            if self._placeholder is not None:
                self.remove(self._placeholder)
            self.add(c.card)
        else:
            parts = [motions.pop_in(c.badge)]
            if len(c.card) > 1:
                parts.append(FadeIn(c.card[1], shift=UP * 0.1))
            self.play(AnimationGroup(*parts), *moves, *leaving, run_time=run)
            self.add(c.card)  # the card as one mobject again (the animations added its parts)
        self._placeholder = None

    def _lead_in(self, cues: list[IconCue]):
        """A dim quote mark holding the stage when the first icon comes late; it leaves as that one enters."""
        first = cues[0]
        start = self.cues[first.sentence].start + first.fraction * self.cues[first.sentence].duration
        if start - self.time < LEAD_IN_AFTER:
            return None
        quote = icon("format-quote-open", color=self.theme.dim, height=0.45 * self.stage.height)
        quote.move_to(self.stage.center).set_opacity(0.5)
        quote.layout_role = "placeholder"  # the layout check's idle-stage rule does not count it
        self.play(FadeIn(quote, scale=0.9), run_time=0.6)
        return quote

    def _wait_for_words(self, s: SentenceWindow, c: IconCue) -> None:
        """Wait until the icon's words are said (their spot in the sentence, by the word cues)."""
        s.wait_until(c.fraction)  # the fraction is the start of the icon's word, from the word cues

    def _mentioned(self, i: int, shown: list[IconCue]) -> IconCue | None:
        """The first shown icon whose words sentence ``i`` says again."""
        sentence = self.cues[i].text
        for c in shown:
            if c.match.words and re.search(r"(?<!\w)" + re.escape(c.match.keyword or c.match.words) + r"\w*", sentence, re.IGNORECASE):
                return c
        return None

    def _emphasise(self, s: SentenceWindow, c: IconCue, i: int) -> None:
        """A gentle pulse (or, every third sentence, a wiggle) of one icon, early in the sentence."""
        if s.duration < 1.0:
            return
        s.wait_until(0.15)
        run = min(1.0, 0.45 * s.duration, s.remaining)
        if run < MIN_ANIMATION:
            return
        move = motions.wiggle(c.glyph) if i % 3 == 2 else motions.pulse(c.glyph, scale=1.15)
        self.play(move, run_time=run)

    # -- the title card -----------------------------------------------------------
    def narrate_title(self) -> None:
        safe = self.theme.safe
        gap = 0.35 * self.theme.scale
        icon_h = 0.22 * safe.height
        block = Region(safe.left, safe.right, safe.bottom, safe.top - icon_h - gap).inset(0.04 * safe.width, 0)
        title = paragraph(self.para.display_text, self.theme, block, size="title")
        rule_w = min(safe.width * 0.5, max(title.width * 0.6, 1.0))
        rule = Line(np.array([-rule_w / 2, 0, 0]), np.array([rule_w / 2, 0, 0]), color=self.theme.accent, stroke_width=6)
        m = self.matches[0]
        glyph = icon(m.slug, color=self.theme.icon_colors.get(m.slug, self.theme.accent), height=icon_h)
        card = VGroup(glyph, title, rule).arrange(DOWN, buff=gap)
        safe.inset(0.02 * safe.width).fit(card, fill=0.96)
        with self.sentence(0) as s:
            run = min(0.8, max(MIN_ANIMATION, 0.5 * s.remaining))
            self.play(
                motions.pop_in(glyph),
                FadeIn(title, shift=UP * 0.2),
                GrowFromCenter(rule),
                run_time=run,
            )
            if s.remaining > 1.2:
                s.wait_until(0.6)
                self.play(motions.pulse(glyph, scale=1.1), run_time=min(0.8, 0.5 * s.remaining))


def _drawn_by_beat(mob, scene: "AutoScene") -> bool:
    """Whether a mobject the scene gained while a beat played is the beat's drawing
    (not a caption page, nor the empty placeholder of an animated wait)."""
    return mob is not scene._caption_page and any(len(m.points) for m in mob.get_family())


def _script_texts(manifest: Manifest) -> tuple[str, ...]:
    """The whole script's text when its file is at hand (a render's job manifest holds only a
    paragraph and its neighbours), else the manifest's paragraphs: one answer for every scene."""
    from pathlib import Path

    # The path as the build was given it: from the folder it ran in (scene processes run
    # there too), else from the manifest's folder.
    given = Path(manifest.script_path) if manifest.script_path else None
    places = [] if given is None else [given] if given.is_absolute() else [Path.cwd() / given]
    if given is not None and not given.is_absolute() and manifest.root is not None:
        places.append(manifest.root / given)
    for path in places:
        try:
            if path.is_file():
                return (path.read_text(encoding="utf-8", errors="replace"),)
        except OSError:
            pass
    return tuple(p.display_text for p in manifest.paragraphs if p.kind != "title")


@functools.lru_cache(maxsize=64)
def _narrated(texts: tuple[str, ...]) -> bool:
    """Whether the script is told by a narrator ("I", "we", a how-to's "you"): its paragraphs get stories."""
    return told_by_narrator(texts)


def _storied(text: str, beats: tuple = (), narrator: bool = True) -> Story:
    return copy.deepcopy(_story_of(text, beats, narrator))


@functools.lru_cache(maxsize=256)
def _story_of(text: str, beats: tuple, narrator: bool) -> Story:
    return plan_story(text, beats=beats, narrator=narrator)


@functools.lru_cache(maxsize=256)
def _planned(text: str, index: int, neighbours: tuple[str, ...], beats: tuple) -> Plan:
    """A paragraph's plan (cached: the build, ``dayinlife scenes`` and the render cache key all ask).

    Beats listen for English words: a paragraph in another language keeps its one neutral icon.
    """
    if not written_in(text, KEYWORD_LANGUAGE):
        return Plan(icons=1)
    return plan_paragraph(text, index, [default_plan(t) if written_in(t, KEYWORD_LANGUAGE) else Plan(icons=1) for t in neighbours])


def headline_of(text: str, known: bool = True) -> str | None:
    """The headline for a paragraph: a short key phrase (its first words when it is not in the
    keyword map's language), or none when it would repeat the whole text."""
    headline = headline_for(text) if known else first_words(text)
    return headline if headline and not _same_words(headline, text) else None


def story_text(para: ParagraphAudio) -> str:
    """The text beats read: the paragraph's sentences as spoken cues, joined by spaces."""
    return " ".join(c.text for c in para.cues) if para.cues else para.display_text


def sentence_starts(para: ParagraphAudio) -> list[int]:
    """Where each sentence starts in :func:`story_text`."""
    starts, at = [], 0
    for c in para.cues:
        starts.append(at)
        at += len(c.text) + 1
    return starts


def _same_words(a: str, b: str) -> bool:
    """Whether two texts say the same words (case and punctuation aside)."""
    words = lambda t: re.findall(r"\w+", t.lower())  # noqa: E731
    return words(a) == words(b)


__all__ = ["AutoScene", "IconCue", "headline_of", "icon_count", "label_for", "story_text"]
