"""Peak memory of scene renders at 1080p30: per seed scene, and per process of a whole build.

    .venv/bin/python bench/memory_bench.py [--scenes A,B] [--base DIR] [--build] [--repeat N]

* **Per scene** (default): every seed scene is rendered at 1080p30 the way
  ``dayinlife build`` renders it, forked from a warm server
  (``pool.WarmRunner``), one scene at a time, with the environment a
  2-worker build gives it.  A sampler reads ``/proc`` every 0.05 s.
  ``--base DIR`` renders each scene with another checkout of the package
  too (e.g. ``git worktree add /tmp/base main``), alternating the two, so
  that before and after are measured in the same run under the same load.
* **Whole build** (``--build``): ``dayinlife build --quality high --force``
  of the seed (voice already made) with every process of the build sampled:
  the scene processes (named by the log they write to), the warm server, the
  storyboard stills processes and the build process itself.

Memory figures, per process, all in MiB:

* ``VmHWM``: the kernel's high-water mark of the resident set (what
  ``getrusage`` calls ``ru_maxrss``, what ``bench/issue7_bench.py`` reports).
  It counts every page the process maps, *including* the pages it shares with
  the warm server it was forked from, so summing it over workers counts the
  server's ~90 MiB once per worker: the honest, conservative figure, and the
  one the issue's target (<= 800 MiB per worker) is judged by here.
* ``anon``: the largest ``RssAnon`` sampled (private and copy-on-write
  memory; the server's pages still shared are counted too, as in VmHWM).
* ``PSS``: the largest proportional set size sampled
  (``/proc/PID/smaps_rollup``): shared pages divided between the processes
  sharing them, the fairest figure for "what this worker costs the machine".

Times are wall and CPU (utime + stime) of the scene process; on a shared
machine compare them only within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"
MIB = 1024  # KiB per MiB


@dataclass
class Peak:
    """What the sampler saw of one process."""

    label: str
    hwm: int = 0  # KiB
    anon: int = 0
    pss: int = 0
    cpu: float = 0.0  # s
    first: float = field(default_factory=time.monotonic)
    last: float = 0.0

    def row(self) -> str:
        return (f"| {self.label} | {self.hwm / MIB:.0f} | {self.anon / MIB:.0f} | {self.pss / MIB:.0f} "
                f"| {self.last - self.first:.1f} | {self.cpu:.1f} |")


def _status(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("PPid", "VmHWM", "RssAnon"):
            out[key] = int(value.split()[0])
    return out


def _pss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


SCENE, SERVER, BUILD, FORKED = "scene ", "warm server", "build process", "forked from the build process"


def _label(pid: int, direct: bool) -> str:
    """A scene process writes to its scene's log: name it by that; others by their command line."""
    try:
        out = os.readlink(f"/proc/{pid}/fd/1")
        if out.endswith(".log"):
            return SCENE + Path(out).stem
    except OSError:
        pass
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return str(pid)
    if "forkserver" in cmd:
        return SERVER + " (or a child it just forked)"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "dayinlife_manim.cli" in cmd:  # the CLI, or a process it forked (storyboard stills workers)
        return BUILD if direct else FORKED
    return cmd[:60]


