"""The narrator: one character drawn from simple shapes, who acts out what the script says.

A :class:`Figure` is always built from the same parts (back arm and leg, body, head
with hair, eye, brow and mouth, front leg and arm), so any pose turns into any
other by ``Transform``: the figure morphs, it never cuts.  A pose is a handful of
joint angles (:data:`POSES`); an action (:data:`ACTIONS`) is one pose or two it
swings between while the action lasts (walking, typing, washing...).

:func:`actions_in` reads the verbs of a paragraph: which action each asks for,
where its word is, whether it is negated ("I am not angry") or only imagined
("I would be angry").  :func:`look_for` picks the narrator's look once per video
from the script's words (the same script always gets the same character), and
:func:`others_in` finds a second person the text names ("our product manager").
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass, replace

import numpy as np
from manim import (
    Animation,
    Circle,
    Line,
    Polygon,
    Succession,
    Transform,
    VGroup,
    rate_functions,
)

from ..visuals.theme import Theme

# -- the look ------------------------------------------------------------------------------
SKINS = ("#f1c27d", "#e0ac69", "#c68642", "#8d5524", "#ffdbac")
HAIRS = ("#2b1d14", "#4a3222", "#a0522d", "#e6c07b", "#1c1c1c")


@dataclass(frozen=True)
class Look:
    """How a character looks: colours and hair, and how tall (1 grown-up, less for a child)."""

    skin: str = SKINS[0]
    shirt: str = "#8ecae6"
    pants: str = "#3d5a80"
    hair: str = HAIRS[0]
    long_hair: bool = False
    height: float = 1.0


def look_for(script: str, theme: Theme, salt: int = 0) -> Look:
    """The narrator's look for a script: chosen from its words, so every scene of a video agrees."""
    h = zlib.crc32((script.strip()[:200] + str(salt)).encode("utf-8"))
    palette = [c for c in theme.palette if c != theme.accent] or list(theme.palette)
    return Look(
        skin=SKINS[h % len(SKINS)],
        shirt=palette[(h >> 4) % len(palette)],
        pants=("#3d5a80", "#5c4d7d", "#33415c", "#6b4f3f")[(h >> 8) % 4],
        hair=HAIRS[(h >> 12) % len(HAIRS)],
        long_hair=bool((h >> 16) & 1),
    )


# -- poses ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pose:
    """Joint angles in degrees.  Limbs: 0 hangs straight down, positive swings forward (the
    figure faces right); knees and elbows bend from their upper limb.  ``body`` leans the
    trunk forward; ``lie`` turns the whole figure onto its back; ``drop`` lowers the hip
    (a share of the leg's length, for sitting)."""

    body: float = 0
    head: float = 0
    arm_b: tuple[float, float] = (-10, 10)
    arm_f: tuple[float, float] = (10, 10)
    leg_b: tuple[float, float] = (-4, 0)
    leg_f: tuple[float, float] = (4, 0)
    drop: float = 0.0
    lie: float = 0.0
    mouth: float = 0.3  # -1 frown .. 1 smile
    eye: float = 1.0  # 1 open, 0 shut
    brow: float = 0.0  # 1 angry


