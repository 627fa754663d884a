"""How alive AutoScene's videos look, against the hand-made seed.  Prints figures; asserts nothing.

    .venv/bin/python bench/autoscene_bench.py [--voice silent|piper] [--quality low] [--workers 1] [SCRIPT ...]

Builds, in a scratch folder and from scratch (``--force``): the seed script
through AutoScene (no ``--scenes``), the seed with its hand-made scenes, and each
unseen script (default: ``bench/scripts/*.txt`` and ``*.md``) through AutoScene.  For each
video and each of its scenes (chapters) it prints, measured on the stage (the
band between headline and captions, 10 %-58 % of a 16:9 frame's height):

* moving: share of the scene's time during which the stage differs from the
  previous frame in more than 0.05 % of its pixels by more than 12 of 255 in luma;
* ink: mean share of stage pixels more than 24 of 255 from the background's luma,
  sampled once a second;
* placeholder: seconds in which the stage shows next to nothing (ink under 0.5 %),
  not counting each scene's first and last 0.6 s (its fades);
* kinds: distinct kinds of drawing the scene uses (from AutoScene's plan: places,
  props, the narrator's actions, beats, icon cards; for hand-made scenes, the
  ``dayinlife_manim.visuals`` names the scene module uses, for the whole video);

and the render cost: wall seconds of the build per second of video (one build
at a time, with ``--workers`` workers each).
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"
DAYINLIFE = Path(sys.executable).parent / "dayinlife"
TOP, BOTTOM = 0.10, 0.58
EDGE = 0.6


def stage_figures(video: Path) -> list[dict]:
    """Per chapter: title, seconds, moving share, ink, placeholder seconds."""
    c = av.open(str(video))
    chapters = [(float(ch["start"] * ch["time_base"]), float(ch["end"] * ch["time_base"]), ch["metadata"].get("title", "")) for ch in c.chapters()]
    frames = []
    for fr in c.decode(c.streams.video[0]):
        img = fr.to_ndarray(format="gray")
        h = img.shape[0]
        frames.append((float(fr.time), img[int(TOP * h) : int(BOTTOM * h)].astype(np.int16)))
    duration = c.duration / 1e6
    c.close()
    background = float(np.median(np.median(np.stack([f for _, f in frames[:: max(1, len(frames) // 50)]]), axis=0)))
    rows = []
    for start, end, title in chapters or [(0.0, duration, "")]:
        sel = [(t, f) for t, f in frames if start - 1e-6 <= t < end - 1e-6]
        moving = empty = 0.0
        for (t0, f0), (t1, f1) in zip(sel, sel[1:]):
            if np.mean(np.abs(f1 - f0) > 12) > 0.0005:
                moving += t1 - t0
            if start + EDGE <= t0 and t1 <= end - EDGE and np.mean(np.abs(f0 - background) > 24) < 0.005:
                empty += t1 - t0
        ink, k = [], 0
        for t in np.arange(start + 0.5, end, 1.0):
            while k + 1 < len(sel) and sel[k + 1][0] <= t:
                k += 1
            if sel:
                ink.append(float(np.mean(np.abs(sel[k][1] - background) > 24)))
        rows.append(dict(title=title, seconds=end - start, moving=moving / max(1e-9, end - start), ink=float(np.mean(ink)) if ink else 0.0, placeholder=empty))
    return rows


def auto_kinds(script: Path) -> list[list[str]]:
    """The kinds of drawing AutoScene plans for each paragraph of ``script`` (voice-free: the plan
    reads the text), from AutoScene's own plans."""
    from dayinlife_manim.author.scaffold import outline
    from dayinlife_manim.autoscene import AutoScene
    from dayinlife_manim.text.script import load_script

    manifest = outline(load_script(script))
    out = []
    for para in manifest.paragraphs:
        plan = AutoScene.plan_for(manifest, para)
        if plan.title:
            out.append(["title card"])
        elif plan.story is not None:
            out.append(plan.story.kinds)
        elif plan.beats:
            out.append([b.name for b in plan.beats] + (["icon"] if plan.companion else []))
        else:
            out.append(["icons"])
    return out


def hand_kinds(module: Path) -> list[str]:
    """The ``dayinlife_manim.visuals`` names a hand-made scene module imports and uses."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dayinlife_manim.visuals") for a in node.names}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    return sorted((names & used) - {"motions", "text", "paragraph", "Region", "cells", "lay_out", "ring", "split"})


def build(script: Path, out: Path, args, scenes: Path | None = None) -> float:
    cmd = [str(DAYINLIFE), "build", str(script), "--quality", args.quality, "--voice", args.voice, "--workers", str(args.workers), "--force", "-o", str(out)]
    if scenes is not None:
        cmd += ["--scenes", str(scenes)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def report(name: str, video: Path, wall: float, kinds) -> tuple[float, float, float]:
    rows = stage_figures(video)
    seconds = sum(r["seconds"] for r in rows)
    print(f"\n== {name}: {len(rows)} scenes, {seconds:.1f} s of video, {wall:.1f} s to build: {wall / seconds:.2f} s per video-second")
    print(f"{'moving':>7} {'ink':>6} {'placeh.':>8} {'kinds':>5}  scene")
    for i, r in enumerate(rows):
        k = kinds[i] if isinstance(kinds, list) and i < len(kinds) and isinstance(kinds[i], list) else None
        print(f"{r['moving']:7.2f} {r['ink']:6.3f} {r['placeholder']:7.1f}s {len(k) if k is not None else '':>5}  {r['title'][:58]}")
    body = rows
    moving = np.array([r["moving"] for r in body])
    ink = np.array([r["ink"] for r in body])
    if isinstance(kinds, list) and kinds and isinstance(kinds[0], list):
        distinct = len({k for ks in kinds for k in ks})
    else:
        distinct = len(kinds)
    print(f"overall: moving {moving.mean():.2f} (worst {moving.min():.2f}), ink {ink.mean():.3f}, "
          f"placeholder {sum(r['placeholder'] for r in body):.1f} s, {distinct} distinct kinds of drawing")
    return moving.mean(), ink.mean(), wall / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scripts", nargs="*", type=Path, help="unseen scripts (default: bench/scripts/*.txt and *.md)")
    parser.add_argument("--voice", default="silent", choices=["silent", "piper"])
    parser.add_argument("--quality", default="low")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the videos in this folder")
    args = parser.parse_args()
    unseen = args.scripts or sorted(p for p in (ROOT / "bench" / "scripts").iterdir() if p.suffix in (".txt", ".md"))
    with tempfile.TemporaryDirectory(prefix="dayinlife-autoscene-bench-") as tmp:
        tmp = Path(tmp)
        if args.keep:
            tmp = args.keep
            tmp.mkdir(parents=True, exist_ok=True)
        runs = [("seed through AutoScene", SEED, None), ("seed, hand-made scenes", SEED, SCENES)] + [(f"unseen: {s.name}", s, None) for s in unseen]
        for name, script, scenes in runs:
            video = tmp / (script.stem + ("-hand" if scenes else "-auto") + ".mp4")
            wall = build(script, video, args, scenes)
            report(name, video, wall, hand_kinds(scenes) if scenes else auto_kinds(script))


if __name__ == "__main__":
    main()
