"""The render-speed targets of issue 7, measured in one run, with the ratio against plain manim.

    .venv/bin/python bench/issue7_bench.py [--skip-manim] [--skip-high] [--only-noop] [--only-ratio]

Everything runs through the ``dayinlife`` CLI, as a user would, in scratch
folders (nothing in ./media is touched except that plain manim reads the seed
voiceover there, made first if missing):

* full builds of the seed video at 1080p30 and 480p15 *including the voice*
  (an empty sentence cache, so the voice is synthesized too);
* a rebuild after editing one sentence (480p) and a no-op rebuild (several runs,
  each a fresh process; and the same with the build stamp removed, the whole
  check as it was before the stamp; with the import-time breakdown);
* bytes per minute of video at 1080p, and the peak memory (VmHWM) of every
  scene process, sampled from /proc while the 1080p build runs (the target
  is judged by the largest; the build process and any process it forks are
  reported apart, with PSS: see ``bench/memory_bench.py``);
* plain manim on the same scenes: ``manim render -a -qh --fps 30
  scenes/day_in_life.py`` into a temporary media folder, one scene after the
  other, voice already made; and the same 15 scenes through ``dayinlife build
  --force`` (voice already made), so the speed-up is a ratio measured on one
  machine in one run.

On a shared machine absolute times move with the load; the ratios are the
figures to trust, the CPU seconds (utime + stime of every process of the run,
sampled from /proc) most of all.  ``--only-ratio`` measures the ratio alone.
The machine's cores and load average are printed.
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

sys.path.insert(0, str(ROOT / "bench"))

from memory_bench import MIB, Sampler  # noqa: E402

from dayinlife_manim.render.media import probe  # noqa: E402

SCRIPT = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"
#: Today's figures, from issue 7 (2-core reference machine, before this work).
TODAY = {
    "high": "1.43 s/video-s",
    "low": "0.47-0.56 s/video-s",
    "edit": "22-25 s",
    "noop": "2.3 s",
    "bytes": "5.91 MB/min (17.9 MB for 181.8 s)",
    "memory": "740 MiB",
}
TODAY_BYTES_PER_MIN = 17.9e6 / 181.8 * 60


def run(cmd: list[str], env: dict | None = None) -> tuple[float, Sampler]:
    """Run ``cmd`` from the repository root; return its wall time and what the sampler saw of its processes."""
    with Sampler(0.2) as tree:
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
        wall = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return wall, tree


def dayinlife(*args: str, env: dict | None = None) -> float:
    """Run the dayinlife CLI; return its wall time."""
    return run([sys.executable, "-m", "dayinlife_manim.cli", *args], env)[0]


def build_args(script: Path, media: Path, quality: str, out: Path, *extra: str) -> list[str]:
    return ["build", str(script), "--scenes", str(SCENES), "--quality", quality, "--voice", "piper",
            "--media", str(media), "-o", str(out), *extra]


def plain_manim(media: Path) -> tuple[float, Sampler]:
    """``manim render -a -qh --fps 30`` of the seed scenes, sequential, voice already made."""
    return run([str(Path(sys.executable).with_name("manim")), "render", "-a", "-qh", "--fps", "30",
                "--media_dir", str(media), str(SCENES.relative_to(ROOT))])


def row(measure: str, today: str, target: str, got: str, ok: bool | None) -> str:
    mark = "" if ok is None else ("yes" if ok else "NO")
    return f"| {measure} | {today} | {target} | {got} | {mark} |"


def ratio(script: Path, tmp: Path, notes: list[str]) -> None:
    """Plain manim against ``dayinlife build --force`` on the same scenes at 1080p30, voice made."""
    media, out, env = tmp / "high", tmp / "high" / "seed.mp4", {"DAYINLIFE_CACHE": str(tmp / "voice-high")}
    if not out.exists():  # the voice only
        dayinlife("voice", str(script), "--voice", "piper", "--media", str(media), env=env)
    ours, our_tree = run([sys.executable, "-m", "dayinlife_manim.cli", *build_args(script, media, "high", out, "--force")], env)
    subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", "voice", str(SCRIPT.relative_to(ROOT)),
                    "--voice", "piper"], cwd=ROOT, check=True, capture_output=True)  # ./media, for manim
    theirs, their_tree = plain_manim(tmp / "manim-media")
    seconds = probe(out).video_duration
    notes.append(
        f"plain manim (`manim render -a -qh --fps 30`, sequential, voice made): {theirs:.1f} s wall, "
        f"{their_tree.cpu:.1f} s CPU; `dayinlife build --force` of the same scenes at 1080p30 (voice made, "
        f"{os.cpu_count()} workers, stitch and review page included): {ours:.1f} s wall, {our_tree.cpu:.1f} s CPU "
        f"-> x{theirs / ours:.2f} faster by wall clock, x{their_tree.cpu / our_tree.cpu:.2f} less CPU "
        f"({their_tree.cpu / seconds:.2f} vs {our_tree.cpu / seconds:.2f} CPU s per video-second)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-manim", action="store_true", help="do not run plain manim (no ratio)")
    parser.add_argument("--skip-high", action="store_true", help="no 1080p builds (and no ratio)")
    parser.add_argument("--only-ratio", action="store_true", help="only the ratio against plain manim (voice made)")
    parser.add_argument("--only-noop", action="store_true", help="only the no-op rebuild (seed at tiny, silent voice)")
    args = parser.parse_args()
    print(f"machine: {os.uname().nodename}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="dayinlife-issue7-") as tmp:
        tmp = Path(tmp)
        script = tmp / SCRIPT.name
        shutil.copy(SCRIPT, script)
        if args.only_ratio:
            ratio(script, tmp, notes)
        elif args.only_noop:
            only_noop(tmp, rows, notes)
        else:
            targets(args, script, tmp, rows, notes)
    if rows:
        print("\n| measure | today (issue 7) | target | measured | met |")
        print("| --- | --- | --- | --- | --- |")
        print("\n".join(rows))
    for note in notes:
        print(f"\n{note}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


NOOP_RUNS = 5


def noop_rows(args: list[str], env: dict, rows: list[str], notes: list[str]) -> None:
    """The no-op rebuild, a fresh process each time: with the build stamp (the fast path), and
    with the stamp removed (the whole check: manim imported, language detected, scenes keyed)."""
    import resource

    def timed() -> tuple[float, float]:
        """Wall and CPU seconds (user + system) of one run: on a loaded machine the CPU is the steadier figure."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = dayinlife(*args, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    runs = [timed() for _ in range(NOOP_RUNS)]
    fast, cpu = sorted(w for w, _ in runs), sorted(c for _, c in runs)
    media = Path(args[args.index("--media") + 1])
    slow = []
    for _ in range(3):
        for found in media.glob("*/build.stamp.json"):
            found.unlink()
        slow.append(dayinlife(*args, env=env))
    median = fast[len(fast) // 2]
    rows.append(row("no-op rebuild through the CLI", TODAY["noop"], "<= 1 s",
                    f"{median:.2f} s (median of {NOOP_RUNS}, {fast[0]:.2f}-{fast[-1]:.2f}; {cpu[len(cpu) // 2]:.2f} s CPU); without the stamp "
                    f"{sorted(slow)[1]:.2f} s", median <= 1))
    code = subprocess.run([sys.executable, "-X", "importtime", "-m", "dayinlife_manim.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, cwd=ROOT)
    top = []
    for line in code.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if len(name) - len(name.lstrip()) <= 1:  # imported by the CLI itself, not by another module
                top.append((int(parts[1]) / 1e3, name.strip()))
    top.sort(reverse=True)
    total = sum(ms for ms, _ in top)
    notes.append(f"no-op imports (python -X importtime, top level, {total:.0f} ms in all): "
                 + ", ".join(f"{name} {ms:.0f} ms" for ms, name in top[:8]))
    helps = sorted(run([sys.executable, "-m", "dayinlife_manim.cli", "--help"])[0] for _ in range(3))
    notes.append(f"`dayinlife --help`: {helps[1]:.2f} s (median of 3); python -c pass: "
                 f"{sorted(run([sys.executable, '-c', 'pass'])[0] for _ in range(3))[1]:.2f} s")


def only_noop(tmp: Path, rows: list[str], notes: list[str]) -> None:
    """The seed script built once (tiny, silent voice: the no-op does not depend on them), then rebuilt with nothing changed."""
    media, out = tmp / "noop", tmp / "noop" / "seed.mp4"
    args = ["build", str(SCRIPT), "--scenes", str(SCENES), "--quality", "tiny", "--voice", "silent",
            "--media", str(media), "-o", str(out)]
    first = dayinlife(*args)
    notes.append(f"first build (tiny, silent): {first:.1f} s")
    noop_rows(args, {}, rows, notes)


def targets(args, script: Path, tmp: Path, rows: list[str], notes: list[str]) -> None:
    """Issue 7's table: 480p and 1080p full builds, an edit, a no-op, bytes, memory (and the ratio)."""
    # -- 480p: full build with the voice, an edit, a no-op ---------------------------
    media, out = tmp / "low", tmp / "low" / "seed.mp4"
    low = dayinlife(*build_args(script, media, "low", out), env={"DAYINLIFE_CACHE": str(tmp / "voice-low")})
    seconds = probe(out).video_duration
    rows.append(row("seed 480p15, full build incl. voice", TODAY["low"], "<= 0.25 s/video-s",
                    f"{low:.1f} s for {seconds:.1f} s = {low / seconds:.2f} s/video-s", low / seconds <= 0.25))
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace("cool off in the pool", "cool off in the swimming pool"), encoding="utf-8")
    edit = dayinlife(*build_args(script, media, "low", out), env={"DAYINLIFE_CACHE": str(tmp / "voice-low")})
    rows.append(row("rebuild after editing one sentence (480p)", TODAY["edit"], "<= 8 s", f"{edit:.1f} s", edit <= 8))
    noop_rows(build_args(script, media, "low", out), {"DAYINLIFE_CACHE": str(tmp / "voice-low")}, rows, notes)
    script.write_text(text, encoding="utf-8")
    if args.skip_high:
        return

    # -- 1080p: full build with the voice, bytes, memory ---------------------------------
    media, out = tmp / "high", tmp / "high" / "seed.mp4"
    high, tree = run([sys.executable, "-m", "dayinlife_manim.cli", *build_args(script, media, "high", out)],
                     {"DAYINLIFE_CACHE": str(tmp / "voice-high")})
    info = probe(out)
    seconds = info.video_duration
    per_min = out.stat().st_size / seconds * 60
    rows.append(row("seed 1080p30, full build incl. voice", TODAY["high"], "<= 0.6 s/video-s (stretch 0.44)",
                    f"{high:.1f} s for {seconds:.1f} s = {high / seconds:.2f} s/video-s ({tree.cpu:.0f} s CPU)",
                    high / seconds <= 0.6))
    rows.append(row("bytes per video-minute at 1080p", TODAY["bytes"], "<= 1.2x today",
                    f"{per_min / 1e6:.2f} MB/min = {per_min / TODAY_BYTES_PER_MIN:.2f}x today",
                    per_min <= 1.2 * TODAY_BYTES_PER_MIN))
    worker = max((p.hwm for p in tree.scenes()), default=0) / MIB
    rows.append(row("peak memory per worker (VmHWM of a scene process)", TODAY["memory"], "<= 800 MiB",
                    f"{worker:.0f} MiB", worker <= 800))
    notes.append(f"memory (bench/memory_bench.py explains the figures): {tree.summary()}")
    notes.append(
        f"1080p output: {info.video_frames} frames in {info.video_pictures} coded pictures "
        f"({info.video_frames / max(1, info.video_pictures):.1f} frames per picture), "
        f"{len(info.chapters)} chapters, video {info.video_duration:.3f} s, audio {info.audio_duration:.3f} s"
    )
    if not args.skip_manim:
        ratio(script, tmp, notes)


if __name__ == "__main__":
    main()
