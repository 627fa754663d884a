from __future__ import annotations

import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from scipy.signal import butter, lfilter

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.manifest import Cue
from dayinlife_manim.output.captions import Caption
from dayinlife_manim.output.loudness import integrated_loudness, true_peak
from dayinlife_manim.output.soundtrack import DUCK_RAMP, SAMPLE_RATE, build_audio_track, duck_envelope, load_audio
from dayinlife_manim.output.stitch import Segment, stitch
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.sink import FrameSink

FPS = 10
RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 255, 0)


# --- tiny media made with PyAV and wave -------------------------------------


def make_video(
    path: Path,
    frames: int,
    color: tuple[int, int, int],
    *,
    fps: int = FPS,
    size: tuple[int, int] = (64, 36),
    with_audio: bool = False,
) -> Path:
    """A solid-colour H.264 yuv420p clip, optionally with its own (silent) AAC track."""
    with av.open(str(path), "w") as container:
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        audio = container.add_stream("aac", rate=SAMPLE_RATE) if with_audio else None
        image = np.empty((size[1], size[0], 3), np.uint8)
        image[:] = color
        for _ in range(frames):
            container.mux(video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(video.encode(None))
        if audio is not None:
            silence = np.zeros((1, SAMPLE_RATE * frames // fps), np.float32)
            frame = av.AudioFrame.from_ndarray(silence, format="fltp", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            frame.pts = 0
            container.mux(audio.encode(frame))
            container.mux(audio.encode(None))
    return path


def tone(seconds: float, rate: int, freq: float = 440.0, amp: float = 0.3) -> np.ndarray:
    return amp * np.sin(2 * np.pi * freq * np.arange(round(seconds * rate)) / rate)


def make_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    pcm = (np.repeat(samples, channels) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def make_mp3(path: Path, samples: np.ndarray, rate: int) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout="stereo")
        planar = np.ascontiguousarray(np.stack([samples, samples]).astype(np.float32))
        frame = av.AudioFrame.from_ndarray(planar, format="fltp", layout="stereo")
        frame.sample_rate = rate
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(container.streams.video[0]) if p.size]


def decoded_audio(path: Path) -> np.ndarray:
    """The output's audio, decoded (mono mix), starting at time 0."""
    with av.open(str(path)) as container:
        return np.concatenate([f.to_ndarray().mean(axis=0) for f in container.decode(audio=0)])


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples))))


def top_level_boxes(path: Path) -> list[str]:
    data, boxes, pos = path.read_bytes(), [], 0
    while pos < len(data):
        size = int.from_bytes(data[pos : pos + 4], "big")
        boxes.append(data[pos + 4 : pos + 8].decode("ascii"))
        if size == 1:  # 64-bit size
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
        pos += size
    return boxes


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("media")
    make_video(root / "red.mp4", 7, RED, with_audio=True)
    make_video(root / "blue.mp4", 1, BLUE)  # too short for B-frames: no decoding delay
    make_video(root / "green.mp4", 5, GREEN)
    make_video(root / "long.mp4", 20, GREEN)
    make_video(root / "big.mp4", 5, GREEN, size=(128, 72))
    make_video(root / "fast.mp4", 5, GREEN, fps=15)
    make_wav(root / "a.wav", tone(0.5, 48_000), 48_000)  # padded to 0.7 s
    make_wav(root / "b.wav", tone(0.05, 48_000), 48_000, channels=2)  # padded to 0.1 s
    make_wav(root / "c.wav", tone(0.9, 22_050), 22_050)  # trimmed to 0.5 s
    make_wav(root / "silence.wav", np.zeros(100), 48_000)
    make_mp3(root / "music.mp3", tone(0.5, 44_100, freq=300.0, amp=0.5), 44_100)
    return root


