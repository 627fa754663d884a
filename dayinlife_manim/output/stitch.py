"""The stitch stage: join the rendered scenes into one narrated MP4.

Video is joined by stream copy (the scenes' H.264 packets keep their own
timestamps, shifted to the scene's start, and are never re-encoded): a scene
may hold one picture for many frame durations (variable frame rate, see
``sink.py``), so packets are never re-timed evenly.  Audio is rebuilt from the narration WAVs, so that each paragraph
lasts exactly as long as its scene, optionally mixed with a ducked music bed,
mastered to a target loudness (EBU R 128 / BS.1770, true-peak limited) and
encoded to AAC (mono when it is narration only), then measured as written.
Side files carry the captions (.srt, .vtt) and the YouTube chapter list.
Media I/O goes through PyAV (plain 16-bit WAVs at the track's rate through
the standard library's ``wave``); no ffmpeg binary.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import wave
from contextlib import ExitStack
from dataclasses import dataclass
from fractions import Fraction
from math import ceil
from pathlib import Path
from typing import Callable, Sequence

import av
import numpy as np
from av.container import OutputContainer

from .captions import Caption, to_srt, to_webvtt, to_youtube_chapters
from ..render.media import measure_streams, nominal_rate, open_media
from ..render.media import Chapter
from ..core.errors import UserError
from ..core.fsutil import atomic_path, atomic_write_text, file_sha, temp_dir
from .loudness import DEFAULT_CEILING, DEFAULT_TARGET, Loudness, Mastering, Meter
from ..manifest import Cue, Word

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

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Segment:
    """One paragraph: its rendered scene, its narration and its sentence cues."""

    video: Path  # H.264 MP4; any audio stream in it is ignored
    audio: Path  # narration, any format PyAV decodes (normally WAV)
    chapter: str
    cues: tuple[Cue, ...]  # seconds from the start of this segment


@dataclass(frozen=True)
class StitchResult:
    path: Path
    duration: float
    video_duration: float
    audio_duration: float
    chapters: tuple[Chapter, ...]
    captions: tuple[Caption, ...]
    srt: Path
    vtt: Path
    chapters_txt: Path
    loudness: Loudness | None = None  # measured on the encoded soundtrack as written


@dataclass(frozen=True)
class _SceneVideo:
    """A scene file's video stream: what must match for stream copy, and its length."""

    path: Path
    codec: str
    width: int
    height: int
    pix_fmt: str | None
    fps: Fraction  # nominal
    extradata: bytes | None
    pictures: int
    duration: Fraction  # seconds, from the first picture's start to the last one's end
    delay: Fraction  # seconds of decoding delay (B-frame reordering)

    def mismatch(self, other: _SceneVideo) -> str | None:
        """How ``other`` differs from this scene in a way stream copy cannot join, if it does."""
        for label, mine, theirs in (
            ("codec", self.codec, other.codec),
            ("size", f"{self.width}x{self.height}", f"{other.width}x{other.height}"),
            ("pixel format", self.pix_fmt, other.pix_fmt),
            ("frame rate", self.fps, other.fps),
        ):
            if mine != theirs:
                return f"{label} {theirs} instead of {mine}"
        if self.extradata != other.extradata:
            return "different encoder settings (H.264 parameter sets)"
        return None


def _inspect_scene(path: Path) -> _SceneVideo:
    with open_media(path) as container:
        if not container.streams.video:
            raise UserError(f"{path} has no video stream")
        stream = container.streams.video[0]
        fps = nominal_rate(stream)
        if not fps:
            raise UserError(f"{path}: cannot tell its frame rate")
        ctx = stream.codec_context
        span = measure_streams(container, stream)[0]
        if not span.packets:
            raise UserError(f"{path} has no video frames")
        # Whole frames: a scene lasts a whole number of frames by construction.
        frames = round((span.end - span.first_pts) * stream.time_base * fps)
        return _SceneVideo(
            path=path,
            codec=ctx.name,
            width=ctx.width,
            height=ctx.height,
            pix_fmt=ctx.pix_fmt,
            fps=fps,
            extradata=ctx.extradata,
            pictures=span.packets,
            duration=frames / fps,
            delay=span.delay * stream.time_base,
        )


def _check_joinable(scenes: Sequence[_SceneVideo]) -> None:
    first = scenes[0]
    for scene in scenes[1:]:
        problem = first.mismatch(scene)
        if problem:
            raise UserError(
                f"cannot join {scene.path} to {first.path} without re-encoding: {problem}; "
                "render all scenes with the same quality settings"
            )


