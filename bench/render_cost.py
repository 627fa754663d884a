"""AutoScene's render cost against the hand-made seed's, measured in the same run.  Prints figures.

    .venv/bin/python bench/render_cost.py [--rounds 3] [--quality high] [--workers 2] [--voice silent]

Builds the seed script from scratch (``--force``) with its hand-made scenes
(``scenes/day_in_life.py``) and through AutoScene (no ``--scenes``), alternating
(hand, auto, hand, auto, ...) so that both see the same machine load.  For each
build it prints the wall seconds and the CPU seconds the machine spent busy
during it (the driver and its render workers: keep the machine otherwise idle),
per second of video; then the median of each over the rounds and AutoScene's
cost as a share of the hand-made scenes'.  Absolute times drift between runs on
a shared machine; the ratio within one run is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.render.media import probe  # noqa: E402

SEED = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"
DAYINLIFE = Path(sys.executable).parent / "dayinlife"


def machine_cpu() -> float:
    """CPU seconds the machine has spent busy (all cores; /proc/stat): the build's
    render workers are not children this process waits for, so rusage misses them."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def build(out: Path, args, scenes: Path | None) -> tuple[float, float, float]:
    """(wall s, CPU s, video s) of one build from scratch."""
    cmd = [str(DAYINLIFE), "build", str(SEED), "--quality", args.quality, "--voice", args.voice,
           "--workers", str(args.workers), "--force", "-o", str(out)]
    if scenes is not None:
        cmd += ["--scenes", str(scenes)]
    cpu, start = machine_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    wall, cpu = time.perf_counter() - start, machine_cpu() - cpu
    if done.returncode:
        sys.exit(f"build failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return wall, cpu, probe(out).video_duration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quality", default="high")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--voice", default="silent", choices=["silent", "piper"])
    args = parser.parse_args()
    costs: dict[str, list[tuple[float, float]]] = {"hand": [], "auto": []}
    with tempfile.TemporaryDirectory(prefix="render-cost-") as tmp:
        print(f"seed at {args.quality}, voice {args.voice}, {args.workers} workers, {args.rounds} rounds")
        print(f"{'round':>5}  {'scenes':<6}  {'wall s':>7}  {'video s':>7}  {'wall/video-s':>12}  {'CPU/video-s':>11}")
        for n in range(1, args.rounds + 1):
            for kind, scenes in (("hand", SCENES), ("auto", None)):
                wall, cpu, video = build(Path(tmp) / kind / "seed.mp4", args, scenes)
                costs[kind].append((wall / video, cpu / video))
                print(f"{n:>5}  {kind:<6}  {wall:7.1f}  {video:7.1f}  {wall / video:12.3f}  {cpu / video:11.3f}", flush=True)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in costs.items()}
    for kind, (w, c) in med.items():
        print(f"median {kind}: {w:.3f} wall s and {c:.3f} CPU s per video-second")
    print(f"AutoScene / hand-made: wall {med['auto'][0] / med['hand'][0]:.2f}, CPU {med['auto'][1] / med['hand'][1]:.2f}")


if __name__ == "__main__":
    main()
