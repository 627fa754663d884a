"""Layout and readability rules, judged from the mobjects on screen and the frame.

Nothing is drawn: every rule works on the boxes, colours and opacities of the
mobjects a scene shows at one moment (:func:`inspect`), so a scene is checked
exactly, before (or while) it is encoded.  The rules:

* ``off-frame`` (error) / ``off-safe`` (warning): an object reaches past the
  frame, or past the title-safe area, by more than a pixel;
* ``text-overlap`` (error): two texts over each other;
* ``prop-over-text`` (error): a drawn shape of another object, drawn after
  (over) a text, covers part of it (a text wholly inside a shape, such as a
  label on its card, is design; a shape behind a text is judged by contrast);
* ``prop-overlap`` (warning): two objects over each other by more than
  :data:`PROP_OVERLAP` of the smaller one (one wholly inside the other, an icon
  on its disc, is design);
* ``small-text`` (error): a text whose x-height is under :data:`MIN_X_HEIGHT_PX`
  pixels at the output resolution;
* ``low-contrast`` (error): a text against what is behind it under 4.5:1 (WCAG AA);
* ``idle-stage`` (warning, :class:`Timeline`): nothing but the captions and the
  headline (or a placeholder) on the stage for more than :data:`IDLE_SECONDS`.

Scene authors mark what is meant: a mobject's ``layout_role`` (``"caption"``,
``"headline"``, ``"placeholder"``, ``"backdrop"``: a background that may hold
anything and leave the safe area; ``"ignore"``: not checked), its
``layout_allow_overlap = True`` (may overlap anything), or pairs allowed to
overlap (``NarratedScene.allow_overlap(a, b)``).  An object that is mostly
transparent (opacity under :data:`VISIBLE`) is not judged; moments in the middle
of an animation (``steady=False``) are judged on geometry only, and what is seen
only there is a passing state: at most a warning (and objects passing over
each other while they move are not reported).

The caption rules (reading speed, line length and count of the SRT/VTT cues)
work on the cue texts: :func:`caption_findings`.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

import numpy as np

#: Bump when the rules change what they find for the same scene.
RULES_VERSION = 1

ERROR, WARNING = "error", "warning"
#: Every rule, its level and what it means (the README and ``check --help`` list them).
RULES: dict[str, tuple[str, str]] = {
    "off-frame": (ERROR, "reaches past the frame"),
    "off-safe": (WARNING, "reaches past the title-safe area (5% margins)"),
    "text-overlap": (ERROR, "two texts over each other"),
    "prop-over-text": (ERROR, "a shape covers part of a text"),
    "prop-overlap": (WARNING, "two objects over each other"),
    "small-text": (ERROR, "x-height too small to read at the output resolution"),
    "low-contrast": (ERROR, "text contrast under 4.5:1 against what is behind it (WCAG AA)"),
    "idle-stage": (WARNING, "nothing on the stage but captions and headline"),
    "caption-speed": (WARNING, "captions faster than the reading speed limit"),
    "caption-line": (ERROR, "a subtitle line longer than the limit"),
    "caption-lines": (ERROR, "a subtitle with more than two lines"),
}

#: Pixels an object may reach past an edge before it counts (rounding, antialiasing).
EDGE_SLACK_PX = 1.0
#: Smallest readable x-height, in pixels of the output video (any aspect).
MIN_X_HEIGHT_PX = 9.0
#: WCAG AA contrast for text.
MIN_CONTRAST = 4.5
#: Two texts overlap when their boxes share more than this of the smaller one.
TEXT_OVERLAP = 0.04
#: A shape covers a text when it covers more than this of the text's box.
PROP_TEXT_OVERLAP = 0.08
#: Two objects overlap when they share more than this of the smaller one.
PROP_OVERLAP = 0.15
#: Opacity under which an object is not judged (fading in or out, or meant to be faint).
VISIBLE = 0.5
#: Longest time the stage may hold nothing but captions and headline.
IDLE_SECONDS = 2.0
#: Caption limits (SRT/VTT): reading speed, characters per line, lines per cue.
MAX_CPS = 20.0
MAX_LINE_CHARS = 42
MAX_LINES = 2

_PLAIN = ("VGroup", "Group", "VDict")  # containers, not drawings of their own
_TEXT = ("Text", "MarkupText", "Paragraph")


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return max(0.0, self.right - self.left)

    @property
    def height(self) -> float:
        return max(0.0, self.top - self.bottom)

    @property
    def area(self) -> float:
        return self.width * self.height

    def intersection(self, other: "Box") -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.top, other.top) - max(self.bottom, other.bottom)
        return w * h if w > 0 and h > 0 else 0.0

    def inside(self, other: "Box", slack: float = 0.0) -> bool:
        return (self.left >= other.left - slack and self.right <= other.right + slack
                and self.bottom >= other.bottom - slack and self.top <= other.top + slack)

    def union(self, other: "Box") -> "Box":
        return Box(min(self.left, other.left), max(self.right, other.right), min(self.bottom, other.bottom), max(self.top, other.top))

    def beyond(self, other: "Box") -> float:
        """How far (units) this box reaches past ``other`` on its worst side (0 when inside)."""
        return max(0.0, other.left - self.left, self.right - other.right, other.bottom - self.bottom, self.top - other.top)


@dataclass(frozen=True)
class Frame:
    """The frame judged: its size in manim units and pixels, its safe area and stage, its background."""

    width: float
    height: float
    pixel_width: int
    pixel_height: int
    safe: Box
    stage: Box | None = None
    background: str = "#000000"

    @property
    def box(self) -> Box:
        return Box(-self.width / 2, self.width / 2, -self.height / 2, self.height / 2)

    @property
    def px(self) -> float:
        """Pixels per manim unit."""
        return self.pixel_height / self.height

    def fractions(self, box: Box) -> tuple[float, float, float, float]:
        """``box`` as (left, top, width, height) fractions of the frame, top-left origin (for drawing on a still)."""
        return (round((box.left + self.width / 2) / self.width, 4), round((self.height / 2 - box.top) / self.height, 4),
                round(box.width / self.width, 4), round(box.height / self.height, 4))


@dataclass
class Finding:
    """One problem: a rule broken by some objects, from ``time`` to ``last`` (seconds in the scene)."""

    rule: str
    level: str
    time: float
    objects: tuple[str, ...]
    measure: str
    value: float  # the measure as a number (worse is larger for sizes past edges and overlaps)
    box: tuple[float, float, float, float] | None = None  # where, as Frame.fractions
    last: float | None = None
    count: int = 1
    steady: bool = True  # seen at a beat or at the end of an animation (not only mid-animation)

    def key(self) -> tuple:
        return (self.rule, self.objects)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["objects"] = list(self.objects)
        d["box"] = list(self.box) if self.box else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        d = dict(d)
        d["objects"] = tuple(d["objects"])
        d["box"] = tuple(d["box"]) if d.get("box") else None
        return cls(**d)


# -- what is on screen ---------------------------------------------------------------
@dataclass
class Item:
    mob: object
    kind: str  # "text" or "shape"
    unit: int  # index of the object it belongs to (texts are their own)
    box: Box
    opacity: float
    order: int  # draw order
    role: str | None
    name: str
    free: bool = False  # may overlap anything
    owner: int | None = None  # for a text: the object it is part of (a label of its card), if any
    marks: frozenset = frozenset()  # ids of it and its parents named in allowed pairs
    _fill: tuple | None = None

    @property
    def fill(self):
        """(rgb, opacity) of its fill (computed once)."""
        if self._fill is None:
            self._fill = (_fill(self.mob),)
        return self._fill[0]


def _box(mob, parts=None) -> Box | None:
    points = mob.points if len(mob.points) else None
    if points is None:
        family = [m.points for m in (parts if parts is not None else mob.get_family()) if len(m.points)]
        if not family:
            return None
        points = np.concatenate(family) if len(family) > 1 else family[0]
    mins, maxs = points.min(axis=0), points.max(axis=0)
    return Box(float(mins[0]), float(maxs[0]), float(mins[1]), float(maxs[1]))


def _opacity(mob) -> float:
    fill = mob.get_fill_opacity() if hasattr(mob, "get_fill_opacity") else 1.0
    stroke = mob.get_stroke_opacity() if getattr(mob, "stroke_width", 0) else 0.0
    return float(max(fill or 0.0, stroke or 0.0))


def _is_text(mob) -> bool:
    return any(k.__name__ in _TEXT and k.__module__.startswith("manim") for k in type(mob).__mro__)


def describe(mob) -> str:
    """An object as a finding names it: its class, and its text for a text."""
    name = type(mob).__name__
    if _is_text(mob):
        words = " ".join(str(getattr(mob, "original_text", getattr(mob, "text", ""))).split())
        words = words.replace("\u200e", "").replace("\u2067", "").replace("\u2069", "")
        return f'{name} "{words[:28] + "…" if len(words) > 29 else words}"'
    return name


def collect(mobjects: Sequence, allowed: Iterable[frozenset] = ()) -> tuple[list[Item], dict[int, str]]:
    """The texts and drawn shapes on screen (``mobjects``: the scene's, in draw order), and each object's name."""
    items: list[Item] = []
    names: dict[int, str] = {}
    order = [0]

    def walk(mob, unit: int | None, role: str | None, free: bool, marks: frozenset) -> None:
        role = getattr(mob, "layout_role", None) or role
        if role == "ignore" or type(mob).__name__ == "LiveGlyphs":  # karaoke copies over their own glyphs
            return
        free = free or bool(getattr(mob, "layout_allow_overlap", False))
        if id(mob) in allowed_ids:
            marks = marks | {id(mob)}
        if _is_text(mob):
            glyphs = [g for g in mob.submobjects if len(g.points)] or [mob]
            box = _box(mob, glyphs)
            if box is not None and box.area > 0:
                u = len(names)
                names[u] = describe(mob)
                sample = glyphs if len(glyphs) <= 3 else (glyphs[0], glyphs[len(glyphs) // 2], glyphs[-1])
                items.append(Item(mob, "text", u, box, max(_opacity(g) for g in sample), order[0], role, names[u], free,
                                  unit, marks))
                order[0] += 1
            return
        if unit is None and type(mob).__name__ not in _PLAIN:  # an object: everything inside belongs to it
            unit = len(names)
            names[unit] = describe(mob)
        if len(mob.points) and unit is not None:
            box = _box(mob)
            if box is not None and (box.width > 0 or box.height > 0):
                items.append(Item(mob, "shape", unit, box, _opacity(mob), order[0], role, names[unit], free, None, marks))
                order[0] += 1
        for sub in mob.submobjects:
            walk(sub, unit, role, free, marks)

    allowed_ids = {i for pair in allowed for i in pair}
    for mob in mobjects:
        walk(mob, None, None, False, frozenset())
    return items, names


# -- colours ----------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _rgb(color: str) -> tuple[float, float, float]:
    h = str(color).lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: Sequence[float]) -> float:
    c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in rgb]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a: Sequence[float], b: Sequence[float]) -> float:
    """WCAG contrast ratio of two sRGB colours (components 0..1)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _blend(top: Sequence[float], bottom: Sequence[float], alpha: float) -> tuple[float, float, float]:
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top, bottom))  # type: ignore[return-value]