def _stereo(samples: np.ndarray) -> np.ndarray:
    """``samples`` as a float32 (CHANNELS, n) array; mono (1-D or one row) is duplicated."""
    planar = _planar(samples)
    return planar if planar.shape[0] == CHANNELS else np.repeat(planar, CHANNELS, axis=0)


def load_audio(path: Path, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode any audio file PyAV reads into float32 (CHANNELS, n) samples at ``rate``."""
    return _stereo(read_audio(path, rate))


def _read_wav(path: Path, rate: int) -> np.ndarray | None:
    """A 16-bit PCM WAV at ``rate`` (what the voice stage writes) read directly
    (the seed's 199 s: 0.04 s of CPU, against 0.36 s through PyAV's resampler).
    None for anything else."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getframerate() != rate or wav.getnchannels() > CHANNELS:
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
    with open_media(path) as container:
        if not container.streams.audio:
            raise UserError(f"{path} has no audio stream")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        if ctx.format is not None and ctx.format.name == "fltp" and ctx.sample_rate == rate and ctx.channels <= CHANNELS:
            # Already what is wanted (our own AAC soundtrack): no resampler pass.
            chunks = [frame.to_ndarray() for frame in container.decode(stream)]
        else:
            # Mono stays mono here (swresample would upmix it at -3 dB);
            # more than two channels are downmixed by swresample.
            layout = "stereo" if ctx.channels > CHANNELS else None
            resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
            chunks = [out.to_ndarray() for frame in container.decode(stream) for out in resampler.resample(frame)]
            chunks += [out.to_ndarray() for out in resampler.resample(None)]
    if not chunks:
        raise UserError(f"{path} contains no audio")
    return np.concatenate(chunks, axis=1)


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


def _segment_captions(cues: Sequence[Cue], start: float, duration: float) -> list[Caption]:
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


def _timeline(durations: Sequence[Fraction]) -> tuple[list[Fraction], list[int]]:
    """Where each segment starts, in exact seconds and in samples (one more: the end)."""
    starts = [Fraction(0)]
    for duration in durations:
        starts.append(starts[-1] + Fraction(duration))
    return starts, [round(start * SAMPLE_RATE) for start in starts]


def _copy_video(source: Path, output: OutputContainer, stream: av.VideoStream, start: Fraction, early: Fraction) -> None:
    """Mux ``source``'s video packets unchanged, with their own timestamps
    shifted so that the first picture is shown at ``start`` seconds, and
    decoding ``early`` seconds earlier than the scene alone would."""
    time_base = Fraction(stream.time_base)
    with open_media(source) as container:
        packets = []
        for packet in container.demux(container.streams.video[0]):
            if packet.dts is None:  # the demuxer's end-of-stream marker
                continue
            packet.rescale_ts(av.AVRational(time_base))
            packets.append(packet)
        if not packets:
            return
        shift = round(start / time_base) - min(p.pts for p in packets)
        dts_shift = shift - round(early / time_base)
        for packet in packets:
            packet.pts += shift
            packet.dts += dts_shift
            packet.stream = stream
            output.mux(packet)


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
    starts, bounds = _timeline(durations)
    speech = tuple(c for i, segment in enumerate(cues) for c in _segment_captions(segment, float(starts[i]), float(durations[i])))
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


def _write_mp4(
    path: Path,
    segments: Sequence[Segment],
    scenes: Sequence[_SceneVideo],
    starts: Sequence[Fraction],
    soundtrack: Soundtrack,
    title: str,
    progress: ProgressCallback | None,
) -> None:
    """Mux the copied video, the soundtrack's AAC packets, the title and the chapters.

    Segment ``i`` starts at ``starts[i]`` seconds; the audio packets are
    interleaved with the scenes they play under.
    """
    with av.open(str(path), "w", format="mp4", container_options={"movflags": "+faststart"}) as output, \
            open_media(soundtrack.path) as sound:
        with open_media(segments[0].video) as first:
            video = output.add_stream_from_template(first.streams.video[0])
        source = sound.streams.audio[0]
        audio = output.add_stream_from_template(source)
        output.metadata["title"] = title
        # PyAV 18 can set chapters; the MP4 muxer stores them as a chapter
        # (text) track, which players list as chapters.
        output.set_chapters(
            [
                {
                    "id": i + 1,
                    "start": round(starts[i] / video.time_base),
                    "end": round(starts[i + 1] / video.time_base),
                    "time_base": video.time_base,
                    "metadata": {"title": segment.chapter},
                }
                for i, segment in enumerate(segments)
            ]
        )
        output.start_encoding()  # the muxer may change the time bases here
        audio_base = Fraction(audio.time_base)
        packets = (p for p in sound.demux(source) if p.dts is not None)
        pending = next(packets, None)

        def copy_audio_until(seconds: Fraction | None) -> None:
            nonlocal pending
            while pending is not None and (seconds is None or pending.pts * Fraction(source.time_base) < seconds):
                pending.rescale_ts(av.AVRational(audio_base))
                pending.stream = audio
                output.mux(pending)
                pending = next(packets, None)

        # A very short scene is encoded without B-frame delay; decoding it
        # earlier by the difference keeps DTS strictly increasing across the
        # joins (players present by PTS, which stay put).
        delay = max(scene.delay for scene in scenes)
        for i, (segment, scene) in enumerate(zip(segments, scenes)):
            _copy_video(segment.video, output, video, starts[i], delay - scene.delay)
            copy_audio_until(starts[i + 1])
            if progress is not None:
                progress(i + 1, len(segments))
        copy_audio_until(None)


def stitch(
    segments: Sequence[Segment],
    out: Path,
    *,
    title: str,
    music: Path | None = None,
    music_gain_db: float = -18.0,
    duck_db: float = -12.0,
    loudness: float | None = DEFAULT_TARGET,
    true_peak: float = DEFAULT_CEILING,
    progress: ProgressCallback | None = None,
    soundtracks: Path | None = None,
) -> StitchResult:
    """Join ``segments`` into the MP4 ``out``, with captions and chapters beside it.

    The video packets are copied as they are; the soundtrack is each segment's
    narration fitted to its scene's exact length (plus ``music`` if given),
    encoded to AAC.  The mix is mastered to ``loudness`` LUFS integrated with
    true peaks at or under ``true_peak`` dBTP (``loudness=None``: left as
    mixed), and the loudness of the soundtrack is measured as it is written;
    should its true peak pass ``true_peak`` there, the mix is limited lower and
    written again.  ``out`` is replaced atomically: a failure leaves any
    previous file untouched and never a half-written one.  ``progress`` is
    called with (segments done, total) as the scenes are joined.  The
    soundtrack is kept in the folder ``soundtracks`` when given, and taken
    from there when one was made from the same narration, mix and lengths
    (:func:`make_soundtrack`), e.g. by a build while its scenes rendered.
    """
    if not segments:
        raise UserError("nothing to stitch: no segments")
    out = Path(out)
    scenes = [_inspect_scene(segment.video) for segment in segments]
    _check_joinable(scenes)

    durations = [scene.duration for scene in scenes]
    starts, _ = _timeline(durations)  # exact seconds; starts[-1] is the total length
    chapters = tuple(
        Chapter(float(starts[i]), float(starts[i + 1]), segment.chapter)
        for i, segment in enumerate(segments)
    )
    captions = tuple(
        caption
        for i, segment in enumerate(segments)
        for caption in _segment_captions(segment.cues, float(starts[i]), float(durations[i]))
    )
    mix = dict(music=music, music_gain_db=music_gain_db, duck_db=duck_db, loudness=loudness, true_peak=true_peak)
    narrations, cues = [s.audio for s in segments], [s.cues for s in segments]
    srt, vtt = out.with_suffix(".srt"), out.with_suffix(".vtt")
    chapters_txt = out.with_name(out.stem + ".chapters.txt")
    with ExitStack() as stack:
        if soundtracks is None:  # made for this stitch only
            soundtracks = temp_dir(out.parent, f"{out.stem}-soundtrack")
            stack.callback(shutil.rmtree, soundtracks, ignore_errors=True)
        track = make_soundtrack(narrations, cues, durations, soundtracks, **mix)
        with atomic_path(out) as tmp:
            _write_mp4(tmp, segments, scenes, starts, track, title, progress)
            atomic_write_text(srt, to_srt(captions))
            atomic_write_text(vtt, to_webvtt(captions))
            atomic_write_text(chapters_txt, to_youtube_chapters(chapters))
    video_duration, audio_duration = float(starts[-1]), track.duration
    return StitchResult(
        path=out,
        duration=max(video_duration, audio_duration),
        video_duration=video_duration,
        audio_duration=audio_duration,
        chapters=chapters,
        captions=captions,
        srt=srt,
        vtt=vtt,
        chapters_txt=chapters_txt,
        loudness=track.loudness,
    )


