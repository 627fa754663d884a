"""Probing media files with PyAV: streams, durations measured from the demuxed packets,
frame rates, chapters.  Used wherever a rendered or stitched file is checked."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from av.container import InputContainer
from av.stream import Stream

from ..core.errors import UserError
from ..core.faults import fault_of


@dataclass(frozen=True)
class Chapter:
    """A named stretch of the video, in seconds."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class MediaInfo:
    """What :func:`probe` measured; durations come from the demuxed packets."""

    video_duration: float
    audio_duration: float
    width: int
    height: int
    fps: Fraction | None  # the nominal rate (from the H.264 headers when they say it)
    video_frames: int  # frames at the nominal rate: a picture held for N frame durations counts N
    video_pictures: int  # coded pictures (packets): fewer than frames in a variable-frame-rate file
    video_codec: str | None
    audio_codec: str | None
    pix_fmt: str | None
    sample_rate: int
    channels: int
    chapters: tuple[Chapter, ...]
    title: str


def open_media(path: Path) -> InputContainer:
    """Open a media file; one that is not media is a one-line error, one that vanished a fault of the machine."""
    try:
        return av.open(str(path))
    except (OSError, av.FFmpegError) as exc:
        if fault_of(exc) is not None:  # gone, or unreadable: told as such by the command line (core/faults.py)
            raise
        raise UserError(f"cannot read {path}: {exc}") from exc


@dataclass
class StreamSpan:
    """What demuxing saw of one stream (none at all if ``stream`` is None)."""

    stream: Stream | None
    first_pts: int | None = None
    end: int | None = None
    first_dts: int | None = None
    packets: int = 0

    def add(self, packet: av.Packet) -> None:
        end = packet.pts + (packet.duration or 0)
        self.first_pts = packet.pts if self.first_pts is None else min(self.first_pts, packet.pts)
        self.end = end if self.end is None else max(self.end, end)
        self.packets += 1
        if packet.dts is not None:
            self.first_dts = packet.dts if self.first_dts is None else min(self.first_dts, packet.dts)

    @property
    def delay(self) -> int:
        """How long before the first picture is shown decoding starts (B-frame reordering)."""
        if self.first_pts is None or self.first_dts is None:
            return 0
        return self.first_pts - self.first_dts

    @property
    def seconds(self) -> float:
        """From the stream's start time (which skips an AAC encoder's priming
        samples) to the end of its last packet."""
        if self.stream is None or self.end is None:
            return 0.0
        start = self.stream.start_time if self.stream.start_time is not None else self.first_pts
        return float((self.end - start) * self.stream.time_base)


def measure_streams(container: InputContainer, *streams: Stream | None) -> list[StreamSpan]:
    """Demux ``streams`` (None for a missing one) in one pass, measuring each."""
    spans = [StreamSpan(stream) for stream in streams]
    by_index = {span.stream.index: span for span in spans if span.stream is not None}
    if by_index:  # demux() without streams would read them all
        for packet in container.demux(*(span.stream for span in by_index.values())):
            if packet.pts is not None and packet.size:
                by_index[packet.stream.index].add(packet)
    return spans


def nominal_rate(stream: av.VideoStream) -> Fraction | None:
    """A video stream's nominal frame rate: the H.264 headers' (a variable-frame-rate
    file's average rate is not it), else what FFmpeg guesses from the timestamps."""
    rate = stream.codec_context.framerate or stream.guessed_rate or stream.average_rate
    return Fraction(rate) if rate else None


def probe(path: Path) -> MediaInfo:
    """Measure a media file with PyAV: its first video and audio streams, chapters, title."""
    with open_media(path) as container:
        video = container.streams.video[0] if container.streams.video else None
        audio = container.streams.audio[0] if container.streams.audio else None
        video_span, audio_span = measure_streams(container, video, audio)
        fps = nominal_rate(video) if video else None
        return MediaInfo(
            video_duration=video_span.seconds,
            audio_duration=audio_span.seconds,
            width=video.codec_context.width if video else 0,
            height=video.codec_context.height if video else 0,
            fps=fps,
            video_frames=round(video_span.seconds * fps) if fps else video_span.packets,
            video_pictures=video_span.packets,
            video_codec=video.codec_context.name if video else None,
            audio_codec=audio.codec_context.name if audio else None,
            pix_fmt=video.codec_context.pix_fmt if video else None,
            sample_rate=audio.codec_context.sample_rate if audio else 0,
            channels=audio.codec_context.channels if audio else 0,
            chapters=tuple(
                Chapter(
                    float(ch["start"] * ch["time_base"]),
                    float(ch["end"] * ch["time_base"]),
                    ch["metadata"].get("title", ""),
                )
                for ch in container.chapters()
            ),
            title=container.metadata.get("title", ""),
        )
