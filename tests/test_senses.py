"""A word's icon comes from its sense in the sentence: tests/data/senses.tsv, measured as bench/senses_bench.py does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from senses_bench import evaluate, load_cases  # noqa: E402

from dayinlife_manim.autoscene.keywords import icon_for_word, match_icons  # noqa: E402
from dayinlife_manim.visuals.icons import icon_names  # noqa: E402

CASES = load_cases()


def test_the_table_is_large_varied_and_names_real_icons() -> None:
    assert len(CASES) >= 200
    assert {c.set for c in CASES} == {"tuned", "held-out"}
    names = set(icon_names())
    assert all(c.expected is None or c.expected in names for c in CASES)
    assert sum(c.expected is None for c in CASES) >= 10  # words that show nothing in their sentence
    # Every word is in its sentence.
    assert all(c.word.lower() in c.sentence.lower() for c in CASES)


def test_sense_accuracy_is_at_least_90_percent() -> None:
    scores, misses = evaluate(CASES, icon_for_word)
    right, total = scores["all"]
    assert right / total >= 0.90, [(m.case.sentence, m.case.word, m.got) for m in misses]
    right, total = scores["held-out"]
    assert right / total >= 0.85


def test_the_harness_takes_another_chooser() -> None:
    scores, misses = evaluate(CASES[:10], lambda sentence, word: None)
    assert scores["all"] == (sum(c.expected is None for c in CASES[:10]), 10)
    assert len(misses) == sum(c.expected is not None for c in CASES[:10])


@pytest.mark.parametrize(
    "text, slug",
    [
        ("The firefighters drove back to the station after the call.", "fire-truck"),
        ("Press Enter to start the program.", "keyboard"),
        ("We wash the truck every Sunday.", "car-wash"),
    ],
)
def test_the_paragraph_shows_the_sense(text: str, slug: str) -> None:
    assert slug in [m.slug for m in match_icons(text, 3)]
