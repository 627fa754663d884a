"""Audio processing with pydub (and PyAV for decoding; no ffmpeg binary).

A sentence as a voice produced it is *conditioned* (resampled, trimmed of
leading and trailing silence, normalised to one loudness) and then sentences
are *assembled* into a paragraph: a lead-in, a pause between sentences, a
tail.  Sample counts are exact, so cue times and file durations agree to the
sample.
"""

from __future__ import annotations

import functools
import io
import wave
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
from pydub import AudioSegment
from pydub.silence import detect_leading_silence

from ..core.errors import UserError
from ..core.fsutil import atomic_path

SAMPLE_RATE = 48_000
#: The most channels a decoded file keeps (more are mixed down to stereo).
MAX_CHANNELS = 2


@dataclass(frozen=True)
class AudioSettings:
    """Everything in processing that changes the sound (part of the cache key)."""

    sample_rate: int = SAMPLE_RATE
    target_dbfs: float = -20.0  # loudness every sentence is brought to
    peak_dbfs: float = -1.0  # ceiling after normalisation
    trim_below_dbfs: float = -45.0  # what counts as silence when trimming
    keep_ms: int = 40  # silence kept around a trimmed sentence
    # Paragraph layout; not part of a sentence's sound, so not in the cache key.
    # A narrator's pauses: about 0.6 s between sentences, 1.25 s between paragraphs.
    lead_in_ms: int = 350
    gap_ms: int = 600
    tail_ms: int = 900
    #: The paragraph's length is padded up to a multiple of this, so that it
    #: is a whole number of frames at 5, 10, 15, 20, 25, 30 and 60 fps and
    #: scenes cut together without drift between picture and sound.
    align_ms: int = 200

    def cache_params(self) -> dict[str, float]:
        return {
            "sample_rate": self.sample_rate,
            "target_dbfs": self.target_dbfs,
            "peak_dbfs": self.peak_dbfs,
            "trim_below_dbfs": self.trim_below_dbfs,
            "keep_ms": self.keep_ms,
        }


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited polyphase resampling (22,050 Hz -> 48 kHz is 320/147).

    The same filter and alignment as ``scipy.signal.resample_poly`` (Kaiser
    window, beta 5, 10 zero crossings each side), in numpy: importing
    ``scipy.signal`` alone takes over a second, which a one-sentence edit
    would wait for before its scene can start.
    """
    if rate == target or samples.size == 0:
        return samples
    g = gcd(rate, target)
    up, down = target // g, rate // g
    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    taps = _resampling_filter(up, down)
    half = (len(taps) - 1) // 2
    per_phase = -(-len(taps) // up)
    table = np.zeros(up * per_phase)
    table[: len(taps)] = taps
    table = table.reshape(per_phase, up).T  # table[p, t] = taps[p + up * t]
    n_out = -(-len(x) * up // down)  # ceil, as resample_poly
    # Output j sits at j*down + half in the upsampled, filtered signal: it meets
    # the input samples base - t (t < per_phase) through the taps of its phase.
    # Outputs j, j + up, j + 2 up... share a phase and step ``down`` inputs each:
    # one small matrix product per phase, over a strided view of the input.
    pad = per_phase
    xp = np.concatenate([np.zeros(pad), x, np.zeros(pad + half // up + down + 2)])
    y = np.empty(n_out)
    item = xp.strides[0]
    for r in range(min(up, n_out)):
        count = len(range(r, n_out, up))
        position = r * down + half
        first = position // up + pad  # index in xp of the t = 0 sample for output r
        view = np.lib.stride_tricks.as_strided(
            xp[first - per_phase + 1 :], shape=(count, per_phase), strides=(down * item, item), writeable=False
        )
        # view[m, k] = xp[first - per_phase + 1 + m*down + k]; t = per_phase - 1 - k
        y[r::up] = view @ table[position % up][::-1]
    return y.astype(np.float32)


@functools.lru_cache(maxsize=8)
def _resampling_filter(up: int, down: int) -> np.ndarray:
    """The low-pass ``resample_poly`` designs: a windowed sinc at the lower Nyquist, gain ``up``."""
    most = max(up, down)
    half = 10 * most
    n = np.arange(2 * half + 1) - half
    taps = np.sinc(n / most) / most * np.kaiser(2 * half + 1, 5.0)
    return taps / taps.sum() * up


def segment_samples(segment: AudioSegment) -> np.ndarray:
    """A 16-bit mono segment's samples as float32 in [-1, 1]."""
    return np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0


