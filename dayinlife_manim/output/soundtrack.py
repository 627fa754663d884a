"""The soundtrack stage: a voiced script's narration fitted to each scene's length in whole
frames, a ducked music bed, mastering to a target loudness and AAC, kept per script and named
by everything it is made from (so the stitch copies its packets when the scenes last what it
was made for, and an edit that changes only pictures reuses it)."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from fractions import Fraction
from math import ceil
from pathlib import Path
from typing import Sequence

import av
import numpy as np
from av.container import OutputContainer

from ..core.errors import UserError
from ..core.fsutil import atomic_path, atomic_write_text, file_sha
from ..manifest import Cue, Word
from ..voices.audio import read_audio
from .captions import Caption
from .levels import DEFAULT_CEILING, DEFAULT_TARGET
from .loudness import Loudness, Mastering, Meter

SAMPLE_RATE = 48_000


CHANNELS = 2  # the most a soundtrack has: narration is mono, a music bed is usually stereo


AUDIO_BIT_RATE = 160_000  # per soundtrack, mono or stereo


#: FFmpeg's AAC coder: "fast" measured 3-6x quicker than the default "twoloop"
#: on the seed soundtrack, with less coding noise at the same bit rate
#: (``bench/stitch_bench.py --codecs`` prints the comparison).  Unlike twoloop it
#: sets no low-pass of its own, and would spend bits on the faint content above
#: 18 kHz (the source's resampling residue in speech): cut there, as twoloop does.
AAC_OPTIONS = {"aac_coder": "fast", "cutoff": "18000"}


#: AAC encoding raises true peaks a little (0.2 dB at most measured on the seed with
#: the fast coder, 0.4 dB with twoloop): the mix is limited this much under the
#: ceiling so that the file as written stays under it.
AAC_OVERSHOOT_DB = 0.7


DUCK_RAMP = 0.15  # seconds the music takes to dip under speech and to come back


MUSIC_FADE_OUT = 1.0  # seconds, so the music does not stop dead at the end


def _stereo(samples: np.ndarray) -> np.ndarray:
    """``samples`` as a float32 (CHANNELS, n) array; mono (1-D or one row) is duplicated."""
    planar = _planar(samples)
    return planar if planar.shape[0] == CHANNELS else np.repeat(planar, CHANNELS, axis=0)


def load_audio(path: Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode any audio file PyAV reads into float32 (CHANNELS, n) samples at ``rate``."""
    return _stereo(read_audio(path, rate))


def _planar(samples: np.ndarray) -> np.ndarray:
    """``samples`` as float32 (channels, n), one or two channels."""
    planar = np.atleast_2d(np.asarray(samples, dtype=np.float32))
    if planar.shape[0] > CHANNELS:
        raise ValueError(f"expected mono or stereo samples, got {planar.shape[0]} channels")
    return planar


def duck_envelope(length: int, windows: Sequence[Caption], rate: int = SAMPLE_RATE) -> np.ndarray:
    """1.0 inside every window, 0.0 away from them, with linear ramps of
    :data:`DUCK_RAMP` seconds just outside each window (so the music is already
    down when a sentence starts and comes back after it ends)."""
    ramp = max(1, round(DUCK_RAMP * rate))
    half = ramp // 2
    mask = np.zeros(length, dtype=np.float64)
    for window in windows:
        start = max(0, round(window.start * rate) - half)
        end = min(length, round(window.end * rate) + half)
        mask[start:end] = 1.0
    # Centred moving average of width ``ramp`` via a cumulative sum: O(n).
    summed = np.concatenate(([0.0], np.cumsum(np.pad(mask, (half, ramp - half)))))
    return ((summed[ramp : ramp + length] - summed[:length]) / ramp).astype(np.float32)


def build_audio_track(
    narrations: Sequence[np.ndarray],
    lengths: Sequence[int],
    speech: Sequence[Caption] = (),
    music: np.ndarray | None = None,
    *,
    music_gain_db: float = -18.0,
    duck_db: float = -12.0,
    rate: int = SAMPLE_RATE,
) -> np.ndarray:
    """Mix the soundtrack as float32 (channels, sum(lengths)) samples at ``rate``.

    The track is mono when every narration is mono and there is no music (a
    narration-only soundtrack: half the work to master and to encode), else
    stereo, with mono parts in both channels.  Each narration is padded with
    silence or trimmed to its segment's length in samples, and the pieces are
    concatenated.  ``music``, if given, is looped or
    cut to the whole length, lowered by ``music_gain_db``, lowered by another
    ``duck_db`` while any ``speech`` window (seconds from the start of the
    track) is spoken, faded out over the last :data:`MUSIC_FADE_OUT` seconds,
    and added.  The result is clipped to [-1, 1].
    """
    if len(narrations) != len(lengths):
        raise ValueError("one length per narration is needed")
    parts = [_planar(narration) for narration in narrations]
    channels = CHANNELS if music is not None else max((part.shape[0] for part in parts), default=1)
    track = np.zeros((channels, sum(lengths)), np.float32)
    start = 0
    for part, length in zip(parts, lengths):
        kept = min(length, part.shape[1])
        track[:, start : start + kept] = part[:, :kept]  # (a mono part fills every channel)
        start += length
    total = track.shape[1]
    if music is not None and total:
        bed = _stereo(music)
        if not bed.shape[1]:
            raise ValueError("the music has no samples")
        bed = np.tile(bed, ceil(total / bed.shape[1]))[:, :total]
        gain_db = music_gain_db + duck_db * duck_envelope(total, speech, rate)
        gain = np.power(np.float32(10.0), gain_db / np.float32(20.0))
        fade = min(total, round(MUSIC_FADE_OUT * rate))
        gain[total - fade :] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
        track += bed * gain
    return np.clip(track, -1.0, 1.0, out=track)


