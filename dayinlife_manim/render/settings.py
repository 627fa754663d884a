"""What a scene render is told: its size, frame rate and encoder, and the environment of its process."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..core.errors import UserError

#: Environment variable with the encoder threads each scene process may use.
ENV_THREADS = "DAYINLIFE_ENCODER_THREADS"


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


@contextmanager
def environ(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a ``with`` block."""
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