def _fill(mob) -> tuple[tuple[float, float, float], float] | None:
    try:
        rgbas = mob.get_fill_rgbas()
    except Exception:  # noqa: BLE001 - not a VMobject
        return None
    if rgbas is None or not len(rgbas):
        return None
    r, g, b, a = (float(x) for x in rgbas[0])
    return (r, g, b), a


def _x_height_per_size(font: str) -> float:
    """x-height in manim units of a text of font size 1 (measured once per font)."""
    return _measured_x_height(font or "DejaVu Sans")


@functools.lru_cache(maxsize=16)
def _measured_x_height(font: str) -> float:
    from manim import Text

    return Text("x", font=font, font_size=100, warn_missing_font=False).height / 100


# -- the rules on one moment ---------------------------------------------------------
def inspect(mobjects: Sequence, frame: Frame, t: float, *, steady: bool = True, allowed: Iterable[frozenset] = ()) -> list[Finding]:
    """What breaks the geometry and readability rules among ``mobjects`` (a scene's, in draw order) at time ``t``."""
    allowed = list(allowed)
    items, names = collect(mobjects, allowed)
    return _judge(items, names, frame, t, steady, allowed)


def _judge(items: list[Item], names: dict[int, str], frame: Frame, t: float, steady: bool, allowed: list) -> list[Finding]:
    shown = [i for i in items if i.opacity >= VISIBLE]
    hidden = {id(t) for t in shown if t.kind == "text" and _covered(t, shown)}
    shown = [i for i in shown if id(i) not in hidden]
    found: list[Finding] = []
    px = frame.px

    def add(rule: str, objects: tuple[str, ...], measure: str, value: float, box: Box | None) -> None:
        found.append(Finding(rule, RULES[rule][0], round(t, 3), objects, measure, round(value, 3),
                             frame.fractions(box) if box else None, steady=steady))

    # Off the frame, off the safe area: per object (texts and drawn objects).
    units: dict[int, Box] = {}
    unit_items: dict[int, list[Item]] = {}
    for i in shown:
        units[i.unit] = units[i.unit].union(i.box) if i.unit in units else i.box
        unit_items.setdefault(i.unit, []).append(i)
    for u, box in units.items():
        its = unit_items[u]
        if any(i.role in ("backdrop",) for i in its):
            continue
        out = box.beyond(frame.box) * px
        if out > EDGE_SLACK_PX:
            add("off-frame", (names[u],), f"{out:.0f}px outside the frame", out, box)
            continue
        out = box.beyond(frame.safe) * px
        if out > EDGE_SLACK_PX:
            add("off-safe", (names[u],), f"{out:.0f}px outside the safe area", out, box)

    pair_ok = _pair_rule(allowed)
    unit_marks: dict[int, frozenset] = {}
    for i in shown:
        if i.marks:
            unit_marks[i.unit] = unit_marks.get(i.unit, frozenset()) | i.marks
    texts = [i for i in shown if i.kind == "text"]
    shapes = [i for i in shown if i.kind == "shape" and i.role != "backdrop"]
    # Text over text.
    for a_i, a in enumerate(texts):
        for b in texts[a_i + 1 :]:
            if a.free or b.free or pair_ok(a.marks, b.marks):
                continue
            share = a.box.intersection(b.box) / max(1e-9, min(a.box.area, b.box.area))
            if share > TEXT_OVERLAP:
                add("text-overlap", (a.name, b.name), f"{share:.0%} of the smaller", share, _meet(a.box, b.box))
    # A shape of another object over a text (drawn after it: one behind it is contrast's matter).
    by_unit: dict[tuple[int, int], tuple[float, Box]] = {}
    boxes = _boxes(shapes)
    for tx in texts:
        if tx.free:
            continue
        for k in np.flatnonzero(_meeting(boxes, tx.box)):
            s = shapes[k]
            if s.order < tx.order or s.unit in (tx.unit, tx.owner) or s.free or not _draws(s.mob):
                continue
            inter = tx.box.intersection(s.box)
            if inter <= 0 or tx.box.inside(s.box, 0.02):
                continue
            share = inter / max(1e-9, tx.box.area)
            if share > PROP_TEXT_OVERLAP and not pair_ok(tx.marks, s.marks):
                key = (tx.unit, s.unit)
                if share > by_unit.get(key, (0.0, None))[0]:
                    by_unit[key] = (share, _meet(tx.box, s.box))
    for (tu, su), (share, box) in by_unit.items():
        add("prop-over-text", (names[su], names[tu]), f"covers {share:.0%} of the text", share, box)
    # Two drawn objects over each other.
    prop_units = {u: b for u, b in units.items() if all(i.kind == "shape" and i.role != "backdrop" for i in unit_items[u])}
    keys = sorted(prop_units)
    for k_i, ua in enumerate(keys):
        for ub in keys[k_i + 1 :]:
            a, b = prop_units[ua], prop_units[ub]
            if any(i.free for i in unit_items[ua] + unit_items[ub]):
                continue
            inter = a.intersection(b)
            if inter <= 0 or a.inside(b, 0.02) or b.inside(a, 0.02):
                continue
            share = inter / max(1e-9, min(a.area, b.area))
            if share > PROP_OVERLAP and not pair_ok(unit_marks.get(ua, frozenset()), unit_marks.get(ub, frozenset())):
                add("prop-overlap", (names[ua], names[ub]), f"{share:.0%} of the smaller", share, _meet(a, b))

    if steady:
        filled = [i for i in items if i.kind == "shape"]
        filled = (filled, _boxes(filled))
        for tx in texts:
            # Too small: x-height at the output resolution (the font size includes every scaling).
            size = _font_size(tx)
            if size:
                xh = float(size) * _x_height_per_size(str(getattr(tx.mob, "font", "") or "").split(",")[0]) * px
                if xh < MIN_X_HEIGHT_PX:
                    add("small-text", (tx.name,), f"x-height {xh:.1f}px < {MIN_X_HEIGHT_PX:g}px", MIN_X_HEIGHT_PX - xh, tx.box)
            ratio = _text_contrast(tx, items, frame, filled)
            if ratio is not None and ratio < MIN_CONTRAST:
                add("low-contrast", (tx.name,), f"contrast {ratio:.2f}:1 < {MIN_CONTRAST:g}:1", MIN_CONTRAST - ratio, tx.box)
    return found


