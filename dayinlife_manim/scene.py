"""``NarratedScene``: the plumbing every paragraph scene shares.

A scene names its script and paragraph; the base class loads (or first makes)
the voiceover, adds the sound at time zero, draws the headline and the synced
caption block, runs the author's :meth:`NarratedScene.narrate` and ends
exactly when the narration ends.  Inside ``narrate``, ``with
self.sentence(i) as s:`` fits animations into sentence ``i``'s window::

    SCRIPT = "examples/a_day_in_life.txt"   # read by every scene of this module

    class LateStart(NarratedScene):
        paragraph = 1

        def narrate(self):
            clock = Clock().move_to(self.stage.center)
            with self.sentence(0) as s:
                self.play(pop_in(clock))
                s.wait_for("11")
                self.play(clock.turn_to(11), run_time=s.share(0.3))

No timing arithmetic in scene code: the block waits out the rest of its
sentence when it ends, and captions follow the voice by themselves.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from manim import Mobject, Scene, Wait, config, logger

from .manifest import Cue, Manifest, ParagraphAudio, Word, load_manifest
from .visuals import motions
from .visuals.captions import CaptionBlock
from .visuals.text import text
from .visuals.theme import DEFAULT_THEME, Region, Theme

#: Set by ``dayinlife build`` for the scene process it starts.
ENV_MANIFEST = "DAYINLIFE_MANIFEST"
ENV_PARAGRAPH = "DAYINLIFE_PARAGRAPH"


def _bare(word: str) -> str:
    return _EDGE_PUNCT.sub("", word.casefold())


_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_PARTS = re.compile(r"[\W_]+")


def _overlap(a: Mobject, b: Mobject) -> bool:
    """Whether the bounding boxes of ``a`` and ``b`` (with points) intersect."""
    if not any(m.has_points() for m in a.get_family()) or not any(m.has_points() for m in b.get_family()):
        return False
    return not (
        a.get_right()[0] < b.get_left()[0] or b.get_right()[0] < a.get_left()[0]
        or a.get_top()[1] < b.get_bottom()[1] or b.get_top()[1] < a.get_bottom()[1]
    )


def word_starts(cue: Cue, phrase: str) -> list[float]:
    """Start times of every occurrence of ``phrase`` among ``cue``'s words (whole
    words first; words that begin with it when there are none)."""
    key = [_bare(w) for w in phrase.split()]
    key = [k for k in key if k]
    if not key:
        raise ValueError(f"no word to look for in {phrase!r}")
    words = cue.words or _char_words(cue)
    bare = [_bare(w.text) for w in words]
    span = len(key)
    exact = [words[i].start for i in range(len(bare) - span + 1) if bare[i : i + span] == key]
    if exact:
        return exact
    prefix = [
        words[i].start
        for i in range(len(bare) - span + 1)
        if bare[i : i + span - 1] == key[:-1] and bare[i + span - 1].startswith(key[-1])
    ]
    if prefix:
        return prefix
    # The phrase may start or end inside a shown word: "5 business" in "ships in 3-5 business
    # days", "mail" in "e-mail".  Match the parts of the words (cut at inner punctuation),
    # each occurrence timed by the word holding its first part.
    parts = [(part, k) for k, b in enumerate(bare) for part in _PARTS.split(b) if part]
    key = [part for k in key for part in _PARTS.split(k) if part]
    span = len(key)
    found = []
    for i in range(len(parts) - span + 1):
        names = [p for p, _ in parts[i : i + span]]
        if names[:-1] == key[:-1] and names[-1].startswith(key[-1]) and words[parts[i][1]].start not in found:
            found.append(words[parts[i][1]].start)
    return found


def char_time(cue: Cue, pos: int) -> float:
    """When the word holding character ``pos`` of ``cue.text`` starts being said."""
    offset = 0
    words = cue.words or _char_words(cue)
    for w in words:
        offset += len(w.text) + 1
        if pos < offset:
            return w.start
    return words[-1].start if words else cue.start


def _char_words(cue: Cue) -> tuple[Word, ...]:
    """Word cues placed by character position (a cue made by hand, without words)."""
    out, offset, length = [], 0, max(1, len(cue.text))
    for piece in cue.text.split():
        t = cue.start + cue.duration * offset / length
        out.append(Word(t, t, piece))
        offset += len(piece) + 1
    return tuple(out)


@dataclass
class SentenceWindow:
    """Sentence ``index`` of the paragraph, as the scene sees it while it is spoken."""

    scene: "NarratedScene"
    index: int
    cue: Cue
    end: float  # when the next sentence starts (or the narration ends)

    @property
    def text(self) -> str:
        return self.cue.text

    @property
    def start(self) -> float:
        return self.cue.start

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def remaining(self) -> float:
        return max(0.0, self.end - self.scene.time)

    def share(self, fraction: float, minimum: float = 0.25) -> float:
        """A run time of ``fraction`` of this sentence, never past its end (nor under ``minimum``)."""
        return max(minimum, min(fraction * self.duration, self.remaining))

    def wait_until(self, fraction: float) -> None:
        """Wait until ``fraction`` (0..1) of the sentence has been spoken."""
        self.scene.wait_until_time(self.start + fraction * self.cue.duration)

    def word_time(self, word: str, n: int = 1) -> float:
        """When the ``n``-th occurrence (1 = first) of ``word`` starts being said.

        ``word`` is one word or several (``"11 o'clock"``), matched against the
        sentence's word cues ignoring case and the punctuation around words; a
        word that only begins a spoken one (``"sleep"`` in "sleeps") matches too.
        """
        starts = word_starts(self.cue, word)
        if len(starts) < n or n < 1:
            found = f"{len(starts)} time(s)" if starts else "not at all"
            raise ValueError(f"{word!r} occurs {found} in sentence {self.index}, not {n}: {self.cue.text!r}")
        return starts[n - 1]

    def wait_for(self, word: str, n: int = 1) -> None:
        """Wait until the ``n``-th ``word`` of the sentence is about to be said."""
        self.scene.wait_until_time(self.word_time(word, n))

    def char_time(self, pos: int) -> float:
        """When the shown word holding character ``pos`` of the sentence's text starts being said."""
        return char_time(self.cue, pos)

    # Context manager: enter at the sentence start, leave when the next one starts.
    def __enter__(self) -> "SentenceWindow":
        self.scene.wait_until_time(self.start)
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            if self.scene.time > self.end + 1 / config.frame_rate:
                logger.warning(
                    "sentence %d ran %.2fs past its window in %s",
                    self.index,
                    self.scene.time - self.end,
                    type(self.scene).__name__,
                )
            self.scene.wait_until_time(self.end)


