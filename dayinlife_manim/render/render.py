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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..core.errors import UserError
from ..core.fsutil import atomic_path

#: Pixel height and frame rate of each quality, for a 16:9 frame.
QUALITIES: dict[str, tuple[int, int]] = {
    "tiny": (240, 10),
    "low": (480, 15),
    "medium": (720, 30),
    "high": (1080, 30),
    "4k": (2160, 30),
}
ASPECTS: dict[str, tuple[int, int]] = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}


@dataclass(frozen=True)
class RenderSettings:
    width: int
    height: int
    fps: int
    #: Encode every frame (constant frame rate) instead of each held frame once
    #: (variable frame rate, the default; see ``sink.py``).
    cfr: bool = False

    @classmethod
    def from_options(
        cls, quality: str = "low", aspect: str = "16:9", fps: int | None = None, *, cfr: bool = False
    ) -> "RenderSettings":
        if quality not in QUALITIES:
            raise UserError(f"unknown quality {quality!r}; choose one of: {', '.join(QUALITIES)}")
        if aspect not in ASPECTS:
            raise UserError(f"unknown aspect {aspect!r}; choose one of: {', '.join(ASPECTS)}")
        short, default_fps = QUALITIES[quality]
        aw, ah = ASPECTS[aspect]
        # The short side gets the quality's pixel count; both sides even for yuv420p.
        if aw >= ah:
            width, height = round(short * aw / ah), short
        else:
            width, height = short, round(short * ah / aw)
        return cls(width + width % 2, height + height % 2, fps or default_fps, cfr)

    @property
    def tag(self) -> str:
        """``WIDTHxHEIGHT@FPS`` (``-cfr`` added for constant frame rate), as
        folder names and the worker's ``--size`` use it."""
        return f"{self.width}x{self.height}@{self.fps}" + ("-cfr" if self.cfr else "")

    @classmethod
    def from_tag(cls, tag: str) -> "RenderSettings":
        tag, cfr = tag.removesuffix("-cfr"), tag.endswith("-cfr")
        dims, fps = tag.split("@")
        width, height = dims.split("x")
        return cls(int(width), int(height), int(fps), cfr)

    def encoder_with(self, threads: int = 1):
        """The scene files' x264 settings (:class:`~dayinlife_manim.render.sink.EncoderSettings`),
        ``threads`` per scene process (they do not change the picture)."""
        from .sink import EncoderSettings

        return EncoderSettings(threads=threads, cfr=self.cfr)

    def manim_config(self) -> dict:
        return {
            "pixel_width": self.width,
            "pixel_height": self.height,
            "frame_rate": self.fps,
            "frame_height": 8.0,
            "frame_width": 8.0 * self.width / self.height,
        }


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


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


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
    from this render's own frames.
    """
    from manim import tempconfig

    from ..farm.pool import ENV_THREADS
    from ..scene import ENV_MANIFEST, ENV_PARAGRAPH
    from .sink import install_sink
    from ..visuals.text import keep_metrics_in

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

        capture = RenderStills(stills, settings.fps, settings.width, settings.height)
        scene_cls = capture.scene_class(scene_cls)
    try:
        with _environ(**{ENV_MANIFEST: str(Path(manifest).resolve()), ENV_PARAGRAPH: paragraph}):
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