def _covered(tx: Item, items: list[Item]) -> bool:
    """Whether an opaque shape drawn after ``tx`` covers it whole (tomorrow's page under today's)."""
    for s in items:
        if s.kind == "shape" and s.order > tx.order and tx.box.inside(s.box):
            fill = s.fill
            if fill is not None and fill[1] >= 0.95:
                return True
    return False


def _meet(a: Box, b: Box) -> Box:
    return Box(max(a.left, b.left), min(a.right, b.right), max(a.bottom, b.bottom), min(a.top, b.top))


def _draws(mob) -> bool:
    fill = mob.get_fill_opacity() if hasattr(mob, "get_fill_opacity") else 0
    return bool(fill and fill > 0.05) or bool(getattr(mob, "stroke_width", 0) and mob.get_stroke_opacity() > 0.05)


def _font_size(tx: Item) -> float | None:
    """A text's font size now (every scaling included), from its box (manim's ``Text.font_size``, without measuring again)."""
    mob = tx.mob
    initial, size = getattr(mob, "initial_height", None), getattr(mob, "_font_size", None)
    if initial and size:
        from manim.constants import DEFAULT_FONT_SIZE
        from manim.mobject.text.text_mobject import TEXT_MOB_SCALE_FACTOR

        return tx.box.height / initial / TEXT_MOB_SCALE_FACTOR * 2.4 * size / DEFAULT_FONT_SIZE
    return getattr(mob, "font_size", None)


