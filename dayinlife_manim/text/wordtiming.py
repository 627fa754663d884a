"""Words of a sentence as displayed, and when each is spoken.

A voice that knows its own timing (piper: the duration of every phoneme)
gives word times directly.  For the others (gTTS, silent) they are
*estimated*: every word weighs its syllables, and the pauses that can be
measured in the audio (at commas, dashes, full stops) are matched to the word
boundaries where they fall, so the estimate is only ever spread over stretches
of continuous speech.

Everything here is pure: texts and numpy arrays in, tuples of
:class:`~dayinlife_manim.manifest.Word` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .words import Word

#: A break after a word with one of these at its end is where a speaker pauses.
_BREAK_PUNCT = re.compile(r"[,;:.!?…—–\-)\]\"'”’»]+$")
_SPEAKABLE = re.compile(r"[^\W_]")
_VOWELS = re.compile(r"[aeiouyàáâäæèéêëìíîïòóôöœùúûüÿ]+", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DIGITS = re.compile(r"\d+")

FRAME_S = 0.010  # analysis hop for pause detection
MIN_PAUSE_S = 0.14  # a quieter stretch shorter than this is a stop consonant, not a pause
SILENCE_BELOW_DB = 28.0  # a frame this far under the speech's typical level is silent


@dataclass(frozen=True)
class DisplayWord:
    """A word as shown (``text``) and the part of it a voice says (``spoken``)."""

    text: str
    spoken: str


def display_words(text: str, lang: str | None = "en") -> list[DisplayWord]:
    """The sentence ``text`` cut at spaces into the words shown on screen, each with
    what a narrator says for it (:func:`~.script.spoken_words`: ``$1,299.99`` is
    nine spoken words, all belonging to one displayed word).

    Pieces with nothing to say (a dash, an emoji's leftovers) join the word
    before them (the first one: the word after), so that every word has
    something spoken and ``" ".join(w.text for w in words) == " ".join(text.split())``.
    """
    from .script import spoken_words

    pieces = text.split()
    said = spoken_words(text, lang)
    words: list[DisplayWord] = []
    pending = ""
    for piece, spoken in zip(pieces, said):
        if not spoken:
            if words:
                last = words[-1]
                words[-1] = DisplayWord(f"{last.text} {piece}", last.spoken)
            else:
                pending = f"{pending} {piece}".strip()
            continue
        words.append(DisplayWord(f"{pending} {piece}".strip(), spoken))
        pending = ""
    if pending:
        if words:
            words[-1] = DisplayWord(f"{words[-1].text} {pending}", words[-1].spoken)
        else:
            words.append(DisplayWord(pending, ""))
    return words


def syllables(word: str) -> float:
    """A rough count of the syllables in one spoken word (any script; numbers too)."""
    count = 0.0
    for digits in _DIGITS.findall(word):
        count += 1.5 * len(digits)  # "11" is e-lev-en, "2024" twen-ty twen-ty four
    letters = _DIGITS.sub("", word)
    count += len(_CJK.findall(letters))  # one syllable per character
    latin = "".join(_LATIN.findall(letters))
    if latin:
        groups = len(_VOWELS.findall(latin))
        if groups > 1 and latin.lower().endswith("e") and not latin.lower().endswith(("le", "ee")):
            groups -= 1  # a silent final e
        count += max(1, groups)
    elif not count and _SPEAKABLE.search(letters):  # other scripts: about one syllable per 2.5 letters
        count += max(1.0, len(_SPEAKABLE.findall(letters)) / 2.5)
    return max(count, 1.0)


def _weights(words: Sequence[DisplayWord]) -> np.ndarray:
    """How long each word takes, relatively: its syllables, and a little for each
    letter (long syllables have more sounds).  Tuned with ``bench/words_bench.py``."""
    return np.array([syllables(w.spoken) + 0.15 * len(_SPEAKABLE.findall(w.spoken)) for w in words], dtype=np.float64)


def _is_break(word: DisplayWord) -> bool:
    return bool(_BREAK_PUNCT.search(word.text))


def _spread(weights: np.ndarray, start: float, end: float) -> list[tuple[float, float]]:
    """Cut ``[start, end]`` into consecutive spans proportional to ``weights``."""
    edges = start + (end - start) * np.concatenate(([0.0], np.cumsum(weights))) / max(weights.sum(), 1e-9)
    return [(float(a), float(b)) for a, b in zip(edges[:-1], edges[1:])]


def find_pauses(samples: np.ndarray, rate: int) -> tuple[float, float, list[tuple[float, float]]]:
    """(speech start, speech end, pauses inside it) of mono ``samples``, in seconds.

    A pause is a stretch of at least :data:`MIN_PAUSE_S` whose level stays
    :data:`SILENCE_BELOW_DB` under the speech's typical (median voiced) level.
    Pure silence gives ``(0, length, [])``.
    """
    hop = max(1, round(FRAME_S * rate))
    n = len(samples) // hop
    length = len(samples) / rate if rate else 0.0
    if n == 0:
        return 0.0, length, []
    frames = np.asarray(samples[: n * hop], dtype=np.float32).reshape(n, hop)
    db = 10 * np.log10(np.einsum("ij,ij->i", frames, frames) / hop + 1e-12)
    loud = db > -80
    if not loud.any():
        return 0.0, length, []
    threshold = np.median(db[loud]) - SILENCE_BELOW_DB
    voiced = np.flatnonzero(db > threshold)
    first, last = int(voiced[0]), int(voiced[-1])
    # Runs of quiet frames between the first and the last voiced one.
    quiet = np.concatenate(([False], db[first : last + 1] <= threshold, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(quiet))
    runs = edges.reshape(-1, 2) + first  # [start, end) frame of each quiet run
    pauses = [(a * hop / rate, b * hop / rate) for a, b in runs if (b - a) * FRAME_S >= MIN_PAUSE_S - 1e-9]
    return first * hop / rate, min(length, (last + 1) * hop / rate), pauses


def _match_pauses(
    boundary_times: Sequence[float], boundary_is_break: Sequence[bool], pause_times: Sequence[float], pause_lengths: Sequence[float]
) -> dict[int, int]:
    """Assign pauses to word boundaries (monotonic, each at most once) at least cost;
    returns {boundary index: pause index}.

    Cost: seconds between the estimated boundary and the pause, plus a penalty
    for a boundary without punctuation; leaving a pause unused costs a fixed
    amount plus twice its length (a long pause is surely between words).
    """
    nb, npz = len(boundary_times), len(pause_times)
    if not nb or not npz:
        return {}
    unpunctuated = 0.6
    # best[i][j]: least cost using the first i boundaries and the first j pauses.
    best = np.full((nb + 1, npz + 1), float("inf"))
    move = np.zeros((nb + 1, npz + 1), dtype=np.int8)  # 0: skip boundary, 1: skip pause, 2: match
    best[0, 0] = 0.0
    for i in range(nb + 1):
        for j in range(npz + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i > 0:
                options.append((best[i - 1, j], 0))
            if j > 0:
                options.append((best[i, j - 1] + 0.5 + 2.0 * pause_lengths[j - 1], 1))
            if i > 0 and j > 0:
                cost = abs(boundary_times[i - 1] - pause_times[j - 1]) + (0.0 if boundary_is_break[i - 1] else unpunctuated)
                options.append((best[i - 1, j - 1] + cost, 2))
            best[i, j], move[i, j] = min(options)
    matched = {}
    i, j = nb, npz
    while i > 0 or j > 0:
        m = move[i, j]
        if m == 2:
            matched[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif m == 1:
            j -= 1
        else:
            i -= 1
    return matched


def estimate_words(
    text: str,
    start: float,
    end: float,
    samples: np.ndarray | None = None,
    rate: int | None = None,
) -> tuple[Word, ...]:
    """Word cues for the sentence ``text`` spoken from ``start`` to ``end`` seconds.

    With the sentence's own audio (``samples`` at ``rate``, beginning at
    ``start``), the speech is found inside its silence and the pauses in it
    are anchored to the word boundaries they belong to; without it, the
    window is shared by syllables.
    """
    words = display_words(text)
    if not words:
        return ()
    weights = _weights(words)
    speech_start, speech_end, pauses = 0.0, end - start, []
    if samples is not None and rate:
        speech_start, speech_end, pauses = find_pauses(samples, rate)
        speech_end = min(speech_end, end - start)
    # Where each boundary and each pause falls in *speaking* time (pauses taken
    # out, so earlier pauses do not shift later guesses), then the pauses as anchors.
    paused = sum(b - a for a, b in pauses)
    guess = _spread(weights, 0.0, max(0.0, speech_end - speech_start - paused))
    boundaries = [b for _, b in guess[:-1]]
    before, spoken_at = 0.0, []
    for a, b in pauses:
        spoken_at.append(a - speech_start - before)
        before += b - a
    matched = _match_pauses(boundaries, [_is_break(w) for w in words[:-1]], spoken_at, [b - a for a, b in pauses])
    anchors = {k: pauses[j] for k, j in matched.items()}
    spans: list[tuple[float, float]] = []
    first = 0
    seg_start = speech_start
    for k in sorted(anchors) + [len(words) - 1]:
        pause_start, pause_end = anchors.get(k, (speech_end, speech_end))
        spans += _spread(weights[first : k + 1], seg_start, pause_start)
        first, seg_start = k + 1, pause_end
    return place_words(words, spans, start, end)


def place_words(words: Sequence[DisplayWord], times: Sequence[tuple[float, float]], start: float, end: float) -> tuple[Word, ...]:
    """Word cues from per-word ``times`` (seconds from ``start``), kept monotonic and inside ``[start, end]``."""
    cues = []
    floor = start
    for word, (a, b) in zip(words, times):
        a = min(max(round(start + a, 4), floor), end)
        b = min(max(round(start + b, 4), a), end)
        cues.append(Word(a, b, word.text))
        floor = b
    return tuple(cues)


def word_of_char(words: Sequence[Word]) -> list[int]:
    """For every non-space character of ``words`` joined, the index of its word."""
    owners: list[int] = []
    for k, word in enumerate(words):
        owners += [k] * len(word.text.replace(" ", ""))
    return owners


def piece_starts(start: float, end: float, words: Sequence[Word], pieces: Sequence[str]) -> list[float]:
    """When each of the consecutive ``pieces`` of a sentence's text (its lines,
    pages or caption blocks, in order) starts: the first at ``start``, each
    other when its first word is said, or, without word cues, after its share
    of the text."""
    owners = word_of_char(words)
    total = sum(len(p) for p in pieces) or 1
    starts: list[float] = []
    done = chars = 0
    for piece in pieces:
        if not starts:
            starts.append(start)
        elif chars < len(owners):
            starts.append(min(max(starts[-1], words[owners[chars]].start), end))
        else:
            starts.append(start + (end - start) * done / total)
        done += len(piece)
        chars += len("".join(piece.split()))
    return starts


__all__ = [
    "DisplayWord", "display_words", "estimate_words", "find_pauses", "piece_starts", "place_words", "syllables",
    "word_of_char",
]
