"""Does a word get the icon of its sense in the sentence?  Prints the accuracy on
``tests/data/senses.tsv`` (sentence, word, expected icon slug or ``none``), per set
(``tuned``: the rows the sense rules were improved on; ``held-out``: rows written
after, never tuned on), and every miss.

A chooser is any ``(sentence, word) -> slug | None``; the default is AutoScene's own
(:func:`dayinlife_manim.autoscene.keywords.icon_for_word`).  Another one (say, a
narrator's action chosen from a verb) is measured with ``--chooser module:function``.

Run: ``python bench/senses_bench.py [--chooser pkg.mod:func] [--table path.tsv]``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLE = ROOT / "tests" / "data" / "senses.tsv"

Chooser = Callable[[str, str], "str | None"]


class Case(NamedTuple):
    sentence: str
    word: str
    expected: str | None  # None: the word shows nothing in this sentence
    set: str


class Miss(NamedTuple):
    case: Case
    got: str | None


def load_cases(path: Path = TABLE) -> list[Case]:
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, word, expected, *rest = line.split("\t")
        cases.append(Case(sentence, word, None if expected == "none" else expected, rest[0] if rest else "tuned"))
    return cases


def default_chooser() -> Chooser:
    from dayinlife_manim.autoscene.keywords import icon_for_word

    return icon_for_word


def load_chooser(ref: str | None) -> Chooser:
    if not ref:
        return default_chooser()
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def evaluate(cases: list[Case], chooser: Chooser) -> tuple[dict[str, tuple[int, int]], list[Miss]]:
    """{set: (right, total)} (and "all") and the misses."""
    right, total, misses = Counter(), Counter(), []
    for case in cases:
        got = chooser(case.sentence, case.word) or None
        for key in (case.set, "all"):
            total[key] += 1
            right[key] += got == case.expected
        if got != case.expected:
            misses.append(Miss(case, got))
    return {k: (right[k], total[k]) for k in total}, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chooser", default=None, help="module:function taking (sentence, word), returning a slug or None")
    parser.add_argument("--table", type=Path, default=TABLE)
    args = parser.parse_args()
    cases = load_cases(args.table)
    chooser = load_chooser(args.chooser)
    t0 = time.perf_counter()
    scores, misses = evaluate(cases, chooser)
    seconds = time.perf_counter() - t0
    for key in sorted(scores, key=lambda k: (k == "all", k)):
        r, n = scores[key]
        print(f"{key:>9}: {r}/{n} right ({100 * r / n:.1f} %)")
    print(f"{len(cases)} cases in {seconds:.2f}s")
    for m in misses:
        print(f"miss [{m.case.set}] {m.case.word!r}: expected {m.case.expected or 'none'}, got {m.got or 'none'} | {m.case.sentence}")


if __name__ == "__main__":
    main()