def _pair_rule(allowed: list[frozenset]):
    """Whether two things (by the allowed-pair ids of them and their parents) were allowed to overlap."""
    pairs = [tuple(p) for p in allowed if len(p) == 2]
    if not pairs:
        return lambda a, b: False

    def ok(a: frozenset, b: frozenset) -> bool:
        return bool(a and b) and any((x in a and y in b) or (y in a and x in b) for x, y in pairs)

    return ok


def _boxes(items: list[Item]) -> np.ndarray:
    """The boxes of ``items`` as an N x 4 array (left, right, bottom, top)."""
    if not items:
        return np.zeros((0, 4))
    return np.array([(i.box.left, i.box.right, i.box.bottom, i.box.top) for i in items])


def _meeting(boxes: np.ndarray, box: Box) -> np.ndarray:
    """Which of ``boxes`` overlap ``box`` (a boolean mask)."""
    return ((boxes[:, 0] < box.right) & (boxes[:, 1] > box.left) & (boxes[:, 2] < box.top) & (boxes[:, 3] > box.bottom))


def _text_contrast(tx: Item, items: list[Item], frame: Frame, filled=None) -> float | None:
    """The worst contrast of a text's glyph colours against what is drawn behind its centre."""
    cx, cy = (tx.box.left + tx.box.right) / 2, (tx.box.bottom + tx.box.top) / 2
    behind = _rgb(frame.background)
    shapes, boxes = filled if filled is not None else ([i for i in items if i.kind == "shape"], None)
    if boxes is None:
        boxes = _boxes(shapes)
    under = (boxes[:, 0] <= cx) & (boxes[:, 1] >= cx) & (boxes[:, 2] <= cy) & (boxes[:, 3] >= cy) if len(boxes) else []
    for k in np.flatnonzero(under):
        s = shapes[k]
        if s.order >= tx.order:
            continue
        if tx.box.intersection(s.box) < 0.5 * tx.box.area:
            continue
        fill = s.fill
        if fill is not None and fill[1] > 0.05:
            behind = _blend(fill[0], behind, fill[1])
    worst = None
    glyphs = [g for g in tx.mob.submobjects if len(g.points)] or [tx.mob]
    rgbas = [r[0] for r in (getattr(g, "fill_rgbas", None) for g in glyphs) if r is not None and len(r)]
    for r, g, b, a in np.unique(np.round(np.array(rgbas), 3), axis=0) if rgbas else ():
        if a < 0.05:
            continue
        ratio = contrast(_blend((r, g, b), behind, a), behind)
        worst = ratio if worst is None else min(worst, ratio)
    return worst


