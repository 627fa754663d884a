"""Choose the scene files' x264 settings by measurement.  Prints figures; asserts nothing.

    .venv/bin/python bench/encoder_bench.py [--scene AIEverywhere] [--quality high] [--only "veryfast"]

Renders one seed scene once, keeping its distinct frames and how long each is
held, then encodes that same frame stream with several settings and prints,
for each: encode CPU seconds, bytes per minute of video, and the quality of
sampled frames as PSNR (YUV 4:2:0, all planes) against the lossless encode and
against today's settings (manim's own: every frame, preset medium, B-frames,
x264's automatic threads).  The PSNR check against today's output must be
>= 40 dB.  Each candidate is encoded in a fresh process, whose memory growth
(x264 and the frames being converted) is printed too.  Finally it encodes the
chosen settings in two processes at once with 1 thread and with x264's
automatic threads: ``dayinlife build`` runs one worker per core, so x264 must
not oversubscribe the cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.render import sink as sink_module  # noqa: E402
from dayinlife_manim.render.sink import EncoderSettings, FrameSink  # noqa: E402

SCENES = ROOT / "scenes" / "day_in_life.py"
SAMPLES = 40  # frames compared per file
PSNR_FLOOR = 40.0

#: (label, settings): today's, then candidates.
CANDIDATES = [
    ("today: every frame, medium, B-frames, auto threads", EncoderSettings(preset="medium", threads=0, cfr=True)),
    ("lossless reference (crf 0)", EncoderSettings(crf=0, preset="ultrafast", threads=0)),
    ("holds once, medium", EncoderSettings(preset="medium")),
    ("holds once, fast", EncoderSettings(preset="fast")),
    ("holds once, faster", EncoderSettings(preset="faster")),
    ("holds once, veryfast (chosen)", EncoderSettings(preset="veryfast")),
    ("holds once, veryfast, lookahead 10 (its own)", EncoderSettings(preset="veryfast", lookahead=10)),
    ("holds once, veryfast, lookahead 5", EncoderSettings(preset="veryfast", lookahead=5)),
    ("holds once, veryfast, lookahead 3", EncoderSettings(preset="veryfast", lookahead=3)),
    ("holds once, veryfast, lookahead 1", EncoderSettings(preset="veryfast", lookahead=1)),
    ("holds once, veryfast, lookahead 5, crf 22", EncoderSettings(preset="veryfast", lookahead=5, crf=22)),
    ("holds once, veryfast, lookahead 5, crf 21", EncoderSettings(preset="veryfast", lookahead=5, crf=21)),
    ("holds once, veryfast, crf 24", EncoderSettings(preset="veryfast", crf=24)),
    ("holds once, veryfast, tune animation", EncoderSettings(preset="veryfast", tune="animation")),
    ("holds once, veryfast, tune stillimage", EncoderSettings(preset="veryfast", tune="stillimage")),
    ("holds once, superfast", EncoderSettings(preset="superfast")),
    ("holds once, ultrafast", EncoderSettings(preset="ultrafast")),
    ("every frame (--cfr), veryfast", EncoderSettings(preset="veryfast", cfr=True)),
]
CHOSEN = EncoderSettings()


class Recording:
    """The distinct frames of a render (RGBA, on disk) and how long each is held."""

    def __init__(self, folder: Path, width: int, height: int, fps: int) -> None:
        self.folder, self.width, self.height, self.fps = folder, width, height, fps
        self.raw = open(folder / "frames.rgba", "wb")
        self.holds: list[int] = []

    def frames(self):
        data = np.memmap(self.folder / "frames.rgba", dtype=np.uint8, mode="r")
        size = self.width * self.height * 4
        for k, hold in enumerate(self.holds):
            yield np.array(data[k * size : (k + 1) * size]).reshape(self.height, self.width, 4), hold


def record(scene: str, quality: str, folder: Path) -> Recording:
    """Render ``scene`` through the frame sink, keeping its frame stream instead of encoding it."""
    from dayinlife_manim.manifest import load_manifest
    from dayinlife_manim.render.render import load_scene_module, render_scene, scene_class
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.voices.voiceover import ensure_voiceover

    settings = RenderSettings.from_options(quality)
    rec = Recording(folder, settings.width, settings.height, settings.fps)

    class RecordingSink(FrameSink):
        def _encode(self, pixels, start, hold):
            rec.raw.write(pixels.tobytes())
            rec.holds.append(hold)
            super()._encode(pixels, start, hold)

    cls = scene_class(load_scene_module(SCENES), scene)
    script = ROOT / "examples" / "a_day_in_life.txt"
    manifest = ensure_voiceover(script, media_dir=ROOT / "media", voice="piper")
    path = manifest.root / "manifest.json"
    para = load_manifest(path).paragraph(cls.paragraph)
    real = sink_module.FrameSink
    sink_module.FrameSink = RecordingSink
    try:
        render_scene(cls, manifest=path, paragraph=para.id, out=folder / "recorded.mp4", settings=settings, workdir=folder / "work")
    finally:
        sink_module.FrameSink = real
        rec.raw.close()
    return rec


def encode(rec: Recording, settings: EncoderSettings, out: Path) -> float:
    """Encode the recording in this thread; return the CPU seconds it took (x264's threads included)."""
    sink = FrameSink(out, rec.width, rec.height, rec.fps, settings, threaded=False)
    cpu = 0.0
    for pixels, hold in rec.frames():
        t0 = time.process_time()
        sink.write(pixels, hold)
        cpu += time.process_time() - t0
    t0 = time.process_time()
    sink.close()
    return cpu + time.process_time() - t0


def yuv_at(path: Path, indices: list[int], fps: int) -> dict[int, np.ndarray]:
    """The YUV 4:2:0 planes (flattened) of the frames shown at frame numbers ``indices``."""
    wanted, out = sorted(indices), {}
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = container.decode(stream)
        current, nxt = None, next(frames, None)
        for i in wanted:
            while nxt is not None and round(nxt.pts * stream.time_base * fps) <= i:
                current, nxt = nxt, next(frames, None)
            out[i] = np.concatenate([np.frombuffer(p, np.uint8) for p in _planes(current)])
    return out


def _planes(frame: av.VideoFrame):
    f = frame.reformat(format="yuv420p")
    for plane, (w, h) in zip(f.planes, ((f.width, f.height), (f.width // 2, f.height // 2), (f.width // 2, f.height // 2))):
        data = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:h, :w]
        yield data.tobytes()


def psnr(a: dict[int, np.ndarray], b: dict[int, np.ndarray]) -> float:
    """Mean PSNR over the sampled frames (inf where identical, capped at 99)."""
    values = []
    for i in a:
        mse = np.mean((a[i].astype(np.float64) - b[i]) ** 2)
        values.append(99.0 if mse == 0 else min(99.0, 10 * np.log10(255**2 / mse)))
    return float(np.mean(values)), float(np.min(values))


def _rss_anon_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    return 0


def _encode_job(args):
    """Encode in this (forked) process: wall and CPU seconds, and how far the
    private memory (RssAnon, sampled every 10 ms) rose above where it started, in MiB."""
    import threading

    folder, width, height, fps, holds, settings, out = args
    rec = Recording.__new__(Recording)
    rec.folder, rec.width, rec.height, rec.fps, rec.holds = folder, width, height, fps, holds
    start, peak, stop = _rss_anon_kib(), [0], threading.Event()

    def sample() -> None:
        while not stop.wait(0.01):
            peak[0] = max(peak[0], _rss_anon_kib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    cpu = encode(rec, settings, out)
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    return wall, cpu, (peak[0] - start) / 1024


def encode_apart(rec: Recording, settings: EncoderSettings, out: Path) -> tuple[float, float]:
    """Encode in a fresh forked process: its CPU seconds and memory growth (MiB)."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        _, cpu, mib = pool.apply(_encode_job, ((rec.folder, rec.width, rec.height, rec.fps, rec.holds, settings, out),))
    return cpu, mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scene", default="AIEverywhere")
    parser.add_argument("--quality", default="high")
    parser.add_argument("--keep", type=Path, help="keep the encoded files in this folder")
    parser.add_argument("--only", help="only the candidates whose label holds this text (and the two references)")
    args = parser.parse_args()
    os.environ.setdefault("DAYINLIFE_CACHE", str((ROOT / "media" / "cache").resolve()))
    with tempfile.TemporaryDirectory(prefix="dayinlife-encbench-") as tmp:
        folder = Path(tmp)
        out_dir = args.keep or folder
        out_dir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        rec = record(args.scene, args.quality, folder)
        frames = sum(rec.holds)
        seconds = frames / rec.fps
        print(
            f"{args.scene} at {rec.width}x{rec.height}@{rec.fps}: {frames} frames ({seconds:.1f} s), "
            f"{len(rec.holds)} distinct; recorded in {time.perf_counter() - t0:.1f} s; "
            f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )
        samples = sorted({round(k * (frames - 1) / (SAMPLES - 1)) for k in range(SAMPLES)})
        results = []
        for label, settings in CANDIDATES[:2] + [c for c in CANDIDATES[2:] if args.only is None or args.only in c[0]]:
            out = out_dir / f"{args.scene}-{settings.tag.replace(',', '_').replace('=', '')}.mp4"
            cpu, mib = encode_apart(rec, settings, out)
            results.append((label, settings, out, cpu, out.stat().st_size, yuv_at(out, samples, rec.fps), mib))
        today, reference = results[0][5], results[1][5]
        print(f"\n{'settings':52} {'CPU s':>6} {'x today':>8} {'MB/min':>7} {'x today':>8} {'PSNR vs lossless':>17} "
              f"{'PSNR vs today (min)':>20} {'memory MiB':>10}")
        for label, settings, out, cpu, size, yuv, mib in results:
            mean_ref, _ = psnr(yuv, reference)
            mean_today, min_today = psnr(yuv, today)
            per_min = size / seconds * 60 / 1e6
            flag = "" if min_today >= PSNR_FLOOR else "  < 40 dB"
            print(
                f"{label:52} {cpu:6.1f} {cpu / results[0][3]:8.2f} {per_min:7.2f} {size / results[0][4]:8.2f} "
                f"{mean_ref:13.1f} dB {mean_today:9.1f} ({min_today:.1f}) dB {mib:10.0f}{flag}"
            )

        print("\ntwo encodes at once (as two build workers on two cores): wall seconds, CPU seconds of each")
        for threads in (1, 0):
            settings = EncoderSettings(**{**CHOSEN.__dict__, "threads": threads})
            jobs = [(folder, rec.width, rec.height, rec.fps, rec.holds, settings, folder / f"par{i}.mp4") for i in range(2)]
            t0 = time.perf_counter()
            with multiprocessing.get_context("fork").Pool(2) as pool:
                each = pool.map(_encode_job, jobs)
            label = "1 thread" if threads == 1 else "auto threads"
            print(
                f"  x264 {label:13}: {time.perf_counter() - t0:5.1f} s for both; "
                f"CPU {' + '.join(f'{cpu:.1f}' for _, cpu, _ in each)} s"
            )


if __name__ == "__main__":
    main()
