"""Render one scene of one paragraph to an MP4, with manim's config set for it.

manim's config is global state, so ``dayinlife build`` calls
:func:`render_scene` in a fresh process per scene (see ``worker.py``); tests
call it in-process for tiny renders.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import shutil
import sys
from pathlib import Path

from ..core.errors import UserError
from ..core.fsutil import atomic_path
from .settings import ENV_THREADS, RenderSettings, environ


def load_scene_module(path: Path):
    """Import a scene module from a file path (like ``manim render FILE`` does)."""
    path = Path(path).resolve()
    if not path.is_file():
        raise UserError(f"scene module not found: {path}")
    name = f"dayinlife_scenes_{path.stem}"
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    loaded = sys.modules.get(name)
    if loaded is not None and loaded.__file__ == str(path) and getattr(loaded, "_dayinlife_stamp", None) == stamp:
        return loaded
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(path.parent))
    module._dayinlife_stamp = stamp
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise UserError(f"cannot import {path}: {type(exc).__name__}: {exc}") from exc
    finally:
        sys.path.remove(str(path.parent))
    return module


def scene_class(module, name: str):
    from ..scene import NarratedScene

    cls = getattr(module, name, None)
    if not (inspect.isclass(cls) and issubclass(cls, NarratedScene)):
        raise UserError(f"{name!r} is not a NarratedScene in {getattr(module, '__file__', module)}")
    return cls


def render_scene(
    scene_cls,
    *,
    manifest: Path,
    paragraph: str,
    out: Path,
    settings: RenderSettings,
    workdir: Path,
    sink: bool = True,
    encoder=None,
    metrics_cache: Path | None = None,
    stills: Path | None = None,
    check: bool = True,
) -> Path:
    """Render ``scene_cls`` telling ``paragraph`` of ``manifest`` into ``out`` (written atomically).

    With ``sink`` (the default) frames go through our frame sink (``sink.py``):
    each held frame is encoded once, with ``encoder`` (default: the settings'
    own, with as many x264 threads as ``$DAYINLIFE_ENCODER_THREADS`` says, else
    one), and the file has no sound: the stitch lays the narration.
    ``sink=False`` uses manim's own writer (every frame encoded, partial
    movies joined, the narration mixed in), as ``manim render`` does.  Font
    metrics are kept in ``metrics_cache`` (default: ``text-metrics.json`` two
    folders above ``out``, beside the scene folders of every size), so that
    scenes do not measure them again.  With ``stills`` (a folder; sink only),
    the frames on screen at the scene's beats are kept there as PNGs with
    their ``stills.json`` (``stills.py``): the review page's stills, taken
    from this render's own frames; with ``check`` (the default) the scene's
    layout is checked from its objects as it renders (``layoutcheck.py``) and
    the findings are kept beside the stills (``layout.json``).
    """
    from manim import tempconfig

    from ..scene import ENV_MANIFEST, ENV_PARAGRAPH
    from ..visuals.text import keep_metrics_in
    from .sink import install_sink

    keep_metrics_in(metrics_cache or Path(out).resolve().parent.parent / "text-metrics.json")

    if encoder is None:
        # The build gives each scene process its share of the cores.
        encoder = settings.encoder_with(threads=int(os.environ.get(ENV_THREADS) or 1))

    workdir = Path(workdir)
    options = {
        **settings.manim_config(),
        "media_dir": str(workdir),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": True,
        "output_file": "scene",
    }
    capture = None
    if stills is not None:
        if not sink:
            raise ValueError("stills are taken from the frame sink's frames: render with sink=True")
        from .stills import RenderStills

        capture = RenderStills(stills, settings.fps, settings.width, settings.height, check=check)
        scene_cls = capture.scene_class(scene_cls)
    try:
        with environ(**{ENV_MANIFEST: str(Path(manifest).resolve()), ENV_PARAGRAPH: paragraph}):
            with tempconfig(options):
                scene = scene_cls()
                if sink:
                    install_sink(scene, encoder, observers=[capture.frames] if capture else ())
                scene.render()
                produced = Path(scene.renderer.file_writer.movie_file_path)
        if capture is not None:
            capture.finish()
    except BaseException:
        if capture is not None:
            capture.abort()
        raise
    with atomic_path(out) as tmp:
        shutil.move(str(produced), tmp)
    return Path(out)
