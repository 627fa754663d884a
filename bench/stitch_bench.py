"""The stitch stage of the seed video, step by step: time, CPU and peak memory; today's code against a baseline.

    .venv/bin/python bench/stitch_bench.py MEDIA:QUALITY [MEDIA:QUALITY ...] [--baseline REV] [--runs N] [--codecs]

Each ``MEDIA`` is a media folder in which the seed was built at ``QUALITY``
(so its manifest, narration WAVs and scene MP4s are there), e.g.::

    dayinlife build examples/a_day_in_life.txt --scenes scenes/day_in_life.py \\
        --quality low --voice piper --media /tmp/seed-480 -o /tmp/seed-480/seed.mp4
    .venv/bin/python bench/stitch_bench.py /tmp/seed-480:low /tmp/seed-1080:high --baseline d7b8c99

Every stitch runs in a fresh process that imports only the stitch stage (the
scene module is planned here, in the parent), with the package of this
checkout or of ``--baseline REV`` (extracted with ``git archive``), in
turns, ``--runs`` times each; the best run of each is printed.  Steps are
timed by wrapping the stage's functions (wall and CPU seconds); peak memory
is the process's VmHWM during the stitch (reset through /proc/self/clear_refs
once the imports are done) and its RSS before it.

``--codecs`` also compares AAC settings ("fast/18000": the fast coder, low-pass at 18 kHz) on the seed's mastered narration
(CPU, bytes, SNR and a band-wise noise-to-mask proxy of the decoded audio
against the source, and how far encoding raised the true peak).

On a shared machine wall times move with the load; CPU seconds less so.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes" / "day_in_life.py"
RATE = 48_000

#: Runs in the child: time the stitch of the pickled segments, step by step.
CHILD = r"""
import json, pickle, sys, time
from pathlib import Path

try:
    import dayinlife_manim.output.stitch as stitch
    import dayinlife_manim.output.soundtrack as soundtrack
    import dayinlife_manim.voices.audio as audio
    from dayinlife_manim.render.media import probe
    modules = [stitch, soundtrack, audio]
except ImportError:  # a baseline tree from before the stages were packages
    import dayinlife_manim.stitch as stitch
    probe, modules = stitch.probe, [stitch]
import dayinlife_manim.output.loudness  # noqa: F401 (imports paid before the measurement)
import numpy, scipy.signal, scipy.ndimage, av  # noqa: F401

args = json.loads(sys.argv[1])
segments = pickle.loads(Path(args["segments"]).read_bytes())
steps, phase = {}, {"written": False}


def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024


def timed(name, fn, after_write=None):
    def wrapper(*a, **k):
        label = name if after_write is None else (after_write if phase["written"] else name)
        t, c = time.perf_counter(), time.thread_time()  # (a step may run on a worker thread)
        try:
            return fn(*a, **k)
        finally:
            wall, cpu = steps.get(label, (0.0, 0.0))
            steps[label] = (wall + time.perf_counter() - t, cpu + time.thread_time() - c)
            if fn is write_mp4:
                phase["written"] = True
    return wrapper


write_mp4 = stitch._write_mp4
found = {}
for attr, label, after in (
    ("_inspect_scene", "inspect scenes (video)", None),
    ("read_audio" if hasattr(stitch, "read_audio") else "load_audio", "decode narration", "decode written AAC"),
    ("build_audio_track", "mix", None),
    ("master", "master (loudness, limiter)", None),
    ("_copy_video", "  copy video packets", None),
    ("_encode_audio", "  encode AAC", None),
    ("_write_mp4", "write MP4", None),
    ("make_soundtrack", "make the soundtrack", None),
    ("_write_aac", "  encode + measure AAC", None),
    ("integrated_loudness", "measure written: loudness", None),
    ("measure_true_peak", "measure written: true peak", None),
):
    for module in modules:  # patched in every module that calls it by this name
        if hasattr(module, attr):
            original = found.setdefault(attr, getattr(module, attr))
            setattr(module, attr, timed(label, original, after))
classes = {name: getattr(m, name) for m in reversed(modules) for name in ("_Written", "Meter", "Mastering") if hasattr(m, name)}
if "_Written" in classes:  # (since the written soundtrack is measured while it is written)
    classes["_Written"]._decoded = timed("  decode written AAC (same pass)", classes["_Written"]._decoded)
    classes["Meter"].add = timed("  measure written (same pass)", classes["Meter"].add)
    classes["Meter"].result = timed("  measure written (same pass)", classes["Meter"].result)
if "Mastering" in classes:  # (since the stitch checks the true peak on the file as written)
    classes["Mastering"].__init__ = timed("master: analyse the mix", classes["Mastering"].__init__)
    classes["Mastering"].apply = timed("master: gain and limiter", classes["Mastering"].apply)

