"""Icons and a headline for any paragraph, chosen from its words.

:func:`pick_icons` turns a paragraph into 1..k icon slugs of
``material-design-icons-pack``; :func:`headline_for` into a short headline::

    >>> pick_icons("I cool off in the pool, then eat ice cream.")
    ['pool', 'ice-cream']
    >>> headline_for("Machine Learning is a booming field, the great AI...")
    'Machine Learning'

Words are matched through a curated keyword map (a few hundred common words
and their synonyms), then against the icon slugs themselves (exact slugs,
multi-word slugs like ``ice-cream`` from "ice cream", and slugs starting with
the word).  Word forms are reduced by a tiny stemmer (plurals, ``-ing``,
``-ed``, a few irregular forms).  Distinctive words win: common words score
lower, earlier words slightly higher, repeated words higher.  Deprecated brand
icons are never used, and ``-outline``/``-off``/``-remove`` variants only when
nothing else fits.  Everything is deterministic and runs in milliseconds
(after a one-off index of the 7,000+ slugs).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import material_design_icons_pack as mdi

from ..visuals.icons import icon_names
from .lexicon import (
    BLOCKED_SLUG_WORDS,
    COMMON_WORDS,
    CURATED_SPEC,
    EMOJI_ICONS,
    FUNCTION_WORDS,
    IRREGULAR,
    SENSES_SPEC,
    STOP_WORDS,
    WEAK_WORDS,
)

#: Shown when no word of the paragraph matches an icon.
FALLBACK_ICON = "text-box-outline"
#: The fallback for a paragraph that asks something.
FALLBACK_QUESTION_ICON = "lightbulb-on-outline"
#: The language of the keyword map; a paragraph in another language gets the fallback icon.
LANGUAGE = "en"


#: How many words either side count as a word's neighbours.
SENSE_WINDOW = 8


@functools.lru_cache(maxsize=1)
def senses() -> dict[str, list[tuple[frozenset[str], str | None]]]:
    """word -> [(context words, slug or None), ...], first rule first."""
    table: dict[str, list[tuple[frozenset[str], str | None]]] = {}
    for line in SENSES_SPEC.strip().splitlines():
        words, _, rest = line.partition(":")
        context, _, slug = rest.partition("->")
        slug = slug.strip()
        for word in words.split():
            table.setdefault(word, []).append((frozenset(context.split()), None if slug == "-" else slug))
    return table


def _in_context(hit: tuple[str, str, str], tokens: list["_Token"], i: int, phrase: str | None = None) -> tuple[str, str, str] | None:
    """``hit`` for token ``i`` (or the ``phrase`` starting there), or the icon its neighbours say it means (None: no icon)."""
    rules = senses().get(phrase.replace(" ", "-")) if phrase else senses().get(hit[2]) or senses().get(tokens[i].norm)
    if not rules:
        return hit
    near = {f for t in tokens[max(0, i - SENSE_WINDOW) : i + SENSE_WINDOW + 1] if t is not tokens[i] for f in word_forms(t.norm)[:2]}
    for context, slug in rules:
        if near & context:
            return None if slug is None else (slug, hit[1], hit[2])
    return hit


#: Slug endings that are variants of another icon: used only when nothing else fits.
_VARIANT_PARTS = frozenset(
    {"outline", "off", "remove", "minus", "plus", "alert", "cancel", "check", "lock", "edit", "sync",
     "settings", "search", "question", "refresh", "network", "multiple", "marker", "arrow", "star",
     "cog", "clock", "eye", "heart", "key", "open", "box", "circle", "badge", "variant"}
)
_WEAK_PARTS = frozenset({"outline", "off", "remove"})



#: Patterns that are not words: clock times, prices, percentages.
_PATTERNS = (
    (re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:o['’]clock|[ap]\.?m\b\.?)", re.IGNORECASE), "clock-outline", "o'clock"),
    (re.compile(r"\b\d{1,2}:\d\d\b"), "clock-outline", "o'clock"),
    (re.compile(r"\$\s?\d[\d,.]*"), "currency-usd", "dollar"),
    (re.compile(r"€\s?\d[\d,.]*|\d[\d,.]*\s?€"), "currency-eur", "euro"),
    (re.compile(r"£\s?\d[\d,.]*"), "currency-gbp", "pound"),
    (re.compile(r"\d[\d,.]*\s?%"), "percent-circle", "percent"),
)

#: Scores: where a match comes from, then corrections.
_SOURCE_SCORE = {
    "slug-phrase": 3.8,  # words that name an icon exactly: "ice cream" -> ice-cream
    "phrase": 3.4,  # a curated phrase: "machine learning" -> brain
    "curated": 3.0,
    "emoji": 3.2,
    "pattern": 2.8,
    "exact": 2.4,
    "prefix": 1.5,
}
_COMMON_PENALTY = 1.2
_LONG_WORD_BONUS = 0.2
_POSITION_PENALTY = 0.5
_REPEAT_BONUS = 0.25
_WEAK_PENALTY = 0.6
#: A second or third icon must score at least this (the first needs only to exist).
_EXTRA_MIN_SCORE = 1.6

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class IconMatch:
    """One chosen icon and the words that chose it."""

    slug: str
    #: The words as written in the text ("mushrooms", "ice cream"); "" for the fallback.
    words: str
    #: The normalised keyword ("mushroom", "ice cream").
    keyword: str
    #: Index of the first word among the paragraph's words (-1 for the fallback).
    position: int
    score: float
    #: Character offset of ``words`` in the text (-1 when not in the text).
    start: int = -1


# --- indexes ----------------------------------------------------------------------


def _attr(slug: str) -> str:
    return slug.upper().replace("-", "_")


@functools.lru_cache(maxsize=1)
def _deprecated() -> frozenset[str]:
    # Attribute access does not print the pack's deprecation notice (get_icon does).
    return frozenset(s for s in icon_names() if getattr(getattr(mdi, _attr(s), None), "deprecated", False))


@functools.lru_cache(maxsize=1)
def _usable() -> frozenset[str]:
    return frozenset(icon_names()) - _deprecated()


@functools.lru_cache(maxsize=1)
def curated_map() -> dict[str, str]:
    """keyword (a word, or words joined by spaces) -> icon slug."""
    table: dict[str, str] = {}
    for line in CURATED_SPEC.strip().splitlines():
        slug, _, words = line.partition(":")
        slug = slug.strip()
        if slug not in _usable():  # an icon missing from this version of the pack
            continue
        for word in words.split():
            table.setdefault(word.replace("-", " "), slug)
    return table


@functools.lru_cache(maxsize=1)
def _prefix_index() -> dict[str, list[str]]:
    """first part of a slug -> usable slugs starting with it, best first."""
    index: dict[str, list[str]] = {}
    for slug in _usable():
        parts = slug.split("-")
        if len(parts) > 1:
            index.setdefault(parts[0], []).append(slug)
    for slugs in index.values():
        slugs.sort(key=_variant_rank)
    return index


def _variant_rank(slug: str) -> tuple[int, int, int, str]:
    parts = slug.split("-")
    weak = sum(p in _WEAK_PARTS for p in parts)
    variant = sum(p in _VARIANT_PARTS or p.isdigit() for p in parts[1:])
    return (weak, variant, len(parts), slug)


def is_weak_variant(slug: str) -> bool:
    """``-outline``, ``-off`` and ``-remove`` icons: used only when nothing else fits."""
    return any(p in _WEAK_PARTS for p in slug.split("-"))


def family(slug: str) -> str:
    """What near-duplicate icons share: ``account`` for ``account-outline`` and ``account-group``."""
    parts = [p for p in slug.split("-") if p not in _WEAK_PARTS]
    return parts[0] if parts else slug


# --- words ----------------------------------------------------------------------


def fold(word: str) -> str:
    """Lowercase ASCII of ``word`` (accents dropped); "" when nothing Latin is left."""
    ascii_word = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    return ascii_word.lower()


def word_forms(word: str) -> list[str]:
    """``word`` and the base forms it may be an inflection of, most likely first.

    A tiny stemmer: irregular forms, plurals (-s, -es, -ies, -ves), -ing and
    -ed (with a final "e" restored or a doubled consonant undone).
    """
    w = word.lower()
    forms = [w]
    if w in IRREGULAR:
        forms.append(IRREGULAR[w])
    n = len(w)
    if n > 4 and w.endswith("ies"):
        forms += [w[:-3] + "y", w[:-1]]
    elif n > 4 and w.endswith("ves"):
        forms += [w[:-3] + "f", w[:-3] + "fe", w[:-1]]
    elif n > 3 and w.endswith("es"):
        forms += [w[:-1], w[:-2]]
    elif n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        forms.append(w[:-1])
    if n > 5 and w.endswith("ing"):
        base = w[:-3]
        forms += [base, base + "e"]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            forms.append(base[:-1])
        if base.endswith("y"):
            forms.append(base[:-1] + "ie")
    if n > 4 and w.endswith("ed"):
        base = w[:-2]
        if w.endswith("ied"):
            forms.append(w[:-3] + "y")
        forms += [base, w[:-1]]
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            forms.append(base[:-1])
    seen: list[str] = []
    for f in forms:
        if f and f not in seen and (len(f) >= 3 or f == w):
            seen.append(f)
    return seen


@dataclass(frozen=True)
class _Token:
    raw: str  # as written
    norm: str  # folded, possessive removed
    start: int  # character offset in the text
    end: int


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        norm = fold(raw).replace("’", "'")
        if norm.endswith("'s"):
            norm = norm[:-2]
        tokens.append(_Token(raw, norm, m.start(), m.end()))
    return tokens


def _is_stop(norm: str) -> bool:
    return not norm or len(norm) < 2 or norm in STOP_WORDS or "'" in norm


# --- matching ----------------------------------------------------------------------


@dataclass
class _Candidate:
    slug: str
    source: str
    keyword: str
    first: int  # token index
    last: int  # token index (inclusive)
    count: int = 1
    span: tuple[int, int] | None = None  # characters, for matches that are not words


def _match_phrase(tokens: list[_Token], i: int, size: int) -> tuple[str, str, str] | None:
    """(slug, keyword, source) for the ``size`` words starting at ``i`` as one phrase, else None."""
    words = [t.norm for t in tokens[i : i + size]]
    if any(not w or "'" in w for w in words) or _is_stop(words[0]) or _is_stop(words[-1]):
        return None
    curated = curated_map()
    usable = _usable()
    for last in word_forms(words[-1]):
        phrase = " ".join(words[:-1] + [last])
        slug = phrase.replace(" ", "-")
        if curated.get(phrase) == slug or (slug in usable and not is_weak_variant(slug)):
            return slug, phrase, "slug-phrase"
        if phrase in curated:
            return curated[phrase], phrase, "phrase"
    return None


def _match_word(norm: str) -> tuple[str, str, str] | None:
    """(slug, source, lemma) for one word, else None."""
    if _is_stop(norm):
        return None
    forms = word_forms(norm)
    if any(f in STOP_WORDS for f in forms[1:2]):
        return None
    curated = curated_map()
    for f in forms:
        if f in curated:
            return curated[f], "curated", f
    usable = _usable()
    for f in forms:
        if len(f) < 3 or f in BLOCKED_SLUG_WORDS or f in STOP_WORDS:
            continue
        if f in usable:
            return f, "exact", f
    index = _prefix_index()
    for f in forms:
        if len(f) < 5 or f in BLOCKED_SLUG_WORDS or f in STOP_WORDS:
            continue
        if f in index:
            return index[f][0], "prefix", f
    return None


def _word_hits(text: str, tokens: list[_Token]) -> list[tuple[tuple[int, int], tuple[str, str, str]]]:
    """((first token, last token), (slug, source, keyword)) for every phrase and word that names
    an icon in its sentence, in this order: phrases of three words, of two, then single words."""
    hits = []
    covered: set[int] = set()
    for size in (3, 2):
        for i in range(len(tokens) - size + 1):
            if any(j in covered for j in range(i, i + size)):
                continue
            # Words of a phrase must be adjacent in the text (a space or hyphen between).
            gaps = [text[tokens[j].end : tokens[j + 1].start] for j in range(i, i + size - 1)]
            if any(g not in (" ", "-") for g in gaps):
                continue
            hit = _match_phrase(tokens, i, size)
            if hit:
                phrase = (hit[0], hit[2], hit[1])
                hit = _in_context(phrase, tokens, i, hit[1])
                if hit:
                    hits.append(((i, i + size - 1), hit))
                covered.update(range(i, i + size))
    for i, token in enumerate(tokens):
        if i in covered:
            continue
        hit = _match_word(token.norm) or _sense_only(token.norm)
        if hit:
            hit = _in_context(hit, tokens, i)
        if hit and hit[0] is not None:
            hits.append(((i, i), hit))
    return hits


def _sense_only(norm: str) -> tuple[None, str, str] | None:
    """A word that names no icon by itself but does in some company ("model" near "trained"):
    a hit with no icon yet, for :func:`_in_context` to fill (or drop)."""
    if _is_stop(norm):
        return None
    return next(((None, "curated", f) for f in word_forms(norm)[:2] if f in senses()), None)


def icon_for_word(text: str, word: str) -> str | None:
    """The icon ``word`` (one word or a phrase; its first occurrence in ``text``) shows in
    its sentence, or None when it shows none there.  The sense comes from the neighbours:
    ``icon_for_word("Press Enter to start", "press") == "keyboard"``."""
    tokens = _tokens(text or "")
    key = [t.norm for t in _tokens(word)]
    if not key:
        return None
    at = next((i for i in range(len(tokens) - len(key) + 1) if [t.norm for t in tokens[i : i + len(key)]] == key), None)
    if at is None:
        return None
    for (first, last), (slug, _, _) in _word_hits(text, tokens):
        if first <= at <= last and slug in _usable():
            return slug
    return None


def _candidates(text: str) -> tuple[list[_Candidate], list[_Token]]:
    tokens = _tokens(text)
    found: dict[str, _Candidate] = {}  # keyed by slug

    def add(slug: str, source: str, keyword: str, first: int, last: int) -> None:
        if slug not in _usable():
            return
        c = found.get(slug)
        if c is None:
            found[slug] = _Candidate(slug, source, keyword, first, last)
        else:
            if not all(w in COMMON_WORDS for w in keyword.split()):
                c.count += 1  # "day" after "sunny" says little more about the sun
            if _SOURCE_SCORE[source] > _SOURCE_SCORE[c.source]:
                c.source, c.keyword = source, keyword

    for (first, last), (slug, source, keyword) in _word_hits(text, tokens):
        add(slug, source, keyword, first, last)
    for ch, slug in EMOJI_ICONS.items():
        pos = text.find(ch)
        if pos >= 0:
            before = sum(1 for t in tokens if t.start < pos)
            add(slug, "emoji", ch, before, before - 1)
    for pattern, slug, keyword in _PATTERNS:
        m = pattern.search(text)
        if m and slug not in found:
            before = sum(1 for t in tokens if t.start < m.start())
            add(slug, "pattern", keyword, before, before - 1)
            found[slug].span = (m.start(), m.end())
    return list(found.values()), tokens


def _score(c: _Candidate, n_tokens: int) -> float:
    score = _SOURCE_SCORE[c.source]
    words = c.keyword.split()
    if c.source not in ("emoji", "pattern"):
        if all(w in COMMON_WORDS for w in words):
            score -= _COMMON_PENALTY
        if all(w in WEAK_WORDS for w in words):
            score -= _WEAK_PENALTY
        if len(words) == 1 and len(words[0]) >= 7 and not words[0].endswith(("ing", "ed")):
            score += _LONG_WORD_BONUS
    score -= _POSITION_PENALTY * max(0, c.first) / max(1, n_tokens)
    score += _REPEAT_BONUS * min(c.count - 1, 2)
    if is_weak_variant(c.slug) and c.source in ("exact", "prefix"):
        score -= 1.0
    return score


def match_icons(text: str, k: int = 3) -> list[IconMatch]:
    """The 1..``k`` best icons for ``text``, with the words that chose them, in text order.

    Falls back to one neutral icon (``words == ""``) when no word matches.
    """
    k = max(1, int(k))
    candidates, tokens = _candidates(text or "")
    scored = sorted(
        ((round(_score(c, len(tokens)), 6), c) for c in candidates),
        key=lambda sc: (-sc[0], sc[1].first, sc[1].slug),
    )
    chosen: list[IconMatch] = []
    families: set[str] = set()
    keywords: set[str] = set()
    for score, c in scored:
        if len(chosen) >= k:
            break
        if chosen and score < _EXTRA_MIN_SCORE:
            break
        if family(c.slug) in families or c.keyword in keywords:
            continue
        if c.span is not None:
            words, start = text[c.span[0] : c.span[1]], c.span[0]
        elif c.source == "emoji":
            words, start = "", -1
        else:
            words, start = text[tokens[c.first].start : tokens[c.last].end], tokens[c.first].start
        chosen.append(IconMatch(c.slug, words, c.keyword, c.first, score, start))
        families.add(family(c.slug))
        keywords.add(c.keyword)
    if not chosen:
        return [fallback_icon(text)]
    return sorted(chosen, key=lambda m: m.position)


def fallback_icon(text: str) -> IconMatch:
    """The neutral icon (a light bulb for a question, in any script's question mark)."""
    slug = FALLBACK_QUESTION_ICON if any(q in (text or "") for q in "?？؟") else FALLBACK_ICON
    return IconMatch(slug, "", "", -1, 0.0)


def pick_icons(text: str, k: int = 3) -> list[str]:
    """1..``k`` icon slugs for a paragraph's words, most telling first-spoken first.

    Never returns duplicates or near-duplicates (``account`` and
    ``account-outline``); every slug exists and is not deprecated.  Falls back
    to ``text-box-outline`` (``lightbulb-on-outline`` for a question).
    """
    return [m.slug for m in match_icons(text, k)]


# --- headlines ------------------------------------------------------------------------

HEADLINE_MAX_CHARS = 32
_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for by with from as vs via per into onto".split())
#: Words that end a headline when they follow a few words: links, conjunctions, relatives.
_BREAK_WORDS = frozenset(
    """
    is are was were be been being am has have had do does did will would can could should may might must
    and or but so because while when whenever if unless although though that which who whom whose where
    then than since until after before as just also even still
    """.split()
)
#: Vague words that may still end a headline ("Something New").
_TRAIL_KEEP = frozenset("new old big small little better best done today well first last next".split())
_DETERMINERS = frozenset("a an the my our your his her their its this that these those".split())
#: Links dropped from the start of a headline.
_LEAD_DROP = frozenset("that to and but or so because which who whom nor".split())
#: Discourse openers dropped from the start of a headline.
_OPENERS = frozenset(
    """
    well so and but or now then also anyway sometimes often usually however meanwhile still yet oh ok okay
    yes no hey hi actually basically honestly finally first firstly next lastly besides plus remember
    """.split()
)
_MARKUP_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: Clause breaks (a comma or colon inside a number, as in 4,242 or 7:30, is none).
_CLAUSE_SPLIT = re.compile(r"\s[-–—]\s|[,:](?!\d)|(?<!\d)[,:]|[;()\[\]{}…!?\"“”]|\.(?:\s|$)|\.\.\.")
_HEADLINE_JUNK = re.compile(r"[*_#~`|^\\{}\[\]<>/=]")


def _first_sentence(text: str) -> str:
    from ..text.script import split_sentences

    sentences = split_sentences(text)
    return sentences[0] if sentences else ""


def _clean(text: str) -> str:
    text = _MARKUP_TAG.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNPZS" and ord(ch) < 0x1F000)
    text = re.sub(r"[\u2600-\u27BF\uFE0F\u200D]", " ", text)
    text = _HEADLINE_JUNK.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= 8 and upper / len(letters) > 0.8


#: Units that stay lower case after a number in a headline.
_UNITS = frozenset("am pm a.m. p.m. kg km cm mm ml min".split())


def _title_case(words: list[str], shouting: bool) -> str:
    out = []
    for i, w in enumerate(words):
        if shouting:
            w = w.lower()
        lower = w.lower()
        if i > 0 and (lower in _SMALL_WORDS or lower in _UNITS) and (w.islower() or shouting):
            out.append(lower)  # "of", and "pm" in "At 7:30 pm"
        elif w.islower() or (w[:1].islower() and not any(c.isupper() for c in w[1:])):
            # Capitalise each hyphen part: "fine-tuning" -> "Fine-Tuning".
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)  # "iPhone", "IT", "McDonald" stay as written
    return " ".join(out)