def segments(media: Path) -> list[Segment]:
    return [
        Segment(media / "red.mp4", media / "a.wav", "Morning", (Cue(0.1, 0.4, "Good morning."),)),
        Segment(media / "blue.mp4", media / "b.wav", "Blink", ()),
        Segment(
            media / "green.mp4",
            media / "c.wav",
            "Evening",
            (
                Cue(0.0, 0.2, "Dinner & a walk."),
                Cue(0.2, 0.9, "Bed."),  # runs past the scene: clipped to 0.5 s
                Cue(0.6, 0.8, "Never shown."),  # after the scene: dropped
            ),
        ),
    ]


@pytest.fixture(scope="module")
def stitched(media: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "day.mp4"
    calls: list[tuple[int, int]] = []
    # loudness=None: the mix as mixed, so levels can be checked (mastering has its own tests)
    result = stitch(segments(media), out, title="A day", progress=lambda *a: calls.append(a), loudness=None)
    return result, calls


# --- the joined file ----------------------------------------------------------


def test_streams_and_container(stitched) -> None:
    result, _ = stitched
    with av.open(str(result.path)) as container:
        assert len(container.streams.video) == 1 and len(container.streams.audio) == 1
    info = probe(result.path)
    assert (info.video_codec, info.pix_fmt, info.width, info.height) == ("h264", "yuv420p", 64, 36)
    assert (info.audio_codec, info.sample_rate, info.channels) == ("aac", SAMPLE_RATE, 2)
    assert info.fps == FPS
    assert info.title == "A day"
    boxes = top_level_boxes(result.path)
    assert boxes.index("moov") < boxes.index("mdat")  # +faststart
    assert sorted(p.name for p in result.path.parent.iterdir()) == [
        "day.chapters.txt", "day.mp4", "day.srt", "day.vtt"
    ]  # no temporary file left behind


def test_video_is_stream_copied(stitched, media: Path) -> None:
    result, _ = stitched
    inputs = [packet for name in ("red", "blue", "green") for packet in video_packets(media / f"{name}.mp4")]
    output = video_packets(result.path)
    assert len(output) == len(inputs) == 13
    assert [len(p) for p in output] == [len(p) for p in inputs]
    assert output[:3] == inputs[:3]
    assert probe(result.path).video_frames == 13


def test_joined_video_decodes_in_order(stitched) -> None:
    result, _ = stitched
    with av.open(str(result.path)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    colours = [frame.reshape(-1, 3).mean(axis=0) for frame in frames]
    expected = [RED] * 7 + [BLUE] + [GREEN] * 5
    assert len(colours) == len(expected)
    for got, want in zip(colours, expected):
        assert np.abs(got - want).max() < 20


def test_durations_agree(stitched) -> None:
    result, _ = stitched
    info = probe(result.path)
    total = (7 + 1 + 5) / FPS
    assert result.video_duration == pytest.approx(total, abs=1e-9)
    assert result.audio_duration == pytest.approx(total, abs=1e-9)
    assert info.video_duration == pytest.approx(total, abs=1e-6)
    assert abs(info.audio_duration - info.video_duration) < 1 / FPS
    assert abs(info.audio_duration - total) < 1 / SAMPLE_RATE


def test_narration_is_fitted_to_each_scene(stitched) -> None:
    result, _ = stitched
    audio = decoded_audio(result.path)

    def level(start: float, end: float) -> float:
        return rms(audio[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)])

    assert level(0.1, 0.4) == pytest.approx(0.3 / np.sqrt(2), rel=0.1)  # a.wav
    assert level(0.55, 0.65) < 0.01  # a.wav padded with silence up to 0.7 s
    assert level(0.85, 1.25) == pytest.approx(0.3 / np.sqrt(2), rel=0.1)  # c.wav, resampled


def test_chapters(stitched) -> None:
    result, _ = stitched
    titles = ["Morning", "Blink", "Evening"]
    starts, ends = [0.0, 0.7, 0.8], [0.7, 0.8, 1.3]
    for chapters in (result.chapters, probe(result.path).chapters):
        assert [c.title for c in chapters] == titles
        assert [c.start for c in chapters] == pytest.approx(starts)
        assert [c.end for c in chapters] == pytest.approx(ends)


def test_captions_are_offset_and_kept_inside_their_scene(stitched) -> None:
    result, _ = stitched
    got = [(round(c.start, 6), round(c.end, 6), c.text) for c in result.captions]
    assert got == [
        (0.1, 0.4, "Good morning."),
        (0.8, 1.0, "Dinner & a walk."),
        (1.0, 1.3, "Bed."),
    ]
    assert all(a.end <= b.start for a, b in zip(result.captions, result.captions[1:]))
    assert all(0 <= c.start < c.end <= result.video_duration for c in result.captions)


def test_side_files(stitched) -> None:
    result, _ = stitched
    assert result.srt.read_text() == (
        "1\n00:00:00,100 --> 00:00:00,400\nGood morning.\n\n"
        "2\n00:00:00,800 --> 00:00:01,000\nDinner & a walk.\n\n"
        "3\n00:00:01,000 --> 00:00:01,300\nBed.\n"
    )
    assert result.vtt.read_text() == (
        "WEBVTT\n\n"
        "00:00:00.100 --> 00:00:00.400\nGood morning.\n\n"
        "00:00:00.800 --> 00:00:01.000\nDinner &amp; a walk.\n\n"
        "00:00:01.000 --> 00:00:01.300\nBed.\n"
    )
    assert result.chapters_txt.read_text() == "0:00 Morning\n0:00 Blink\n0:00 Evening\n"


# --- variable-frame-rate scenes (the frame sink's): real timestamps are kept ---------


def make_held_video(path: Path, holds: list[tuple[tuple[int, int, int], int]]) -> Path:
    """A scene as ``dayinlife build`` renders it: each (colour, frames) encoded once and held."""
    sink = FrameSink(path, 64, 36, FPS)
    for color, frames in holds:
        image = np.empty((36, 64, 4), np.uint8)
        image[:] = (*color, 255)
        sink.write(image, repeat=frames)
    sink.close()
    return path


def test_held_frames_keep_their_timestamps(media: Path, tmp_path: Path) -> None:
    one = make_held_video(tmp_path / "one.mp4", [(RED, 5), (BLUE, 1), (RED, 3)])
    two = make_held_video(tmp_path / "two.mp4", [(GREEN, 4), (BLUE, 2)])
    parts = [
        Segment(one, media / "a.wav", "One", (Cue(0.1, 0.4, "Hello."),)),
        Segment(two, media / "b.wav", "Two", (Cue(0.0, 0.3, "Bye."),)),
    ]
    result = stitch(parts, tmp_path / "held.mp4", title="Held")
    with av.open(str(result.path)) as container:
        stream = container.streams.video[0]
        shown = [
            (round(float(f.pts * stream.time_base) * FPS), int(np.argmax(f.to_ndarray(format="rgb24")[0, 0])))
            for f in container.decode(stream)
        ]
    assert shown == [(0, 0), (5, 2), (6, 0), (9, 1), (13, 2)]  # (frame shown at, colour channel)
    info = probe(result.path)
    assert (info.video_frames, info.video_pictures, info.fps) == (15, 5, FPS)
    assert result.video_duration == pytest.approx(1.5) and info.video_duration == pytest.approx(1.5)
    assert abs(info.audio_duration - info.video_duration) < 1 / FPS
    assert [c.start for c in info.chapters] == pytest.approx([0.0, 0.9])
    assert [t for c in result.captions for t in (c.start, c.end)] == pytest.approx([0.1, 0.4, 0.9, 1.2])


def test_progress(stitched) -> None:
    _, calls = stitched
    assert calls == [(1, 3), (2, 3), (3, 3)]


# --- music and ducking ------------------------------------------------------


def test_duck_envelope_ramps_just_outside_the_cue() -> None:
    rate = 1000
    envelope = duck_envelope(2000, [Caption(0.8, 1.2, "x")], rate)
    ramp = round(DUCK_RAMP * rate)
    assert envelope[: 800 - ramp].max() == 0.0
    assert envelope[800:1200].min() == pytest.approx(1.0)
    assert envelope[1200 + ramp :].max() == 0.0
    rising = envelope[800 - ramp : 800]
    assert np.all(np.diff(rising) > 0)
    assert envelope[800 - ramp // 2] == pytest.approx(0.5, abs=0.02)


def test_build_audio_track_fits_loops_and_ducks() -> None:
    rate = 8000
    narration = [np.full(500, 0.1), np.full((2, 30_000), 0.2)]  # mono padded, stereo trimmed
    lengths = [4000, 20_000]
    music = np.stack([tone(0.5, rate, 200, 0.5)] * 2)  # 4000 samples, looped to 24000
    cues = [Caption(0.5, 0.9, "Talking.")]  # samples 4000-7200, ramps 1200 samples either side
    track = build_audio_track(narration, lengths, cues, music, music_gain_db=-6, duck_db=-12, rate=rate)
    speech = build_audio_track(narration, lengths, rate=rate)
    assert track.shape == speech.shape == (2, 24_000) and track.dtype == np.float32
    assert np.all(speech[:, :500] == np.float32(0.1))
    assert np.all(speech[:, 500:4000] == 0)
    assert np.all(speech[:, 4000:] == np.float32(0.2))

    bed = track - speech
    assert np.allclose(bed[:, 12_000:14_800], bed[:, :2800], atol=1e-6)  # looped
    loud, ducked = rms(bed[0, 8400:16_000]), rms(bed[0, 4000:7200])
    assert loud == pytest.approx(0.5 / np.sqrt(2) * 10 ** (-6 / 20), rel=0.02)
    assert 20 * np.log10(ducked / loud) == pytest.approx(-12, abs=0.2)
    assert rms(bed[:, -80:]) < 0.01 * loud  # faded out at the very end


def test_music_is_ducked_under_speech_in_the_output(media: Path, tmp_path: Path) -> None:
    silent = media / "silence.wav"
    parts = [
        Segment(media / "green.mp4", silent, "One", ()),
        Segment(media / "long.mp4", silent, "Two", (Cue(0.1, 0.4, "Talking."),)),  # 0.6-0.9 s
    ]
    result = stitch(parts, tmp_path / "music.mp4", title="M", music=media / "music.mp3", duck_db=-12.0, loudness=None)
    audio = decoded_audio(result.path)

    def level(start: float, end: float) -> float:
        return rms(audio[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)])

    before, during, after = level(0.05, 0.4), level(0.62, 0.88), level(1.1, 1.4)
    assert before == pytest.approx(0.5 / np.sqrt(2) * 10 ** (-18 / 20), rel=0.15)  # music_gain_db
    assert after == pytest.approx(before, rel=0.05)
    assert 20 * np.log10(during / before) == pytest.approx(-12, abs=1.0)
    assert level(2.45, 2.5) < 0.1 * before  # faded out at the end
    assert abs(probe(result.path).audio_duration - 2.5) < 1 / SAMPLE_RATE


def test_load_audio_resamples_without_losing_level(media: Path) -> None:
    samples = load_audio(media / "c.wav")
    assert samples.shape[0] == 2 and abs(samples.shape[1] - round(0.9 * SAMPLE_RATE)) <= 1
    assert np.array_equal(samples[0], samples[1])
    assert rms(samples[0, 1000:-1000]) == pytest.approx(0.3 / np.sqrt(2), rel=0.02)


# --- refusals and failures ----------------------------------------------------


@pytest.mark.parametrize(("odd", "problem"), [("big.mp4", "size 128x72"), ("fast.mp4", "frame rate 15")])
def test_mismatched_scenes_are_refused(media: Path, tmp_path: Path, odd: str, problem: str) -> None:
    out = tmp_path / "x.mp4"
    out.write_bytes(b"previous")
    parts = [
        Segment(media / "green.mp4", media / "a.wav", "A", ()),
        Segment(media / odd, media / "a.wav", "B", ()),
    ]
    with pytest.raises(UserError, match=problem) as error:
        stitch(parts, out, title="x")
    assert odd in str(error.value)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["x.mp4"]


def test_missing_input_is_a_user_error(media: Path, tmp_path: Path) -> None:
    parts = [Segment(media / "green.mp4", media / "nope.wav", "A", ())]
    with pytest.raises(UserError, match="nope.wav"):
        stitch(parts, tmp_path / "x.mp4", title="x")
    assert list(tmp_path.iterdir()) == []


def test_failure_while_writing_leaves_no_output(media: Path, tmp_path: Path) -> None:
    def fail(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stitch(segments(media), tmp_path / "x.mp4", title="x", progress=fail)
    assert list(tmp_path.iterdir()) == []


def test_probe_plain_scene(media: Path) -> None:
    info = probe(media / "red.mp4")
    assert info.video_duration == pytest.approx(0.7)
    assert info.video_frames == 7 and info.fps == Fraction(FPS)
    assert info.audio_codec == "aac" and info.audio_duration == pytest.approx(0.7)
    assert info.chapters == () and info.title == ""


@pytest.mark.parametrize("target", [-16.0, -14.0])
def test_soundtrack_is_mastered_to_the_target_loudness(media: Path, tmp_path: Path, target: float) -> None:
    rng = np.random.default_rng(3)
    n = 3 * SAMPLE_RATE
    noise = lfilter(*butter(4, 4000 / (SAMPLE_RATE / 2)), rng.standard_normal(n))  # voice-band, as AAC keeps it
    speech = 0.5 * noise * np.clip(np.sin(2 * np.pi * 2.7 * np.arange(n) / SAMPLE_RATE), 0, None)
    speech[:: SAMPLE_RATE // 2] = 0.99  # peaks a limiter must catch
    voice = make_wav(tmp_path / "voice.wav", np.clip(speech, -1, 1), SAMPLE_RATE)
    video = make_video(tmp_path / "scene.mp4", 3 * FPS, GREEN)
    result = stitch([Segment(video, voice, "One", ())], tmp_path / "loud.mp4", title="L", loudness=target)
    # measured on the AAC soundtrack as written
    assert result.loudness.integrated == pytest.approx(target, abs=0.5)
    assert result.loudness.true_peak <= -1.0
    assert integrated_loudness(load_audio(result.path), SAMPLE_RATE) == pytest.approx(result.loudness.integrated, abs=1e-6)


def test_narration_only_soundtrack_is_mono_and_measured_as_heard(media: Path, tmp_path: Path) -> None:
    parts = [Segment(media / "red.mp4", media / "a.wav", "One", ()), Segment(media / "green.mp4", media / "c.wav", "Two", ())]
    result = stitch(parts, tmp_path / "mono.mp4", title="M")
    info = probe(result.path)
    assert (info.audio_codec, info.channels) == ("aac", 1)
    assert abs(info.audio_duration - info.video_duration) < 1 / SAMPLE_RATE
    # a player sends the mono track to both loudspeakers: its loudness is that of the stereo it becomes
    written = load_audio(result.path)
    assert integrated_loudness(written, SAMPLE_RATE) == pytest.approx(result.loudness.integrated, abs=1e-6)
    assert true_peak(written) == pytest.approx(result.loudness.true_peak, abs=1e-6)  # measured while written
    assert result.loudness.integrated == pytest.approx(-16.0, abs=0.5)


def test_read_audio_reads_pcm_wav_directly_as_pyav_decodes_it(media: Path) -> None:
    import dayinlife_manim.voices.audio as audio_module

    for name in ("a.wav", "b.wav"):
        direct = audio_module._read_wav(media / name, SAMPLE_RATE)
        with av.open(str(media / name)) as container:
            decoded = np.concatenate([f.to_ndarray().reshape(-1, f.layout.nb_channels).T for f in container.decode(audio=0)], axis=1)
        assert direct is not None and direct.dtype == np.float32
        assert np.array_equal(direct, decoded.astype(np.float32) / np.float32(32768))
    assert audio_module._read_wav(media / "c.wav", SAMPLE_RATE) is None  # another rate: resampled by PyAV
    assert audio_module._read_wav(media / "music.mp3", SAMPLE_RATE) is None


def test_a_soundtrack_over_the_ceiling_as_written_is_limited_again(media: Path, tmp_path: Path, monkeypatch) -> None:
    import dayinlife_manim.output.soundtrack as soundtrack_module

    # The mix limited 0.8 dB over the ceiling (no headroom for AAC, less than none):
    # the check on the file as written must catch it and write it again, lower.
    monkeypatch.setattr(soundtrack_module, "AAC_OVERSHOOT_DB", -1.0)
    writes = []
    write = soundtrack_module._write_aac
    monkeypatch.setattr(soundtrack_module, "_write_aac", lambda *a: writes.append(1) or write(*a))
    rng = np.random.default_rng(5)
    n = 2 * SAMPLE_RATE
    speech = 0.3 * lfilter(*butter(4, 4000 / (SAMPLE_RATE / 2)), rng.standard_normal(n))  # voice-band
    voice = make_wav(tmp_path / "voice.wav", np.clip(speech, -1, 1), SAMPLE_RATE)
    video = make_video(tmp_path / "scene.mp4", 2 * FPS, GREEN)
    result = stitch([Segment(video, voice, "One", ())], tmp_path / "hot.mp4", title="H", loudness=-7.0)
    assert len(writes) >= 2
    assert result.loudness.true_peak <= -1.0
    assert result.loudness.integrated == pytest.approx(-7.0, abs=0.5)


def test_a_soundtrack_made_for_the_same_is_reused(media: Path, tmp_path: Path, monkeypatch) -> None:
    """The soundtrack kept at ``soundtrack=`` is copied as it is when the narration, mix and
    scene lengths are the same (a build makes it while its scenes render), and made again
    when one of them changed; the video plays the same sound either way."""
    import dayinlife_manim.output.soundtrack as soundtrack_module

    encodes = []
    write = soundtrack_module._write_aac
    monkeypatch.setattr(soundtrack_module, "_write_aac", lambda *a: encodes.append(1) or write(*a))
    kept = tmp_path / "kept"
    first = stitch(segments(media), tmp_path / "one.mp4", title="A", soundtracks=kept)
    assert len(encodes) == 1 and len(list(kept.glob("soundtrack-*.m4a"))) == 1
    second = stitch(segments(media), tmp_path / "two.mp4", title="A", soundtracks=kept)
    assert len(encodes) == 1  # reused
    assert second.loudness == first.loudness
    assert np.array_equal(decoded_audio(first.path), decoded_audio(second.path))
    plain = stitch(segments(media), tmp_path / "plain.mp4", title="A")  # made for this stitch alone
    assert np.array_equal(decoded_audio(plain.path), decoded_audio(first.path))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # its scratch folder is gone
    assert (kept / ".." / "plain.mp4").resolve().exists()

    before = len(encodes)
    changed = segments(media)
    changed[2] = Segment(media / "long.mp4", changed[2].audio, changed[2].chapter, changed[2].cues)  # a longer scene
    third = stitch(changed, tmp_path / "three.mp4", title="A", soundtracks=kept)
    assert len(encodes) == before + 1  # the lengths changed: made again
    info = probe(third.path)
    assert abs(info.audio_duration - info.video_duration) < 1 / FPS