def to_segment(samples: np.ndarray, rate: int) -> AudioSegment:
    """Mono float samples in [-1, 1] to a 16-bit pydub segment."""
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")
    return AudioSegment(data=pcm.tobytes(), sample_width=2, frame_rate=rate, channels=1)


def condition(samples: np.ndarray, rate: int, settings: AudioSettings) -> AudioSegment:
    """Resample, trim silence and normalise one synthesized sentence."""
    return conditioned(samples, rate, settings)[0]


def conditioned(samples: np.ndarray, rate: int, settings: AudioSettings) -> tuple[AudioSegment, float]:
    """:func:`condition`, and how many seconds were trimmed from the start.

    A time ``t`` in the voice's audio is ``t - trimmed`` in the result
    (resampling keeps times), so word times follow the trim exactly.
    """
    seg = to_segment(resample(samples, rate, settings.sample_rate), settings.sample_rate)
    if seg.max_dBFS == float("-inf"):  # pure silence (the silent voice): nothing to trim or level
        return seg, 0.0
    start = detect_leading_silence(seg, silence_threshold=settings.trim_below_dbfs)
    end = len(seg) - detect_leading_silence(seg.reverse(), silence_threshold=settings.trim_below_dbfs)
    first_ms = min(max(0, start - settings.keep_ms), len(seg))
    seg = seg[first_ms : min(len(seg), end + settings.keep_ms)]
    seg = seg.apply_gain(settings.target_dbfs - seg.dBFS)
    if seg.max_dBFS > settings.peak_dbfs:
        seg = seg.apply_gain(settings.peak_dbfs - seg.max_dBFS)
    return seg, int(first_ms * settings.sample_rate / 1000) / settings.sample_rate  # pydub cuts at int(frames)


def silence(ms: float, rate: int, extra_samples: int = 0) -> AudioSegment:
    """``ms`` milliseconds (plus ``extra_samples``) of 16-bit mono silence."""
    n = round(ms * rate / 1000) + extra_samples
    return AudioSegment(data=b"\0\0" * n, sample_width=2, frame_rate=rate, channels=1)


@dataclass(frozen=True)
class Assembled:
    audio: AudioSegment
    spans: tuple[tuple[int, int], ...]  # (start, end) sample of each sentence

    @property
    def samples(self) -> int:
        return int(self.audio.frame_count())


def assemble(sentences: list[AudioSegment], settings: AudioSettings) -> Assembled:
    """Lay sentences out as lead-in, sentence, gap, sentence, ..., tail."""
    rate = settings.sample_rate
    parts = [silence(settings.lead_in_ms, rate)]
    spans = []
    pos = int(parts[0].frame_count())
    for i, seg in enumerate(sentences):
        if i:
            gap = silence(settings.gap_ms, rate)
            parts.append(gap)
            pos += int(gap.frame_count())
        parts.append(seg)
        spans.append((int(pos), int(pos + seg.frame_count())))
        pos += int(seg.frame_count())
    block = round(settings.align_ms * rate / 1000) or 1
    parts.append(silence(settings.tail_ms, rate, extra_samples=-(pos + round(settings.tail_ms * rate / 1000)) % block))
    raw = b"".join(p.raw_data for p in parts)
    audio = AudioSegment(data=raw, sample_width=2, frame_rate=rate, channels=1)
    return Assembled(audio, tuple(spans))