def segment_captions(cues: Sequence[Cue], start: float, duration: float) -> list[Caption]:
    """A segment's cues as captions on the video's clock, kept inside the segment."""
    captions = []
    for cue in cues:
        begin, end = max(0.0, cue.start), min(duration, cue.end)
        if end > begin:
            words = tuple(
                Word(start + min(max(w.start, begin), end), start + min(max(w.end, begin), end), w.text)
                for w in cue.words
            )
            captions.append(Caption(start + begin, start + end, cue.text, words))
    return captions


def scene_timeline(durations: Sequence[Fraction]) -> tuple[list[Fraction], list[int]]:
    """Where each segment starts, in exact seconds and in samples (one more: the end)."""
    starts = [Fraction(0)]
    for duration in durations:
        starts.append(starts[-1] + Fraction(duration))
    return starts, [round(start * SAMPLE_RATE) for start in starts]


def _layout(channels: int) -> str:
    return "mono" if channels == 1 else "stereo"


def _encode_audio(stream: av.AudioStream, samples: np.ndarray, pts: int) -> list[av.Packet]:
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples), format="fltp", layout=_layout(samples.shape[0]))
    frame.sample_rate = SAMPLE_RATE
    frame.time_base = Fraction(1, SAMPLE_RATE)
    frame.pts = pts
    return stream.encode(frame)


class _Written:
    """Muxes the soundtrack's AAC packets, and decodes and measures each one
    first (muxing takes a packet's data): the soundtrack as written is measured
    in the same pass, without reading the file again."""

    def __init__(self, output: OutputContainer, stream: av.AudioStream, channels: int) -> None:
        self.output = output
        self.decoder = av.CodecContext.create("aac", "r")
        self.decoder.extradata = stream.codec_context.extradata
        self.meter = Meter(SAMPLE_RATE, dual_mono=channels == 1)

    def _decoded(self, frames) -> list[np.ndarray]:
        pieces = []
        for frame in frames:
            samples = frame.to_ndarray()
            if frame.pts is not None and frame.pts < 0:  # the encoder's priming, which players skip
                samples = samples[:, -frame.pts :]
            pieces.append(samples)
        return pieces

    def mux(self, packets: Sequence[av.Packet]) -> None:
        pieces = []
        for packet in packets:
            pieces += self._decoded(self.decoder.decode(packet))
            self.output.mux(packet)
        if pieces:  # (measured a segment at a time: per packet, the meter's overhead would dominate)
            self.meter.add(np.concatenate(pieces, axis=1))

    def loudness(self) -> Loudness:
        pieces = self._decoded(self.decoder.decode(None))
        if pieces:
            self.meter.add(np.concatenate(pieces, axis=1))
        return self.meter.result()


@dataclass(frozen=True)
class Soundtrack:
    """A whole video's narration (and music), mixed, mastered and encoded to AAC, in an MP4 of its own.

    It depends on the narration WAVs, their cues, the music, the mastering
    and each segment's length, not on the pictures: a build makes it while
    the scenes render, and a stitch whose scenes last what it was made for
    copies its packets (see :func:`make_soundtrack`).
    """

    path: Path
    key: str  # what it was made from (see soundtrack_key)
    channels: int
    samples: int
    loudness: Loudness | None  # measured on the encoded audio

    @property
    def duration(self) -> float:
        return self.samples / SAMPLE_RATE


