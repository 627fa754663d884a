"""Benchmark how scene jobs are scheduled.  Prints figures; asserts nothing.

    .venv/bin/python bench/farm_bench.py [--quality low] [--quick]

On the seed script (480p15 by default), in a scratch media folder:

* warm workers: the local pool forking scenes from a preloaded server, against
  a fresh ``python -m dayinlife_manim.farm.worker`` per scene (manim imported each time);
* overlap: a full build from an empty voice cache (scenes start as their audio
  is ready) against voicing first and then rendering;
* the Dask cluster: ``local:1`` and ``local:2`` (LocalCluster of processes)
  against the local pool, and the time the cluster adds per scene
  (transfer, scheduling, checking the returned video), measured one scene at a
  time on tiny renders.

Timings on a shared machine are noisy; compare figures of one run only.
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

from dayinlife_manim.build import BuildFailed, build  # noqa: E402
from dayinlife_manim.farm.task import RenderTask  # noqa: E402
from dayinlife_manim.options import BuildOptions  # noqa: E402
from dayinlife_manim.render.media import probe  # noqa: E402
from dayinlife_manim.render.settings import RenderSettings  # noqa: E402
from dayinlife_manim.text.script import load_script  # noqa: E402
from dayinlife_manim.voices import get_voice  # noqa: E402
from dayinlife_manim.voices.voiceover import make_voiceover  # noqa: E402

SCRIPT = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"


class ColdRunner:
    """Yesterday's way: a new Python process per scene, importing manim each time."""

    def __init__(self, workers: int) -> None:
        self.slots = workers

    def run(self, task: RenderTask) -> bool:
        cmd = [sys.executable, "-m", "dayinlife_manim.farm.worker", task.ref, "--manifest", str(task.manifest),
               "--paragraph", task.paragraph, "--out", str(task.out), "--size", task.settings.tag,
               "--workdir", str(task.workdir)]
        with open(task.log, "w") as log:
            done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, check=False)
        return done.returncode == 0 and Path(task.out).exists()

    def close(self) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="low")
    parser.add_argument("--quick", action="store_true", help="skip the cold-worker and overlap runs")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    settings = RenderSettings.from_options(args.quality)
    load = os.getloadavg()[0]
    print(f"seed script at {settings.tag}, {cores} cores, load average {load:.1f} at start (figures are noisy when loaded)")

    with tempfile.TemporaryDirectory(prefix="dayinlife-farm-bench-") as tmp:
        tmp = Path(tmp)
        script = load_script(SCRIPT)
        voice = get_voice("piper", say=lambda m: None)
        os.environ["DAYINLIFE_CACHE"] = str(tmp / "cache")
        media = tmp / "media"

        def timed(label: str, quality=args.quality, media=media, runner=None, **kw) -> float:
            t0 = time.perf_counter()
            try:
                options = BuildOptions(scenes=SCENES, quality=quality, media_dir=media, out=media / "out.mp4", **kw)
                report = build(script, voice, options, runner=runner)
            except BuildFailed as failed:
                for f in failed.failures:
                    print(f"{label}: {f}\n" + f.log.read_text(errors="replace")[-2000:])
                raise
            secs = time.perf_counter() - t0
            video = probe(report.out).video_duration
            print(f"{label:<44} {secs:7.1f} s = {secs / video:.3f} s per video second ({len(report.rendered)} scenes)")
            return secs

        if not args.quick:
            # Both from an empty voice cache and an empty media folder (scenes, stitch and review page included).
            overlap = timed(f"full build, overlapped, {cores} warm workers", media=tmp / "overlapped", workers=cores)
            shutil.rmtree(tmp / "cache")
            t0 = time.perf_counter()
            make_voiceover(script, voice, media)
            voice_secs = time.perf_counter() - t0
            print(f"{'voice stage alone (piper, empty cache)':<44} {voice_secs:7.1f} s")
            after = timed(f"full build after it, {cores} warm workers", workers=cores)
            print(f"  -> voice then render: {voice_secs + after:.1f} s; overlapped: {overlap:.1f} s; saved {voice_secs + after - overlap:.1f} s")
            rendered = timed(f"render only (voice cached), {cores} warm workers", workers=cores, force=True)
            cold = timed(f"render only, {cores} cold workers (import per scene)", runner=ColdRunner(cores), force=True)
            print(f"  -> warm workers save {cold - rendered:.1f} s = {(cold - rendered) / 15:.2f} s per scene")
        else:
            make_voiceover(script, voice, media)
            rendered = timed(f"render only (voice cached), {cores} warm workers", workers=cores, force=True)

        from dayinlife_manim.farm.cluster import ClusterRunner

        dask = {}
        for n in (1, 2):
            runner = ClusterRunner(f"local:{n}")
            try:
                dask[n] = timed(f"render only, Dask LocalCluster of {n} worker(s)", runner=runner, force=True)
            finally:
                runner.close()
        # The local pool again: its two runs bracket the cluster runs, so a change in load shows.
        again = timed(f"render only (voice cached), {cores} warm workers, again", workers=cores, force=True)
        local = (rendered + again) / 2
        for n, secs in dask.items():
            print(f"  -> Dask with {n} worker(s): x{local / secs:.2f} of the local pool's speed (mean of its two runs)")

        runner = ClusterRunner("local:1")
        runner.slots = 1  # one scene at a time: nothing waits in a queue
        try:
            # The added time hardly depends on the picture size: measured on tiny renders to keep the run short.
            timed("render only, Dask, one scene at a time, 240p", runner=runner, force=True, quality="tiny")
        finally:
            runner.close()
        extra = [wall - render for wall, render in runner.timings]
        print(
            f"  -> the cluster adds {sum(extra) / len(extra):.2f} s per scene on average "
            f"(min {min(extra):.2f}, max {max(extra):.2f}): transfer, scheduling, checking the video"
        )


if __name__ == "__main__":
    main()
