"""What the layout check costs: ``dayinlife check`` on the seed against a storyboard of it, and
the share of a scene render's CPU the in-build checks take.

    .venv/bin/python bench/check_bench.py [--aspect 16:9] [--quality low] [--scenes 01,08,13]

Prints, for the 15 hand-made seed scenes: the seconds ``check`` takes (at 1080p: sizes are judged
there, nothing is drawn) and a storyboard (stills at every beat) of the same scenes, each in this
process, one scene at a time; then, for a few scenes rendered at ``--quality``: CPU seconds of the
render without and with the checks, and the CPU the checks themselves measured (``layout.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aspect", default="16:9")
    parser.add_argument("--quality", default="low")
    parser.add_argument("--scenes", default="01,08,13", help="paragraph id prefixes rendered for the in-build cost")
    args = parser.parse_args()

    from dayinlife_manim.author.check import check
    from dayinlife_manim.author.storyboard import storyboard
    from dayinlife_manim.casting import assign_scenes
    from dayinlife_manim.options import BuildOptions
    from dayinlife_manim.render.render import render_scene
    from dayinlife_manim.render.stills import LAYOUT_JSON
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    tmp = Path(tempfile.mkdtemp(prefix="check-bench-"))
    try:
        manifest, _ = make_voiceover(load_script(ROOT / "examples" / "a_day_in_life.txt"), SilentVoice(), tmp / "media")
        scenes = ROOT / "scenes" / "day_in_life.py"
        options = BuildOptions(quality="high", aspect=args.aspect, scenes=scenes, workers=1, force=True)
        t0 = time.perf_counter()
        report = check(manifest, options)
        t_check = time.perf_counter() - t0
        t0 = time.perf_counter()
        board = storyboard(manifest, options.replace(quality="low", out=tmp / "board.html"))
        t_board = time.perf_counter() - t0
        stills = sum(len(b.stills) for b in board.scenes)
        moments = sum(s.moments for s in report.scenes)
        print(f"seed ({len(report.scenes)} hand-made scenes, {manifest.duration:.0f}s of narration, {args.aspect}):")
        judged = sum(json.loads(f.read_text())["seconds"] for f in (manifest.root / "check").rglob(LAYOUT_JSON))
        print(f"  check       {t_check:6.1f}s  {moments} moments judged, {report.errors} errors, {report.warnings} warnings; "
              f"judging took {judged:.2f}s CPU ({1000 * judged / max(moments, 1):.1f} ms a moment), the rest is running the scenes")
        print(f"  storyboard  {t_board:6.1f}s  {stills} stills drawn at 480p")

        pairs, _ = assign_scenes(manifest, scenes)
        settings = BuildOptions(quality=args.quality, aspect=args.aspect).settings
        print(f"in-build cost, renders at {settings.tag} (CPU seconds of this process):")
        total = {False: 0.0, True: 0.0}
        looked = 0.0
        for para, cls, _ in pairs:
            if not any(para.id.startswith(p) for p in args.scenes.split(",")):
                continue
            cpu = {}
            for check_on in (False, True, False, True):  # twice each, the second of each kept
                out = tmp / f"{para.id}-{check_on}"
                c0 = time.process_time()
                render_scene(cls, manifest=manifest.root / "manifest.json", paragraph=para.id, out=out.with_suffix(".mp4"),
                             settings=settings, workdir=tmp / "work", stills=out.with_suffix(".stills"), check=check_on)
                cpu[check_on] = time.process_time() - c0
            spent = json.loads((out.with_suffix(".stills") / LAYOUT_JSON).read_text())["seconds"]
            looked += spent
            total[False] += cpu[False]
            total[True] += cpu[True]
            print(f"  {para.id:32s} without {cpu[False]:6.2f}s  with {cpu[True]:6.2f}s  checks measured {spent:5.3f}s "
                  f"({100 * spent / cpu[True]:.1f}% of the scene)")
        print(f"  all: without {total[False]:.2f}s, with {total[True]:.2f}s; the checks' own CPU {looked:.3f}s = "
              f"{100 * looked / max(total[True], 1e-9):.1f}% of the renders")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
