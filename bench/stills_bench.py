"""What keeping the review stills costs a scene render: one seed scene rendered with and
without them, alternately, in this process (manim imported once), at 480p15 and 1080p30.

    python bench/stills_bench.py [--scene AIEverywhere] [--rounds 3] [--skip-high]

Prints wall and CPU seconds of each render (CPU: every thread of this process, so
the PNG thread and the encoder thread count), the stills kept and their bytes.
Silent voice (the scene's timing does not depend on the voice engine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SCRIPT = REPO / "examples" / "a_day_in_life.txt"
SCENES = REPO / "scenes" / "day_in_life.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="AIEverywhere")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-high", action="store_true")
    args = parser.parse_args()

    from dayinlife_manim.render.render import load_scene_module, render_scene
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.render.stills import load_stills
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    print(f"machine: {os.uname().nodename}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="stills-bench-") as tmp:
        tmp = Path(tmp)
        manifest, _ = make_voiceover(load_script(SCRIPT), SilentVoice(), tmp / "media")
        cls = getattr(load_scene_module(SCENES), args.scene)
        para = manifest.paragraph(cls.paragraph)
        for quality in ("low",) + (() if args.skip_high else ("high",)):
            settings = RenderSettings.from_options(quality)
            times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
            stills = []
            for k in range(args.rounds):
                for keep in ((False, True) if k % 2 == 0 else (True, False)):
                    folder = tmp / f"{quality}-{k}-{keep}.stills" if keep else None
                    t0, c0 = time.perf_counter(), time.process_time()
                    render_scene(cls, manifest=manifest.root / "manifest.json", paragraph=para.id,
                                 out=tmp / f"{quality}-{k}-{keep}.mp4", settings=settings, workdir=tmp / "work",
                                 stills=folder)
                    times[keep].append((time.perf_counter() - t0, time.process_time() - c0))
                    if keep:
                        stills = [folder / s.image for s in load_stills(folder)]
            sizes = [p.stat().st_size for p in stills]
            print(f"\n{args.scene} ({para.duration:.1f} s) at {settings.tag}, {args.rounds} rounds each, alternating:")
            for keep in (False, True):
                walls, cpus = zip(*times[keep])
                print(f"  {'with stills   ' if keep else 'without stills'}: wall median {statistics.median(walls):5.2f} s "
                      f"(min {min(walls):5.2f}), CPU median {statistics.median(cpus):5.2f} s (min {min(cpus):5.2f})")
            from PIL import Image

            with Image.open(stills[0]) as im:
                size = im.size
            print(f"  {len(stills)} stills of {size[0]}x{size[1]}, {sum(sizes) / 1024:.0f} KiB in all "
                  f"({statistics.mean(sizes) / 1024:.0f} KiB each)")
            print(f"  one still from a {settings.width}x{settings.height} frame (shrink and PNG, on the stills thread): "
                  f"{png_cost(stills, settings, tmp) * 1000:.1f} ms CPU")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


def png_cost(stills: list[Path], settings, tmp: Path) -> float:
    """CPU seconds to make one still from a full frame of ``settings`` (the scene's own stills, upscaled back)."""
    import numpy as np
    from PIL import Image

    from dayinlife_manim.render.stills import still_size, write_png

    frames = []
    for path in stills:
        with Image.open(path) as im:
            rgba = im.convert("RGBA").resize((settings.width, settings.height), Image.BICUBIC)
        frames.append(np.asarray(rgba))
    size = still_size(settings.width, settings.height)
    c0 = time.process_time()
    for k, frame in enumerate(frames * 3):
        write_png(tmp / f"cost-{k}.png", frame, size)
    return (time.process_time() - c0) / (3 * len(frames))


if __name__ == "__main__":
    main()
