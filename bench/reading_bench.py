"""What the narrator's reading and Markdown cost when a script is parsed.

Prints, for the seed script and a long Markdown script full of numbers, money,
units, dates and links: parse time with the reading (English rules) and
without it (``lang=None``: as written), per sentence.

Run: ``python bench/reading_bench.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.text import script as script_mod  # noqa: E402

SECTION = """## Day {n}

At 9:30 a.m. we paid $1,299.99 for 1.3 kg of coffee, see [the shop](https://shop.example.com/beans) or mail
anna@example.org; Dr. Lee said **3-5 days** at 180°C on Jan. 5th, 2024, e.g. bug #42 in version 2.0.1.

- 750 MB of photos
- A 3.2GHz laptop with 16 GB
- ½ cup of *sugar* for 15% off

"""


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seed = (ROOT / "examples" / "a_day_in_life.txt").read_text(encoding="utf-8")
    long_md = "# Numbers\n\n" + "".join(SECTION.format(n=n) for n in range(200))
    for name, text, markdown in (("seed (plain)", seed, False), ("200 sections (Markdown)", long_md, True)):
        with_reading = timed(lambda: script_mod._build(text, "bench", "bench", markdown, "en"), args.repeat)
        as_written = timed(lambda: script_mod._build(text, "bench", "bench", markdown, None), args.repeat)
        sentences = script_mod._build(text, "bench", "bench", markdown, "en")
        count = sum(len(p.sentences) for p in sentences.paragraphs)
        print(f"{name}: {count} sentences; parse {with_reading * 1000:.1f} ms with the reading, "
              f"{as_written * 1000:.1f} ms as written ({(with_reading - as_written) / count * 1000:.3f} ms a sentence)")


if __name__ == "__main__":
    main()