# -- a scene's timeline -------------------------------------------------------------
@dataclass
class Timeline:
    """The findings of a scene over time: moments are added as the scene runs; findings of one
    rule and objects are merged (first and last time, the worst measure)."""

    frame: Frame
    findings: dict[tuple, Finding] = field(default_factory=dict)
    busy: list[tuple[float, bool]] = field(default_factory=list)  # (time, something on the stage)
    moments: int = 0

    def add(self, mobjects: Sequence, t: float, *, steady: bool = True, allowed: Iterable[frozenset] = ()) -> None:
        self.moments += 1
        allowed = list(allowed)
        items, names = collect(mobjects, allowed)
        for f in _judge(items, names, self.frame, t, steady, allowed):
            self._merge(f)
        self.busy.append((t, _busy(items, self.frame)))

    def _merge(self, f: Finding) -> None:
        have = self.findings.get(f.key())
        if have is None:
            self.findings[f.key()] = f
            return
        have.count += 1
        have.last = max(have.last or have.time, f.time)
        have.time = min(have.time, f.time)
        have.steady = have.steady or f.steady
        if f.value > have.value:
            have.value, have.measure, have.box = f.value, f.measure, f.box

    def finish(self, end: float) -> list[Finding]:
        """Every finding, the idle stretches of the stage included, in time order; ``end``: the scene's end."""
        out = []
        for f in self.findings.values():
            if not f.steady:  # seen only while things move: a passing state, at most a warning
                if f.rule == "prop-overlap":
                    continue  # objects pass over each other while they move
                f.level = WARNING
            out.append(f)
        idle_from = 0.0
        moments = sorted(self.busy) + [(end, True)]
        for t, busy in moments:
            if busy:
                if idle_from is not None and t - idle_from > IDLE_SECONDS:
                    out.append(Finding("idle-stage", RULES["idle-stage"][0], round(idle_from, 3), ("stage",),
                                       f"{t - idle_from:.1f}s with nothing on the stage", round(t - idle_from, 3),
                                       last=round(t, 3)))
                idle_from = None
            elif idle_from is None:
                idle_from = t
        return sorted(out, key=lambda f: (f.time, f.rule))


