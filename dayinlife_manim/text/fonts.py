"""Fonts: which installed font draws each character, and a check that every
character of a script can be drawn before anything is rendered.

Pango (under manim's ``Text``) falls back per character along the theme's
font stack (:attr:`Theme.font_stack`) and then along fontconfig's own list, so
a line can mix DejaVu Sans, Noto Sans Devanagari and Noto Sans CJK.  The same
choice is made here, from fontconfig's list of installed fonts and the
characters each one covers (one ``fc-list`` call, cached), so that caption
wrapping can measure real glyph widths of mixed-script lines and a missing
glyph is found before a build draws a box for it.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass

from ..core.errors import UserError
from ..core.fsutil import atomic_write_text, user_cache_dir
from ..core.notes import damaged
from .script import Script, display_text


@dataclass(frozen=True)
class Face:
    """One installed font face and the code points it covers."""

    file: str
    index: int
    family: str
    style: str
    ranges: tuple[tuple[int, int], ...]  # sorted, inclusive

    def covers(self, codepoint: int) -> bool:
        return _in_ranges(self.ranges, codepoint)


def _in_ranges(ranges: tuple[tuple[int, int], ...], codepoint: int) -> bool:
    i = bisect.bisect_right(ranges, (codepoint, 0x10FFFF + 1)) - 1
    return i >= 0 and ranges[i][0] <= codepoint <= ranges[i][1]


def _parse_charset(charset: str) -> tuple[tuple[int, int], ...]:
    """fontconfig's charset text ("20-7e a0-17f 2c7") as sorted inclusive ranges."""
    ranges = []
    for part in charset.split():
        lo, _, hi = part.partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    return tuple(sorted(ranges))


#: Where fontconfig finds fonts and keeps its caches: a font installed or removed changes one of them.
FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "/etc/fonts/conf.d", "/var/cache/fontconfig",
    "~/.fonts", "~/.local/share/fonts", "~/.cache/fontconfig", "~/.config/fontconfig",
)


def font_state() -> dict[str, list[int] | None]:
    """Size and modification time of fontconfig's folders (cheap: a few ``stat`` calls);
    installing or removing a font changes it."""
    state = {}
    for folder in FONT_DIRS:
        try:
            st = os.stat(os.path.expanduser(folder))
        except OSError:
            state[folder] = None
        else:
            state[folder] = [st.st_size, st.st_mtime_ns]
    return state


@functools.lru_cache(maxsize=1)
def installed_faces() -> tuple[Face, ...]:
    """Every font fontconfig knows, with its coverage; () when fontconfig's tools are missing.

    ``fc-list`` takes a few tenths of a second: its answer is kept in the user
    cache for as long as fontconfig's folders stay as they were (:func:`font_state`).
    """
    return _cached("faces", _list_faces, lambda faces: [[f.file, f.index, f.family, f.style, f.ranges] for f in faces],
                   lambda rows: tuple(Face(f, i, fam, st, tuple(map(tuple, r))) for f, i, fam, st, r in rows))


def _cached(name: str, make, dump, load):
    """``make()``, kept as JSON in the user cache while the installed fonts stay the same."""
    key = hashlib.sha256(json.dumps(font_state(), sort_keys=True).encode()).hexdigest()[:16]
    path = user_cache_dir("fonts") / f"{name}-{key}-v2.json"  # v2: with the digest of its data
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        data = json.dumps(entry["data"], sort_keys=True)
        if hashlib.sha256(data.encode()).hexdigest() != entry["sha256"]:
            raise ValueError("not the data its digest describes")
        return load(entry["data"])
    except FileNotFoundError:
        pass
    except (OSError, ValueError, TypeError, KeyError):
        damaged(f"the font list {path.name}", "listing the fonts again")
    value = make()
    if value:
        data = json.dumps(dump(value), sort_keys=True)
        try:
            atomic_write_text(path, json.dumps({"sha256": hashlib.sha256(data.encode()).hexdigest(), "data": json.loads(data)}))
        except OSError:
            pass  # a cache that cannot be written only costs time
    return value


def _list_faces() -> tuple[Face, ...]:
    if shutil.which("fc-list") is None:
        return ()
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\t%{charset}\n"],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[4]:
            faces.append(Face(parts[0], int(parts[1] or 0), parts[2], parts[3], _parse_charset(parts[4])))
    # Regular faces first, so a family's fallback choice is its upright face.
    regular = ("Regular", "Book", "Normal")
    return tuple(sorted(faces, key=lambda f: (f.style not in regular, f.family, f.file, f.index)))


