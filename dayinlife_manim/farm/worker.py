"""Render one scene in this process: ``python -m dayinlife_manim.farm.worker ...``.

``dayinlife build`` renders every scene in a fresh process (manim's config is
global state): forked from a warm server that calls :func:`run_task` (see
``pool.py``), or a Dask worker's child (``cluster.py``).  The command line is
for running one scene by hand.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from ..render.render import load_scene_module, render_scene, scene_class
from ..render.settings import RenderSettings


def resolve(ref: str):
    """``path/to/module.py:Class`` or ``package.module:Class`` to the class."""
    module_ref, _, name = ref.rpartition(":")
    if module_ref.endswith(".py"):
        module = load_scene_module(Path(module_ref))
    else:
        module = importlib.import_module(module_ref)
    return scene_class(module, name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dayinlife_manim.farm.worker")
    parser.add_argument("scene", help="module.py:Class or package.module:Class")
    parser.add_argument("--manifest", required=True, type=Path)
    parser.add_argument("--paragraph", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--size", required=True, help="WIDTHxHEIGHT@FPS")
    parser.add_argument("--workdir", required=True, type=Path)
    parser.add_argument("--kind", default="video", choices=("video", "storyboard", "check"),
                        help="video: render OUT; storyboard: draw the stills at beats into the folder OUT; check: the layout findings into OUT/layout.json")
    parser.add_argument("--stills", type=Path, default=None, help="folder for the stills at beats (video only)")
    args = parser.parse_args(argv)
    from .task import RenderTask, print_peak_memory

    run_task(
        RenderTask(
            ref=args.scene,
            manifest=args.manifest,
            paragraph=args.paragraph,
            out=args.out,
            settings=RenderSettings.from_tag(args.size),
            workdir=args.workdir,
            log=None,
            label=args.paragraph,
            kind=args.kind,
            stills=args.stills,
        )
    )
    print_peak_memory()


def run_task(task) -> None:
    """Run a ``task.RenderTask`` in this process: render its video (and stills), or draw its storyboard."""
    cls = resolve(task.ref)
    if task.kind == "storyboard":
        from ..render.stills import scene_stills, write_stills_json

        stills = scene_stills(cls, manifest=task.manifest, paragraph=task.paragraph, settings=task.settings, out_dir=task.out)
        write_stills_json(task.out, stills)
        return
    if task.kind == "check":
        from ..render.stills import scene_layout, write_layout_json

        probe = scene_layout(cls, manifest=task.manifest, paragraph=task.paragraph, settings=task.settings, out_dir=task.out)
        write_layout_json(task.out, probe.findings(), probe.moments, probe.seconds)
        return
    render_scene(
        cls,
        manifest=task.manifest,
        paragraph=task.paragraph,
        out=task.out,
        settings=task.settings,
        workdir=task.workdir,
        stills=task.stills,
    )


if __name__ == "__main__":
    main()