class Sampler:
    """Samples every descendant of this process every ``interval`` seconds."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peaks: dict[int, Peak] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._tick = os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            parents: dict[int, int] = {}
            for entry in os.scandir("/proc"):
                if entry.name.isdigit():
                    try:
                        parents[int(entry.name)] = _status(int(entry.name))["PPid"]
                    except (OSError, KeyError):
                        pass
            for pid in parents:
                p, depth = parents.get(pid), 0
                while p and p != me and depth < 32:
                    p, depth = parents.get(p), depth + 1
                if p != me:
                    continue
                direct = parents[pid] == me
                try:
                    status, pss = _status(pid), _pss(pid)
                    times = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except (OSError, KeyError):
                    continue
                peak = self.peaks.get(pid)
                if peak is None or peak.label.startswith(SERVER):  # a forked scene names itself soon
                    label = _label(pid, direct)
                    if peak is None:
                        peak = self.peaks[pid] = Peak(label)
                    peak.label = label
                peak.hwm = max(peak.hwm, status.get("VmHWM", 0))
                peak.anon = max(peak.anon, status.get("RssAnon", 0))
                peak.pss = max(peak.pss, pss)
                peak.cpu = max(peak.cpu, (int(times[11]) + int(times[12])) / self._tick)
                peak.last = time.monotonic()

    @property
    def cpu(self) -> float:
        """CPU seconds of every process sampled."""
        return sum(p.cpu for p in self.peaks.values())

    def scenes(self) -> list[Peak]:
        return [p for p in self.peaks.values() if p.label.startswith(SCENE)]

    def summary(self) -> str:
        """Scene processes' peaks, then any other process of the run that a worker's figure could be mistaken for."""
        scenes = self.scenes()
        parts = []
        if scenes:
            top = max(scenes, key=lambda p: p.hwm)
            parts.append(f"scene processes: VmHWM {top.hwm / MIB:.0f} MiB at most ({top.label[len(SCENE):]}), "
                         f"peak PSS {max(p.pss for p in scenes) / MIB:.0f} MiB at most")
        forked = [p for p in self.peaks.values() if p.label == FORKED]
        if forked:
            parts.append(f"{len(forked)} processes forked from the build process: VmHWM {max(p.hwm for p in forked) / MIB:.0f} "
                         f"MiB at most (the build's pages they share counted), PSS {max(p.pss for p in forked) / MIB:.0f}")
        build = [p for p in self.peaks.values() if p.label == BUILD]
        if build:
            parts.append(f"the build process: VmHWM {build[0].hwm / MIB:.0f} MiB")
        return "; ".join(parts)


HEADER = "| process | VmHWM MiB | peak RssAnon MiB | peak PSS MiB | wall s | CPU s |\n| --- | --- | --- | --- | --- | --- |"


# -- per scene ---------------------------------------------------------------------
def _render_one(scene: str, manifest: str, work: str) -> None:
    """In a fresh interpreter whose PYTHONPATH chooses the checkout: render ``scene`` via WarmRunner."""
    from dayinlife_manim.casting import assign_scenes
    from dayinlife_manim.farm.pool import WarmRunner, job_manifest
    from dayinlife_manim.farm.task import RenderTask
    from dayinlife_manim.manifest import load_manifest
    from dayinlife_manim.render.settings import RenderSettings

    man = load_manifest(Path(manifest))
    checkout = Path(os.environ.get("PYTHONPATH", ROOT)).resolve()
    pairs, _ = assign_scenes(man, checkout / "scenes" / "day_in_life.py")
    para, cls, ref = next(p for p in pairs if p[1].__name__ == scene)
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    job_file = work / f"{para.id}.json"
    job_file.write_text(json.dumps(job_manifest(man, para), ensure_ascii=False), encoding="utf-8")
    runner = WarmRunner(2)  # the environment of a 2-worker build: 1 encoder thread per scene
    from multiprocessing import forkserver

    forkserver.ensure_running()
    task = RenderTask(ref=ref, manifest=job_file, paragraph=para.id, out=work / f"{para.id}.mp4",
                      settings=RenderSettings.from_options("high"), workdir=work / "w", log=work / f"{para.id}.log",
                      label=scene)
    if not runner.run(task):
        raise SystemExit(f"{scene} failed:\n" + task.log.read_text()[-3000:])


def _logged_peak(folder: Path) -> int:
    """The peak memory (KiB) that the last scene log in ``folder`` reports (``# peak memory: N MiB``)."""
    logs = sorted(folder.glob("*.log"), key=lambda f: f.stat().st_mtime)
    for line in logs[-1].read_text(errors="replace").splitlines() if logs else ():
        if line.startswith("# peak memory:"):
            return int(line.split()[-2]) * MIB
    return 0


def per_scene(args, manifest: Path, tmp: Path) -> None:
    from dayinlife_manim.casting import assign_scenes
    from dayinlife_manim.manifest import load_manifest

    names = [cls.__name__ for _, cls, _ in assign_scenes(load_manifest(manifest), SCENES)[0]]
    if args.scenes:
        wanted = args.scenes.split(",")
        names = [n for n in names if n in wanted]
    checkouts = [("this", ROOT)] + ([("base", Path(args.base).resolve())] if args.base else [])
    results: dict[tuple[str, str], list[Peak]] = {}
    for scene in names:
        for _ in range(args.repeat):
            for name, checkout in (checkouts if len(results) % 2 == 0 else checkouts[::-1]):
                env = {**os.environ, "PYTHONPATH": str(checkout)}
                cmd = [sys.executable, str(Path(__file__).resolve()), "--one", scene, str(manifest), str(tmp / name)]
                with Sampler() as sampler:
                    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
                scenes = sampler.scenes()
                if not scenes:
                    raise SystemExit(f"no scene process seen for {scene}")
                peak = max(scenes, key=lambda p: p.hwm)
                peak.hwm = max(peak.hwm, _logged_peak(tmp / name))  # the process's own figure, at its very end
                peak.label = scene
                results.setdefault((scene, name), []).append(peak)
                print(f"{name:>4} {peak.row()}", flush=True)
    print()
    print("| scene | " + " | ".join(f"{n}: VmHWM / anon / PSS MiB, wall / CPU s" for n, _ in checkouts) + " |")
    print("| --- |" + " --- |" * len(checkouts))
    for scene in names:
        cells = []
        for name, _ in checkouts:
            runs = results[(scene, name)]
            best = lambda f: min(f(r) for r in runs)  # noqa: E731 - the least loaded run
            cells.append(f"{max(r.hwm for r in runs) / MIB:.0f} / {max(r.anon for r in runs) / MIB:.0f} / "
                         f"{max(r.pss for r in runs) / MIB:.0f}, {best(lambda r: r.last - r.first):.1f} / "
                         f"{best(lambda r: r.cpu):.1f}")
        print(f"| {scene} | " + " | ".join(cells) + " |")
    for name, _ in checkouts:
        runs = [r for (s, n), rs in results.items() if n == name for r in rs]
        print(f"\n{name}: largest VmHWM {max(r.hwm for r in runs) / MIB:.0f} MiB, largest peak RssAnon "
              f"{max(r.anon for r in runs) / MIB:.0f} MiB, largest peak PSS {max(r.pss for r in runs) / MIB:.0f} MiB; "
              f"CPU of all scenes {sum(r.cpu for r in runs) / args.repeat:.1f} s")


# -- a whole build -----------------------------------------------------------------
def whole_build(args, manifest_dir: Path, tmp: Path) -> None:
    out = tmp / "seed.mp4"
    cmd = [sys.executable, "-m", "dayinlife_manim.cli", "build", str(SCRIPT), "--scenes", str(SCENES),
           "--quality", "high", "--voice", "piper", "--media", str(manifest_dir), "-o", str(out), "--force"]
    t0 = time.perf_counter()
    with Sampler(0.1) as sampler:
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    print(f"dayinlife build --quality high --force (voice made): {time.perf_counter() - t0:.1f} s\n")
    print(HEADER)
    for peak in sorted(sampler.peaks.values(), key=lambda p: -p.hwm):
        print(peak.row())
    print(f"\n{sampler.summary()}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":  # PYTHONPATH chooses the checkout
        _render_one(*sys.argv[2:5])
        return
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", help="comma-separated scene classes (default: all)")
    parser.add_argument("--base", help="another checkout of the package, measured alternately with this one")
    parser.add_argument("--repeat", type=int, default=1, help="renders of each scene per checkout")
    parser.add_argument("--build", action="store_true", help="sample every process of a whole 1080p build instead")
    args = parser.parse_args()
    print(f"machine: {os.uname().nodename}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="dayinlife-memory-") as tmp:
        tmp = Path(tmp)
        media = tmp / "media"
        subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", "voice", str(SCRIPT), "--voice", "piper",
                        "--media", str(media)], check=True, capture_output=True, cwd=ROOT)
        manifest = next(media.glob("*/manifest.json"))
        if args.build:
            whole_build(args, media, tmp)
        else:
            per_scene(args, manifest, tmp)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