@functools.lru_cache(maxsize=1)
def _coverage() -> tuple[tuple[int, int], ...]:
    """The union of every installed font's coverage, as merged ranges (cached like the faces)."""
    return _cached("coverage", _merged_coverage, list, lambda rows: tuple(map(tuple, rows)))


def _merged_coverage() -> tuple[tuple[int, int], ...]:
    ranges = sorted(r for face in installed_faces() for r in face.ranges)
    merged: list[list[int]] = []
    for lo, hi in ranges:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple((lo, hi) for lo, hi in merged)


def needs_glyph(ch: str) -> bool:
    """Whether ``ch`` is drawn with a glyph (not a space, control or invisible format character)."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def can_draw(ch: str) -> bool:
    """Whether some installed font has a glyph for ``ch``.

    True when fontconfig cannot be asked (nothing to check against).
    """
    if not needs_glyph(ch):
        return True
    coverage = _coverage()
    return not coverage or _in_ranges(coverage, ord(ch))


@functools.lru_cache(maxsize=4096)
def face_for(stack: str, ch: str) -> Face | None:
    """The face Pango draws ``ch`` with for a comma-separated font ``stack``.

    The first family of the stack that covers ``ch``; else any installed font
    that does (fontconfig's own fallback, Noto first); None when none does.
    """
    faces = installed_faces()
    codepoint = ord(ch)
    for family in (f.strip() for f in stack.split(",")):
        for face in faces:
            if face.family == family and face.covers(codepoint):
                return face
    fallback = [face for face in faces if face.covers(codepoint)]
    fallback.sort(key=lambda f: not f.family.startswith("Noto Sans"))
    return fallback[0] if fallback else None


# --- which Debian package draws what ---------------------------------------------

#: Blocks drawn by Noto Sans CJK (Chinese, Japanese, Korean): ``fonts-noto-cjk``.
_CJK_BLOCKS = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x303F), (0x3040, 0x33FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF), (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF),
)
#: Everything else with a Noto font (Latin, Greek, Cyrillic, Arabic, Hebrew,
#: Indic, Thai, Ethiopic, symbols, historic scripts...): ``fonts-noto-core``.
CJK_PACKAGE = "fonts-noto-cjk"
CORE_PACKAGE = "fonts-noto-core"
FONT_PACKAGES = (CORE_PACKAGE, CJK_PACKAGE)


def package_for(ch: str) -> str | None:
    """The Debian package whose fonts draw ``ch``; None for private-use and unassigned code points."""
    codepoint = ord(ch)
    if unicodedata.category(ch) in ("Co", "Cn", "Cs"):
        return None
    if any(lo <= codepoint <= hi for lo, hi in _CJK_BLOCKS):
        return CJK_PACKAGE
    return CORE_PACKAGE


def describe(ch: str) -> str:
    """``'ह' (U+0939 DEVANAGARI LETTER HA)``."""
    name = unicodedata.name(ch, "")
    return f"{ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"


def check_glyphs(script: Script) -> None:
    """Raise a one-line :class:`UserError` for the first character of ``script``
    that no installed font can draw, naming it, its line and the package to install.

    Lines are counted in the script's file (paragraphs, for a script parsed from a string).
    """
    if script.path is not None:
        label, lines = str(script.path), script.path.read_text(encoding="utf-8-sig").splitlines()
    else:
        label, lines = "script", [p.text for p in script.paragraphs]
    for number, raw in enumerate(lines, 1 if script.path is not None else 0):
        line = display_text(raw)
        for ch in line:
            if can_draw(ch):
                continue
            package = package_for(ch)
            fix = (
                f"install the Debian package {package} (apt-get install {package})"
                if package
                else "no font draws this private-use or unassigned code point; remove it"
            )
            where = f"line {number}" if script.path is not None else f"paragraph {number}"
            raise UserError(f"{label}, {where}: no installed font can draw {describe(ch)}; {fix}")


__all__ = [
    "FONT_PACKAGES",
    "Face",
    "can_draw",
    "check_glyphs",
    "describe",
    "face_for",
    "installed_faces",
    "needs_glyph",
    "package_for",
]