rss = status("VmRSS")
Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
t, c = time.perf_counter(), time.process_time()
result = stitch.stitch(segments, Path(args["out"]), title="bench")
wall, cpu = time.perf_counter() - t, time.process_time() - c
info = probe(Path(args["out"]))
print(json.dumps({
    "wall": wall, "cpu": cpu, "steps": steps, "rss": rss, "hwm": status("VmHWM"),
    "loudness": [result.loudness.integrated, result.loudness.true_peak],
    "video": info.video_duration, "audio": info.audio_duration, "channels": info.channels,
    "chapters": len(info.chapters), "captions": len(result.captions), "bytes": Path(args["out"]).stat().st_size,
}))
"""


def segments_of(media: Path, quality: str) -> list:
    """The seed's segments as ``dayinlife build`` stitches them (the scene module is imported here)."""
    sys.path.insert(0, str(ROOT))
    from dayinlife_manim.build import plan_scenes, stitch_video  # noqa: F401
    from dayinlife_manim.casting import chapter_for
    from dayinlife_manim.manifest import load_manifest
    from dayinlife_manim.output.stitch import Segment
    from dayinlife_manim.render.settings import RenderSettings

    manifests = sorted(media.glob("*/manifest.json"))
    if not manifests:
        raise SystemExit(f"{media}: no manifest; build the seed there first (see --help)")
    manifest = load_manifest(manifests[0])
    jobs, _ = plan_scenes(manifest, SCENES, RenderSettings.from_options(quality))
    missing = [str(j.video) for j in jobs if not j.video.exists()]
    if missing:
        raise SystemExit(f"{media}: scenes not rendered at {quality}: {missing[:2]}...")
    return [Segment(j.video, manifest.audio_path(j.para), chapter_for(j.para, j.cls, manifest.title), j.para.cues) for j in jobs]


