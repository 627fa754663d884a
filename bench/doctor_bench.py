"""How long `dayinlife doctor` takes: the whole command (a fresh interpreter, as a user runs it)
and the checks alone, each check timed, over a few runs.

    python bench/doctor_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dayinlife_manim.author import doctor


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    media = Path(tempfile.mkdtemp(prefix="doctor-bench-"))
    walls = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", "doctor", "--media", str(media)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    print(f"dayinlife doctor, whole command: median {statistics.median(walls):.2f} s, "
          f"min {min(walls):.2f} s, max {max(walls):.2f} s over {args.runs} runs")
    steps = {
        "python": doctor.check_python, "manim": doctor.check_manim, "pango/cairo": doctor.check_pango_cairo,
        "fonts": doctor.check_fonts, "piper": doctor.check_piper, "chromium": doctor.check_chromium,
        "dask": doctor.check_dask, "media and caches": lambda: doctor.check_media(media), "gtts": doctor.check_gtts,
    }
    for name, step in steps.items():
        t0 = time.perf_counter()
        step()
        print(f"  {name:<17} {time.perf_counter() - t0:6.3f} s (in this process, after the first run's imports)")
    report = doctor.doctor(media)
    print(f"doctor() in a warm process: {report.seconds:.2f} s (the gTTS check runs beside the others)")


if __name__ == "__main__":
    main()
