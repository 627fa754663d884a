"""How accurate are word start times?  Prints median and 90th-percentile
word-start error per backend, on sentences where the truth is known.

* piper (its own phoneme durations) against an energy onset detector, on
  clean word starts: words after a pause, where the sound starts from silence.
* the estimate used for gTTS and silent (syllables snapped to measured pauses),
  on clips of the piper voice assembled with known offsets (the truth is the
  offset plus piper's own time inside its clip), and on whole piper sentences.
* the old character-position placement, on the same assembled clips, for comparison.

Run: ``python bench/words_bench.py [--sentences N]`` (needs the offline voice; about a minute).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.text.script import load_script  # noqa: E402
from dayinlife_manim.text.wordtiming import display_words, estimate_words  # noqa: E402
from dayinlife_manim.voices import get_voice  # noqa: E402
from dayinlife_manim.voices.audio import AudioSettings, conditioned, segment_samples  # noqa: E402

EXTRA = [
    "At 11 o'clock, the model - finally - learned to count to 2024.",
    "Dr. Smith said the results were fine; nobody believed her, of course.",
    "Three things matter: data, patience, and a good night's sleep.",
    "Is it working? Yes! It is working, at last.",
    "The GPU ran at 97 percent for six hours, then it stopped.",
    "Slowly, very slowly, the loss curve began to fall.",
]
FRAME = 0.0025  # onset detector hop (s)


def stats(errors: list[float]) -> str:
    e = np.abs(np.asarray(errors)) * 1000
    if not e.size:
        return "no data"
    return f"n={e.size:4d}  median {np.median(e):6.1f} ms  p90 {np.percentile(e, 90):6.1f} ms  (mean signed {np.mean(errors) * 1000:+.1f} ms)"


def frame_db(samples: np.ndarray, rate: int) -> np.ndarray:
    hop, win = max(1, round(FRAME * rate)), max(1, round(2 * FRAME * rate))
    n = max(0, (len(samples) - win) // hop)
    idx = np.arange(n)[:, None] * hop + np.arange(win)[None, :]
    return 10 * np.log10(np.mean(samples[idx].astype(np.float64) ** 2, axis=1) + 1e-12)


def onset_near(db: np.ndarray, t: float, threshold: float, quiet_s: float = 0.08, search: float = 0.15) -> float | None:
    """The first frame within ``search`` of ``t`` where the level rises above
    ``threshold`` after at least ``quiet_s`` under it; None when there is none."""
    need = round(quiet_s / FRAME)
    lo, hi = max(need, round((t - search) / FRAME)), min(len(db), round((t + search) / FRAME))
    for i in range(lo, hi):
        if db[i] > threshold and np.all(db[i - need : i] <= threshold):
            return i * FRAME + FRAME  # the window's centre
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=0, help="use only the first N sentences (0: all)")
    args = parser.parse_args()
    voice = get_voice("piper")
    script = load_script(ROOT / "examples" / "a_day_in_life.txt")
    texts = [s.text for p in script.paragraphs for s in p.sentences] + EXTRA
    if args.sentences:
        texts = texts[: args.sentences]
    settings = AudioSettings()
    t0 = time.perf_counter()
    spoken = []  # (text, samples 48 kHz conditioned, word times in them)
    for text in texts:
        words = display_words(text)
        speech = voice.speak(" ".join(w.spoken for w in words), [w.spoken for w in words])
        seg, trimmed = conditioned(speech.samples, speech.rate, settings)
        times = [(a - trimmed, b - trimmed) for a, b in speech.words]
        spoken.append((text, segment_samples(seg), times))
    rate = settings.sample_rate
    print(f"{len(texts)} sentences, {sum(len(t[2]) for t in spoken)} words, synthesized in {time.perf_counter() - t0:.0f}s")

    # 1. piper's own durations against an onset detector, on clean word starts.
    piper_errors = []
    for text, samples, times in spoken:
        db = frame_db(samples, rate)
        threshold = np.median(db[db > -80]) - 25.0
        for k, (start, _) in enumerate(times):
            if k and start - times[k - 1][1] < 0.1:  # only words after a pause (or the first)
                continue
            onset = onset_near(db, start, threshold)
            if onset is not None:
                piper_errors.append(start - onset)

    # 2. estimates on assembled clips: known offsets, piper's times inside each clip.
    rng = np.random.default_rng(11)
    est_errors, char_errors, sentence_errors = [], [], []
    for i in range(0, len(spoken) - 2, 3):
        group = spoken[i : i + 3]
        parts, truth, offset, texts_joined = [], [], 0.0, []
        for text, samples, times in group:
            gap = rng.uniform(0.15, 0.6)  # the pause a narrator would make
            parts += [np.zeros(round(gap * rate), np.float32), samples]
            offset += gap
            truth += [offset + a for a, _ in times]
            offset += len(samples) / rate
            texts_joined.append(text)
        audio = np.concatenate(parts)
        joined = " ".join(texts_joined)
        words = estimate_words(joined, 0.0, len(audio) / rate, audio, rate)
        est_errors += [w.start - t for w, t in zip(words, truth)]
        # the old way: the word's character position in the text, over the whole window
        pos, starts = 0, []
        for w in joined.split():
            starts.append(pos / len(joined) * len(audio) / rate)
            pos += len(w) + 1
        ids = [len(w.text.split()) for w in words]
        first_piece = np.cumsum([0] + ids[:-1])
        char_errors += [starts[j] - t for j, t in zip(first_piece, truth)]
    for text, samples, times in spoken:  # whole sentences, their own comma pauses only
        words = estimate_words(text, 0.0, len(samples) / rate, samples, rate)
        sentence_errors += [w.start - a for w, (a, _) in zip(words, times)]

    print("word-start error (absolute), by backend:")
    print(f"  piper, own durations vs energy onsets (clean starts)   {stats(piper_errors)}")
    print(f"  gtts/silent estimate, assembled clips (known offsets)  {stats(est_errors)}")
    print(f"  gtts/silent estimate, whole piper sentences            {stats(sentence_errors)}")
    print(f"  old character position, assembled clips               {stats(char_errors)}")
    print("targets: piper median <= 30 ms, p90 <= 80 ms; estimated backends median <= 150 ms")


if __name__ == "__main__":
    main()
