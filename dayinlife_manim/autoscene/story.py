"""A paragraph as a story: shots in places, the narrator's actions and the props, each on its word.

:func:`plan_story` reads a paragraph and returns a :class:`Story`: plain data
(shots, each with its place and its events at character offsets of the text),
so it can be printed, compared, cached and written out as code.  A shot ends
when the story moves on: the words call for another place ("... then I drive to
the office") or the shot already holds as many props as it shows at once.
Events are ``act`` (the narrator does an action: the verb's word), ``prop`` (a
thing enters or does what its word says), ``person`` (someone else enters).

The headline names what the paragraph is about: the narrator's main action as
a phrase ("Commuting from the dining room"), else the place or the things it
shows, never just its first words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from .keywords import match_icons
from .narrator import Action, Other, actions_in, others_in

#: Most props one shot shows at once.
PROPS_PER_SHOT = 2
#: Longest story headline (characters): longer ones lose words from the end.
HEADLINE_CHARS = 34
#: A new shot no sooner than this many characters (about two seconds of speech) after the last.
MIN_SHOT_CHARS = 32

#: A new shot for a new place no sooner than this many characters after the last.
MIN_MOVE_CHARS = 10
#: Actions that only happen in their own place.
BOUND = ("sleep", "swim", "drive", "shower")

#: Place words -> place.
PLACE_WORDS: tuple[tuple[str, str], ...] = (
    ("shower", r"shower\w*|bath(?:room|tub|e|ing)?"),
    ("pool", r"pool|swim\w*|swam|beach|sea|lake|ocean|cool(?:s|ed|ing)? off"),
    ("car", r"car|cars|driv\w*|drove|traffic|taxi|scooter"),
    ("meeting", r"meetings?|zoom|stand-?up|video call|conference"),
    ("classroom", r"class(?:room)?|school|lessons?|lectures?|exams?|homework|library|campus|revision"),
    ("kitchen", r"kitchen|cook(?:s|ed|ing|er)?|chef|recipes?|stove|oven|preheat\w*|bak(?:e|es|ed|ing)|restaurant|bakery|bakeries|caf[eé]s?|dinner|lunch|breakfast|meals?|dishes|chopp?\w*|sauce"
                r"|pans?|frying|bowls?|whisk\w*|batter|dough|flour|ladle|spatula|pancakes?"),
    ("bed", r"bed|bedroom|pillow|asleep|nap\w*|alarm|sleep\w*|slept|woke|wak\w+ up"),
    ("street", r"streets?|road|city|commut\w*|bus|station|outside|park|walk\w*|jog\w*|run|ran|running|airport|travel\w*"),
    ("desk", r"desk|office|computers?|laptop|keyboard|cod(?:e|es|ed|ing)|program\w*|emails?|spreadsheet|chair|model|hyperparameters|debug\w*|fine-tun\w*"),
)
_PLACES = [(name, re.compile(r"(?<![\w'-])(?:" + p + r")(?![\w'])", re.IGNORECASE)) for name, p in PLACE_WORDS]
#: Where an action happens when the words name no place.
ACTION_PLACE = {"type": "desk", "sleep": "bed", "swim": "pool", "drive": "car", "shower": "shower", "eat": "kitchen", "walk": "street", "run": "street", "read": "classroom"}
#: Actions a place makes its own motion for (the narrator's pose there).
PHYSICAL = ("walk", "run", "drive", "swim", "shower", "eat", "read", "type", "sleep")

_NUM = r"(\d{1,2})(?::(\d\d))?"
#: Prop words: (prop, cue, pattern).  The cue tells the prop what to do on that word.
PROP_WORDS: tuple[tuple[str, str, str], ...] = (
    ("clock", "ring", r"alarm\w*|ring\w*|rang"),
    ("clock", "time", _NUM + r"\s*(?:o'clock|o\u2019clock|am|pm|a\.m\.|p\.m\.)|midnight|noon|o'clock|deadline|minutes|hours|late|early"),
    ("calendar", "day", r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|week|tomorrow|another day|days"),
    ("progress", "run", r"train(?:ed|ing)|trains?(?=\s+(?:the|a|an|my|our|his|her|their|this)\s+(?:\w+\s+){0,2}(?:model|network|classifier|ai))|loading|upload\w*|download\w*|install\w*|compil\w*|deploy\w*|render\w*|progress|bak(?:e|es|ing)|boil\w*|simmer\w*|revis\w*"),
    ("progress", "done", r"finish\w*|done|complet\w*|ready|over|passed"),
    ("money", "count", r"money|bank|salary|paid|pay|earn\w*|cash|\$\s?\d[\d,]*|\d[\d,]*\s?(?:dollars|euros|pounds)|dollars|euros|price|budget|billion|million"),
    ("checklist", "check", r"assignments?|tasks?|to-?do|checklist|list|steps|chores|ingredients|what has been \w+|what else can be \w+"),
    ("thought", "think", r"ideas?|imagin\w*|dream\w*|wonder\w*|curious|thinking|plans?"),
    ("jar", "open", r"cookies?|jar|snacks?|candy|sweets"),
    ("chart", "grow", r"forecast\w*|sales|growth|grow\w*|booming|stock markets?|market (?:share|growth|cap\w*)|marketing|profit\w*|rise|rising|increas\w*|statistics|data"),
    ("gauge", "high", r"scores?|grades?|results?|quality|marks|satisfied|level"),
)
_PROPS = [(name, cue, re.compile(r"(?<![\w'-])(?:" + p + r")(?![\w'])", re.IGNORECASE)) for name, cue, p in PROP_WORDS]
#: A "done" needs something running before it; these props need one of their cues first.
_NEEDS = {("progress", "done"): ("progress", "run")}


@dataclass
class Event:
    """Something that happens on a word: ``at`` is the word's offset in the paragraph text."""

    at: int
    kind: str  # "act" | "prop" | "person"
    name: str  # the action, the prop or the person's words
    cue: str = ""
    words: str = ""
    data: dict = field(default_factory=dict)


