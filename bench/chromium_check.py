"""Play and seek an MP4 in headless Chromium; compare what it shows with PyAV.  Prints figures.

    .venv/bin/python bench/chromium_check.py VIDEO.mp4 [--seek 12.5 --seek 60 ...]

Needs the Debian ``chromium`` package.  The page loads the video, plays it for
a moment, then seeks to each time (default: the chapter starts plus a few
points) and draws the frame it shows on a canvas; the script compares that
picture with the frame PyAV decodes at the same time (mean absolute
difference per channel, 0-255) and prints Chromium's duration, its position
after each seek and whether playback advanced.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayinlife_manim.render.media import probe  # noqa: E402

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
    "--autoplay-policy=no-user-gesture-required", "--enable-logging=stderr", "--v=0",
]
MARK = "DAYINLIFE-RESULT "
W, H = 160, 90  # the canvas the frames are compared at

PAGE = """<!doctype html><html><body><video id="v" muted preload="auto" src="%(src)s"></video><canvas id="c" width="%(w)d" height="%(h)d"></canvas>
<script>
const v = document.getElementById('v'), c = document.getElementById('c');
const seeks = %(seeks)s, result = {canplay: v.canPlayType('video/mp4; codecs="avc1.640028, mp4a.40.2"'), shots: []};
const pixels = () => { const g = c.getContext('2d'); g.drawImage(v, 0, 0, %(w)d, %(h)d);
  return Array.from(g.getImageData(0, 0, %(w)d, %(h)d).data); };
const once = (el, ev) => new Promise(r => el.addEventListener(ev, r, {once: true}));
const report = () => console.log('%(mark)s' + JSON.stringify(result));
v.onerror = () => { result.error = v.error && v.error.code; report(); };
(async () => {
  await once(v, 'loadedmetadata'); result.duration = v.duration;
  await v.play(); await new Promise(r => setTimeout(r, 500)); result.played_to = v.currentTime; v.pause();
  for (const t of seeks) { v.currentTime = t; await once(v, 'seeked');
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    result.shots.push({target: t, at: v.currentTime, rgba: pixels()}); }
  report();
})().catch(e => { result.error = String(e); report(); });
</script></body></html>"""


def pyav_frame(path: Path, t: float) -> np.ndarray:
    """The picture shown at ``t`` seconds, scaled to the canvas size, as RGB."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        container.seek(int(max(0.0, t - 5) / stream.time_base), stream=stream, backward=True)
        shown = None
        for frame in container.decode(stream):
            if frame.time > t + 1e-6:
                break
            shown = frame
    return shown.reformat(width=W, height=H, format="rgb24").to_ndarray().astype(np.float64)


def check(video: Path, seeks: list[float]) -> dict:
    video = video.resolve()
    with tempfile.TemporaryDirectory(prefix="dayinlife-chromium-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(PAGE % {"src": video.as_uri(), "w": W, "h": H, "seeks": json.dumps(seeks), "mark": MARK})
        profile = Path(tmp) / "profile"
        browser = subprocess.Popen(
            ["chromium", *FLAGS, f"--user-data-dir={profile}", page.as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        timer = threading.Timer(300, browser.kill)
        timer.start()
        try:
            for line in browser.stderr:  # the page logs its result to the console
                if MARK in line:
                    payload = line.split(MARK, 1)[1]
                    return json.loads(payload[: payload.rindex("}") + 1])
        finally:
            timer.cancel()
            browser.kill()
            browser.wait()
    raise SystemExit("Chromium gave no result")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("--seek", type=float, action="append", help="seconds to seek to (repeatable)")
    args = parser.parse_args()
    info = probe(args.video)
    seeks = args.seek or sorted(
        {round(c.start + 0.5, 3) for c in info.chapters}
        | {round(info.video_duration * f, 3) for f in (0.1, 0.37, 0.5, 0.83, 0.99)}
    )
    result = check(args.video, seeks)
    if "error" in result:
        raise SystemExit(f"Chromium could not play {args.video}: {result}")
    print(f"{args.video}: canPlayType {result['canplay']!r}; duration {result['duration']:.3f} s in Chromium, "
          f"{info.video_duration:.3f} s video / {info.audio_duration:.3f} s audio by PyAV; "
          f"played to {result['played_to']:.2f} s in 0.5 s")
    worst, right = 0.0, 0
    for shot in result["shots"]:
        shown = np.array(shot["rgba"], np.float64).reshape(H, W, 4)[..., :3]
        diff = float(np.abs(shown - pyav_frame(args.video, shot["at"])).mean())
        # Is it that frame and not one shown a little earlier or later (where those differ)?
        others = [float(np.abs(shown - pyav_frame(args.video, max(0.0, shot["at"] + d))).mean()) for d in (-0.4, 0.4)]
        right += diff <= min(others) + 1e-9
        worst = max(worst, diff)
        print(f"  seek {shot['target']:8.3f} s -> at {shot['at']:8.3f} s; mean difference from PyAV's frame {diff:5.2f}/255 "
              f"(from the frames 0.4 s before/after: {others[0]:5.2f}, {others[1]:5.2f})")
    print(f"worst mean difference {worst:.2f}/255 over {len(result['shots'])} seeks; "
          f"{right} of them closest to PyAV's frame at that time")


if __name__ == "__main__":
    main()