SIT = dict(leg_b=(84, 84), leg_f=(90, 90), drop=0.5)
POSES: dict[str, Pose] = {
    "stand": Pose(),
    "walk_a": Pose(arm_b=(28, 20), arm_f=(-28, 20), leg_b=(-24, 8), leg_f=(22, 4)),
    "walk_b": Pose(arm_b=(-28, 20), arm_f=(28, 20), leg_b=(22, 4), leg_f=(-24, 8)),
    "run_a": Pose(body=14, arm_b=(50, 90), arm_f=(-45, 90), leg_b=(-40, 70), leg_f=(50, 20), mouth=0.1),
    "run_b": Pose(body=14, arm_b=(-45, 90), arm_f=(50, 90), leg_b=(50, 20), leg_f=(-40, 70), mouth=0.1),
    "type_a": Pose(body=6, arm_b=(55, 35), arm_f=(62, 25), **SIT),
    "type_b": Pose(body=6, arm_b=(62, 25), arm_f=(55, 38), **SIT),
    "sleep_a": Pose(lie=90, arm_b=(-6, 4), arm_f=(6, 4), eye=0.0, mouth=0.0),
    "sleep_b": Pose(lie=90, head=-4, arm_b=(-6, 4), arm_f=(10, 8), eye=0.0, mouth=0.1),
    "eat_a": Pose(arm_b=(30, 40), arm_f=(35, 140), mouth=0.6),
    "eat_b": Pose(arm_b=(30, 40), arm_f=(35, 70), mouth=0.8),
    "read_a": Pose(head=14, arm_b=(40, 70), arm_f=(45, 70), mouth=0.2, **SIT),
    "read_b": Pose(head=18, arm_b=(40, 75), arm_f=(45, 65), mouth=0.2, **SIT),
    "wash_a": Pose(arm_b=(150, 60), arm_f=(140, 90), eye=0.2, mouth=0.7),
    "wash_b": Pose(arm_b=(140, 90), arm_f=(150, 60), eye=0.2, mouth=0.9),
    "drive_a": Pose(arm_b=(70, 20), arm_f=(75, 15), mouth=0.5, **SIT),
    "drive_b": Pose(arm_b=(75, 15), arm_f=(70, 25), mouth=0.5, **SIT),
    "talk_a": Pose(arm_b=(-8, 10), arm_f=(60, 40), mouth=0.7),
    "talk_b": Pose(arm_b=(-8, 10), arm_f=(95, 30), mouth=0.2),
    "think_a": Pose(head=-10, arm_b=(20, 100), arm_f=(25, 150), mouth=-0.1),
    "think_b": Pose(head=-14, arm_b=(20, 100), arm_f=(22, 155), mouth=0.0, eye=0.8),
    "celebrate_a": Pose(arm_b=(165, 20), arm_f=(150, 15), leg_b=(-12, 10), leg_f=(14, 6), mouth=1.0),
    "celebrate_b": Pose(arm_b=(150, 10), arm_f=(170, 25), leg_b=(-4, 0), leg_f=(4, 0), mouth=1.0),
    "angry_a": Pose(body=8, arm_b=(-20, 60), arm_f=(-15, 70), mouth=-1.0, brow=1.0),
    "angry_b": Pose(body=12, arm_b=(-25, 70), arm_f=(60, 90), mouth=-1.0, brow=1.0),
    "tired_a": Pose(body=22, head=20, arm_b=(4, 0), arm_f=(8, 0), leg_b=(-2, 8), leg_f=(6, 10), eye=0.35, mouth=-0.4),
    "tired_b": Pose(body=26, head=28, arm_b=(6, 0), arm_f=(10, 0), leg_b=(-2, 8), leg_f=(6, 10), eye=0.15, mouth=-0.5),
    "swim_a": Pose(lie=80, arm_b=(170, 10), arm_f=(20, 10), leg_b=(-10, 0), leg_f=(10, 0), mouth=0.6),
    "swim_b": Pose(lie=80, arm_b=(20, 10), arm_f=(170, 10), leg_b=(10, 0), leg_f=(-10, 0), mouth=0.6),
    "sit": Pose(arm_b=(25, 40), arm_f=(30, 40), **SIT),
}

#: Each action: the poses it swings between (one pose: it holds still once there).
ACTIONS: dict[str, tuple[str, ...]] = {
    "stand": ("stand",),
    "walk": ("walk_a", "walk_b"),
    "run": ("run_a", "run_b"),
    "type": ("type_a", "type_b"),
    "sit": ("sit",),
    "sleep": ("sleep_a", "sleep_b"),
    "eat": ("eat_a", "eat_b"),
    "read": ("read_a", "read_b"),
    "shower": ("wash_a", "wash_b"),
    "drive": ("drive_a", "drive_b"),
    "talk": ("talk_a", "talk_b"),
    "think": ("think_a", "think_b"),
    "celebrate": ("celebrate_a", "celebrate_b"),
    "angry": ("angry_a", "angry_b"),
    "tired": ("tired_a", "tired_b"),
    "swim": ("swim_a", "swim_b"),
}
#: How long one swing between an action's two poses takes (seconds).
SWING = {"walk": 0.32, "run": 0.2, "type": 0.18, "sleep": 1.1, "eat": 0.5, "read": 0.9, "shower": 0.35,
         "drive": 0.6, "talk": 0.45, "think": 0.8, "celebrate": 0.3, "angry": 0.25, "tired": 0.9, "swim": 0.4}