def _bare(word: str) -> str:
    """The word for look-ups: folded to lowercase, except acronyms ("IT" is not "it")."""
    core = word.strip(".,;:!?'\"’”“‘)(&-")
    if len(core) >= 2 and core.isupper():
        return fold(core).upper()
    return fold(core).replace("’", "'")


def _strip_edges(words: list[str]) -> list[str]:
    """Drop leading links ("that", "to") and trailing function words from a headline's words."""
    while len(words) > 1 and _bare(words[0]) in _LEAD_DROP:
        words = words[1:]
    while words:
        bare = _bare(words[-1])
        if not bare or bare in _SMALL_WORDS or bare in _BREAK_WORDS or (bare in STOP_WORDS and bare not in _TRAIL_KEEP):
            words = words[:-1]
        else:
            break
    return words


def _fit(words: list[str], max_words: int) -> list[str]:
    """The longest prefix of ``words`` within ``max_words`` and the character limit."""
    out: list[str] = []
    for w in words[:max_words]:
        if len(" ".join(out + [w])) > HEADLINE_MAX_CHARS:
            break
        out.append(w)
    return out or words[:1]  # one over-long word is cut later


def _trim(words: list[str], max_words: int) -> list[str]:
    """The longest prefix within the limits that ends before a natural break."""
    words = _strip_edges(words)
    limit = _fit(words, max_words)
    if len(limit) == len(words):
        return words
    # Cut where the next word starts a new part: first at links and conjunctions
    # ("Machine Learning | is a booming field"), then before any function word.
    for breaks in (_BREAK_WORDS, _SMALL_WORDS | FUNCTION_WORDS):
        for end in range(len(limit), 0, -1):
            head = _strip_edges(limit[:end])
            if _bare(words[end]) in breaks and _content_words(head) >= 1 and len(head) >= 2:
                return head
    return _strip_edges(limit)


