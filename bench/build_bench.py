"""Benchmark the build of the seed video.  Prints figures; asserts nothing.

    .venv/bin/python bench/build_bench.py [--quick]

Measures, in a scratch media folder (the voice cache is shared with ./media):
render seconds per second of video at low and high quality, the parallel
speed-up over one worker, a no-op rebuild, a rebuild after editing one
paragraph, and the peak memory of a render worker.  ``--quick`` skips the
high-quality and single-worker runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.build import build  # noqa: E402
from dayinlife_manim.farm.task import peak_memory_mib  # noqa: E402
from dayinlife_manim.options import BuildOptions  # noqa: E402
from dayinlife_manim.text.script import load_script  # noqa: E402
from dayinlife_manim.voices import get_voice  # noqa: E402
from dayinlife_manim.voices.voiceover import default_cache_dir  # noqa: E402

SCRIPT = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"


def timed_build(script: Path, media: Path, quality: str, workers: int, force: bool = False):
    voice = get_voice("piper", say=lambda m: None)
    t0 = time.perf_counter()
    report = build(
        load_script(script),
        voice,
        BuildOptions(scenes=SCENES, quality=quality, workers=workers, force=force, out=media / f"bench-{quality}.mp4", media_dir=media),
    )
    return time.perf_counter() - t0, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the high-quality and one-worker runs")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    os.environ.setdefault("DAYINLIFE_CACHE", str((ROOT / "media" / "cache").resolve()))
    print(f"voice cache: {default_cache_dir(ROOT / 'media')}  cores: {cores}")
    with tempfile.TemporaryDirectory(prefix="dayinlife-bench-") as tmp:
        media = Path(tmp) / "media"
        script = Path(tmp) / SCRIPT.name
        shutil.copy(SCRIPT, script)

        secs, report = timed_build(script, media, "low", cores)
        from dayinlife_manim.render.media import probe

        video = probe(report.out).video_duration
        print(f"low  (480p15), {cores} workers: {secs:7.1f} s for {video:.1f} s of video = {secs / video:.2f} s per video second")

        if not args.quick:
            one, _ = timed_build(script, media, "low", 1, force=True)
            print(f"low  (480p15), 1 worker:  {one:7.1f} s  -> parallel speed-up x{one / secs:.2f}")

        noop, report = timed_build(script, media, "low", cores)
        print(f"no-op rebuild, in process:  {noop:7.2f} s  ({len(report.rendered)} scenes rendered)")
        cli = [sys.executable, "-m", "dayinlife_manim.cli", "build", str(script), "--scenes", str(SCENES)]
        cli += ["--quality", "low", "--voice", "piper", "--media", str(media), "-o", str(media / "bench-low.mp4")]
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, capture_output=True)
        print(f"no-op rebuild, CLI:         {time.perf_counter() - t0:7.2f} s  (`dayinlife build`, imports included)")

        text = script.read_text(encoding="utf-8")
        script.write_text(text.replace("cool off in the pool", "cool off in the swimming pool"), encoding="utf-8")
        edit, report = timed_build(script, media, "low", cores)
        print(f"rebuild after one edit:     {edit:7.1f} s  ({len(report.rendered)} scene rendered: {', '.join(report.rendered)})")

        if not args.quick:
            secs, report = timed_build(script, media, "high", cores)
            video = probe(report.out).video_duration
            print(f"high (1080p30), {cores} workers: {secs:7.1f} s = {secs / video:.2f} s per video second")

        peak = peak_memory_mib(media.rglob("scenes/*/*.log"))  # scene processes are the warm server's children
        print(f"peak memory of a render worker: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
