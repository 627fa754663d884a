"""Text in the theme's font, shown literally, sized to fit."""

from __future__ import annotations

import functools
import textwrap

from manim import DOWN, Text, VGroup

from .theme import Region, Theme

_SAMPLE = "The quick brown fox jumps over the lazy dog, 0123456789."
LINE_SPACING = 1.3


@functools.lru_cache(maxsize=32)
def metrics(font: str, size: float) -> tuple[float, float]:
    """(average character width, line height) of ``font`` at ``size``, in manim units."""
    sample = Text(_SAMPLE, font=font, font_size=size)
    probe = Text("Ag", font=font, font_size=size)
    return sample.width / len(_SAMPLE), probe.height * LINE_SPACING


def text(content: str, theme: Theme, size: str = "label", color: str | None = None, **kwargs) -> Text:
    """A ``Text`` in the theme's font, shown literally (no markup)."""
    return Text(content, font=theme.font, font_size=theme.size(size), color=color or theme.text, **kwargs)


def paragraph(content: str, theme: Theme, region: Region, size: str = "label", color: str | None = None) -> VGroup:
    """``content`` wrapped to the width of ``region`` (centered lines), shrunk only if it must."""
    char_w, line_h = metrics(theme.font, theme.size(size))
    width = max(8, int(region.width / char_w))
    lines = VGroup(*(text(line, theme, size, color) for line in textwrap.wrap(content, width) or [""]))
    lines.arrange(DOWN, buff=0.3 * line_h)
    return region.fit(lines)