def stage_busy(mobjects: Sequence, frame: Frame) -> bool:
    """Whether anything but captions, headline and placeholders is shown on the stage."""
    return _busy(collect(mobjects)[0], frame)


def _busy(items: list[Item], frame: Frame) -> bool:
    stage = frame.stage or frame.safe
    for i in items:
        if i.role in ("caption", "headline", "placeholder", "backdrop") or i.opacity < 0.1:
            continue
        if i.box.intersection(stage) > 0:
            return True
    return False


# -- captions ---------------------------------------------------------------------
def caption_findings(cues: Sequence[tuple[float, float, str]], *, max_cps: float = MAX_CPS,
                     max_line: int = MAX_LINE_CHARS, max_lines: int = MAX_LINES) -> list[Finding]:
    """The caption rules on subtitle cues ``(start, end, text)`` (times in the video, lines split by newlines)."""
    out = []
    for start, end, content in cues:
        lines = content.split("\n")
        chars = len(" ".join(line.strip() for line in lines))
        cps = chars / max(1e-3, end - start)
        words = " ".join(content.split())
        name = (f'cue "{words[:28]}…"' if len(words) > 29 else f'cue "{words}"',)
        if cps > max_cps:
            out.append(Finding("caption-speed", RULES["caption-speed"][0], round(start, 3), name,
                               f"{cps:.1f} chars/s > {max_cps:g}", round(cps - max_cps, 3), last=round(end, 3)))
        longest = max(len(line) for line in lines)
        if longest > max_line:
            out.append(Finding("caption-line", RULES["caption-line"][0], round(start, 3), name,
                               f"{longest} chars in a line > {max_line}", longest - max_line, last=round(end, 3)))
        if len(lines) > max_lines:
            out.append(Finding("caption-lines", RULES["caption-lines"][0], round(start, 3), name,
                               f"{len(lines)} lines > {max_lines}", len(lines) - max_lines, last=round(end, 3)))
    return out


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    findings = list(findings)
    return sum(f.level == ERROR for f in findings), sum(f.level == WARNING for f in findings)


__all__ = [
    "ERROR", "MIN_CONTRAST", "MIN_X_HEIGHT_PX", "RULES", "WARNING", "Box", "Finding", "Frame", "Timeline",
    "caption_findings", "contrast", "counts", "inspect",
]
