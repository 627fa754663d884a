"""Does AutoScene tell every paragraph?  Renders a corpus of paragraphs at the tiny quality
and prints how many there are, which failed (a scene that raised: a failed build), which
fell back to a simpler beat (their warning lines) and the time taken.

The corpus: the hand-written paragraphs of ``tests/data/autoscene_corpus.txt`` (ranges,
quotes, lists, one word, emoji, URLs, code, other languages and scripts...) and
paragraphs made from templates (jobs, cooking, travel, school, sport, health, tech,
numbers, lists, long paragraphs), seeded, so the same every run.

Run: ``python bench/autoscene_corpus.py [--limit N] [--aspect 16:9] [--plans-only]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HAND = ROOT / "tests" / "data" / "autoscene_corpus.txt"

# -- the corpus ---------------------------------------------------------------------------------
SLOTS = {
    "job": ["nurse", "chef", "teacher", "pilot", "plumber", "developer", "farmer", "lawyer", "barista", "firefighter",
            "mechanic", "cashier", "designer", "driver", "dentist"],
    "place": ["hospital", "kitchen", "school", "airport", "office", "farm", "court", "cafe", "fire station", "garage",
              "shop", "studio", "station", "clinic", "bakery"],
    "food": ["pasta", "pizza", "soup", "rice", "salad", "pancakes", "tacos", "curry", "bread", "noodles", "cake", "eggs"],
    "tool": ["knife", "pan", "laptop", "keyboard", "wrench", "hammer", "whisk", "microscope", "calculator", "phone"],
    "city": ["Paris", "Lisbon", "Tokyo", "Nairobi", "Lima", "Oslo", "Delhi", "Cairo", "Quebec", "Seoul"],
    "vehicle": ["train", "bus", "plane", "ferry", "bike", "car", "tram", "taxi"],
    "sport": ["tennis", "football", "basketball", "swimming", "running", "yoga", "golf", "chess", "cycling", "boxing"],
    "subject": ["math", "history", "biology", "French", "music", "art", "physics", "geography", "chemistry"],
    "thing": ["report", "server", "database", "app", "website", "model", "backup", "invoice", "update", "script"],
    "mood": ["happy", "tired", "nervous", "proud", "bored", "relieved", "angry", "excited"],
    "unit": ["steps", "emails", "customers", "pages", "laps", "meals", "tickets", "bugs", "cups", "kilometres"],
    "day": ["Monday", "Tuesday", "Friday", "Sunday", "the weekend", "the morning", "the evening"],
}

TEMPLATES = [
    # jobs
    "As a {job}, I start every day at the {place} at {h}:{m2}.",
    "The {job} works {n}-{n2} hours a week and earns ${n3},{m3} a year.",
    "Being a {job} means {mood} mornings, long afternoons and {n} cups of coffee.",
    "My sister is a {job}; she says the best part is the people, the worst part is the paperwork.",
    "On {day} the {job} trains {n} new colleagues, answers {n2} {unit} and goes home {mood}.",
    # cooking
    "Boil the {food} for {n}-{n2} minutes, then drain it and add salt.",
    "Preheat the oven to {n3} degrees, mix {n} eggs with {n2} cups of flour, and bake for {n4} minutes.",
    "Grab the {tool}, chop two onions, heat the pan and fry the {food} until golden.",
    "Dinner tonight: {food}, {food2}, {food3} and a glass of water.",
    "The chef said \"more {food}!\" and the kitchen laughed.",
    "I wash the dishes, wipe the table and put the {food} in the fridge.",
    # travel
    "We take the {vehicle} from {city} to {city2}; it takes {n}-{n2} hours.",
    "Our flight to {city} leaves at {h}:{m2} and lands {n} hours later.",
    "In {city} we walked {n3},{m3} steps, ate {food} and got lost twice.",
    "Pack a passport, a charger, {n} shirts and a good book for the {vehicle}.",
    "The {vehicle} was late by {n}–{n2} minutes, so we missed the connection in {city2}.",
    # school
    "The {subject} test is on {day}; I studied {n} chapters and {n2} pages of notes.",
    "Our {subject} teacher gave us homework, a quiz and a project due in {n}-{n2} weeks.",
    "Class starts at {h}:{m2}. First {subject}, then {subject2}, finally lunch.",
    "I got {n4}% on the {subject} exam, up from {n5}% last term.",
    "The students read, wrote, argued and finally agreed about {subject}.",
    # sport
    "I play {sport} every {day} and I'm getting better at it.",
    "The {sport} match ended {n}-{n2} after a late goal.",
    "Training starts at {h} am sharp; warm-up, {n} laps, stretching.",
    "She ran {n} km in {n2} minutes and felt {mood}.",
    # health
    "The nurse checked my pulse, my temperature and my blood pressure.",
    "Take {n} tablets a day for {n2}-{n3} days, with food.",
    "I sleep {n}-{n2} hours a night and drink {n3} glasses of water.",
    "After the flu I felt {mood} for a week, then {mood2}.",
    # tech
    "Press Enter, wait for the {thing} to load, then press Escape.",
    "The {thing} crashed at {h}:{m2}, again at {h2}:{m2}, and we rolled back.",
    "Loading the {thing}... {n4}% done, {n5}% to go.",
    "We moved the {thing} from the old server to the cloud in {n}-{n2} days.",
    "The model has finished training on {n3},{m3} images.",
    "Deploy the {thing}, run the tests, fix {n} bugs and deploy again.",
    # numbers and ranges
    "It costs ${n}.{m2} or €{n2}, whichever is cheaper.",
    "Ships in {n}-{n2} business days, {n3}-{n4} for islands.",
    "We expect {n}–{n2} guests, {n3} to {n4} of them vegetarian.",
    "Between {n} and {n2} {unit}, give or take.",
    "Temperatures of {n}-{n2}°C are normal here in {day}.",
    "{n}, {n2}, {n3}, {n4}: the numbers never lie.",
    # lists
    "I need {food}, {food2}, {food3}, a {tool} and {n} {unit}.",
    "{job}, {job2}, {job3} and {job4}: everyone came to the party.",
    "Monday {sport}, Tuesday {sport2}, Wednesday rest.",
    # feelings and comparisons
    "I was {mood}, then {mood2}, then simply {mood3}.",
    "Before the {thing}, we used paper; now everything is online.",
    "{vehicle} vs {vehicle2}: which is faster to {city}?",
]

LONG = (
    "It was one of those days when everything happens at once. The alarm rang at {h}:{m2}, the {vehicle} was late, "
    "and the {job} next to me spilled coffee on my {tool}. At the {place} the {thing} had crashed overnight, so we spent "
    "the morning fixing it while the phone kept ringing. Lunch was cold {food}, eaten standing up. In the afternoon "
    "there were {n} meetings, {n2} emails and one very long call with a customer from {city}, who wanted everything "
    "by {day}. By evening I was {mood}, but the {thing} was running again, the team was laughing, and on the way home "
    "the sky over {city2} turned orange and pink. I cooked {food2}, called my sister, read {n3} pages of a novel and "
    "fell asleep before ten, wondering what tomorrow would bring."
)


def _fill(template: str, rng: random.Random) -> str:
    values = {}
    for name, options in SLOTS.items():
        picks = rng.sample(options, 4)
        values.update({name: picks[0], name + "2": picks[1], name + "3": picks[2], name + "4": picks[3]})
    values.update(
        n=rng.randint(1, 9), n2=rng.randint(10, 19), n3=rng.randint(20, 400), n4=rng.randint(40, 99), n5=rng.randint(5, 39),
        h=rng.randint(1, 11), h2=rng.randint(1, 11), m2=f"{rng.choice([0, 15, 30, 45]):02d}", m3=f"{rng.randint(0, 999):03d}",
    )
    text = template.format(**values)
    return text[:1].upper() + text[1:]


def hand_written(path: Path = HAND) -> list[str]:
    """The hand-written paragraphs (comment lines left out)."""
    blocks, lines = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# "):
            continue
        if line.strip():
            lines.append(line)
        elif lines:
            blocks.append("\n".join(lines))
            lines = []
    return blocks


def templated(per_template: int = 5, seed: int = 20) -> list[str]:
    rng = random.Random(seed)
    out = [_fill(t, rng) for t in TEMPLATES for _ in range(per_template)]
    out += [_fill(LONG, rng) for _ in range(4)]
    return list(dict.fromkeys(out))


def corpus() -> list[str]:
    """Every paragraph of the corpus, hand-written first."""
    return list(dict.fromkeys(hand_written() + templated()))


def sample(n: int = 15) -> list[str]:
    """``n`` paragraphs spread over the corpus (every kind: ranges, quotes, emoji, scripts, templates)."""
    everything = corpus()
    step = len(everything) / n
    return [everything[int(i * step)] for i in range(n)]


# -- rendering -------------------------------------------------------------------------------------
class Outcome(NamedTuple):
    paragraph: str
    plan: str
    fallbacks: list[str]
    error: str | None
    seconds: float


def render_all(paragraphs: list[str], workdir: Path, aspect: str = "16:9", plans_only: bool = False) -> list[Outcome]:
    """Render each paragraph (one script, each paragraph one AutoScene); never raises."""
    from dayinlife_manim.autoscene import AutoScene
    from dayinlife_manim.render.render import render_scene
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.text.script import parse_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    script = parse_script("AutoScene Corpus\n\n" + "\n\n".join(paragraphs) + "\n", "corpus")
    manifest, _ = make_voiceover(script, SilentVoice(), workdir / "voice")
    path = manifest.root / "manifest.json"
    settings = RenderSettings.from_options("tiny", aspect)
    seen: list = []

    class Recorded(AutoScene):
        def tear_down(self):
            seen.append(self)
            super().tear_down()

    outcomes = []
    for para in manifest.paragraphs[1:]:
        seen.clear()
        t0 = time.perf_counter()
        error, plan = None, "?"
        try:
            plan = AutoScene.plan_for(manifest, para).describe()
            if not plans_only:
                render_scene(Recorded, manifest=path, paragraph=para.id, out=workdir / "scenes" / f"{para.id}.mp4",
                             settings=settings, workdir=workdir / "work")
        except Exception as exc:  # noqa: BLE001  (what the bench counts)
            error = f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=-3)
        fallbacks = list(getattr(seen[0], "fallbacks", [])) if seen else []
        outcomes.append(Outcome(para.display_text, plan, fallbacks, error, time.perf_counter() - t0))
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N paragraphs")
    parser.add_argument("--aspect", default="16:9")
    parser.add_argument("--plans-only", action="store_true", help="plan every paragraph, render none")
    args = parser.parse_args()
    paragraphs = corpus()[: args.limit]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="autoscene-corpus-") as tmp:
        outcomes = render_all(paragraphs, Path(tmp), args.aspect, args.plans_only)
    seconds = time.perf_counter() - t0
    failed = [o for o in outcomes if o.error]
    fell = [o for o in outcomes if o.fallbacks]
    print(f"paragraphs: {len(outcomes)} ({len(hand_written())} hand-written, the rest from {len(TEMPLATES)} templates)")
    print(f"failures:   {len(failed)}")
    print(f"fallbacks:  {len(fell)} paragraphs ({sum(len(o.fallbacks) for o in outcomes)} warnings)")
    print(f"time:       {seconds:.1f}s in all, {seconds / max(1, len(outcomes)):.2f}s a paragraph ({args.aspect}, tiny)")
    for o in failed:
        print(f"\nFAILED {o.paragraph[:70]!r} [{o.plan}]\n{o.error}")
    for o in fell:
        for line in o.fallbacks:
            print(line)


if __name__ == "__main__":
    main()