def _unit(deg: float) -> np.ndarray:
    """The direction of a limb at ``deg`` (0 straight down, 90 forward) in figure space."""
    a = math.radians(deg)
    return np.array([math.sin(a), -math.cos(a), 0.0])


class Figure(VGroup):
    """A character in profile (facing right), ``height`` tall standing, in ``pose``.

    Parts (always the same, so poses morph): ``arm_b``, ``leg_b``, ``body``, ``head``,
    ``hair``, ``eye``, ``brow``, ``mouth``, ``leg_f``, ``arm_f``.  ``hip`` is where the
    figure stands (its hip joint at ``anchor``), so poses line up when they morph.
    """

    def __init__(self, pose: Pose | str = "stand", look: Look = Look(), height: float = 2.0, anchor=None, facing: int = 1):
        super().__init__()
        pose = POSES[pose] if isinstance(pose, str) else pose
        self.pose, self.look, self.size, self.facing = pose, look, height, facing
        u = height * look.height / 4.2  # a leg segment
        width = 0.34 * u * 2.2 / max(look.height, 0.6) ** 0.3
        hip = np.zeros(3)
        hip[1] -= pose.drop * 2 * u
        trunk = _unit(180 - pose.body)  # up, leaning forward
        shoulder = hip + 1.55 * u * trunk
        neck = shoulder + 0.25 * u * trunk
        r = 0.42 * u
        head_c = neck + r * _unit(180 - pose.body - pose.head)

        def limb(start, angles, color, stroke, length=1.0):
            a, b = angles
            knee = start + length * u * _unit(a)
            end = knee + length * u * _unit(a + b if start is not hip else a - b)
            return VGroup(
                Line(start, knee, stroke_color=color, stroke_width=stroke, cap_style=_ROUND),
                Line(knee, end, stroke_color=color, stroke_width=stroke, cap_style=_ROUND),
            )

        stroke = 11 * width
        back = _shade(look.shirt)
        self.arm_b = limb(shoulder, pose.arm_b, back, 0.8 * stroke, 0.78)
        self.leg_b = limb(hip, pose.leg_b, _shade(look.pants), stroke, 1.0)
        self.body = Line(hip, shoulder, stroke_color=look.shirt, stroke_width=1.9 * stroke, cap_style=_ROUND)
        self.head = Circle(radius=r, fill_color=look.skin, fill_opacity=1, stroke_color="#1b1b1b", stroke_width=2).move_to(head_c)
        tilt = math.radians(-(pose.body + pose.head))
        hair_pts = [head_c + r * 1.06 * np.array([math.cos(a + tilt), math.sin(a + tilt), 0]) for a in np.linspace(0.35, math.pi + 0.25, 9)]
        if look.long_hair:
            hair_pts += [head_c + r * np.array([math.cos(math.pi + 0.9 + tilt) * 1.25, math.sin(math.pi + 0.9 + tilt) * 1.25, 0])]
        else:
            hair_pts += [head_c + r * 0.6 * np.array([math.cos(math.pi + 0.6 + tilt), math.sin(math.pi + 0.6 + tilt), 0])]
        self.hair = Polygon(*hair_pts, fill_color=look.hair, fill_opacity=1, stroke_width=0)
        face = lambda x, y: head_c + r * np.array([x * math.cos(tilt) - y * math.sin(tilt), x * math.sin(tilt) + y * math.cos(tilt), 0])  # noqa: E731
        eh = 0.16 * r * max(0.12, pose.eye)
        self.eye = Polygon(face(0.45, 0.12 + eh / r), face(0.55, 0.12), face(0.45, 0.12 - eh / r), face(0.35, 0.12),
                           fill_color="#1b1b1b", fill_opacity=1, stroke_width=0)
        self.brow = Line(face(0.28, 0.42 + 0.12 * pose.brow), face(0.66, 0.42 - 0.1 * pose.brow), stroke_color=look.hair, stroke_width=0.45 * stroke)
        self.mouth = Line(face(0.42, -0.45), face(0.78, -0.38), path_arc=-1.2 * pose.mouth, stroke_color="#1b1b1b", stroke_width=0.35 * stroke)
        self.leg_f = limb(hip, pose.leg_f, look.pants, stroke, 1.0)
        self.arm_f = limb(shoulder, pose.arm_f, look.shirt, 0.8 * stroke, 0.78)
        self.add(self.arm_b, self.leg_b, self.body, self.head, self.hair, self.eye, self.brow, self.mouth, self.leg_f, self.arm_f)
        if pose.lie:
            self.rotate(math.radians(pose.lie), about_point=hip)
        if facing < 0:
            self.stretch(-1, 0, about_point=hip)
        self.hip = hip
        if anchor is not None:
            self.shift(np.asarray(anchor) - hip)
            self.hip = np.asarray(anchor, dtype=float)

    def posed(self, pose: Pose | str) -> "Figure":
        """The same character, at the same place and size, in another pose."""
        return Figure(pose, self.look, self.size, anchor=self.hip, facing=self.facing)

    def morph(self, pose: Pose | str, **kwargs) -> Animation:
        """Move smoothly into ``pose`` (a Transform between two figures of the same parts)."""
        target = self.posed(pose)
        self.pose = target.pose
        return Transform(self, target, **kwargs)

    def act(self, action: str, seconds: float, **kwargs) -> Animation:
        """Do ``action`` for ``seconds``: into its first pose, then swinging between its poses."""
        poses = ACTIONS.get(action, ("stand",))
        into = min(0.35, seconds)
        steps = [self.morph(poses[0], run_time=into, rate_func=rate_functions.smooth)]
        if len(poses) > 1 and seconds - into >= 2 * SWING.get(action, 0.5):
            swing = SWING.get(action, 0.5)
            n = int((seconds - into) / swing)
            for k in range(n):
                steps.append(self.morph(poses[(k + 1) % 2], run_time=(seconds - into) / n, rate_func=rate_functions.smooth))
        return Succession(*steps, **kwargs)

    def move_hip(self, point) -> "Figure":
        point = np.asarray(point, dtype=float)
        self.shift(point - self.hip)
        self.hip = point
        return self

    @property
    def feet_drop(self) -> float:
        """How far below the hip the feet are when standing."""
        return self.size * self.look.height / 4.2 * 2


