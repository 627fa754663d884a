"""Pronunciations: words the voice says differently from how they are written.

A table (``pronounce:`` in a script's front matter or in ``dayinlife.toml``)
maps a written word to what the voice is given instead::

    pronounce:
      PyTorch: pie torch
      SQL: sequel
      Siobhan: shiv-awn

Only the spoken text changes; the screen and the captions keep the word as
written.  Matching is by whole word (``SQL`` is not replaced inside
``SQLite``; ``SQL's`` and ``SQL-based`` are) and case-aware: a word written
with a capital letter matches that exact spelling (``US`` is not ``us``),
an all-lowercase one matches any case (``gif`` also replaces ``GIF``).
Words are matched in the spoken text, after the symbols voices read badly
are removed (see ``script.spoken_text``).
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Mapping

Table = Mapping[str, str] | Iterable[tuple[str, str]]


def check_word(word: str) -> str | None:
    """Why ``word`` cannot be a pronunciation key (None when it can)."""
    if not word.strip():
        return "an empty word"
    if len(word.split()) != 1:
        return "more than one word (give each word its own line)"
    if not re.search(r"[^\W_]", word):
        return "no letter or digit"
    return None


def apply_pronunciations(spoken: str, table: Table) -> str:
    """``spoken`` with every whole word of ``table`` replaced by how it is said."""
    pairs = tuple(table.items()) if isinstance(table, Mapping) else tuple(table)
    if not pairs or not spoken:
        return spoken
    pattern, lookup = _compiled(pairs)
    return pattern.sub(lambda m: lookup(m.group(0)), spoken)


@functools.lru_cache(maxsize=64)
def _compiled(pairs: tuple[tuple[str, str], ...]):
    exact = {word: say for word, say in pairs if word != word.lower()}
    folded = {word.casefold(): say for word, say in pairs if word == word.lower()}
    # Longest first, so that a key that starts another ("Py", "PyTorch") does not cut it.
    words = sorted({w for w, _ in pairs}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    flags = re.IGNORECASE if folded else 0
    pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", flags)

    def lookup(found: str) -> str:
        if found in exact:
            return exact[found]
        return folded.get(found.casefold(), found)  # a case-insensitive hit on a case-aware key: unchanged

    return pattern, lookup
