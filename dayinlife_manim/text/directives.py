"""Inline directives: ``[pause 1.5s]`` and ``[show NAME]``, neither shown nor spoken.

:func:`extract_directives` takes them out of a script's raw text, checking
each (an unknown directive is a one-line error with its file, line, column
and the nearest valid spelling), and leaves one private-use marker character
where each stood, so that the script model knows which word follows it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..core.errors import UserError

DIRECTIVES = ("pause", "show")
#: Marker k is chr(MARKER_BASE + k); up to MAX_DIRECTIVES in one script.
MARKER_BASE = 0xF000
MAX_DIRECTIVES = 0x800
MAX_PAUSE_S = 30.0

_CANDIDATE = re.compile(r"\[([A-Za-z]+)(?:[ \t]+([^\]\n]*))?\](?!\()")
_PAUSE = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)\s*(s|sec|secs|seconds?|ms)?$")
_NAME = re.compile(r"^[A-Za-z0-9][\w-]*$")
#: Where a directive is text: HTML comments (notes), fenced code blocks and inline code.
_LITERAL = re.compile(r"<!--.*?-->|^[ ]{0,3}(```|~~~).*?(?:^[ ]{0,3}\1[^\n]*$|\Z)|`[^`\n]+`", re.S | re.M)
MARKERS = re.compile(f"[{chr(MARKER_BASE)}-{chr(MARKER_BASE + MAX_DIRECTIVES - 1)}]")


@dataclass(frozen=True)
class Directive:
    """One directive as written: ``kind`` "pause" (``seconds``) or "show" (``name``), where it stands."""

    kind: str
    seconds: float = 0.0
    name: str = ""
    line: int = 1
    column: int = 1


def marker(k: int) -> str:
    return chr(MARKER_BASE + k)


def marker_index(char: str) -> int | None:
    k = ord(char) - MARKER_BASE
    return k if 0 <= k < MAX_DIRECTIVES else None


def extract_directives(text: str, label: str = "script") -> tuple[str, list[Directive]]:
    """``text`` with each directive replaced by its marker, and the directives in order.

    Bracketed words that are not near a directive's name (``[sic]``, ``[1]``)
    are text; ``[pauze 1s]`` is an error naming ``pause``.  Inside HTML
    comments, fenced code blocks and inline code they are text.
    """
    comments = [m.span() for m in _LITERAL.finditer(text)]
    found: list[Directive] = []
    out: list[str] = []
    last = 0
    for m in _CANDIDATE.finditer(text):
        if any(a <= m.start() < b for a, b in comments):
            continue
        word, arg = m.group(1), (m.group(2) or "").strip()
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        where = f"{label}, line {line}, column {column}"
        kind = word.lower()
        if kind not in DIRECTIVES:
            close = difflib.get_close_matches(kind, DIRECTIVES, n=1, cutoff=0.6)
            if not close:
                continue  # ordinary bracketed text
            raise UserError(f"{where}: unknown directive [{word}]: did you mean [{close[0]} ...]?")
        if kind == "pause":
            p = _PAUSE.match(arg)
            if not p:
                raise UserError(f"{where}: [pause] needs a length such as [pause 1.5s], not {arg!r}")
            seconds = float(p.group(1)) / (1000.0 if p.group(2) == "ms" else 1.0)
            if not 0 < seconds <= MAX_PAUSE_S:
                raise UserError(f"{where}: a pause lasts more than 0 and at most {MAX_PAUSE_S:g} s, not {seconds:g} s")
            directive = Directive("pause", seconds=round(seconds, 3), line=line, column=column)
        else:
            if not _NAME.match(arg):
                raise UserError(f"{where}: [show] needs one name such as [show coffee], not {arg!r}")
            directive = Directive("show", name=arg.lower(), line=line, column=column)
        if len(found) >= MAX_DIRECTIVES:
            raise UserError(f"{where}: more than {MAX_DIRECTIVES} directives in one script")
        out.append(text[last : m.start()])
        out.append(f" {marker(len(found))} ")
        found.append(directive)
        last = m.end()
    out.append(text[last:])
    return "".join(out), found


def check_show_names(directives, known, label: str = "script") -> None:
    """A one-line error for the first ``[show NAME]`` whose name is not in ``known`` (with the nearest ones)."""
    known = set(known)
    for d in directives:
        if d.kind == "show" and d.name not in known:
            close = difflib.get_close_matches(d.name, sorted(known), n=3, cutoff=0.6)
            hint = f": did you mean {', '.join(close)}?" if close else " (see `dayinlife gallery` and the icon names)"
            raise UserError(f"{label}, line {d.line}, column {d.column}: unknown name [show {d.name}]{hint}")


__all__ = ["DIRECTIVES", "MARKERS", "Directive", "check_show_names", "extract_directives", "marker", "marker_index"]