def _content_words(words: list[str]) -> int:
    return sum(1 for w in words if _bare(w) and _bare(w) not in STOP_WORDS)


def headline_for(text: str, max_words: int = 5) -> str:
    """A short headline for a paragraph: its first clause (or key phrase), title-cased.

    At most ``max_words`` words and about 32 characters, cut at a word
    boundary, without markup or trailing punctuation; "" for empty text.
    """
    cleaned = _clean(text or "")
    if not cleaned:
        return ""
    shouting = _shouting(cleaned)
    if shouting:  # read it as ordinary text; it is title-cased at the end
        cleaned = cleaned.lower()
    sentence = _first_sentence(cleaned)
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(sentence) if c and c.strip()]
    words: list[str] = []
    for clause in clauses:
        full = clause.split()
        while len(full) > 1 and _bare(full[0]) in _OPENERS:
            full = full[1:]
        cw = _trim(full, max_words)
        if _content_words(cw) == 0:
            # The first words say nothing ("We are going to ..."): start at the first telling one.
            first = next((i for i, w in enumerate(full) if _content_words([w])), None)
            if first is not None:
                if first > 0 and _bare(full[first - 1]) in _DETERMINERS:
                    first -= 1
                cw = _trim(full[first:], max_words)
        if cw and match_icons(" ".join(cw), 1)[0].words:
            words = cw  # the first clause that names something an icon can show
            break
        if _content_words(cw) >= 1 and _content_words(words) == 0:
            words = cw
        if not words and cw:
            words = cw
    if _content_words(words) < 1:
        phrase = _key_phrase(cleaned, max_words)
        if phrase:
            words = phrase
    if not words:
        words = cleaned.split()[:1]
    headline = _title_case(words, shouting)
    headline = headline.strip(" .,;:!?-–—'\"“”‘’()&")
    if len(headline) > HEADLINE_MAX_CHARS:  # one very long word
        headline = headline[: HEADLINE_MAX_CHARS - 1].rstrip() + "…"
    return headline


