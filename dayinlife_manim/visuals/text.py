"""Text in the theme's font stack, shown literally, in any writing system, sized to fit.

Pango draws each character with the first font of the theme's stack that has
it, and lays right-to-left lines out right to left.  Widths for wrapping are
measured the same way, per character and font, with Pillow (shaped by raqm).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable

from manim import DL, DOWN, LEFT, RIGHT, Text, VGroup, VMobject

from ..core.fsutil import atomic_write_text
from ..text import fonts
from ..text.writing import is_rtl, wrap
from .theme import Region, Theme

_SAMPLE = "The quick brown fox jumps over the lazy dog, 0123456789."
LINE_SPACING = 1.3
#: Lines are wrapped to this share of their width, leaving room for rounding.
SAFETY = 0.97


#: Left-to-right mark + right-to-left isolate ... pop isolate.  manimpango lays a
#: right-to-left paragraph out right-aligned in a frame-wide box shifted by
#: manim's START_X, which pushes short lines (one Arabic or Hebrew word) off
#: its SVG surface: nothing is drawn (manim 0.22 / manimpango 0.7).  A
#: left-to-right paragraph holding the line as a right-to-left isolate is laid
#: out from the left and still reads right to left, neutrals included.
#: ``tests/test_languages.py`` fails when manim draws bare RTL words again.
_RTL_ISOLATE = ("\u200e\u2067", "\u2069")


def pango_text(content: str) -> str:
    """``content`` as given to Pango: right-to-left lines wrapped in a right-to-left isolate."""
    return f"{_RTL_ISOLATE[0]}{content}{_RTL_ISOLATE[1]}" if is_rtl(content) else content


def _text(content: str, font: str, size: float, **kwargs) -> Text:
    return Text(pango_text(content), font=font, font_size=size, warn_missing_font=False, **kwargs)


#: Where measured metrics are kept across processes (see :func:`keep_metrics_in`).
_metrics_file: Path | None = None


def keep_metrics_in(path: Path | None) -> None:
    """Keep :func:`metrics` in the JSON file ``path``, shared by every scene process
    (``None``: this process only).  Measuring builds two ``Text`` mobjects per
    font size, which every scene of a build would otherwise do again."""
    global _metrics_file
    _metrics_file = Path(path) if path is not None else None


def _metrics_key(font: str, size: float) -> str:
    import manim
    import manimpango

    found = font_file(font)
    stamp = Path(found).stat().st_mtime_ns if found and Path(found).exists() else None
    return json.dumps([font, size, found, stamp, manim.__version__, manimpango.__version__])


def _stored_metrics() -> dict:
    try:
        return json.loads(_metrics_file.read_text(encoding="utf-8"))
    except (OSError, ValueError, AttributeError):
        return {}


@functools.lru_cache(maxsize=32)
def metrics(font: str, size: float) -> tuple[float, float]:
    """(average character width, line height) of ``font`` (a family or a stack) at ``size``, in manim units."""
    key = _metrics_key(font, size) if _metrics_file is not None else None
    stored = _stored_metrics().get(key) if key else None
    if isinstance(stored, list) and len(stored) == 2:
        return float(stored[0]), float(stored[1])
    sample = _text(_SAMPLE, font, size)
    probe = _text("Ag", font, size)
    measured = sample.width / len(_SAMPLE), probe.height * LINE_SPACING
    if key:
        try:
            atomic_write_text(_metrics_file, json.dumps({**_stored_metrics(), key: measured}, indent=1))
        except OSError:
            pass  # a cache only
    return measured


@functools.lru_cache(maxsize=8)
def font_file(font: str) -> str | None:
    """The file fontconfig uses for ``font`` (the first family of a stack), or None when it cannot tell."""
    font = font.split(",")[0].strip()
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", font], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found or None


@functools.lru_cache(maxsize=64)
def _pil_font(path: str, index: int = 0):
    from PIL import ImageFont

    return ImageFont.truetype(path, 100, index=index)


def _runs(content: str, stack: str) -> list[tuple[fonts.Face | None, str]]:
    """``content`` cut into runs drawn by one face each (spaces stay in the run they are in)."""
    runs: list[tuple[fonts.Face | None, str]] = []
    for ch in content:
        face = fonts.face_for(stack, ch) if fonts.needs_glyph(ch) or not runs else runs[-1][0]
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


@functools.lru_cache(maxsize=32)
def measurer(font: str, size: float) -> Callable[[str], float]:
    """A function giving the width (manim units) a ``Text`` of a string would have.

    ``font`` is a family or a comma-separated stack.  Each run of characters is
    measured with the face Pango picks for it (Pillow, shaped by raqm, so
    Arabic joins and Devanagari conjuncts count as drawn), calibrated once
    against a real ``Text``; without the font files, the average width is used.
    """
    char_w = metrics(font, size)[0]
    path = font_file(font)
    if path is not None:
        try:
            primary = _pil_font(path)
            scale = char_w * len(_SAMPLE) / primary.getlength(_SAMPLE)
        except (OSError, ImportError):
            return lambda s: len(s) * char_w

        def measure(s: str) -> float:
            total = 0.0
            for face, run in _runs(s, font):
                try:
                    pil = _pil_font(face.file, face.index) if face is not None else primary
                    total += pil.getlength(run)
                except OSError:
                    total += primary.getlength(run)
            return total * scale

        return measure
    return lambda s: len(s) * char_w


def text(content: str, theme: Theme, size: str = "label", color: str | None = None, **kwargs) -> Text:
    """A ``Text`` in the theme's font stack, shown literally (no markup); right-to-left lines read right to left."""
    return _text(content, theme.font_stack, theme.size(size), color=color or theme.text, **kwargs)