def baseline_tree(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "dayinlife_manim"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def run_child(package_root: Path, segments_file: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps({"segments": str(segments_file), "out": str(out)})],
        capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(),
    )
    if done.returncode:
        raise SystemExit(f"stitch failed with {package_root}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(label: str, runs: dict[str, dict]) -> None:
    names = list(runs)
    print(f"\n== {label} ==")
    print(f"{'step':34s}" + "".join(f"{n + ' wall':>14s}{n + ' CPU':>13s}" for n in names))
    order: list[str] = []
    for r in runs.values():
        order += [s for s in r["steps"] if s not in order]
    for step in order:
        row = "".join(f"{r['steps'].get(step, (0, 0))[0]:13.2f}s{r['steps'].get(step, (0, 0))[1]:12.2f}s" for r in runs.values())
        print(f"{step:34s}{row}")
    print(f"{'stitch in all':34s}" + "".join(f"{r['wall']:13.2f}s{r['cpu']:12.2f}s" for r in runs.values()))
    print(f"{'peak memory (VmHWM - RSS before)':34s}" + "".join(f"{r['hwm'] - r['rss']:12.0f}MiB{'':13s}" for r in runs.values()))
    print(f"{'VmHWM during stitch / RSS before':34s}" + "".join(f"{r['hwm']:8.0f}/{r['rss']:.0f}MiB{'':13s}" for r in runs.values()))
    for n, r in runs.items():
        print(f"  {n}: loudness {r['loudness'][0]:.2f} LUFS, true peak {r['loudness'][1]:.2f} dBTP; "
              f"video {r['video']:.3f} s, audio {r['audio']:.3f} s ({r['channels']} ch), "
              f"{r['chapters']} chapters, {r['captions']} captions, {r['bytes'] / 1e6:.2f} MB")


# --- AAC settings on the mastered narration ---------------------------------------


def codecs(media: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import av
    import numpy as np

    from dayinlife_manim.output.loudness import master, true_peak
    from dayinlife_manim.output.soundtrack import AAC_OVERSHOOT_DB
    from dayinlife_manim.voices.audio import read_audio

    wavs = sorted(media.glob("*/voice/*.wav"))
    source, _ = master(np.concatenate([read_audio(w) for w in wavs], axis=1), RATE, -16.0, -1.0 - AAC_OVERSHOOT_DB)
    mono = source[0]

    def encode(layout: str, bit_rate: int, coder: str) -> tuple[float, int, np.ndarray]:
        buf = io.BytesIO()
        coder, _, cutoff = coder.partition("/")
        options = {"aac_coder": coder, **({"cutoff": cutoff} if cutoff else {})}
        with av.open(buf, "w", format="mp4") as out:
            stream = out.add_stream("aac", rate=RATE, layout=layout, options=options)
            stream.bit_rate = bit_rate
            data = np.ascontiguousarray(np.stack([mono, mono]) if layout == "stereo" else mono[None])
            cpu = time.process_time()
            for i in range(0, mono.size, RATE):
                frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data[:, i : i + RATE]), format="fltp", layout=layout)
                frame.sample_rate, frame.pts = RATE, i
                out.mux(stream.encode(frame))
            out.mux(stream.encode(None))
            cpu = time.process_time() - cpu
        buf.seek(0)
        with av.open(buf) as c:
            decoded = np.concatenate([f.to_ndarray() for f in c.decode(audio=0)], axis=1)[0]
        return cpu, len(buf.getvalue()), decoded[: mono.size]

    edges = np.geomspace(100, 20_000, 25)  # about third-octave bands

    def noise_to_mask(ref: np.ndarray, dec: np.ndarray) -> tuple[float, float]:
        """A crude NMR: coding noise per band and 2048-sample frame against a
        mask 13 dB under the signal in the band (spread a little to its neighbours).
        Returns the mean NMR in dB over active frames and the share of band-frames above the mask."""
        n, hop = 2048, 1024
        window = np.hanning(n)
        frames = (ref.size - n) // hop
        idx = np.arange(frames)[:, None] * hop + np.arange(n)
        spec_r, spec_d = np.fft.rfft(window * ref[idx]), np.fft.rfft(window * dec[idx])
        freqs = np.fft.rfftfreq(n, 1 / RATE)
        sig, err = np.abs(spec_r) ** 2, np.abs(spec_d - spec_r) ** 2
        bands = [(freqs >= lo) & (freqs < hi) for lo, hi in zip(edges[:-1], edges[1:])]
        s = np.stack([sig[:, b].sum(1) for b in bands], axis=1)
        e = np.stack([err[:, b].sum(1) for b in bands], axis=1)
        spread = s.copy()
        spread[:, 1:] += 0.1 * s[:, :-1]
        spread[:, :-1] += 0.03 * s[:, 1:]
        active = s.sum(1) > 1e-6 * s.sum(1).max()
        ratio = (e[active] + 1e-20) / (spread[active] * 10 ** (-13 / 10) + 1e-20)
        return float(np.mean(10 * np.log10(ratio.mean(axis=1)))), float((ratio > 1).mean())

    peak = true_peak(mono)
    print(f"\n== AAC settings on the seed's mastered narration ({mono.size / RATE:.1f} s, true peak {peak:.2f} dBTP) ==")
    print(f"{'layout':7s}{'kb/s':>6s} {'coder':11s}{'CPU':>8s}{'MB':>7s}{'SNR':>9s}{'NMR':>9s}{'>mask':>8s}{'TP rise':>9s}")
    for layout, bit_rate, coder in (
        ("stereo", 160_000, "twoloop"), ("stereo", 160_000, "fast"),
        ("mono", 96_000, "twoloop"), ("mono", 96_000, "fast"),
        ("mono", 128_000, "twoloop"), ("mono", 128_000, "fast"),
        ("mono", 160_000, "twoloop"), ("mono", 160_000, "fast"), ("mono", 160_000, "fast/18000"),
        ("stereo", 160_000, "fast/18000"),
    ):
        cpu, size, dec = encode(layout, bit_rate, coder)
        snr = 10 * np.log10(np.sum(mono**2) / np.sum((mono[: dec.size] - dec) ** 2))
        nmr, above = noise_to_mask(mono[: dec.size], dec)
        print(f"{layout:7s}{bit_rate // 1000:6d} {coder:11s}{cpu:7.2f}s{size / 1e6:7.2f}{snr:7.1f}dB{nmr:7.1f}dB"
              f"{above * 100:7.1f}%{true_peak(dec) - peak:+8.2f}dB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("builds", nargs="+", metavar="MEDIA:QUALITY")
    parser.add_argument("--baseline", metavar="REV", help="also stitch with the package at this git revision")
    parser.add_argument("--runs", type=int, default=2, help="stitches per package (0: --codecs only)")
    parser.add_argument("--codecs", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="stitch-bench-") as scratch:
        scratch = Path(scratch)
        packages = {"now": ROOT}
        if args.baseline:
            packages = {args.baseline[:7]: baseline_tree(args.baseline, scratch), **packages}
        for spec in args.builds:
            media, _, quality = spec.rpartition(":")
            segments_file = scratch / "segments.pickle"
            segments_file.write_bytes(pickle.dumps(segments_of(Path(media), quality)))
            best: dict[str, dict] = {}
            for _ in range(args.runs):
                for name, root in packages.items():
                    run = run_child(root, segments_file, scratch / f"{name}.mp4")
                    if name not in best or run["wall"] < best[name]["wall"]:
                        best[name] = run
            if best:
                show(f"{media} at {quality}", best)
            if best and len(packages) > 1:
                names = list(packages)
                same = [
                    suffix for suffix in (".srt", ".vtt", ".chapters.txt")
                    if len({(scratch / f"{name}{suffix}").read_bytes() for name in names}) == 1
                ]
                print(f"  side files identical between {' and '.join(names)}: {', '.join(same) or 'none'}")
        if args.codecs:
            codecs(Path(args.builds[0].rpartition(":")[0]))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
