"""What the HTML pages (storyboard, review page, gallery) share: their style, relative links,
and the font and line wrapping their PNG sheets are labelled with."""

from __future__ import annotations

import os
from pathlib import Path


def label_font(size: int):
    """The font the PNG sheets are labelled in (DejaVu Sans, else Pillow's own)."""
    from PIL import ImageFont

    from ..visuals.text import font_file

    path = font_file("DejaVu Sans")
    try:
        return ImageFont.truetype(path, size) if path else ImageFont.load_default()
    except OSError:
        return ImageFont.load_default()


def wrap_label(draw, text: str, font, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels (an ellipsis where it is cut)."""
    out, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(".,;") + " …"
    return out


def rel(path: Path, start: Path) -> str:
    """A URL path from folder ``start`` to ``path`` (works from file://, no server)."""
    from urllib.parse import quote

    return quote(os.path.relpath(Path(path).resolve(), Path(start).resolve()).replace(os.sep, "/"))


PAGE_STYLE = """
body{background:#101218;color:#f4f1ea;font-family:"DejaVu Sans",sans-serif;margin:1.5em}
h1{font-size:1.4em} h2{font-size:1.05em;margin:1.6em 0 .5em;color:#ffb703}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(%dpx,1fr));gap:12px}
figure{margin:0;background:#1f2230;border-radius:6px;overflow:hidden;cursor:default}
figure img{width:100%%;display:block} figcaption{padding:6px 8px;font-size:.8em;color:#c8c8d0}
figcaption b{color:#ffb703;font-weight:normal;display:block} mark{background:#ffb703;color:#101218;padding:0 2px}
.meta{color:#8a8fa3;font-size:.85em}
a{color:#8ecae6}
"""