#: The characters :func:`number_text` draws from one set of glyphs.
NUMBER_CHARS = "0123456789.,%$\u20ac\u00a3+-:/"


#: A number's runs: one character of :data:`NUMBER_CHARS`, or a run of other characters.
_NUMBER_RUNS = re.compile("[" + re.escape(NUMBER_CHARS) + "]|[^" + re.escape(NUMBER_CHARS) + "]+")


@functools.lru_cache(maxsize=32)
def _number_glyphs(font: str, size: float, color: str) -> dict[str, VMobject] | None:
    """Each of :data:`NUMBER_CHARS` as a glyph placed from a shared origin; None without the
    font file (no advances to lay glyphs out by)."""
    if font_file(font) is None:
        return None
    sample = _text(NUMBER_CHARS, font, size, color=color)
    if len(sample.submobjects) != len(NUMBER_CHARS):
        return None
    measure = measurer(font, size)
    left = sample.get_left()[0]  # about where the first character starts: the glyphs' origin becomes 0
    return {c: g.copy().shift(LEFT * (left + measure(NUMBER_CHARS[:i]))) for i, (c, g) in enumerate(zip(NUMBER_CHARS, sample.submobjects))}


@functools.lru_cache(maxsize=64)
def _words_glyphs(run: str, font: str, size: float, color: str) -> list[VMobject]:
    """A run of other characters of a number (" people", "k"), drawn once, starting at 0 on the
    glyphs' baseline: drawn after a "0", which is then put on the glyph set's "0" and dropped."""
    drawn = _text("0" + run, font, size, color=color)
    zero = _number_glyphs(font, size, color)["0"]
    drawn.shift(zero.get_corner(DL) - drawn[0].get_corner(DL) + LEFT * measurer(font, size)("0"))
    return [m for sub in drawn.submobjects[1:] for m in sub.family_members_with_points()]


def number_text(content: str, theme: Theme, size: str = "label", color: str | None = None) -> VMobject:
    """A number such as ``42%``, ``$1,250`` or ``45 people`` as :func:`text` draws it, laid out from ready glyphs.

    A counter or readout redraws its number every frame it changes; building a
    ``Text`` (Pango, then an SVG parse) takes tens of milliseconds, copying a few
    glyphs well under one.  Digits and signs come from one drawn set of glyphs, each
    other run of characters (a unit, a word) is drawn once and reused; without the
    font file to measure advances, or in right-to-left text, :func:`text` draws it.
    """
    font, points, color = theme.font_stack, theme.size(size), color or theme.text
    glyphs = _number_glyphs(font, points, color) if content.strip() and not is_rtl(content) else None
    if glyphs is None or not any(c in glyphs for c in content):
        return text(content, theme, size, color)
    measure = measurer(font, points)
    out, at = [], 0
    for run in _NUMBER_RUNS.findall(content):
        x = measure(content[:at])  # the whole prefix, kerned as Pango sets it
        shapes = [glyphs[run]] if run in glyphs else (_words_glyphs(run, font, points, color) if run.strip() else [])
        for shape in shapes:
            g = VMobject()  # a bare copy (a deep copy of the glyph costs more than the number is worth)
            g.points = shape.points + RIGHT * x
            g.match_style(shape)
            out.append(g)
        at += len(run)
    return VGroup(*out)


def paragraph(content: str, theme: Theme, region: Region, size: str = "label", color: str | None = None) -> VGroup:
    """``content`` wrapped to the width of ``region`` (centered lines), shrunk only if it must."""
    line_h = metrics(theme.font_stack, theme.size(size))[1]
    measure = measurer(theme.font_stack, theme.size(size))
    lines = VGroup(*(text(line, theme, size, color) for line in wrap(content, SAFETY * region.width, measure) or [""]))
    lines.arrange(DOWN, buff=0.3 * line_h)
    return region.fit(lines)
