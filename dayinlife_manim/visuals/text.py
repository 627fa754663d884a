"""Text in the theme's font, shown literally, sized to fit."""

from __future__ import annotations

import functools
import shutil
import subprocess
from typing import Callable

from manim import DOWN, Text, VGroup

from .theme import Region, Theme

_SAMPLE = "The quick brown fox jumps over the lazy dog, 0123456789."
LINE_SPACING = 1.3
#: Lines are wrapped to this share of their width, leaving room for rounding.
SAFETY = 0.97


@functools.lru_cache(maxsize=32)
def metrics(font: str, size: float) -> tuple[float, float]:
    """(average character width, line height) of ``font`` at ``size``, in manim units."""
    sample = Text(_SAMPLE, font=font, font_size=size)
    probe = Text("Ag", font=font, font_size=size)
    return sample.width / len(_SAMPLE), probe.height * LINE_SPACING


@functools.lru_cache(maxsize=8)
def font_file(font: str) -> str | None:
    """The file fontconfig uses for ``font``, or None when it cannot tell."""
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", font], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found or None


@functools.lru_cache(maxsize=32)
def measurer(font: str, size: float) -> Callable[[str], float]:
    """A function giving the width (manim units) a ``Text`` of a string would have.

    Glyph advances come from the font file through Pillow, calibrated once
    against a real ``Text``; without the file, the average width is used.
    """
    char_w = metrics(font, size)[0]
    path = font_file(font)
    if path is not None:
        try:
            from PIL import ImageFont

            face = ImageFont.truetype(path, 100)
            scale = char_w * len(_SAMPLE) / face.getlength(_SAMPLE)
            return lambda s: face.getlength(s) * scale
        except (OSError, ImportError):
            pass
    return lambda s: len(s) * char_w


def wrap(content: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy word wrap so that no line measures more than ``width``.

    A single word wider than a line is broken between characters.
    """
    lines: list[str] = []
    line = ""
    for word in content.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while measure(word) > width and len(word) > 1:
            cut = 1
            while cut < len(word) and measure(word[: cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def text(content: str, theme: Theme, size: str = "label", color: str | None = None, **kwargs) -> Text:
    """A ``Text`` in the theme's font, shown literally (no markup)."""
    return Text(content, font=theme.font, font_size=theme.size(size), color=color or theme.text, **kwargs)


def paragraph(content: str, theme: Theme, region: Region, size: str = "label", color: str | None = None) -> VGroup:
    """``content`` wrapped to the width of ``region`` (centered lines), shrunk only if it must."""
    line_h = metrics(theme.font, theme.size(size))[1]
    measure = measurer(theme.font, theme.size(size))
    lines = VGroup(*(text(line, theme, size, color) for line in wrap(content, SAFETY * region.width, measure) or [""]))
    lines.arrange(DOWN, buff=0.3 * line_h)
    return region.fit(lines)