@dataclass
class Shot:
    """One view of the stage: a place, what enters it and what happens, from offset ``start``."""

    start: int
    place: str
    events: list[Event] = field(default_factory=list)

    @property
    def props(self) -> list[str]:
        seen = []
        for e in self.events:
            if e.kind in ("prop", "person", "beat") and e.name not in seen:
                seen.append(e.name)
        return seen


@dataclass
class Story:
    """What AutoScene plays for a paragraph told by a narrator."""

    shots: list[Shot]
    headline: str | None = None

    @property
    def kinds(self) -> list[str]:
        """The kinds of drawing the story uses (places, props, the narrator's actions)."""
        out = []
        for shot in self.shots:
            for k in [f"place:{shot.place}"] + [f"{e.kind}:{e.name.split(':')[0] if e.kind != 'person' else 'figure'}" for e in shot.events]:
                if k not in out:
                    out.append(k)
        return out

    def to_code(self, indent: str = "        ") -> str:
        """This story as a Python expression (``Story(shots=[Shot(...), ...])``), one line per
        event with a comment on what it does and on which words: what ``dayinlife new`` writes
        for an author to edit (another place, an action on other words, a prop left out)."""
        inner, deeper = indent + "    ", indent + "        "
        lines = [f"Story(headline={self.headline!r}, shots=["]
        for shot in self.shots:
            lines.append(f"{inner}Shot({shot.start}, {shot.place!r}, [  # the {shot.place}")
            for e in shot.events:
                args = [str(e.at), repr(e.kind), repr(e.name)] + [f"{k}={v!r}" for k, v in (("cue", e.cue), ("words", e.words), ("data", e.data)) if v]
                lines.append(f"{deeper}Event({', '.join(args)}),  # {_event_note(e)}")
            lines.append(f"{inner}]),")
        lines.append(f"{indent}])")
        return "\n".join(lines)

    def describe(self) -> str:
        """One line for ``dayinlife scenes``: the shots, their places, props and actions."""
        parts = []
        for shot in self.shots:
            acts = [e.name for e in shot.events if e.kind == "act"]
            props = shot.props
            parts.append(shot.place + (" (" + ", ".join(acts + props) + ")" if acts or props else ""))
        return "narrator: " + " | ".join(parts)


