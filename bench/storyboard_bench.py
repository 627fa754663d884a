"""Storyboard timings on the seed script: cold (CLI, 2 workers), after editing one scene
(CLI, and in a warm process as --watch does), against rendering the same scene as video.

    python bench/storyboard_bench.py            # silent voice (timings do not depend on the voice engine)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
SCRIPT = REPO / "examples" / "a_day_in_life.txt"
SCENES = REPO / "scenes" / "day_in_life.py"


def cli(*args: str, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process under it, sampled from /proc:
    workers forked by a fork server are not the command's children, so rusage would miss them)."""
    from memory_bench import Sampler

    with Sampler(0.2) as tree:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", *args], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
    return wall, tree.cpu


def fmt(wall_cpu: tuple[float, float]) -> str:
    wall, cpu = wall_cpu
    return f"{wall:6.1f} s wall, {cpu:6.1f} s CPU"


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="sb-bench-"))
    scenes = tmp / "day_in_life.py"
    source = SCENES.read_text(encoding="utf-8").replace(
        'Path(__file__).resolve().parent.parent / "examples"', f'Path({str(REPO)!r}) / "examples"')
    scenes.write_text(source, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "DAYINLIFE_MEDIA": str(tmp / "media")}
    args = ["storyboard", str(SCRIPT), "--scenes", str(scenes), "--voice", "silent", "--workers", "2"]
    cli("voice", str(SCRIPT), "--voice", "silent", env=env)
    cold = cli(*args, env=env)
    noop = cli(*args, env=env)
    scenes.write_text(source.replace('headline = "AI is everywhere"', 'headline = "AI is everywhere!"'), encoding="utf-8")
    edit = cli(*args, env=env)

    # In one warm process, as --watch runs it: edit one scene, storyboard again; then render that scene as video.
    sys.path.insert(0, str(REPO))
    os.environ["DAYINLIFE_MEDIA"] = str(tmp / "media")
    from dayinlife_manim.author.storyboard import storyboard
    from dayinlife_manim.options import BuildOptions
    from dayinlife_manim.render.render import load_scene_module, render_scene
    from dayinlife_manim.render.stills import scene_stills
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    manifest, _ = make_voiceover(load_script(SCRIPT), SilentVoice(), tmp / "media")
    options = BuildOptions(quality="low", scenes=scenes, workers=2)
    settings = options.settings
    storyboard(manifest, options)
    scenes.write_text(source.replace('headline = "AI is everywhere"', 'headline = "AI, everywhere"'), encoding="utf-8")
    t0, c0 = time.perf_counter(), time.process_time()
    report = storyboard(manifest, options)
    warm = time.perf_counter() - t0, time.process_time() - c0
    assert len(report.rendered) == 1, report.rendered
    cls = load_scene_module(scenes).AIEverywhere
    para = manifest.paragraph(cls.paragraph)
    common = dict(manifest=manifest.root / "manifest.json", paragraph=para.id, settings=settings)
    t0, c0 = time.perf_counter(), time.process_time()
    stills = scene_stills(cls, out_dir=tmp / "one", **common)
    one_still = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    render_scene(cls, out=tmp / "one.mp4", workdir=tmp / "work", **common)
    one_video = time.perf_counter() - t0, time.process_time() - c0

    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"seed storyboard, 15 scenes, 480p15, 2 workers, cold (CLI): {fmt(cold)}")
    print(f"no-op storyboard (CLI):                                   {fmt(noop)}")
    print(f"after editing one scene (CLI, new process):              {fmt(edit)}")
    print(f"after editing one scene (warm process, as --watch):       {fmt(warm)}")
    print(f"one scene ({para.duration:.1f} s of video): {len(stills)} stills {fmt(one_still)};"
          f" video render {fmt(one_video)} (x{one_video[1] / one_still[1]:.1f} CPU)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