def soundtrack_key(narrations: Sequence[Path], cues: Sequence[Sequence[Cue]], durations: Sequence[Fraction], *,
                   music: Path | None, music_gain_db: float, duck_db: float, loudness: float | None, true_peak: float) -> str:
    """A digest of everything a soundtrack is made from."""
    payload = {
        "durations": [str(Fraction(d)) for d in durations],
        "narrations": [_content(n) for n in narrations],
        "cues": [[[c.start, c.end, c.text, [[w.start, w.end, w.text] for w in c.words]] for c in segment] for segment in cues],
        "music": _content(music) if music is not None else None,
        "mix": [music_gain_db, duck_db, loudness, true_peak],
        "format": [SAMPLE_RATE, AUDIO_BIT_RATE, AAC_OPTIONS, AAC_OVERSHOOT_DB, av.__version__],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _content(path: Path) -> str:
    try:
        return file_sha(Path(path))
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _read_soundtrack(path: Path, key: str) -> Soundtrack | None:
    """The soundtrack at ``path`` if it was made from ``key`` (and is the file its sidecar describes)."""
    try:
        info = json.loads(_sidecar(path).read_text())
        if info["key"] != key or info["sha256"] != file_sha(path):
            return None
        measured = Loudness(*info["loudness"]) if info["loudness"] is not None else None
        return Soundtrack(path, key, int(info["channels"]), int(info["samples"]), measured)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def make_soundtrack(
    narrations: Sequence[Path],
    cues: Sequence[Sequence[Cue]],
    durations: Sequence[Fraction],
    folder: Path,
    *,
    music: Path | None = None,
    music_gain_db: float = -18.0,
    duck_db: float = -12.0,
    loudness: float | None = DEFAULT_TARGET,
    true_peak: float = DEFAULT_CEILING,
) -> Soundtrack:
    """Mix, master and encode the soundtrack of segments lasting ``durations`` seconds into ``folder``.

    Segment ``i`` is narration ``i`` fitted to its length (plus ``music``, ducked
    under the ``cues``).  The mix is mastered to ``loudness`` LUFS integrated
    with true peaks at or under ``true_peak`` dBTP as encoded (``loudness=None``:
    left as mixed).  The file is named by what it is made from
    (``soundtrack-<digest>.m4a``, with a ``.json`` sidecar): one made from the
    same is reused as it is, and builds with other options keep their own.
    """
    key = soundtrack_key(narrations, cues, durations, music=music, music_gain_db=music_gain_db, duck_db=duck_db,
                         loudness=loudness, true_peak=true_peak)
    path = Path(folder) / f"soundtrack-{key[:24]}.m4a"  # another mix never replaces this one
    found = _read_soundtrack(path, key)
    if found is not None:
        return found
    _forget_old_soundtracks(Path(folder))
    starts, bounds = scene_timeline(durations)
    speech = tuple(c for i, segment in enumerate(cues) for c in segment_captions(segment, float(starts[i]), float(durations[i])))
    track = build_audio_track(
        [read_audio(n) for n in narrations],
        [end - start for start, end in zip(bounds, bounds[1:])],
        speech,
        read_audio(music) if music is not None else None,
        music_gain_db=music_gain_db,
        duck_db=duck_db,
    )
    # A mono soundtrack plays on both loudspeakers: it is measured as it is heard.
    dual_mono = track.shape[0] == 1
    mastering = Mastering(track, SAMPLE_RATE, loudness, dual_mono=dual_mono) if loudness is not None else None
    ceiling = true_peak - AAC_OVERSHOOT_DB
    for attempt in range(4):
        mixed = track if mastering is None else mastering.apply(ceiling)[0]
        with atomic_path(path) as tmp:
            # The true peak is checked on the soundtrack as encoded (AAC raises it a
            # little, see AAC_OVERSHOOT_DB); should it ever pass the ceiling, the mix
            # is limited lower by the excess (more each time: AAC's peaks do not
            # follow the mix's dB for dB) and encoded again.
            measured = _write_aac(tmp, mixed)
        del mixed
        if mastering is None or measured.true_peak <= true_peak or attempt == 3:
            break
        ceiling -= (measured.true_peak - true_peak + 0.1) * (attempt + 1)
    info = {"key": key, "sha256": file_sha(path), "channels": track.shape[0], "samples": track.shape[1],
            "loudness": [measured.integrated, measured.true_peak]}
    atomic_write_text(_sidecar(path), json.dumps(info))
    return Soundtrack(path, key, track.shape[0], track.shape[1], measured)


#: Soundtracks not made again for this long are removed when a new one is made.
SOUNDTRACK_KEPT_FOR = 24 * 3600


def _forget_old_soundtracks(folder: Path) -> None:
    now = time.time()
    for old in folder.glob("soundtrack-*.m4a"):
        try:
            if now - old.stat().st_mtime > SOUNDTRACK_KEPT_FOR:
                old.unlink()
                _sidecar(old).unlink(missing_ok=True)
        except OSError:
            pass


def _write_aac(path: Path, track: np.ndarray) -> Loudness:
    """Encode ``track`` (channels, n) to AAC, alone in an MP4; return its loudness as encoded
    (each packet is decoded and measured as it is written: the file is not read again)."""
    with av.open(str(path), "w", format="mp4") as output:
        stream = output.add_stream("aac", rate=SAMPLE_RATE, layout=_layout(track.shape[0]), options=AAC_OPTIONS)
        stream.bit_rate = AUDIO_BIT_RATE
        output.start_encoding()
        written = _Written(output, stream, track.shape[0])
        step = SAMPLE_RATE * 10
        for start in range(0, track.shape[1], step):
            written.mux(_encode_audio(stream, track[:, start : start + step], start))
        written.mux(stream.encode(None))
        return written.loudness()