def _event_note(e: Event) -> str:
    said = f"on {e.words!r}" if e.words else "at once"
    if e.kind == "act":
        if e.data.get("negated"):
            return f"the narrator: {e.name} (not {e.cue}: negated), {said}"
        if e.data.get("imagined") and e.name != e.cue:
            return f"the narrator: {e.name} (of {e.cue}: only imagined), {said}"
        return f"the narrator: {e.name}, {said}"
    if e.kind == "beat":
        return f"the {e.name} beat plays, {said}"
    if e.kind == "person":
        return f"{e.name} enters, {said}"
    return f"{e.name}: {e.cue}, {said}"


def _hour(m: re.Match) -> float | None:
    if m.lastindex and m.group(1):
        h = int(m.group(1)) % 12
        minutes = int(m.group(2)) if m.lastindex >= 2 and m.group(2) else 0
        return h + minutes / 60
    word = m.group(0).lower()
    return {"midnight": 12.0, "noon": 12.0}.get(word)


def _amount(words: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", words)
    if m:
        return float(m.group(0).replace(",", ""))
    return {"billion": 1_000_000_000, "million": 1_000_000}.get(words.lower())


_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def props_in(text: str) -> list[Event]:
    """Prop events the words ask for, in spoken order (each word once)."""
    found, taken = [], []
    for name, cue, pattern in _PROPS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            data = {}
            if name == "clock" and cue == "time":
                data["hour"] = _hour(m)
            if name == "money":
                data["amount"] = _amount(m.group(0))
            if name == "calendar":
                day = m.group(0).lower()
                if day in _DAYS:
                    k = _DAYS.index(day)
                    data.update(today=day[:3].upper(), tomorrow=_DAYS[(k + 1) % 7][:3].upper(), named=True)
            found.append(Event(a, "prop", name, cue, m.group(0), data))
            taken.append((a, b))
    found.sort(key=lambda e: e.at)
    for e in found:  # "the budget is 800 dollars": the sum said in the sentence
        if e.name == "money" and e.data.get("amount") is None:
            said = re.search(r"\$\s?\d[\d,]*|\d[\d,]*\s?(?:dollars|euros|pounds|\$)", _sentence_at(text, e.at))
            if said:
                e.data["amount"] = _amount(said.group(0))
    out, seen = [], set()
    for e in found:
        need = _NEEDS.get((e.name, e.cue))
        if need is not None and need not in seen:
            continue
        seen.add((e.name, e.cue))
        out.append(e)
    return out


def places_in(text: str) -> list[tuple[int, str]]:
    """(offset, place) for every place word, in order."""
    out = []
    for name, pattern in _PLACES:
        out += [(m.start(), name) for m in pattern.finditer(text)]
    return sorted(out)


def _sentence_at(text: str, at: int) -> str:
    """The sentence holding offset ``at``."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?\u2026]+\s+", text) if m.end() <= at]
    end = re.search(r"[.!?\u2026]+(?:\s|$)", text[at:])
    return text[starts[-1] : at + end.end() if end else len(text)]


def _checklist_items(text: str) -> list[str]:
    """Short items of a list-like sentence ("what has been done, what else can be done, ...")."""
    parts = [p.strip(" .…!?") for p in re.split(r"[,;]|\.\s|…", text)]
    items = [p for p in parts if 1 <= len(p.split()) <= 5 and p]
    if len(items) < 2:
        return []
    return [i[:1].upper() + i[1:] for i in items[:4]]


#: What a beat draws, so the story's own prop for it steps aside (a clock beat: no clock prop).
BEAT_PROPS = {"clock": ("clock",), "daytime": ("clock",), "counter": ("money",), "checklist": ("checklist",), "progress": ("progress",)}


def plan_story(text: str, most_props: int = PROPS_PER_SHOT, beats: Sequence[tuple[str, Sequence[tuple[int, int]]]] = (),
               narrator: bool = True) -> Story:
    """The story of one paragraph told by the narrator: shots, places, actions and props on their words.

    ``beats`` are the paragraph's beats as (name, spans): each plays in a prop cell of the
    shot its first words fall in (its later words too, while that shot lasts); the story's
    own props for the same words, or the same thing, step aside.  With ``narrator`` false
    (a paragraph told in the third person: "the tourists fill the squares"), the figure
    stands for whoever the paragraph is about, so it acts every verb's action.
    """
    actions = [a if narrator else replace(a, other=False) for a in actions_in(text)]
    actions = [seated for a in actions if (seated := _seated(a, text)) is not None]
    taken = [span for _, spans in beats for span in spans]
    drawn_by_beats = {p for name, _ in beats for p in BEAT_PROPS.get(name, ())}
    props = [e for e in props_in(text) if e.name not in drawn_by_beats and not any(a <= e.at < b for a, b in taken)]
    people = others_in(text)
    hidden = [(a.start, a.end) for a in actions if a.negated]
    places = [(at, name) for at, name in places_in(text) if not any(x <= at < y for x, y in hidden)]
    events: list[Event] = [Event(a.start, "act", a.shown, a.name, a.words, {"negated": a.negated, "imagined": a.imagined})
                           for a in actions if not a.other]
    if people:  # what someone else does, they act out (when the text names them)
        events += [Event(a.start, "prop", people[0].words, a.shown, a.words) for a in actions if a.other and a.start > people[0].start]
    # Repeated props of one kind: the first enters, later ones only act (at most 3 acts each).
    events += props
    events += [Event(o.start, "person", o.words, "child" if o.child else "", o.words) for o in people[:1]]
    # Icons for the nouns nothing else draws.
    covered = [(e.at, e.at + len(e.words)) for e in events] + list(taken)
    for m in match_icons(text, 3):
        if m.words and m.start >= 0 and not any(a <= m.start < b for a, b in covered):
            events.append(Event(m.start, "prop", f"icon:{m.slug}", "show", m.words, {"slug": m.slug, "label": m.words}))
    for name, spans in beats:
        events += [Event(a, "beat", name, str(k), text[a:b], {"step": k, "span": (a, b)}) for k, (a, b) in enumerate(spans)]
    events.sort(key=lambda e: (e.at, e.kind != "act"))
    for e in events:
        if e.name == "checklist":
            e.data["items"] = _checklist_items(_sentence_at(text, e.at)) or list(dict.fromkeys(
                [e.words[:1].upper() + e.words[1:]] + [m.words[:1].upper() + m.words[1:] for m in match_icons(text, 3) if m.words]))[:3]
        if e.name == "thought":
            e.data["slug"] = _thought_slug(text, e.at)

    def place_at(pos: int, default: str) -> str:
        named = [name for at, name in places if at <= pos]
        return named[-1] if named else default

    starts = sorted(places + [(a.start, ACTION_PLACE[a.shown]) for a in actions if a.shown in ACTION_PLACE and not a.other])
    first_place = starts[0][1] if starts else "room"
    shots = [Shot(0, first_place)]
    for e in events:
        shot = shots[-1]
        want = shot.place
        if e.kind == "act" and e.name in ACTION_PLACE:
            named = [name for at, name in places if at <= e.at and at >= shot.start]
            want = named[-1] if named else ACTION_PLACE[e.name]
        else:
            want = place_at(e.at, shot.place) if any(shot.start <= at <= e.at + len(e.words) for at, _ in places) else shot.place
        if e.kind == "beat" and e.data["step"] > 0:
            if e.name in shots[-1].props:
                shots[-1].events.append(e)  # a beat's later words play while its shot lasts
            continue
        new_prop = e.kind in ("prop", "person", "beat") and e.name not in shot.props
        full = new_prop and len(shot.props) >= most_props
        if full and not e.name.startswith("icon:"):
            icons = [x for x in shot.events if x.name.startswith("icon:")]
            if icons:  # icons are the fallback: a drawing or a beat takes an icon's cell
                shot.events = [x for x in shot.events if x.name != icons[-1].name]
                full = False
        soon = MIN_MOVE_CHARS if want != shot.place else MIN_SHOT_CHARS
        if (want != shot.place or full) and e.at - shot.start >= soon and shot.events:
            shots.append(Shot(e.at, want))
        elif want != shot.place and not shot.events:
            shot.place = want
        if full and shots[-1] is shot:
            continue  # no room and too soon for a new shot: the prop waits for the next one
        if e.kind == "act" and e.name in BOUND and ACTION_PLACE[e.name] != shots[-1].place:
            continue  # nobody sleeps in the shower: the action waits for its place
        shots[-1].events.append(e)
    return Story(shots, story_headline(text, actions, events, places))


_DESK = dict(_PLACES)["desk"]


def _seated(action: Action, text: str) -> Action | None:
    """Sitting is working at a desk when its sentence names one ("sit in a chair and code");
    elsewhere ("sit down and enjoy breakfast") the narrator stays in the place of the story."""
    if action.name != "sit":
        return action
    return replace(action, name="type") if _DESK.search(_sentence_at(text, action.start)) else None


def has_scene(story: Story) -> bool:
    """Whether a story shows more than icons in an empty room: a place, an action, a prop or a beat."""
    return any(shot.place != "room" or any(e.kind != "prop" or not e.name.startswith("icon:") for e in shot.events)
               for shot in story.shots)


def _thought_slug(text: str, at: int) -> str:
    """An icon for what a thought is about: the first thing named after its word."""
    for m in match_icons(text[at:], 3):
        if m.words and m.slug not in ("lightbulb", "head-lightbulb"):
            return m.slug
    return "lightbulb-on"


# -- headlines -------------------------------------------------------------------------------------
_IRREGULAR = {"ate": "eat", "slept": "sleep", "ran": "run", "drove": "drive", "went": "go", "swam": "swim", "wrote": "write",
              "sat": "sit", "met": "meet", "thought": "think", "woke": "wake", "got": "get", "told": "tell", "said": "say",
              "rode": "ride", "made": "make", "bought": "buy", "taught": "teach", "drank": "drink", "fell": "fall"}
#: Verbs too general to name a paragraph when a more telling one is there.
GENERIC = {"sit", "sits", "sat", "sitting", "pool", "coffee", "tea", "book", "books", "work", "works", "worked", "working",
           "build", "builds", "building", "train", "trains", "trained", "training", "study", "code", "coding", "write", "writing",
           "lunch", "breakfast", "dinner", "lunches", "dinners", "meal"}
_STOP_TAIL = {"over", "up", "about", "into", "the", "a", "an", "to", "of", "and", "in", "on", "my", "our", "your", "at", "for", "from", "with", "but", "or", "so", "that", "i", "is"}


def gerund(word: str) -> str:
    """"commute" -> "commuting", "trains" -> "training", "ran" -> "running" (plain English rules)."""
    w = word.lower()
    if w.endswith("ing"):
        return w
    w = _IRREGULAR.get(w, w)
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2] if not w.endswith("ied") else w[:-3] + "y"
        if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "ls":
            w = w[:-1]
        elif w.endswith(("at", "ut", "iv", "ok", "ak", "in", "us", "ar", "ag")) and w not in ("train", "finish"):
            w += "e"
    elif w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    if w.endswith("ie"):
        return w[:-2] + "ying"
    if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
        return w[:-1] + "ing"
    if len(w) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", w):
        return w + w[-1] + "ing"
    return w + "ing"


_PREPOSITIONS = frozenset("over into onto with for at in on from to under through across".split())


def _phrase_after(text: str, end: int, most: int = 5) -> list[str]:
    rest = text[end:]
    stop = re.search(r"[,.;:!?\u2014\u2013\u2026()]|\s-\s|\b(?:but|because|while|so|if|coz|then|is|are|was|were|I|you|we)\b", rest)
    words = (rest[: stop.start()] if stop else rest).split()[:most]
    # "...and" ends the phrase after three words, or at once when a verb follows ("a shower and cook dinner").
    cut = next((i for i, w in enumerate(words) if w.lower() == "and" and (i >= 3 or (i + 1 < len(words) and actions_in(words[i + 1])))
                or (i >= 2 and w.lower() in _PREPOSITIONS)), None)  # ...and "a heavy pan | over medium heat"
    if cut is not None:
        words = words[:cut]
    while words and words[-1].lower().strip("'\u2019") in _STOP_TAIL:
        words.pop()
    return words


def story_headline(text: str, actions: list[Action], events: list[Event], places) -> str | None:
    """What the paragraph is about, in a few words."""
    telling = [a for a in actions if a.name in PHYSICAL and not a.negated and not a.imagined and not a.other]
    for a in telling:
        if a.words.lower() in GENERIC:
            continue
        head = " ".join(gerund(w) if i == 0 else w for i, w in enumerate(a.words.split()))
        phrase = [head] + _phrase_after(text, a.end)
        return _cap(" ".join(phrase))
    if telling:
        a = telling[0]
        return _cap(" ".join([gerund(a.words.split()[0])] + _phrase_after(text, a.end)))
    named = [m.group(0) for name, pattern in _PLACES if name in ("meeting", "kitchen", "pool", "classroom", "shower", "street")
             for m in [pattern.search(text)] if m and m.group(0).lower().endswith(("s", "l", "n", "m", "t", "y", "é"))]
    if named and not telling:
        return _cap(named[0])
    nouns = [" ".join([m.words] + _phrase_after(text, m.start + len(m.words), 3)) if re.search(r"\d", m.words)  # "$4,800 in pre-orders"
             else m.keyword or m.words for m in match_icons(text, 3) if m.words and _topic(m.words, m.keyword)]
    if nouns:
        both = " & ".join(dict.fromkeys(n.lower() for n in nouns[:2]))
        return _cap(both if len(both) <= HEADLINE_CHARS else nouns[0].lower())  # never half a name
    return None


#: Words an icon may show but a headline does not name: units of time.
_NOT_TOPICS = frozenset("second seconds minute minutes hour hours day days week weeks month months year years time times".split())


def _topic(words: str, keyword: str | None) -> bool:
    """Whether an icon's words can name what a paragraph is about: not a unit of time, not a
    verb form drawn by its noun ("pressed" for a press)."""
    w = words.lower()
    if w in _NOT_TOPICS:
        return False
    return not (re.fullmatch(r"[a-z]+(?:ed|ing)", w) and keyword and not keyword.lower().endswith(("ed", "ing")))


def _cap(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.-")
    while len(s) > HEADLINE_CHARS and " " in s:
        s = s.rsplit(" ", 1)[0]
    words = s.split()
    while len(words) > 1 and words[-1].lower() in _STOP_TAIL:
        words.pop()
    s = " ".join(words).rstrip(" &,")
    return s[:1].upper() + s[1:]


__all__ = ["Event", "Other", "Shot", "Story", "gerund", "has_scene", "plan_story", "props_in", "story_headline"]
