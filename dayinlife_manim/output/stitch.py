"""The stitch stage: join the rendered scenes into one narrated MP4.

Video is joined by stream copy (the scenes' H.264 packets keep their own
timestamps, shifted to the scene's start, and are never re-encoded): a scene
may hold one picture for many frame durations (variable frame rate, see
``render/sink.py``), so packets are never re-timed evenly.  The audio is the
soundtrack (``soundtrack.py``: the narration fitted to each scene, a ducked
music bed, mastered and encoded to AAC), whose packets are copied when the
scenes last what it was made for, else it is made again here.  Side files
carry the captions (.srt, .vtt) and the YouTube chapter list.  Media I/O goes
through PyAV; no ffmpeg binary.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Sequence

import av
from av.container import OutputContainer

from ..core.errors import UserError
from ..core.fsutil import atomic_path, atomic_write_text, temp_dir
from ..manifest import Cue
from ..render.media import Chapter, measure_streams, nominal_rate, open_media
from .captions import Caption, to_srt, to_webvtt, to_youtube_chapters
from .levels import DEFAULT_CEILING, DEFAULT_TARGET
from .loudness import Loudness
from .soundtrack import Soundtrack, make_soundtrack, scene_timeline, segment_captions

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
    starts, _ = scene_timeline(durations)  # exact seconds; starts[-1] is the total length
    chapters = tuple(
        Chapter(float(starts[i]), float(starts[i + 1]), segment.chapter)
        for i, segment in enumerate(segments)
    )
    captions = tuple(
        caption
        for i, segment in enumerate(segments)
        for caption in segment_captions(segment.cues, float(starts[i]), float(durations[i]))
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