try:  # manim >= 0.18
    from manim.constants import CapStyleType

    _ROUND = CapStyleType.ROUND
except ImportError:  # pragma: no cover
    _ROUND = None


def _shade(color: str, by: float = 0.72) -> str:
    c = color.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#%02x%02x%02x" % (int(r * by), int(g * by), int(b * by))


# -- reading the verbs -------------------------------------------------------------------------
#: Verb stems (as regular expressions on a word) -> action.  Checked in order.
VERBS: tuple[tuple[str, str], ...] = (
    (r"(?:fall|fell|falls|falling) asleep|sleep\w*|slept|nap\w*|doz\w*|snor\w*|(?:go|went|going) to bed", "sleep"),
    (r"wak\w+ up|woke|get\w* up|got up", "stand"),
    (r"run|runs|running|ran|rush\w*|hurr\w*|jog\w*|sprint\w*|race[sd]?|racing", "run"),
    (r"walk\w*|commut\w*|stroll\w*|wander\w*|head(?:ed|ing)? (?:to|out|home)|go(?:es|ing)? (?:to|home|out)|went (?:to|home|out)", "walk"),
    (r"driv\w*|drove|ride|rides|riding|rode|scoot\w*", "drive"),
    (r"swim\w*|swam|dive[sd]?|diving|cool(?:s|ed|ing)? off|pool", "swim"),
    (r"shower\w*|bath(?:e|es|ed|ing)?|wash\w*", "shower"),
    (r"eat\w*|ate|cook(?:s|ed|ing)?|(?:pre)?heat(?:s|ed|ing)?|serv(?:e|es|ed|ing)|bak(?:e|es|ed|ing)|chop\w*|whisk\w*|stir(?:s|red|ring)?|sift\w*|pour\w*|fry|fries|fried|frying|"
     r"knead\w*|slic(?:e|es|ed|ing)|tast\w*|lunch\w*|breakfast\w*|dinner\w*|drink\w*|drank|sip\w*|coffee|tea", "eat"),
    (r"read\w*|stud(?:y|ies|ied|ying)|revis\w*|learn\w*|book\w*", "read"),
    (r"typ(?:e|es|ed|ing)|cod(?:e|es|ed|ing)|program\w*|writ(?:e|es|ing)|wrote|work(?:s|ed|ing)?|debug\w*|fine-tun\w*|train(?:ed|ing)?|implement\w*|build\w*", "type"),
    (r"sit|sits|sitting|sat|seated", "sit"),
    (r"meet\w*|met|sell(?:s|ing)?|sold|talk\w*|call\w*|chat\w*|present\w*|explain\w*|teach\w*|tell\w*|told|say\w*|said|ask\w*|discuss\w*", "talk"),
    (r"think\w*|thought|wonder\w*|imagin\w*|idea\w*|curious|plan(?:s|ned|ning)?|decid\w*|rememb\w*", "think"),
    (r"celebrat\w*|cheer\w*|win|wins|won|pass(?:ed)?|succe\w*|great|happy|excit\w*|love[sd]?|satisfied|finish\w*|done", "celebrate"),
    (r"angry|anger\w*|mad|furious|annoy\w*|hate[sd]?|rage|screw\w*|frustrat\w*", "angry"),
    (r"tired|exhaust\w*|sleepy|yawn\w*|bored|mood|stress\w*|panic\w*|worr\w*|nervous", "tired"),
)
_VERBS = [(re.compile(r"(?<![\w'-])(?:" + p + r")(?![\w'])", re.IGNORECASE), a) for p, a in VERBS]
#: Verbs that name a thing or a person after "a", "the", "my"... (optionally with one adjective
#: between): "grab a whisk", "a slice of bread", "the cook".  ("A long walk", "a swim" still
#: are the action.)
_NOUN_TOO = re.compile(r"whisks?|slices?|cooks?", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:a|an|the|my|your|our|his|her|their|this|that|one)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
#: Words ending in "-er" the verb patterns mean as actions (the rest are people: drivers, readers).
_ER_VERBS = frozenset("shower showers dinner dinners wonder wonders remember remembers cheer cheers answer answers".split())
_NEGATION = re.compile(r"(?:\b(?:not|never|no|without|nor|cannot)\b|n['\u2019]t\b)", re.IGNORECASE)
_IMAGINED = re.compile(r"\b(?:would|could|might|if|may|wish|should)\b\s*(?:\w+\s+){0,3}$", re.IGNORECASE)
_THIRD = re.compile(r"\b(?:he|she|they|his|her|their|him|them)\b", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|i\u2019m|me|my|we|we're|our|us|you|your)\b", re.IGNORECASE)
_NARRATOR = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|i\u2019m|i\u2019ve|i\u2019ll|i\u2019d|me|my|mine|myself|we|we're|we\u2019re|our|ours|us)\b", re.IGNORECASE)
_CLAUSE = re.compile(r"[.!?;:,\u2014\u2013]|\s-\s|\.\.\.|\u2026|\b(?:but|because|while|although|so|and then)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Action:
    """A verb of the paragraph that asks the narrator to act."""

    name: str
    start: int
    end: int
    words: str
    negated: bool = False
    imagined: bool = False
    #: Someone else does it ("while he was taking a shower"), not the narrator.
    other: bool = False

    @property
    def shown(self) -> str:
        """What the narrator does for it: the action, ``think`` for an imagined one, nothing negated."""
        if self.negated:
            return "stand"
        return "think" if self.imagined and self.name not in ("think", "sleep") else self.name


def _clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


def actions_in(text: str) -> list[Action]:
    """The actions the paragraph's verbs ask for, in spoken order (one per word; the first pattern wins)."""
    found: list[Action] = []
    taken: list[tuple[int, int]] = []
    for pattern, name in _VERBS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            if m.group(0)[:1].isupper() and a > 0 and not re.search(r"[.!?]\s*$", text[:a]):
                continue  # a name ("Machine Learning"), not a verb
            if _NOUN_TOO.fullmatch(m.group(0)) and _DETERMINER.search(text, max(0, a - 30), a):
                continue  # "grab a whisk", "the cook": a thing or a person, not a verb
            if re.fullmatch(r"\w+ers?", m.group(0), re.IGNORECASE) and m.group(0).lower() not in _ER_VERBS:
                continue  # "the bus drivers", "swimmers", "a reader": people, not what the narrator does
            before = text[_clause_start(text, a) : a]
            # The clause's subject: the last pronoun before the verb (he/she/they: someone else).
            persons = [(p.start(), "3") for p in _THIRD.finditer(before)] + [(p.start(), "1") for p in _FIRST.finditer(before)]
            other = bool(persons) and max(persons)[1] == "3"
            found.append(Action(name, a, b, m.group(0), bool(_NEGATION.search(before)), bool(_IMAGINED.search(before)), other))
            taken.append((a, b))
    return sorted(found, key=lambda x: x.start)


#: Verbs a how-to's steps start with ("Mix the flour...", "Open the settings...").
IMPERATIVES = frozenset("""
add adjust bake beat blend boil book bring buy call carry change check chop choose clean click close connect cook cool copy
cover cross cut decide delete dice do don't download drain drink drive eat enter fill find fold follow go grab grate grease
heat hold install keep knead leave let listen look make measure melt mix move open order pack paint pay peel place plan
plug pour practise practice prepare preheat press print pull push put read relax remember remove repeat rest rinse roll
run save say season select send serve set shake shape simmer sit sleep slice sort spread sprinkle start stay stir stop
store stretch swim switch take taste tell think tie try turn type unplug use visit wait walk warm wash watch whisk write
""".split())
_SENTENCE = re.compile(r"(?:^|[.!?\u2026]\s+|\n\s*(?:[-*+]|\d+[.)])?\s*)([A-Za-z'\u2019]+)")


def told_by_narrator(texts) -> bool:
    """Whether a script is told by "I"/"we", or is a how-to: it gets a narrator.

    A character tells the story when first-person words keep coming (at least four,
    and 3 % of the words); a line or two in the first person does not make one.
    A how-to ("Mix the flour. Let it rest.") is told to "you": when at least three
    sentences, and a third of them, start with a verb of :data:`IMPERATIVES`, the
    narrator is the one doing the steps.
    """
    words = sum(len(t.split()) for t in texts)
    persons = sum(len(_NARRATOR.findall(t)) for t in texts)
    if words > 0 and persons >= max(4, 0.03 * words):
        return True
    firsts = [m.group(1).lower().replace("\u2019", "'") for t in texts for m in _SENTENCE.finditer(t)]
    steps = sum(w in IMPERATIVES for w in firsts)
    return steps >= 3 and steps >= len(firsts) / 3


#: People another figure can stand for: pattern -> (what to call them, child?).
OTHERS: tuple[tuple[str, bool], ...] = (
    (r"(?:product |project )?manager|boss|colleague|co-?worker|teammate|client|customer|friend|partner|wife|husband"
     r"|mum|mom|dad|mother|father|teacher|professor|chef|waiter|doctor|neighbou?r|guest|driver|coach", False),
    (r"child|kid|son|daughter|baby|student|pupil|little (?:brother|sister)", True),
)
_OTHERS = [(re.compile(r"\b(?:my|our|a|an|the|his|her|their)\s+((?:\w+\s+)?(?:" + p + r"))s?\b", re.IGNORECASE), child) for p, child in OTHERS]


@dataclass(frozen=True)
class Other:
    """Another person the paragraph names."""

    words: str
    start: int
    child: bool = False


def others_in(text: str) -> list[Other]:
    """People other than the narrator the text names ("our product manager", "a child"), in order."""
    found = []
    for pattern, child in _OTHERS:
        for m in pattern.finditer(text):
            found.append(Other(m.group(1), m.start(1), child))
    return sorted(found, key=lambda o: o.start)


def other_look(base: Look, other: Other, theme: Theme) -> Look:
    """A look for a second figure: unlike the narrator's, smaller for a child."""
    alt = look_for(other.words, theme, salt=1)
    if alt.shirt == base.shirt:
        alt = replace(alt, shirt=theme.accent)
    return replace(alt, height=0.68 if other.child else 0.96)


__all__ = ["ACTIONS", "IMPERATIVES", "Action", "Figure", "Look", "Other", "POSES", "Pose", "actions_in", "look_for", "other_look", "others_in", "told_by_narrator"]

