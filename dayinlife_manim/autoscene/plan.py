"""Which beats each paragraph gets, and where on the stage they go.

:func:`plan_script` plans every paragraph of a script in order: each
registered beat scores the paragraph, the strongest win (at most
``MAX_BEATS``, never two of one group nor two telling the same words), and a
paragraph never gets the same layout as its neighbours (every other paragraph
adapts, so each plan depends on its neighbours' words only).  Paragraphs that
call for no beat keep the icon cards.  :func:`slots` splits the stage among
the chosen beats so they never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from ..visuals.theme import Region
from .beats import Beat, registered_beats
from .keywords import IconMatch, match_icons
from .story import Story


def icon_count(words: int) -> int:
    """How many icons a paragraph of ``words`` words gets when it is told with icons."""
    return 1 if words <= 4 else 2 if words <= 12 else 3


#: Most beats a paragraph gets.
MAX_BEATS = 2
#: A paragraph with one beat and at least this many words also gets one icon card.
ICON_COMPANION_WORDS = 28


@dataclass
class Plan:
    """What AutoScene does with one paragraph."""

    beats: list[Beat] = field(default_factory=list)
    #: For paragraphs told with icons only: how many, and 0 cards side by side, 1 stacked (labels beside).
    icons: int = 0
    icon_variant: int = 0
    #: Add one icon card beside a single beat.
    companion: bool = False
    title: bool = False
    #: A paragraph told by the script's narrator: its shots, places, actions and props (see ``story.py``).
    story: Story | None = None
    #: Every beat that matched, with its score (what alternatives are made of).
    found: list = field(default_factory=list, repr=False)
    #: The icon cards (:func:`card`), when the plan names them (a scaffolded scene's own);
    #: None: AutoScene picks them from the paragraph's words.
    cards: list[IconMatch] | None = None

    @property
    def layout(self) -> tuple[str, ...]:
        """What the stage looks like, for telling consecutive paragraphs apart."""
        if self.title:
            return ("title",)
        if self.story is not None:
            return ("story",) + tuple(s.place for s in self.story.shots)
        if not self.beats:
            return ("icons", str(self.icons), str(self.icon_variant))
        return tuple(b.name for b in self.beats) + (("icon",) if self.companion else ())

    def describe(self) -> str:
        """One line for ``dayinlife scenes``."""
        if self.title:
            return "title card"
        if self.story is not None:
            beats = "; ".join(b.describe() for b in self.beats)
            return self.story.describe() + (" with " + beats if beats else "")
        if not self.beats:
            return "icons " + ("side by side" if self.icon_variant == 0 else "stacked")
        return "; ".join(b.describe() for b in self.beats) + (" + icon" if self.companion else "")


    def to_code(self, paragraph: str, cards: Sequence[IconMatch] = (), indent: str = "        ") -> str:
        """This plan as a Python expression for a scene's ``narrate`` (``self.tell(<it>)``), with a
        comment on each part saying the words it waits for.

        Beats are called by name (``self.beat("clock")``: the registered beat, matched on the
        paragraph, as AutoScene plays it); icon ``cards`` (AutoScene's own for the paragraph)
        are written out one by one (:func:`card`: the icon, the words that bring it in).
        """
        inner, deeper = indent + "    ", indent + "        "
        lines = []
        if self.title:
            lines.append(f"{inner}title=True,")
        if self.story is not None:  # the narrator's story, as AutoScene plans it for this paragraph
            lines.append(f"{inner}story={self.story.to_code(inner)},")
        if self.beats:
            lines.append(f"{inner}beats=[")
            for b in self.beats:
                said = ", ".join(repr(paragraph[x:y]) for x, y in b.spans[:6]) + (", ..." if len(b.spans) > 6 else "")
                lines.append(f"{deeper}self.beat({b.name!r}),  # {b.describe()}; on the words {said}")
            lines.append(f"{inner}],")
            if self.companion:
                lines.append(f"{inner}companion=True,  # and an icon card for words no beat tells")
        elif cards:
            if self.icon_variant:
                lines.append(f"{inner}icon_variant=1,  # cards stacked, labels beside (not side by side)")
            lines.append(f"{inner}cards=[")
            for m in cards:
                note = f"pops in as {m.words!r} is said" if m.words else "no word names an icon: a neutral one"
                lines.append(f"{deeper}{card_code(m, paragraph)},  # {note}")
            lines.append(f"{inner}],")
        if not lines:
            return "Plan()"
        return "Plan(\n" + "\n".join(lines) + f"\n{indent})"


def card(slug: str, words: str = "", at: int = -1, keyword: str | None = None) -> IconMatch:
    """An icon card of a plan: icon ``slug`` with ``words`` below it, popping in as they are said
    (their first occurrence, or the one at character ``at`` of the paragraph); ``keyword``: the
    word a later sentence repeats to give it a pulse (default: ``words``)."""
    return IconMatch(slug, words, keyword if keyword is not None else words.lower(), 0 if words else -1, 0.0, at)


def card_code(m: IconMatch, paragraph: str) -> str:
    """The :func:`card` call that makes ``m`` again."""
    args = [repr(m.slug)] + ([repr(m.words)] if m.words else [])
    if m.words and m.start >= 0 and _first(paragraph, m.words) != m.start:
        args.append(f"at={m.start}")
    if m.words and m.keyword != m.words.lower():
        args.append(f"keyword={m.keyword!r}")
    return f"card({', '.join(args)})"


def _first(paragraph: str, words: str) -> int:
    import re

    found = re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", paragraph, re.IGNORECASE)
    return found.start() if found else -1


def named_beat(name: str, paragraph: str) -> Beat:
    """The registered beat called ``name``, matched on ``paragraph`` (what a plan's beat of that name does)."""
    for cls in registered_beats():
        if cls.name == name:
            beat = cls()
            beat.matches(paragraph)
            return beat
    raise KeyError(f"no beat named {name!r} is registered (known: {', '.join(c.name for c in registered_beats())})")


def candidates(text: str, kinds: Iterable[type[Beat]] | None = None) -> list[tuple[float, Beat]]:
    """Every beat that matches ``text``, strongest first (ties: the one said first)."""
    found = []
    for cls in registered_beats() if kinds is None else kinds:
        beat = cls()
        score = float(beat.matches(text) or 0.0)
        if score >= cls.min_score and beat.spans:
            found.append((score, beat))
    found.sort(key=lambda sb: (-sb[0], sb[1].start, sb[1].name))
    return found


def choose(found: Sequence[tuple[float, Beat]], most: int = MAX_BEATS, skip: Iterable[Beat] = ()) -> list[Beat]:
    """The strongest beats that do not fight: one per group, no shared words; in spoken order."""
    skip = {id(b) for b in skip}
    chosen: list[Beat] = []
    for _, beat in found:
        if len(chosen) >= most:
            break
        if id(beat) in skip:
            continue
        if any(beat.group is not None and beat.group == c.group for c in chosen) or any(beat.overlaps(c) for c in chosen):
            continue
        chosen.append(beat)
    return sorted(chosen, key=lambda b: b.start)


def default_plan(text: str, kinds=None, most: int = MAX_BEATS) -> Plan:
    """What a paragraph gets on its own: its strongest beats (or its icons)."""
    found = candidates(text, kinds)
    words = len(text.split())
    plan = Plan(choose(found, most))
    plan.found = found
    if not plan.beats:
        plan.icons = len(match_icons(text, icon_count(words)))
    plan.companion = len(plan.beats) == 1 and words >= ICON_COMPANION_WORDS
    return plan


def alternatives(plan: Plan, text: str, most: int = MAX_BEATS):
    """Other plans that still tell the paragraph: another icon arrangement; the next-best
    beats; the beats in the other order; an icon card added or taken away."""
    if not plan.beats:
        yield replace(plan, icon_variant=1 - plan.icon_variant)
        return
    found = plan.found
    words = len(text.split())
    weakest = min(plan.beats, key=lambda b: next(s for s, c in found if c is b))
    other = choose(found, most, skip=[weakest])
    if other:
        yield replace(plan, beats=other, companion=len(other) == 1 and words >= ICON_COMPANION_WORDS)
    if len(plan.beats) > 1:
        yield replace(plan, beats=list(reversed(plan.beats)))
    yield replace(plan, companion=not plan.companion)


def plan_paragraph(text: str, index: int = 1, neighbours: Sequence[Plan] = (), kinds=None, most: int = MAX_BEATS) -> Plan:
    """The plan for paragraph ``index``: never the layout of a neighbour.

    Even paragraphs keep their own plan; odd ones change theirs when it looks like
    either neighbour's own plan.  So a paragraph's look depends on its neighbours'
    words only (a render that sees one paragraph and its neighbours can make it).
    """
    plan = default_plan(text, kinds, most)
    taken = {n.layout for n in neighbours}
    if index % 2 == 0 or plan.layout not in taken:
        return plan
    for other in alternatives(plan, text, most):
        if other.layout not in taken:
            return other
    return plan


def plan_script(texts: Sequence[str], kinds: Sequence[str] | None = None) -> list[Plan]:
    """Plans for a script's paragraphs in order (``kinds[i] == "title"`` marks title cards)."""
    kinds = list(kinds) if kinds is not None else ["paragraph"] * len(texts)
    own = [Plan(title=True) if k == "title" else default_plan(t) for t, k in zip(texts, kinds)]
    plans = []
    for i, (text, kind) in enumerate(zip(texts, kinds)):
        if kind == "title":
            plans.append(own[i])
            continue
        neighbours = [own[j] for j in (i - 1, i + 1) if 0 <= j < len(texts)]
        plans.append(plan_paragraph(text, i, neighbours))
    return plans


def slots(stage: Region, shapes: Sequence[float], gap: float) -> list[Region]:
    """``len(shapes)`` non-overlapping regions of ``stage``, side by side or stacked (whichever
    gives the content of those width/height ``shapes`` the most room), ``gap`` apart."""
    n = len(shapes)
    if n <= 1:
        return [stage] * n

    def room(regions: list[Region]) -> float:
        return min(min(r.width / s, r.height) for r, s in zip(regions, shapes))

    total = sum(shapes)
    columns, x = [], stage.left
    usable = stage.width - gap * (n - 1)
    for s in shapes:
        w = usable * s / total
        columns.append(Region(x, x + w, stage.bottom, stage.top))
        x += w + gap
    h = (stage.height - gap * (n - 1)) / n
    rows = [Region(stage.left, stage.right, stage.top - (i + 1) * h - i * gap, stage.top - i * h - i * gap) for i in range(n)]
    return columns if room(columns) >= room(rows) else rows


__all__ = ["MAX_BEATS", "Plan", "alternatives", "candidates", "card", "card_code", "choose", "default_plan", "named_beat", "plan_paragraph",
           "plan_script", "slots"]