def write_wav(segment: AudioSegment, path: Path) -> None:
    """Write a 16-bit PCM WAV atomically."""
    with atomic_path(path) as tmp:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(segment.channels)
            w.setsampwidth(segment.sample_width)
            w.setframerate(segment.frame_rate)
            w.writeframes(segment.raw_data)


def read_wav(path) -> AudioSegment:
    """A WAV file (a path, or a binary file object) as an AudioSegment."""
    with wave.open(path if hasattr(path, "read") else str(path), "rb") as w:
        return AudioSegment(
            data=w.readframes(w.getnframes()),
            sample_width=w.getsampwidth(),
            frame_rate=w.getframerate(),
            channels=w.getnchannels(),
        )


def wav_frames(path: Path) -> tuple[int, int]:
    """(sample count, sample rate) of a WAV file, read from its header."""
    with wave.open(str(path), "rb") as w:
        return w.getnframes(), w.getframerate()


def _read_wav(path: Path, rate: int) -> np.ndarray | None:
    """A 16-bit PCM WAV at ``rate`` (what the voice stage writes) read directly
    (the seed's 199 s: 0.04 s of CPU, against 0.36 s through PyAV's resampler).
    None for anything else."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getframerate() != rate or wav.getnchannels() > MAX_CHANNELS:
                return None
            data = wav.readframes(wav.getnframes())
            channels = wav.getnchannels()
    except (wave.Error, EOFError):
        return None  # not a plain PCM WAV: PyAV reads it
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc}") from exc
    pcm = np.frombuffer(data, dtype="<i2").reshape(-1, channels).T
    if not pcm.size:
        raise UserError(f"{path} contains no audio")
    return pcm * np.float32(1 / 32768)


def read_audio(path: Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode any audio file PyAV reads into float32 (channels, n) samples at
    ``rate``: mono stays one channel, more than two are mixed down to stereo."""
    direct = _read_wav(path, rate)
    if direct is not None:
        return direct
    import av

    try:
        samples, _ = _decode(path, rate, mono=False)
    except (OSError, av.FFmpegError) as exc:
        raise UserError(f"cannot read {path}: {exc}") from exc
    if not samples.shape[1]:
        raise UserError(f"{path} contains no audio")
    return samples


def decode_audio(data: bytes | str | Path) -> tuple[np.ndarray, int]:
    """Decode any audio PyAV reads (mp3, wav, ogg...) to mono float32 samples and their own rate."""
    samples, rate = _decode(io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data, None, mono=True)
    return samples[0], rate


def _decode(source, rate: int | None, *, mono: bool) -> tuple[np.ndarray, int]:
    """The one PyAV decoder: float32 (channels, n) samples at ``rate`` (None: the file's own)
    and that rate.  ``mono`` mixes down to one channel; otherwise mono stays mono (swresample
    would upmix it at -3 dB) and more than two channels are mixed down to stereo."""
    import av  # not at import time: the voice stage's callers start faster without it

    with av.open(source if isinstance(source, io.IOBase) else str(source)) as container:
        if not container.streams.audio:
            raise UserError(f"{getattr(source, 'name', source)} has no audio stream")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        rate = rate or ctx.sample_rate
        channels = 1 if mono else min(ctx.channels, MAX_CHANNELS)
        if ctx.format is not None and ctx.format.name == "fltp" and ctx.sample_rate == rate and ctx.channels == channels:
            # Already what is wanted (our own AAC soundtrack): no resampler pass.
            chunks = [frame.to_ndarray() for frame in container.decode(stream)]
        else:
            layout = "mono" if mono else ("stereo" if ctx.channels > MAX_CHANNELS else None)
            resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
            chunks = [out.to_ndarray() for frame in container.decode(stream) for out in resampler.resample(frame)]
            chunks += [out.to_ndarray() for out in resampler.resample(None)]
    samples = np.concatenate(chunks, axis=1) if chunks else np.zeros((channels, 0), dtype=np.float32)
    return samples.astype(np.float32, copy=False), rate