def _key_phrase(text: str, max_words: int) -> list[str]:
    """The run of content words around the paragraph's best icon keyword ("vertical mushroom farms")."""
    best = match_icons(text, 1)[0]
    if not best.words:
        return []
    tokens = text.split()
    bare = [_bare(t) for t in tokens]
    ends_clause = [bool(re.search(r"[,.;:!?…]$", t)) for t in tokens]
    target = _bare(best.words.split()[0])
    if target not in bare:
        return []
    lo = hi = bare.index(target)
    while lo > 0 and not _is_stop(bare[lo - 1]) and not ends_clause[lo - 1] and hi - lo < max_words - 1:
        lo -= 1
    while hi + 1 < len(tokens) and not ends_clause[hi] and not _is_stop(bare[hi + 1]) and hi - lo < max_words - 1:
        hi += 1
    return [t.strip(".,;:!?'\"()…") for t in tokens[lo : hi + 1]]


__all__ = [
    "COMMON_WORDS",
    "FALLBACK_ICON",
    "FALLBACK_QUESTION_ICON",
    "LANGUAGE",
    "fallback_icon",
    "IconMatch",
    "STOP_WORDS",
    "curated_map",
    "family",
    "headline_for",
    "icon_for_word",
    "match_icons",
    "pick_icons",
    "word_forms",
]
