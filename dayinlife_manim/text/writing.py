"""Writing systems: which characters are written without spaces, which run
right to left, where a line may break, and how long text takes to say.

Pure text functions (no fonts, no manim), shared by the script model, the
on-screen text and the caption files.

* Chinese and Japanese are written without spaces: a line may break between
  any two characters (except before closing punctuation such as ``。`` or
  ``」`` and after opening punctuation such as ``「``), and their length is
  counted in characters.
* Thai, Lao, Khmer and Myanmar also run words together; they break at their
  spaces (between phrases) and count characters too.
* Arabic, Hebrew, Syriac, Thaana and N'Ko run right to left (:func:`is_rtl`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

#: Chinese characters, kana, CJK punctuation and full-width forms: one break unit each.
_CJK = (
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3100-\u312f"  # bopomofo
    "\u31a0-\u31ff"  # bopomofo extended, katakana phonetic extensions
    "\u3200-\u4dbf"  # enclosed CJK, compatibility, extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\uff00-\uffef"  # half-width and full-width forms
    "\U00020000-\U0003ffff"  # extensions B and later
)
#: Scripts that run words together but break lines at spaces.
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"
#: Punctuation that never starts a line (kinsoku) and that never ends one.
_NO_LINE_START = "、。，．・：；？！）」』】〕〉》〙〗｝］’”ー〜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.!?:;)]}%»"
_NO_LINE_END = "（「『【〔〈《〘〖｛［‘“([{«¿¡"

_CJK_CHAR = re.compile(f"[{_CJK}]")
_NO_SPACE_CHAR = re.compile(f"[{_CJK}{_SOUTHEAST_ASIAN}]")
_SOUTHEAST_ASIAN_CHAR = re.compile(f"[{_SOUTHEAST_ASIAN}]")
_UNIT = re.compile(f"[{_CJK}]|[^{_CJK}]+")

#: Full stops that end a sentence with or without a space after them.
CJK_STOPS = "。！？｡"
#: Every sentence-ending mark: Latin, CJK, Devanagari danda, Arabic and Urdu question and full stops.
SENTENCE_STOPS = ".?!…" + CJK_STOPS + "।॥؟۔"


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Chinese or Japanese character (or CJK punctuation): a break unit on its own."""
    return bool(_CJK_CHAR.match(ch))


def is_rtl(text: str) -> bool:
    """Whether ``text`` is a right-to-left paragraph: its first strong character is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _counts(text: str) -> tuple[int, int, int]:
    """(space-separated words, CJK characters, Southeast Asian letters) of ``text``."""

    def letters(chars: list[str]) -> int:
        return sum(1 for ch in chars if not unicodedata.combining(ch) and unicodedata.category(ch)[0] in "LN")

    spaced = sum(1 for token in _NO_SPACE_CHAR.sub(" ", text).split() if any(c.isalnum() for c in token))
    return spaced, letters(_CJK_CHAR.findall(text)), letters(_SOUTHEAST_ASIAN_CHAR.findall(text))


def word_count(text: str) -> int:
    """Words in ``text``; characters for the scripts written without spaces (Chinese, Japanese, Thai...)."""
    return sum(_counts(text))


#: How many characters of a script without spaces take as long to say as one word.
CJK_CHARS_PER_WORD = 2.0
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4.0


def spoken_words(text: str) -> float:
    """How long ``text`` takes to say, in English-word equivalents.

    A narrator says about two Chinese or Japanese characters (about 320 a minute
    at 160 words a minute) or four Thai letters in the time of one word.
    """
    spaced, cjk, southeast = _counts(text)
    return spaced + cjk / CJK_CHARS_PER_WORD + southeast / SOUTHEAST_ASIAN_CHARS_PER_WORD


_CLAUSE_END = re.compile(r"[,;:、，；：。．！？.!?…।؟،]")


def first_words(text: str, max_words: int = 5, max_chars: int = 14) -> str:
    """The opening words of ``text``'s first clause: at most ``max_words`` words, or
    ``max_chars`` characters of a script written without spaces; no trailing punctuation.
    """
    clause = _CLAUSE_END.split(text.strip(), maxsplit=1)[0].strip() or text.strip()
    words = clause.split()[:max_words]
    if len(clause.split()) > max_words:  # cut mid-clause: do not end on a little word ("de", "и", "a")
        while len(words) > 2 and sum(ch.isalpha() for ch in words[-1]) <= 2:
            words.pop()
    head = " ".join(words).lstrip("¿¡")
    if _NO_SPACE_CHAR.search(head) and len(head) > max_chars:
        cut = max_chars
        while cut < len(head) and _is_mark(head[cut]):  # keep a Thai vowel sign with its letter
            cut += 1
        head = head[:cut].rstrip() + "…" if cut < len(head) else head
    return head.strip(" -–—'\"“”‘’()«»「」")


# --- line breaking -------------------------------------------------------------------


def break_units(text: str) -> list[tuple[str, bool]]:
    """``text`` as units a line may break between: ``(unit, space_before)`` pairs.

    Space-separated words are units; Chinese and Japanese characters are units
    on their own, with closing punctuation kept on the unit before it and
    opening punctuation on the unit after it.
    """
    units: list[tuple[str, bool]] = []
    glue_next = False
    for word in text.split():
        for k, piece in enumerate(_UNIT.findall(word)):
            space = k == 0
            if units and (glue_next or (piece[0] in _NO_LINE_START and not space)):
                prev, prev_space = units[-1]
                units[-1] = (prev + (" " if space else "") + piece, prev_space)
            else:
                units.append((piece, space and bool(units)))
            glue_next = piece[-1] in _NO_LINE_END
    return units


def join_units(units: list[tuple[str, bool]]) -> str:
    return "".join((" " if space and i else "") + unit for i, (unit, space) in enumerate(units))


def wrap(content: str, width: float, measure: Callable[[str], float] = len) -> list[str]:
    """Greedy line breaking so that no line measures more than ``width``.

    Lines break at spaces and between Chinese or Japanese characters (see
    :func:`break_units`); a unit wider than a line is cut between characters,
    never before a combining mark.
    """
    lines: list[str] = []
    line: list[tuple[str, bool]] = []
    for unit, space in break_units(content):
        candidate = line + [(unit, space)]
        if measure(join_units(candidate)) <= width:
            line = candidate
            continue
        if line:
            lines.append(join_units(line))
        while measure(unit) > width and len(unit) > 1:
            cut = _cut(unit, width, measure)
            lines.append(unit[:cut])
            unit = unit[cut:]
        line = [(unit, False)]
    if line:
        lines.append(join_units(line))
    return lines


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


def _cut(word: str, width: float, measure: Callable[[str], float]) -> int:
    """Where to cut an over-long ``word``: as late as fits, never right before a combining mark."""
    cut = 1
    while cut < len(word) - 1 and measure(word[: cut + 1]) <= width:
        cut += 1
    back = cut
    while back > 1 and _is_mark(word[back]):
        back -= 1
    if not _is_mark(word[back]):
        return back
    while cut < len(word) - 1 and _is_mark(word[cut]):  # one cluster wider than the line: keep it whole
        cut += 1
    return cut


def display_columns(text: str) -> int:
    """Width of ``text`` in terminal/subtitle columns: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


__all__ = [
    "CJK_STOPS",
    "SENTENCE_STOPS",
    "break_units",
    "display_columns",
    "first_words",
    "is_cjk",
    "is_rtl",
    "join_units",
    "spoken_words",
    "word_count",
    "wrap",
]
