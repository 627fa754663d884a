"""What checking the caches before reuse costs.  Prints figures; asserts nothing.

    .venv/bin/python bench/verify_bench.py [--quality tiny|low|medium|high] [--script PATH]

Builds the script once (piper voice, in a scratch media folder and cache), then
measures, each in a fresh process (no digest remembered):

* the checks alone: every sentence of the voice cache (WAV size and SHA-256
  against its JSON) and every scene (video and stills against its key file);
* a fully cached build through the API (everything reused, nothing stitched);
* a no-op ``dayinlife build`` (nothing changed: the build stamp stops it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "examples" / "a_day_in_life.txt"
SCENES = ROOT / "scenes" / "day_in_life.py"

CHECKS = r"""
import sys, time
from pathlib import Path
from dayinlife_manim.build import plan_scenes
from dayinlife_manim.manifest import load_manifest, manifest_path
from dayinlife_manim.render.scenecache import entry_state
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices import get_voice
from dayinlife_manim.voices.cache import AudioCache, cache_key
from dayinlife_manim.voices.voiceover import default_cache_dir
from dayinlife_manim.voices.audio import AudioSettings

script, media, quality, scenes = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
s = load_script(script)
voice = get_voice("piper", say=lambda m: None)
params = {**voice.params(), **AudioSettings().cache_params()}
cache = AudioCache(default_cache_dir(media))
keys = [cache_key(voice.name, params, x.spoken) for p in s.paragraphs for x in p.sentences]
from dayinlife_manim.voices.audio import read_wav
t = time.perf_counter()
plain = [read_wav(cache.root / k[:2] / f"{k}.wav") for k in keys]  # what reuse reads anyway
plain_ms = (time.perf_counter() - t) * 1000
t = time.perf_counter()
found = [cache.lookup(k) for k in keys]
voice_ms = (time.perf_counter() - t) * 1000
wav_bytes = sum((cache.root / k[:2] / f"{k}.wav").stat().st_size for k in keys)
manifest = load_manifest(manifest_path(media, s.slug))
settings = RenderSettings.from_options(quality)
jobs, _ = plan_scenes(manifest, scenes, settings)
t = time.perf_counter()
exists = [j.video.exists() and j.key_file.read_text() != "" for j in jobs]  # the check before digests
exists_ms = (time.perf_counter() - t) * 1000
t = time.perf_counter()
states = [entry_state(j.video, j.key_file, j.key, j.stills) for j in jobs]
scene_ms = (time.perf_counter() - t) * 1000
mp4_bytes = sum(j.video.stat().st_size for j in jobs)
print(f"{len(keys)} sentences looked up with their digests in {voice_ms:.1f} ms ({wav_bytes / 1e6:.1f} MB of WAV; "
      f"reading them without a check: {plain_ms:.1f} ms), all good: {all(found)}")
print(f"{len(jobs)} scenes checked in {scene_ms:.1f} ms ({mp4_bytes / 1e6:.1f} MB of MP4; existence and key only: "
      f"{exists_ms:.1f} ms), all fresh: {set(states) == {'fresh'}}")
"""

CACHED = r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from dayinlife_manim.build import build
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices import get_voice
script, media, quality, scenes = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
if __name__ == "__main__":
    from dayinlife_manim.core.timeline import show_if_asked
    show_if_asked(t0)
    t = time.perf_counter()
    r = build(load_script(script), get_voice("piper", say=lambda m: None), scenes=scenes,
              settings=RenderSettings.from_options(quality), out=media / "bench.mp4", media_dir=media)
    print(f"fully cached build: {(time.perf_counter() - t) * 1000:.0f} ms in build() "
          f"({len(r.rendered)} rendered, {len(r.cached)} cached, stitched: {r.stitched})")
"""


CACHED_TIMELINE = [""]


def run(args, env):
    t = time.perf_counter()
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    if "-c" in args and CACHED in args:
        CACHED_TIMELINE[0] = "timeline of the last fully cached build:\n" + "\n".join(
            line for line in out.stderr.splitlines() if line.startswith("["))
    return out.stdout.strip(), (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quality", default="tiny")
    ap.add_argument("--script", type=Path, default=SCRIPT)
    ap.add_argument("--scenes", type=Path, default=SCENES)
    ap.add_argument("--keep", type=Path, default=None, help="Work in this folder and keep it (a second run skips the first build).")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="verify-bench-") as scratch:
        tmp = a.keep or Path(scratch)
        media = Path(tmp) / "media"
        env = {**os.environ, "DAYINLIFE_CACHE": str(Path(tmp) / "cache")}
        common = [str(a.script), str(media), a.quality, str(a.scenes)]
        cli = [sys.executable, "-m", "dayinlife_manim.cli", "build", str(a.script), "--scenes", str(a.scenes),
               "--voice", "piper", "--quality", a.quality, "--media", str(media), "-o", str(media / "bench.mp4")]
        _, ms = run(cli, env)
        print(f"first build ({a.script.name}, {a.quality}): {ms / 1000:.1f} s")
        env["DAYINLIFE_TIMELINE"] = "1"
        for _ in range(3):
            out, _ = run([sys.executable, "-c", CHECKS, *common], env)
            print(out)
        for _ in range(3):
            out, _ = run([sys.executable, "-c", CACHED, *common], env)
            print(out)
        print(CACHED_TIMELINE[0])
        for _ in range(3):
            out, ms = run(cli, env)
            print(f"no-op dayinlife build: {ms:.0f} ms for the whole command ({out.splitlines()[-1]})")


if __name__ == "__main__":
    main()
