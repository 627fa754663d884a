"""The beats AutoScene knows out of the box, each registered with :func:`register_beat`.

============  ===========================================  ======================================
beat          words it listens for                         what it shows
============  ===========================================  ======================================
``clock``     7:30, 6 am, eleven o'clock, noon, half past  a clock whose hands turn to each time
``daytime``   morning, afternoon, evening, night, dawn     the sun crossing a sky arc, then a moon
``counter``   $4,242, 20 euros, 45%, 3,000 steps            a number counting up, its unit below
``checklist`` a, b, c and d; first ... then ... finally    rows revealed and ticked as said
``progress``  loading, waiting, training the model, 80%    a bar filling across the sentence
``feeling``   happy, sad, angry, tired, surprised          a face that smiles, frowns, dozes...
``compare``   before/after, X vs Y, from X to Y, than      two sides, one turning into the other
``travel``    drive/walk/fly/commute ... (from X) to Y     a vehicle travelling along a path
============  ===========================================  ======================================
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ArcBetweenPoints,
    Arrow,
    Circle,
    Create,
    DashedVMobject,
    FadeIn,
    FadeOut,
    GrowArrow,
    Line,
    MoveAlongPath,
    ReplacementTransform,
    Transform,
    VGroup,
    rate_functions,
)

from ..visuals import motions
from ..visuals.charts import Counter, ProgressBar
from ..visuals.icons import icon
from ..visuals.office import Checklist
from ..visuals.people import Face
from ..visuals.time import Clock
from .beats import Beat, Span, badge, labelled, register_beat
from .keywords import FALLBACK_ICON, FALLBACK_QUESTION_ICON, match_icons

NUMBER_WORDS = {
    w: i
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_HOUR = r"(1[0-2]|0?[1-9]|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)[:-1]) + r")"


def _hour_value(word: str) -> int:
    w = word.lower()
    return NUMBER_WORDS[w] if w in NUMBER_WORDS else int(w)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)


def _sentences(paragraph: str) -> list[Span]:
    """Rough sentence spans (for beats that look inside one sentence)."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?…]+(?:\s+|$)", paragraph):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def _capitalised(words: str, most: int = 26) -> str:
    words = re.sub(r"\s+", " ", words).strip(" ,;:.!?\"'“”")
    if len(words) > most:
        cut = words[: most + 1].rsplit(" ", 1)[0]
        words = (cut if len(cut) >= most // 2 else words[:most]).rstrip(",;: ") + "…"
    return words[:1].upper() + words[1:]


def _icon_for(words: str, fallback: str = "map-marker") -> str:
    m = match_icons(words, 1)[0]
    return fallback if m.slug in (FALLBACK_ICON, FALLBACK_QUESTION_ICON) else m.slug


# == time =====================================================================================
_TIMES = [
    # 7:30 pm, 6 am, 11 a.m.
    (re.compile(r"\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?m\b\.?", re.I), "ampm"),
    # 18:45, 7:30
    (re.compile(r"(?<![\d:/.])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])"), "hm"),
    # eleven o'clock, 6 o'clock
    (re.compile(r"\b" + _HOUR + r"\s*o['’]?\s?clock\b", re.I), "oclock"),
    # half past six, quarter to nine
    (re.compile(r"\b(half past|quarter past|quarter to)\s+" + _HOUR + r"\b", re.I), "past"),
    (re.compile(r"\b(noon|midday|midnight)\b", re.I), "named"),
    # at six / at 7 (then a pause, "and", "sharp", "in the morning"...)
    (re.compile(r"\b(?:at|by|until|till|around)\s+" + _HOUR + r"(?=\s*(?:[,.;!?]|$|and\b|sharp\b|in the\b|every\b|on the dot\b))", re.I), "at"),
]


def find_times(paragraph: str) -> list[tuple[float, Span, float]]:
    """(hour on a 12-hour dial, span, strength) of every clock time, in text order."""
    found: list[tuple[float, Span, float]] = []
    taken: list[Span] = []
    for pattern, kind in _TIMES:
        for m in pattern.finditer(paragraph):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            g = m.groups()
            if kind == "ampm":
                hour, strength = int(g[0]) % 12 + (int(g[1]) / 60 if g[1] else 0), 3.2
            elif kind == "hm":
                hour, strength = int(g[0]) % 12 + int(g[1]) / 60, 3.0
            elif kind == "oclock":
                hour, strength = float(_hour_value(g[0]) % 12), 3.2
            elif kind == "past":
                h = _hour_value(g[1]) % 12
                hour = h + (0.5 if g[0].lower().startswith("half") else 0.25 if "past" in g[0].lower() else -0.25)
                strength = 3.0
            elif kind == "named":  # noon, midnight: parts of the day too, a weak clock time
                hour, strength = 0.0, 2.0
            else:
                hour, strength = float(_hour_value(g[0]) % 12), 2.2
            found.append((hour % 12, m.span(), strength))
            taken.append(m.span())
    return sorted(found, key=lambda f: f[1])


@register_beat
class ClockBeat(Beat):
    """A clock whose hands turn to each time as it is said, the time written below."""

    name = "clock"
    group = "time"
    shape = 0.8

    def matches(self, paragraph: str) -> float:
        self.times = find_times(paragraph)
        self.spans = [span for _, span, _ in self.times]
        self.words = [paragraph[a:b] for a, b in self.spans]
        if not self.times:
            return 0.0
        return max(s for *_, s in self.times) + 0.3 * min(3, len(self.times) - 1)

    def describe(self) -> str:
        return "clock " + " → ".join(self.words[:4])

    def play(self, scene, window) -> None:
        hour = next(h for h, span, _ in self.times if span == self.current)
        words = self.said(scene)
        if not self.shown:
            self.clock = Clock(radius=1.0, hour=(hour - 4) % 12, theme=self.theme)
            self.caption = self.label(words, self.theme.accent)
            self.fit(labelled(self.clock, self.caption, gap=0.2))
            self.caption.set_opacity(0)
            self.wait_for_span(scene, window, self.current, early=0.8)
            self.enter(scene, window, self.clock, fraction=0.1)
        self.wait_for_span(scene, window, self.current)
        scene.play(
            self.clock.turn_to(hour, rate_func=rate_functions.ease_in_out_cubic),
            self.relabel(words, self.theme.accent),
            run_time=self.run_time(window, 0.3),
        )

_DAYPARTS = {
    "dawn": 0.04, "sunrise": 0.06, "daybreak": 0.06, "morning": 0.25, "breakfast": 0.2, "noon": 0.5,
    "midday": 0.5, "lunchtime": 0.52, "afternoon": 0.72, "sunset": 0.94, "dusk": 0.96, "evening": 1.1,
    "tonight": 1.3, "night": 1.3, "midnight": 1.5, "nighttime": 1.3,
}
_DAYPART_RE = re.compile(r"\b(" + "|".join(sorted(_DAYPARTS, key=len, reverse=True)) + r")s?\b", re.I)


@register_beat
class DaytimeBeat(Beat):
    """The sun crossing a sky arc through the parts of the day; after sunset, the moon."""

    name = "daytime"
    group = "time"
    shape = 1.6

    def matches(self, paragraph: str) -> float:
        found = list(_DAYPART_RE.finditer(paragraph))
        self.parts = [(_DAYPARTS[m.group(1).lower()], m.span()) for m in found]
        self.words = [m.group(1).lower() for m in found]
        self.spans = [s for _, s in self.parts]
        kinds = {round(p, 2) for p, _ in self.parts}
        if not kinds:
            return 0.0
        # One mention ("the night shift") is too weak to replace the icons; a day going by is not.
        return 1.2 if len(kinds) == 1 else 2.2 + 0.3 * min(2, len(kinds) - 2)

    def describe(self) -> str:
        return "daytime " + " → ".join(list(dict.fromkeys(self.words))[:4])

    def _point(self, position: float) -> np.ndarray:
        """Where the sun (or moon, past 1.0) stands on the arc."""
        t = position if position <= 1.0 else min(1.0, position - 1.0 + 0.2)
        return self.arc.point_from_proportion(float(np.clip(t, 0.0, 1.0)))

    def play(self, scene, window) -> None:
        position = next(p for p, span in self.parts if span == self.current)
        night = position > 1.0
        words = _capitalised(self.said(scene))
        if not self.shown:
            w = 3.0
            horizon = Line(LEFT * w / 2, RIGHT * w / 2, color=self.theme.dim, stroke_width=3)
            self.arc = ArcBetweenPoints(LEFT * w * 0.42, RIGHT * w * 0.42, angle=-np.pi * 0.8)
            path = DashedVMobject(self.arc.copy().set_stroke(self.theme.dim, 2), num_dashes=24)
            # Room for the sun anywhere on its arc (invisible), so it never leaves the region.
            room = VGroup(*(self._body(False).move_to(self.arc.point_from_proportion(t)).set_opacity(0) for t in (0, 0.5, 1)))
            self.body = self._body(night).move_to(self._point(max(0.0, position - 0.15)))
            self.caption = self.label(words).next_to(horizon, DOWN, buff=0.2)
            self.fit(VGroup(path, horizon, self.caption, self.body, self.arc, room))
            self.arc.set_stroke(opacity=0)
            self.caption.set_opacity(0)
            self.wait_for_span(scene, window, self.current, early=0.6)
            scene.play(Create(horizon), Create(path), motions.pop_in(self.body), run_time=self.run_time(window, 0.12, 0.6))
            self.shown = True
        self.wait_for_span(scene, window, self.current)
        target = self._point(position)
        anims = [self.relabel(words)]
        if night and not self.is_night:
            moon = self._body(True).match_height(self.body).move_to(target)
            anims.append(ReplacementTransform(self.body, moon))
            self.body = moon
        else:
            anims.append(self.body.animate.move_to(target))
        scene.play(*anims, run_time=self.run_time(window, 0.25))

    def _body(self, night: bool):
        self.is_night = night
        slug, color = ("weather-night", self.theme.color(0)) if night else ("weather-sunny", self.theme.accent)
        return icon(slug, color=color, height=0.55)


# == numbers ====================================================================================
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_CURRENCY_WORDS = {"dollar": "$", "dollars": "$", "bucks": "$", "euro": "€", "euros": "€", "pound": "£", "pounds": "£",
                   "yen": "¥", "cents": "¢"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNTS = [
    re.compile(r"([$€£¥])\s?(" + _NUM + r")(?:\s?(k|m|bn|million|billion|thousand)\b)?", re.I),
    re.compile(r"\b(" + _NUM + r")\s?(?:(million|billion|thousand)\s)?(dollars?|bucks|euros?|pounds|yen|cents)\b", re.I),
    re.compile(r"\b(" + _NUM + r")\s?(€)"),
    re.compile(r"\b(" + _NUM + r")\s?(%|percent\b|per cent\b)", re.I),
    re.compile(r"(?<![\w$€£¥.,:/–-])(" + _NUM + r")\s+([a-z][a-z-]{2,})\b", re.I),
]
#: Words after a bare number that make it no amount worth counting.
_NOT_UNITS = frozenset(
    "am pm o'clock oclock and or to of in on at the a an times time sharp percent per or th st nd rd years year "
    "is are was were".split()
)


@register_beat
class CounterBeat(Beat):
    """A number counting up to each amount as it is said (money, percentages, counts), its unit below."""

    name = "counter"
    group = "number"
    shape = 1.8

    def matches(self, paragraph: str) -> float:
        times = [s for _, s, _ in find_times(paragraph)]
        self.amounts: list[tuple[float, str, str, str, int, Span, float]] = []
        taken: list[Span] = list(times)
        for kind, pattern in enumerate(_AMOUNTS):
            for m in pattern.finditer(paragraph):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                found = self._amount(kind, m)
                if found is not None:
                    self.amounts.append(found + (m.span(), [3.2, 3.2, 3.2, 2.6, 2.0][kind]))
                    taken.append(m.span())
        self.amounts.sort(key=lambda a: a[5])
        self.spans = [a[5] for a in self.amounts]
        if not self.amounts:
            return 0.0
        return max(a[6] for a in self.amounts) + 0.3 * min(2, len(self.amounts) - 1)

    @staticmethod
    def _amount(kind: int, m: re.Match) -> tuple[float, str, str, str, int] | None:
        """(value, prefix, suffix, unit, decimals) or None."""
        g = m.groups()
        if kind == 0:
            number, prefix, scale = g[1], g[0], (g[2] or "").lower()
            suffix, unit = ({"k": "k", "m": "M", "bn": "bn"}.get(scale, f" {scale}") if scale else ""), ""
        elif kind == 1:
            number, scale, word = g[0], (g[1] or "").lower(), g[2].lower()
            prefix = _CURRENCY_WORDS.get(word, "")
            suffix, unit = (f" {scale}" if scale else ""), ""
            if prefix == "¢":
                prefix, suffix = "", "¢"
        elif kind == 2:
            number, prefix, suffix, unit = g[0], "", " €", ""
        elif kind == 3:
            number, prefix, suffix, unit = g[0], "", "%", ""
        else:
            number, unit = g[0], g[1]
            value = float(number.replace(",", ""))
            if unit.lower() in _NOT_UNITS or value < 2 or (1900 <= value <= 2100 and "," not in number):
                return None
            prefix, suffix = "", ""
        value = float(number.replace(",", ""))
        decimals = len(number.split(".")[1]) if "." in number else 0
        return value, prefix, suffix, unit, min(decimals, 2)

    def describe(self) -> str:
        return "counter " + " → ".join(self._format(a) for a in self.amounts[:3])

    @staticmethod
    def _format(a) -> str:
        value, prefix, suffix, unit, decimals = a[:5]
        return f"{prefix}{value:,.{decimals}f}{suffix}" + (f" {unit}" if unit else "")

    def play(self, scene, window) -> None:
        value, prefix, suffix, unit, decimals = next(a for a in self.amounts if a[5] == self.current)[:5]
        if not self.shown or (prefix, suffix, unit) != self.kind:
            counter = Counter(0, self.theme, prefix=prefix, suffix=suffix, size="headline", color=self.theme.color(3),
                              decimals=decimals)
            # Sized and placed for the widest number it will show.
            same = [x for x in self.amounts if x[1:4] == (prefix, suffix, unit)]
            top = max(same, key=lambda x: len(CounterBeat._format(x)))
            widest = Counter(top[0], self.theme, prefix=prefix, suffix=suffix, size="headline", decimals=top[4])
            unit_label = self.label(unit) if unit else None
            self.fit(labelled(widest, unit_label, gap=0.15), fill=0.8)
            counter.match_height(widest[0]).move_to(widest)
            parts = [counter] + ([unit_label] if unit_label else [])
            self.wait_for_span(scene, window, self.current, early=0.5)
            if self.shown:
                scene.play(*(FadeOut(m) for m in self.parts), *(FadeIn(m) for m in parts), run_time=self.run_time(window, 0.08, 0.4))
            else:
                self.enter(scene, window, *parts, fraction=0.08)
            self.counter, self.kind, self.parts = counter, (prefix, suffix, unit), parts
        self.wait_for_span(scene, window, self.current)
        self.counter.decimals = decimals  # $4.50, then $2,700 (not $2,700.00)
        if self.counter.value != value:
            scene.play(self.counter.count_to(value), run_time=self.run_time(window, 0.35, 1.5))

# == lists ======================================================================================
_PRONOUNS = frozenset("i we you he she they it this that there".split())
_MARKERS = frozenset(
    "however well yes no so then also honestly still now today tomorrow yesterday sometimes often first "
    "finally later afterwards anyway plus besides meanwhile ok okay oh".split()
)
#: Words no list item starts with: subjects and relative words ("which was empty" is no item).
_NOT_ITEM = _PRONOUNS | frozenset("which who whom whose where when while because although though if".split())
_CUT_AFTER = frozenset(
    "to before after at in on with because while when until for from then so but which that who where as "
    "into onto during".split()
)
_SEQUENCE = re.compile(r"\b(first(?:ly)?|to start|then|next|after that|afterwards|finally|lastly|last of all)\b,?\s+", re.I)


def _item(words: list[str], lead: bool) -> list[str]:
    """An item's words: from the end of a clause (``lead``) or its start, cut at a linking word."""
    if lead:
        while words and (words[0].lower() in _PRONOUNS or words[0].lower() in _MARKERS):
            words = words[1:]
        words = words[-4:]
    out = []
    for w in words:
        if len(out) >= 2 and w.lower() in _CUT_AFTER:
            break
        out.append(w)
        if len(out) == 5:
            break
    while len(out) > 1 and out[-1].lower() in _STOP_SIDE:  # "a good pair of" -> "a good pair"
        out.pop()
    return out


def find_list(sentence: str) -> list[tuple[str, Span]]:
    """(item, span within ``sentence``) for an enumeration "a, b, c and d" (3+ short items), else []."""
    body = sentence
    colon = body.rfind(":")
    base = colon + 1 if colon >= 0 and colon < len(body) - 5 else 0
    parts = []
    pos = base
    for piece in re.split(r"(,|;)", body[base:]):
        if piece in (",", ";"):
            pos += 1
            continue
        parts.append((piece, pos))
        pos += len(piece)
    if len(parts) < 3:
        return []
    last, last_pos = parts[-1]
    joined = re.search(r"^\s*(?:and|or)\s+|\s(?:and|or)\s+", last)
    if joined is None:
        # "What has been done, what can be done, what has been closed, what has been opened."
        bare = [(_words(piece), at) for piece, at in parts]
        if len(bare) >= 4 and all(1 <= len(w) <= 5 and w[0].lower() not in _NOT_ITEM for w, _ in bare):
            return _located(sentence, [" ".join(w) for w, _ in bare], base)
        return []
    items: list[tuple[list[str], int]] = []
    middle = parts[1:-1]
    for piece, at in middle:
        words = _words(piece)
        if not 1 <= len(words) <= 5 or words[0].lower() in _NOT_ITEM:
            return []
        items.append((words, at + piece.index(words[0])))
    # The item before the first comma, and the one or two in the last piece.
    first_words = _item(_words(parts[0][0]), lead=True)
    if not first_words or (len(first_words) == 1 and first_words[0].lower() in _MARKERS):
        return []
    tail = []
    if joined.start() > 0 and last[: joined.start()].strip():
        before = _words(last[: joined.start()])
        if not 1 <= len(before) <= 5 or before[0].lower() in _NOT_ITEM:
            return []
        tail.append((before, last_pos + last.index(before[0])))
    after_text = last[joined.end():]
    after = _item(_words(after_text), lead=False)
    if not after or after[0].lower() in _NOT_ITEM or after[0].lower() in _MARKERS:
        return []
    tail.append((after, last_pos + joined.end() + after_text.index(after[0])))
    every = [first_words] + [w for w, _ in items] + [w for w, _ in tail]
    if len(every) < 3:
        return []
    return _located(sentence, [" ".join(w) for w in every], base)


def _located(sentence: str, labels: list[str], cursor: int = 0) -> list[tuple[str, Span]]:
    """Each label with its span in ``sentence``, found in order from ``cursor``."""
    out = []
    for label in labels:
        at = sentence.find(label, cursor)
        if at < 0:
            return []
        out.append((label, (at, at + len(label))))
        cursor = at + len(label)
    return out


@register_beat
class ChecklistBeat(Beat):
    """The items of an enumeration appear as checklist rows, each ticked as it is said."""

    name = "checklist"
    group = "list"
    shape = 1.3

    def matches(self, paragraph: str) -> float:
        self.items: list[tuple[str, Span]] = []
        for lo, hi in _sentences(paragraph):
            found = find_list(paragraph[lo:hi])
            if len(found) > len(self.items):
                self.items = [(label, (lo + a, lo + b)) for label, (a, b) in found]
        if not self.items:
            self.items = self._sequence(paragraph)
        self.items = self.items[:5]
        self.spans = [s for _, s in self.items]
        if len(self.items) < 3:
            return 0.0
        return 2.5 + 0.25 * min(3, len(self.items) - 3)

    @staticmethod
    def _sequence(paragraph: str) -> list[tuple[str, Span]]:
        """"First X. Then Y. Finally Z.": the words after each sequence marker."""
        items = []
        for m in _SEQUENCE.finditer(paragraph):
            rest = paragraph[m.end():]
            clause = re.split(r"[,.;:!?]", rest, maxsplit=1)[0]
            words = _item(_words(clause), lead=False)
            while words and words[0].lower() in _PRONOUNS:
                words = words[1:]
            if words:
                at = m.end() + clause.index(words[0])
                items.append((" ".join(words), (at, at + len(" ".join(words)))))
        markers = {m.group(1).lower() for m in _SEQUENCE.finditer(paragraph)}
        ordered = markers & {"first", "firstly", "to start"} and markers & {"finally", "lastly", "last of all", "then", "next"}
        return items if ordered and len(items) >= 3 else []

    def describe(self) -> str:
        return f"checklist ({len(self.items)}: " + ", ".join(_capitalised(i, 14) for i, _ in self.items[:3]) + ("…)" if len(self.items) > 3 else ")")

    def play(self, scene, window) -> None:
        if not self.shown:
            self.board = Checklist([_capitalised(i) for i, _ in self.items], self.theme, size="label")
            self.fit(self.board)
            self.shown = True
        self.wait_for_span(scene, window, self.current)
        scene.play(self.board.reveal_checked(self.step), run_time=self.run_time(window, 0.15, 0.9))

# == progress and waiting ==============================================================================
_PROGRESS = re.compile(
    r"\b(loading|downloading|uploading|installing|compiling|buffering|processing|deploying|rendering|"
    r"waiting|waited|wait|queue[ds]?|progress|syncing|backing up|charging|updating|"
    r"training|trains?|trained|fine-tuning|slowly|forever|halfway|almost done|nearly done|"
    r"takes? ages|took ages|crawl(?:s|ed|ing)?)\b",
    re.I,
)
_WEAK_PROGRESS = frozenset("slowly forever halfway crawl crawls crawled crawling".split())
_ML = re.compile(r"\b(model|models|network|neural|epochs?|dataset|data|gpu|weights|loss)\b", re.I)
#: "has finished training", "the upload is done": the work is over, the bar is full.
_FINISHED = re.compile(r"\b(?:finished|done|completed?|complete|over|ready)\b", re.I)
_PERCENT_DONE = re.compile(r"\b(\d{1,3})\s?(?:%|percent)\s+(?:done|complete|finished|there|loaded|through)\b", re.I)
#: Words that say the waiting is over ("the model has finished training"): the bar is full.
_DONE = re.compile(r"\b(finished|finishes|done|complete|completed|completes|ready|over|succeeded)\b", re.I)


@register_beat
class ProgressBeat(Beat):
    """A bar that fills across the sentence of the waiting (to the percentage, when one is said)."""

    name = "progress"
    group = "progress"
    shape = 3.0

    def matches(self, paragraph: str) -> float:
        best, self.word, self.target = 0.0, None, 1.0
        strong = []
        for m in _PROGRESS.finditer(paragraph):
            word = m.group(1).lower()
            if word.startswith("train") or word == "fine-tuning":
                # Training a model, not training at the gym.
                lo, hi = max(0, m.start() - 60), m.end() + 60
                if not _ML.search(paragraph[lo:hi]):
                    continue
            if word.startswith("wait") and not re.match(r"\s+(?:for|on|until|while)\b", paragraph[m.end():]):
                continue  # "waiting by the door" is no progress; "waiting for the build" is
            score = 1.2 if word in _WEAK_PROGRESS else 2.3
            if score > 2.0:
                strong.append(m.span())
            if score > best:
                best, self.word = score, m.span()
        self.finished = False
        if self.word is not None:
            near = paragraph[max(0, self.word[0] - 40) : self.word[1] + 40]
            self.finished = bool(_FINISHED.search(near)) and not re.search(r"\b(?:not|n't|never|almost|nearly)\s+(?:\w+\s+)?(?:finished|done|complete)", near, re.I)
        done = _PERCENT_DONE.search(paragraph)
        # "The model has finished training": the bar of a wait that is over fills at once, all the way.
        self.over = self.word is not None and done is None and any(
            lo <= self.word[0] < hi and _DONE.search(paragraph[lo:hi]) for lo, hi in _sentences(paragraph)
        )
        # The bar fills a step at each strong word ("uploading... waiting for..."), the first names it.
        self.spans = sorted(set(strong[:3]) | ({self.word} if self.word else set()))
        if done:
            self.target = min(1.0, int(done.group(1)) / 100)
            if self.word is None:
                self.word, best = done.span(), 2.8
                self.spans = [self.word]
            else:
                best += 0.4
                self.spans = sorted(set(self.spans) | {done.span()})
        return best

    def describe(self) -> str:
        if getattr(self, "over", False):
            return "progress (done)"
        return f"progress (to {self.target:.0%}{', finished' if getattr(self, 'finished', False) else ''})"

    def play(self, scene, window) -> None:
        # A step of the way at each of its words; the whole way (or the percentage said) at the last.
        lo, hi = scene.sentence_span(window.index)
        last = self.step == len(self.spans) - 1 or lo <= self.spans[-1][0] < hi
        until = self.target if last else self.target * (self.step + 1) / len(self.spans)
        if not self.shown:
            # Sized with its widest readout (100%), then emptied.
            self.bar = ProgressBar(width=3.0, height=0.34, fraction=1.0, theme=self.theme)
            glyph = icon("check-circle" if getattr(self, "over", False) else "timer-sand", color=self.theme.accent, height=0.5)
            head = VGroup(glyph, self.label(_capitalised(self.said(scene)) + ("" if getattr(self, "over", False) else "…"), self.theme.text)).arrange(RIGHT, buff=0.2)
            self.fit(VGroup(head, self.bar).arrange(DOWN, buff=0.3))
            self.bar.set_fraction(0.0)
            self.wait_for_span(scene, window, self.current, early=0.6)
            self.enter(scene, window, self.bar, head, fraction=0.1)
        self.wait_for_span(scene, window, self.current)
        if getattr(self, "over", False):  # done already: full within a moment, the readout at 100%
            scene.play(self.bar.fill_to(1.0), run_time=self.run_time(window, 0.2, 0.6))
            return
        self.bar.halt()
        if getattr(self, "finished", False) and last:
            # The text says the work is over: the bar fills at once and stays full.
            scene.play(self.bar.fill_to(until, rate_func=rate_functions.ease_out_cubic), run_time=self.run_time(window, 0.15, 0.8))
            return
        # Fill from the word to the sentence's end, on its own, while other beats play.
        self.bar.run(max(0.3, window.end - scene.time - 0.15), until=until)

    def finish_sentence(self, scene, window) -> None:
        bar = getattr(self, "bar", None)
        if bar is not None and getattr(bar, "_runner", None) is not None:
            bar.halt()


# == feelings =========================================================================================
_MOODS = {
    "happy": "happy glad joy joyful smile smiles smiled smiling delighted excited proud cheerful thrilled laugh laughed "
             "laughing love loved loves grin grinned pleased relieved",
    "sad": "sad unhappy cry cried crying tears lonely miserable disappointed upset heartbroken gloomy depressed",
    "angry": "angry furious mad annoyed frustrated rage raging grumpy irritated livid cross",
    "tired": "tired sleepy exhausted bored boring yawn yawned yawning drowsy asleep doze dozed dozing weary",
    "surprised": "surprised shocked amazed astonished stunned wow speechless startled scared afraid nervous worried",
}
_MOOD_OF = {w: mood for mood, words in _MOODS.items() for w in words.split()}
_MOOD_RE = re.compile(r"\b(" + "|".join(sorted(_MOOD_OF, key=len, reverse=True)) + r")\b", re.I)
_NEGATION = re.compile(r"\b(not|never|no longer|n't|hardly)\s+(?:\w+\s+)?$", re.I)
_OPPOSITE = {"happy": "sad", "sad": "happy"}
#: Mood words that are also verbs or nouns ("the ferries cross the bay", "a boring machine"):
#: a mood only after a linking word ("was cross", "feels so boring").
_LINKED = {"cross", "boring"}
_LINK = re.compile(r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|getting|feel|feels|felt|feeling|look|looks|looked|"
                   r"seem|seems|seemed|become|became|'m|'s|'re)\s+(?:(?:so|very|really|quite|a bit|rather|pretty|too)\s+)?$", re.I)


@register_beat
class FeelingBeat(Beat):
    """A face that changes with each feeling said: smiles, frowns, dozes, gets angry or surprised."""

    name = "feeling"
    group = "feeling"
    shape = 0.9

    def matches(self, paragraph: str) -> float:
        self.moods: list[tuple[str, Span]] = []
        for m in _MOOD_RE.finditer(paragraph):
            mood = _MOOD_OF[m.group(1).lower()]
            before = paragraph[max(0, m.start() - 20) : m.start()]
            if m.group(1).lower() in _LINKED and not _LINK.search(before):
                continue
            if _NEGATION.search(before) or before.rstrip().lower().endswith("n't"):
                if mood not in _OPPOSITE:
                    continue
                mood = _OPPOSITE[mood]
            if m.group(1).lower().startswith("love") and not re.search(r"\b(i|we|you|they|he|she)\s+$", before, re.I):
                continue  # "with love", "my passion and love" say little about a face; "I love it" does
            self.moods.append((mood, m.span()))
        self.spans = [s for _, s in self.moods]
        if not self.moods:
            return 0.0
        return 2.3 + 0.3 * min(2, len({m for m, _ in self.moods}) - 1)

    def describe(self) -> str:
        return "feeling " + " → ".join(dict.fromkeys(m for m, _ in self.moods))

    def face(self, mood: str | None) -> VGroup:
        """A face showing ``mood`` (None: neutral), drawn still."""
        face = Face(2.0, self.theme)
        mouth = face.mouth
        width = mouth.get_stroke_width()
        curve = {"happy": 1.2, "sad": -1.0, "angry": -0.8, "tired": 0.0, "surprised": None}.get(mood, 0.0)
        if curve is None:  # an "o" of a mouth, brows up
            mouth.become(Circle(radius=face.head.height * 0.08, color=mouth.get_color(), stroke_width=width).move_to(mouth))
            face.brows.shift(UP * 0.1 * face.head.height)
        elif curve:
            mouth.become(Line(mouth.get_start(), mouth.get_end(), path_arc=curve, color=mouth.get_color(), stroke_width=width))
        if mood == "angry":
            left, right = face.brows
            left.rotate(-0.5).shift(DOWN * 0.06 * face.head.height)
            right.rotate(0.5).shift(DOWN * 0.06 * face.head.height)
            face.head.set_fill("#f28482")
            face.lids.set_fill("#f28482")
        if mood in ("tired", "sad"):
            _still(face.doze(0.25 if mood == "tired" else 0.7))
        if mood == "sad":
            face.brows[0].rotate(0.35)
            face.brows[1].rotate(-0.35)
        return face

    def play(self, scene, window) -> None:
        mood = next(m for m, span in self.moods if span == self.current)
        word = _capitalised(self.said(scene))
        if not self.shown:
            self.current_face = self.face(None)
            self.caption = self.label(word)
            self.fit(labelled(self.current_face, self.caption, gap=0.2))
            self.caption.set_opacity(0)
            self.wait_for_span(scene, window, self.current, early=0.7)
            self.enter(scene, window, self.current_face, fraction=0.1)
        self.wait_for_span(scene, window, self.current)
        new = self.face(mood).match_height(self.current_face).move_to(self.current_face)
        scene.play(Transform(self.current_face, new), self.relabel(word), run_time=self.run_time(window, 0.2, 0.7))

def _still(animation) -> None:
    """Apply an animation's end state at once (for drawing a pose without playing it)."""
    animation.begin()
    animation.interpolate(1.0)
    animation.finish()


# == two sides ===========================================================================================
_SIDE = r"((?:[\w'’$€£%.,-]+\s?){1,4}?)"
_INSTEAD = re.compile(r"\binstead of\s+((?:[\w'’-]+\s){0,2}[\w'’-]+),?\s+((?:[\w'’-]+\s?){1,3})", re.I)
_COMPARISONS = [
    (re.compile(r"\b(?:changed|changes|switched|switches|turned|turns|grew|grows|moved on|shrank|jumped|rose|fell|dropped)\s+from\s+"
                r"((?:[\w'’$€£%.,-]+\s){0,3}?[\w'’$€£%-]+)\s+(?:to|into)\s+((?:[\w'’$€£%.-]+\s?){1,3})", re.I), 2.6),
    (re.compile(r"\b((?:[\w'’-]+\s){0,2}[\w'’-]+)\s+(?:vs\.?|versus)\s+((?:[\w'’-]+\s?){1,3})", re.I), 2.8),
    (_INSTEAD, 2.2),
    (re.compile(r"\b([\w'’-]+(?:\s[\w'’-]+)?)\s+(?:turns|turned|becomes|became)\s+(?:into\s+)?((?:[\w'’-]+\s?){1,3})", re.I), 2.3),
]
_BEFORE_AFTER = re.compile(r"\b(before|used to|in the past|back then|once|(?:\w+\s+)?(?:years?|months?|weeks?|days?)\s+ago)\b[^.!?]*?[.!?;]?[^.!?]*?\b(after|now|nowadays|today|these days)\b", re.I)
_THAN = re.compile(r"\b((?:[\w'’-]+\s){0,2}[\w'’-]+)\s+(?:is|are|was|were|feels?|looks?|gets?)\s+([a-z]+er|more \w+|less \w+|better|worse)\s+than\s+((?:[\w'’-]+\s?){1,3})", re.I)
#: Common verbs, which make poor names for one side of a comparison.
_VERBS = frozenset(
    "invent make bake cook write read work play run walk drive eat sleep think buy pay build fix learn teach meet "
    "do go get take give have use try start stop keep help find see say tell ask".split()
)
_STOP_SIDE = frozenset("a an the my our your his her their its this that these those to of and or but so is are was were".split())


def _side(words: str) -> str:
    """The telling words of one side: articles and linking words trimmed off both ends."""
    ws = _words(words)
    cut = []
    for w in ws:
        if cut and w.lower() in _CUT_AFTER | {"and", "but", "or", "so", "is", "was", "are", "were"}:
            break
        cut.append(w)
    while cut and cut[0].lower() in _STOP_SIDE:
        cut = cut[1:]
    while cut and cut[-1].lower() in _STOP_SIDE:
        cut = cut[:-1]
    return " ".join(cut[:3])


@register_beat
class CompareBeat(Beat):
    """Two sides (before/after, X vs Y, from X to Y): the first appears, then turns into the second."""

    name = "compare"
    group = "compare"
    shape = 2.4

    def matches(self, paragraph: str) -> float:
        self.sides: list[tuple[str, Span]] = []
        best = 0.0
        for pattern, score in _COMPARISONS:
            m = pattern.search(paragraph)
            if m and score > best:
                a, b = _side(m.group(1)), _side(m.group(2))
                if pattern is _INSTEAD:  # "instead of the car, I take my bike": the gist of the rest
                    b = self._gist(re.split(r"[.!?;]", paragraph[m.start(2) :], maxsplit=1)[0])
                if a and b and a.lower() != b.lower():
                    best, self.sides = score, [(a, self._span(paragraph, a, m.start(1))), (b, self._span(paragraph, b, m.start(2)))]
        m = _THAN.search(paragraph)
        if m and 2.4 > best:
            a, b = _side(m.group(1)), _side(m.group(3))
            if a and b and a.lower() != b.lower():
                best, self.sides = 2.4, [(a, self._span(paragraph, a, m.start(1))), (b, self._span(paragraph, b, m.start(3)))]
        m = _BEFORE_AFTER.search(paragraph)
        if m and 2.5 > best:
            a_text = paragraph[m.end(1) : m.start(2)]
            b_text = re.split(r"[.!?;]", paragraph[m.end(2) :], maxsplit=1)[0]
            a, b = self._gist(a_text), self._gist(b_text)
            if a and b and a.lower() != b.lower():
                best = 2.5
                self.sides = [(a, self._span(paragraph, a, m.end(1))), (b, self._span(paragraph, b, m.end(2)))]
        self.spans = [s for _, s in self.sides]
        return best

    @staticmethod
    def _gist(clause: str) -> str:
        """A clause's telling thing: its best icon words that are no verb, else its first content words."""
        found = [m for m in match_icons(clause, 3) if m.words]
        things = [m for m in found if not m.words.lower().endswith(("ed", "ing")) and m.keyword not in _VERBS]
        if things or found:
            return max(things or found, key=lambda m: m.score).words
        return _side(" ".join(w for w in _words(clause) if w.lower() not in _PRONOUNS))

    @staticmethod
    def _span(paragraph: str, words: str, near: int) -> Span:
        at = paragraph.find(words, near)
        at = at if at >= 0 else near
        return at, at + len(words)

    def describe(self) -> str:
        return "compare " + " → ".join(_capitalised(s, 16) for s, _ in self.sides)

    def _card(self, words: str, color: str) -> VGroup:
        return labelled(badge(_icon_for(words, "help-circle-outline"), color, 1.3, self.theme), self.label(_capitalised(words, 18)))

    def _draw(self, scene, window) -> None:
        """Both cards and the arrow placed in the region; the first side enters."""
        self.a = self._card(self.sides[0][0], self.theme.color(0))
        self.b = self._card(self.sides[1][0], self.theme.color(2))
        wide = self.region.width >= self.region.height
        self.arrow = Arrow(LEFT if wide else UP, RIGHT if wide else DOWN, color=self.theme.dim, buff=0)
        self.fit(VGroup(self.a, self.arrow, self.b).arrange(RIGHT if wide else DOWN, buff=0.3))
        self.enter(scene, window, self.a, fraction=0.12)

    def play(self, scene, window) -> None:
        if not self.shown:
            self.wait_for_span(scene, window, self.current, early=0.2)
            self._draw(scene, window)
        if self.current == self.sides[1][1]:
            self.wait_for_span(scene, window, self.current)
            ghost = self.a.copy()
            scene.play(ReplacementTransform(ghost, self.b), GrowArrow(self.arrow), self.a.animate.set_opacity(0.45),
                       run_time=self.run_time(window, 0.25, 0.9))

# == places and movement ====================================================================================
_VEHICLES = [
    (r"fl(?:y|ies|ew|ying|own)|flight|plane|airport", "airplane"),
    (r"train|metro|subway|tram|rail", "train"),
    (r"bus|coach", "bus"),
    (r"cycl(?:e|es|ed|ing)|bike|biked|biking|bicycle|ride my bike", "bike"),
    (r"sail(?:s|ed|ing)?|boat|ferry|cruise", "ferry"),
    (r"walk(?:s|ed|ing)?|stroll(?:s|ed|ing)?|hike[sd]?|hiking", "walk"),
    (r"r[au]n(?:s|ning)?|jog(?:s|ged|ging)?", "run"),
    (r"dr(?:ive|ives|ove|iving|iven)|car|taxi|uber|traffic", "car"),
]
_MOVE = re.compile(
    r"\b(?i:(go|goes|went|going|gone|head(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|commut(?:e|es|ed|ing)|"
    r"return(?:s|ed|ing)?|get|gets|got|fl(?:y|ies|ew|ying)|dr(?:ive|ives|ove|iving)|walk(?:s|ed|ing)?|"
    r"r(?:u|a)n(?:s|ning)?|cycl(?:e|es|ed|ing)|ride|rides|rode|riding|bike[sd]?|biking|sail(?:s|ed|ing)?|"
    r"mov(?:e|es|ed|ing)|hurr(?:y|ies|ied)|rush(?:es|ed|ing)?|take|takes|took|taking|catch|caught|jog(?:s|ged|ging)?|hike[sd]?))\b"
    r"((?:\s+(?!to\b|from\b)[\w'’]+){0,3}?)"
    r"(?:\s+from\s+((?:the\s+|my\s+|our\s+)?[\w'’]+(?:\s(?!to\b)[\w'’]+){0,2}?))?"
    r"\s+(?:to|into|towards|toward)\s+((?:the\s+|my\s+|our\s+|a\s+)?[\w'’]+(?:\s[A-Z][\w'’]+)?)",
)
_ARRIVE = re.compile(r"\b(arriv(?:e|es|ed|ing)|land(?:s|ed|ing)?)\s+(?:at|in)\s+((?:the\s+|my\s+)?[\w'’]+(?:\s[A-Z][\w'’]+)?)", re.I)
_NOT_PLACES = frozenset(
    "sleep bed be do see make get have the a an it them him her me us you this that rest relax eat work-out think "
    "know say tell ask try start stop keep help learn read write buy pay find use wait".split()
)


@register_beat
class TravelBeat(Beat):
    """A vehicle (by the verb: car, train, plane, bike, on foot...) travelling along a path from A to B."""

    name = "travel"
    group = "travel"
    shape = 2.6

    def matches(self, paragraph: str) -> float:
        self.origin = self.dest = None
        self.vehicle, best = "walk", 0.0
        for m in _MOVE.finditer(paragraph.replace("\n", " ")):
            dest = _side(m.group(4))
            if not dest or dest.split()[0].lower() in _NOT_PLACES:
                continue
            if m.group(1).lower().startswith(("take", "took", "catch", "caught", "get", "got")) and not any(
                re.search(r"\b(?:" + pattern + r")\b", m.group(2), re.I) for pattern, _ in _VEHICLES
            ):
                continue  # "take it to heart", "get to know"
            place = _icon_for(dest, "") != ""
            score = 2.0 + (0.3 if place else 0.0) + (0.3 if m.group(3) else 0.0)
            if score > best:
                best = score
                self.verb = m.span(1)
                self.dest = (dest, self._span(paragraph, dest, m.start(4)))
                self.origin = (_side(m.group(3)), self._span(paragraph, _side(m.group(3)), m.start(3))) if m.group(3) else None
                self.vehicle = self._vehicle(paragraph, m.start(), m.end(), m.span(1))
        if best == 0.0:
            m = _ARRIVE.search(paragraph)
            if m and _side(m.group(2)) and _side(m.group(2)).split()[0].lower() not in _NOT_PLACES:
                best, self.verb = 2.0, m.span(1)
                dest = _side(m.group(2))
                self.dest = (dest, self._span(paragraph, dest, m.start(2)))
                self.vehicle = self._vehicle(paragraph, m.start(), m.end())
        self.spans = sorted({self.verb} | ({self.origin[1]} if self.origin else set()) | {self.dest[1]}) if best else []
        return best

    _span = staticmethod(CompareBeat._span)

    @staticmethod
    def _vehicle(paragraph: str, lo: int, hi: int, verb: Span | None = None) -> str:
        """The vehicle the verb names ("drive"), else the words of the move, else those around it; on foot by default."""
        places = [paragraph[verb[0] : verb[1]]] if verb else []
        places += [paragraph[lo:hi], paragraph[max(0, lo - 40) : hi + 40]]
        for where in places:
            for pattern, slug in _VEHICLES:
                if re.search(r"\b(?:" + pattern + r")\b", where, re.I):
                    return slug
        return "walk"

    def describe(self) -> str:
        start = self.origin[0] if self.origin else "here"
        return f"travel {_capitalised(start, 14)} → {_capitalised(self.dest[0], 14)} by {self.vehicle}"

    def play(self, scene, window) -> None:
        if not self.shown:
            self._draw()
            self.wait_for_span(scene, window, self.current, early=0.5)
            scene.play(motions.pop_in(self.a), Create(self.road), FadeIn(self.rider, scale=0.5),
                       run_time=self.run_time(window, 0.12, 0.6))
            self.shown = True
        if self.current != self.verb:
            return
        self.wait_for_span(scene, window, self.current)
        scene.play(MoveAlongPath(self.rider, self.arc, rate_func=rate_functions.ease_in_out_sine),
                   run_time=self.run_time(window, 0.4, 2.5))
        # It arrives: the destination pops up and the vehicle parks on its corner.
        corner = self.b[0].get_corner(DOWN + RIGHT) + (UP + LEFT) * 0.18 * self.b[0].height
        scene.play(motions.pop_in(self.b), self.rider.animate.scale(0.6).move_to(corner), run_time=self.run_time(window, 0.1, 0.5))
        scene.bring_to_front(self.rider)

    def _draw(self) -> None:
        wide = self.region.width >= 1.4 * self.region.height
        start_words = self.origin[0] if self.origin else "Start"
        start_slug = _icon_for(start_words, "home") if self.origin else "map-marker"
        self.a = labelled(badge(start_slug, self.theme.color(0), 1.0, self.theme), self.label(_capitalised(start_words, 16)))
        self.b = labelled(badge(_icon_for(self.dest[0]), self.theme.color(2), 1.0, self.theme),
                          self.label(_capitalised(self.dest[0], 16)))
        # A path as long as the region's shape allows (a short wide region gets a short flat arc).
        ratio = self.region.width / self.region.height
        length = float(np.clip(1.3 * ratio, 2.4, 4.2)) if wide else 2.6
        self.a.move_to(LEFT * length / 2 if wide else UP * length / 2 + LEFT * 0.8)
        self.b.move_to(RIGHT * length / 2 if wide else DOWN * length / 2 + RIGHT * 0.8)
        bend = -0.8 if ratio > 3 else -0.5
        self.arc = ArcBetweenPoints(self.a[0].get_center(), self.b[0].get_center(), angle=bend if wide else 0.8)
        self.road = DashedVMobject(self.arc.copy().set_stroke(self.theme.dim, 3), num_dashes=18)
        self.rider = icon(self.vehicle, color=self.theme.accent, height=0.6).move_to(self.arc.get_start())
        self.arc.set_stroke(opacity=0)
        self.fit(VGroup(self.road, self.a, self.b, self.rider, self.arc))

# == an icon card (not registered: AutoScene adds one beside a lone beat in a long paragraph) =================
class IconBeat(Beat):
    """One icon card (icon on a disc, its words below) that pops in when its words are said."""

    name = "icon"
    shape = 1.0

    def __init__(self, match=None) -> None:
        super().__init__()
        self.match = match
        if match is not None and match.start >= 0:
            self.spans = [(match.start, match.start + len(match.words))]

    @classmethod
    def beside(cls, paragraph: str, beats) -> "IconBeat | None":
        """The best icon of ``paragraph`` whose words no beat tells, or None."""
        for m in match_icons(paragraph, 3):
            card = cls(m)
            if card.spans and not any(card.overlaps(b) for b in beats):
                return card
        return None

    def matches(self, paragraph: str) -> float:
        found = self.beside(paragraph, [])
        if found is None:
            return 0.0
        self.match, self.spans = found.match, found.spans
        return found.match.score

    def describe(self) -> str:
        return f"icon {self.match.slug}" if self.match else "icon"

    @classmethod
    def instead_of(cls, beat: Beat | None, paragraph: str) -> "IconBeat | None":
        """An icon card for the words ``beat`` tells (the paragraph's best icon if they show none)."""
        lo, hi = _extent(beat, paragraph)
        for at, words in ((lo, paragraph[lo:hi]), (0, paragraph)):
            m = match_icons(words, 1)[0]
            if m.words and m.start >= 0:
                return cls(replace(m, start=m.start + at))
        return None

    def play(self, scene, window) -> None:
        color = self.theme.icon_colors.get(self.match.slug, self.theme.color(1))
        card = labelled(badge(self.match.slug, color, 1.2, self.theme), self.label(_capitalised(self.match.words, 18)))
        self.fit(card, fill=0.75)
        self.wait_for_span(scene, window, self.current)
        self.enter(scene, window, card[0], *card[1:], fraction=0.12)
        self.card = card

def _extent(beat: Beat | None, paragraph: str) -> Span:
    """From the first to the last character of ``beat``'s words (the whole paragraph for none)."""
    spans = [sp for sp in (beat.spans if beat is not None else []) if 0 <= sp[0] < sp[1] <= len(paragraph)]
    if not spans:
        return 0, len(paragraph)
    return min(a for a, _ in spans), max(b for _, b in spans)


# == a plain text card (not registered: the last fallback of a beat that fails) ===============================
class TextCardBeat(Beat):
    """The words a beat was to tell, written plainly on the stage under a dim quote mark."""

    name = "text"
    shape = 1.6

    @classmethod
    def instead_of(cls, beat: Beat | None, paragraph: str) -> "TextCardBeat":
        lo, hi = _extent(beat, paragraph)
        words = paragraph[lo:hi].strip() or paragraph.strip()
        card = cls()
        card.words = words
        start = paragraph.find(words[:1], lo) if words else lo
        card.spans = [(max(0, start), max(0, start) + len(words))]
        return card

    def describe(self) -> str:
        return "text card"

    def play(self, scene, window) -> None:
        words = _capitalised(self.words, 60) if self.words else "…"
        quote = icon("format-quote-open", color=self.theme.dim, height=0.6)
        block = VGroup(quote, self.label(words, self.theme.text)).arrange(DOWN, buff=0.25)
        self.fit(block, fill=0.8)
        self.wait_for_span(scene, window, self.current)
        self.enter(scene, window, *block, fraction=0.1)


#: What a beat that fails is drawn with instead, simplest last (AutoScene's ``play_beat``).
FALLBACKS: list[type[Beat]] = [IconBeat, TextCardBeat]

__all__ = [
    "FALLBACKS",
    "TextCardBeat",
    "ChecklistBeat",
    "IconBeat",
    "ClockBeat",
    "CompareBeat",
    "CounterBeat",
    "DaytimeBeat",
    "FeelingBeat",
    "ProgressBeat",
    "TravelBeat",
    "find_list",
    "find_times",
]