class NarratedScene(Scene):
    """A scene that tells one paragraph of a script, in time with its voiceover.

    Class attributes to set:

    * ``script``: path of the script file (relative paths are taken from the
      current folder, or use ``Path(__file__)``-based paths).  Scenes of one
      video usually share it as a module-level ``SCRIPT = ...`` instead: a
      setting left unset on the class is read from the module that defines it
      (``SCRIPT``, ``THEME``), so a module needs no renderable base class and
      ``manim render FILE -a`` renders exactly its paragraph scenes.
    * ``paragraph``: index or id of the paragraph this scene tells.
    * ``headline``: a short line shown above the stage (``None``: no headline).
    * ``show_captions``: draw the synced caption block (default ``True``).
    * ``theme``: the :class:`Theme`.
    * ``caption_mode``: ``"words"`` or ``"sentence"``.

    ``theme`` and ``caption_mode`` are the defaults: a script's options
    (front matter, ``dayinlife.toml``, ``--captions``/``--theme``) reach the
    scene in the manifest's ``style`` and win over them, field by field for
    the theme.

    Hooks to override: :meth:`narrate` (the story) and, rarely,
    :meth:`make_headline`.
    """

    script: ClassVar[str | Path | None] = None
    paragraph: ClassVar[int | str] = 0
    headline: ClassVar[str | None] = None
    show_captions: ClassVar[bool] = True
    #: ``"words"``: the spoken word is highlighted within its line (karaoke);
    #: ``"sentence"``: the spoken sentence is.
    caption_mode: ClassVar[str] = "words"
    theme: ClassVar[Theme] = DEFAULT_THEME

    #: Class attribute -> the module-level name that provides it for every scene of a module.
    MODULE_SETTINGS: ClassVar[dict[str, str]] = {"script": "SCRIPT", "theme": "THEME"}

    # -- loading ----------------------------------------------------------
    @classmethod
    def setting(cls, name: str):
        """Class attribute ``name`` as set on the class or a base, else the module-level
        ``SCRIPT``/``THEME`` of the module defining the class (or a base), else the default."""
        own = cls.__mro__[: cls.__mro__.index(NarratedScene)]
        for klass in own:
            if name in vars(klass):
                return vars(klass)[name]
        for klass in own:
            value = getattr(sys.modules.get(klass.__module__), cls.MODULE_SETTINGS[name], None)
            if value is not None:
                return value
        return getattr(NarratedScene, name)

    @classmethod
    def load_manifest(cls) -> Manifest:
        """The manifest to tell: ``$DAYINLIFE_MANIFEST``, or the class's script (voiced first if needed)."""
        env = os.environ.get(ENV_MANIFEST)
        if env:
            return load_manifest(Path(env))
        script = cls.setting("script")
        if script is None:
            raise RuntimeError(f"{cls.__name__} has no `script` (nor a module-level SCRIPT) and ${ENV_MANIFEST} is not set")
        from .voices.voiceover import ensure_voiceover

        return ensure_voiceover(Path(script), say=logger.info)

    @classmethod
    def paragraph_key(cls) -> int | str:
        return os.environ.get(ENV_PARAGRAPH) or cls.paragraph

    def setup(self) -> None:
        super().setup()
        self.manifest = self.load_manifest()
        style = self.manifest.style  # the script's captions and theme (front matter, dayinlife.toml, CLI)
        theme = self.setting("theme")
        if style.get("theme"):
            theme = replace(theme, **style["theme"])
        if style.get("captions"):
            self.caption_mode = style["captions"]
        # Chinese, Japanese and Korean each draw some characters their own way: the script says which.
        self.theme = theme.for_text(" ".join(p.display_text for p in self.manifest.paragraphs))
        self.para: ParagraphAudio = self.manifest.paragraph(self.paragraph_key())
        self.cues: tuple[Cue, ...] = self.para.cues
        self.camera.background_color = self.theme.background
        self._caption_block: CaptionBlock | None = None
        self._caption_page = None
        self._caption_chunk = -1
        self._caption_key: tuple | None = None

    # -- regions ----------------------------------------------------------
    @property
    def stage(self) -> Region:
        """Where the story's icons and motion go."""
        has_headline = self.headline is not None
        return self.theme.stage if has_headline else self.theme.full_stage

    @property
    def narration_duration(self) -> float:
        """Length of the narration, and of this scene, in seconds."""
        return self.para.duration

    # -- the template -----------------------------------------------------
    def construct(self) -> None:
        self.add_sound(str(self.manifest.audio_path(self.para)), time_offset=0)
        opening = []
        title = self.make_headline()
        if title is not None:
            title.layout_role = "headline"  # the layout check (render/layoutcheck.py) knows it
            opening.append(title)
        if self.show_captions and self.cues:
            self._caption_block = CaptionBlock(self.cues, self.theme.caption, self.theme, mode=self.caption_mode)
            opening.append(self._caption_block.highlight(0, 0.0))
            self._caption_page, self._caption_chunk = opening[-1], 0
        if opening:
            self.play(motions.scene_in(*opening))
        self.narrate()
        self.finish()

    def make_headline(self):
        """The headline mobject (``None`` for none); placed in the theme's headline region."""
        if self.headline is None:
            return None
        region = self.theme.headline
        return region.fit(text(self.headline, self.theme, "headline", self.theme.accent))

    def allow_overlap(self, a: Mobject, b: Mobject) -> None:
        """Tell the layout check (``dayinlife check``) that ``a`` and ``b`` (and what is inside them) overlap by design."""
        self.layout_allowed.append(frozenset((id(a), id(b))))
        self._allowed_keep.extend((a, b))  # kept alive: the check matches them by identity

    @property
    def layout_allowed(self) -> list[frozenset]:
        if "_layout_allowed" not in vars(self):
            self._layout_allowed, self._allowed_keep = [], []
        return self._layout_allowed

    def narrate(self) -> None:
        """The story of the paragraph: override this.  The default just lets the captions run."""

    def finish(self) -> None:
        """Fade everything out in the tail and end exactly when the audio ends."""
        end = self.narration_duration
        self.wait_until_time(self._fade_time())
        left = self._frame_at(end) - self.frames_written  # a play of run_time r writes ceil(r * fps) frames
        if self.mobjects and left > 0:
            fps = config.frame_rate
            fade = min(motions.TRANSITION_TIME, (left - 0.5) / fps) if left > 1 else 1 / fps  # (manim's shortest play: one frame)
            self.play(motions.scene_out(*self.mobjects), run_time=fade)
        self._advance_frames_to(self._frame_at(end))

    # -- timing -----------------------------------------------------------
    def _fade_time(self) -> float:
        """When the closing fade starts: it ends with the audio."""
        return self.narration_duration - motions.TRANSITION_TIME - 1 / config.frame_rate

    def sentence(self, index: int) -> SentenceWindow:
        """The window of sentence ``index`` (negative counts from the end), for a ``with`` block."""
        index = range(len(self.cues))[index]
        cue = self.cues[index]
        if index + 1 < len(self.cues):
            end = self.cues[index + 1].start
        else:  # the last window leaves the tail's closing fade alone
            end = max(cue.end, self._fade_time())
        return SentenceWindow(self, index, cue, end)

    @property
    def sentences(self) -> list[SentenceWindow]:
        return [self.sentence(i) for i in range(len(self.cues))]

    def _frame_at(self, t: float) -> int:
        return round(t * config.frame_rate)

    @property
    def frames_written(self) -> int:
        """Frames written so far."""
        return round(self.time * config.frame_rate)

    def wait_until_time(self, t: float) -> None:
        """Wait until scene time ``t``, switching the caption highlight on the way."""
        t = min(t, self.narration_duration)
        if self._caption_block is not None:
            for switch in self._caption_block.switch_times():
                if self.time < switch < t:
                    self._advance_frames_to(self._frame_at(switch))
                    self._show_caption_for(switch)
        self._advance_frames_to(self._frame_at(t))
        self._show_caption_for(max(t, self.time))

    def _advance_frames_to(self, target: int) -> None:
        """Hold (or let updaters run) until exactly ``target`` frames are written."""
        fps = config.frame_rate
        for _ in range(3):
            need = target - self.frames_written
            if need <= 0:
                return
            if self._has_updaters():
                # Animated waits write ceil(run_time * fps) frames (at least one).
                self.wait(max(1, need - 0.5) / fps, frozen_frame=False)
            else:
                # Frozen waits write int(run_time * fps) frames.
                self.wait((need + 0.5) / fps, frozen_frame=True)

    def _has_updaters(self) -> bool:
        return bool(self.updaters) or any(m.updaters for m in self.get_mobject_family_members())

    def play(self, *args, **kwargs) -> None:
        """``Scene.play``; with word captions, the word highlight follows the voice while it runs.

        Only the caption glyphs that change colour during the animation are
        redrawn in its frames (:class:`~.visuals.captions.LiveGlyphs`): the
        rest of the page stays in manim's still background.
        """
        block, page = self._caption_block, self._caption_page
        if block is None or block.mode != "words" or page is None:
            return super().play(*args, **kwargs)
        manim_own = {k: kwargs.pop(k) for k in ("subcaption", "subcaption_duration", "subcaption_offset") if k in kwargs}
        animations = self.compile_animations(*args, **kwargs)
        live = self._live_captions(animations, page)
        try:
            super().play(*animations, **manim_own)
        finally:
            if live is not None:
                self.remove(live)
                live.close()
        self._show_caption_for(self.time)

    def _live_captions(self, animations: list, page):
        """The caption glyphs that must follow the voice during ``animations``, added to the scene."""
        if len(animations) == 1 and isinstance(animations[0], Wait) and animations[0].is_static_wait:
            return None  # a frozen wait: waits are cut at every word switch (wait_until_time)
        animated = {id(m) for a in animations for m in a.mobject.get_family()}
        if any(id(m) in animated for m in page.get_family()):
            return None  # the page itself is animated (faded in or out): it is redrawn anyway
        live = self._caption_block.live_glyphs(self.time, self.time + self.get_run_time(animations))
        if live is None:
            return None
        # Drawn last, unless something added after the page covers it: then just above the page.
        after = self.mobjects[self.mobjects.index(page) + 1 :] if page in self.mobjects else []
        if any(_overlap(m, live) for m in after):
            self.mobjects.insert(self.mobjects.index(page) + 1, live)
        else:
            self.add(live)
        return live

    def _show_caption_for(self, t: float) -> None:
        block = self._caption_block
        if block is None:
            return
        chunk = block.chunk_at(t)
        key = (chunk, block.word_at(chunk, t) if block.mode == "words" else None)
        if key == self._caption_key:
            return
        self._caption_key = key
        page = block.highlight(chunk, t)
        if page is not self._caption_page:
            if self._caption_page is not None:
                self.remove(self._caption_page)
            self.add(page)
            self._caption_page = page
        self._caption_chunk = chunk
