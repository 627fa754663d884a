"""The review page beside a build (OUT.html), checked in headless Chromium from file://:
it loads, the video plays, the caption track has its cues, clicking a chapter seeks to it.
A screenshot goes to media/test-artifacts/review.png (or $DAYINLIFE_TEST_ARTIFACTS)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from dayinlife_manim.build import build
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SCRIPT = """# Review Page Test

Coffee comes first, then the laptop opens. The model trains while we wait.

A short meeting happens & ends <quickly>. Then the robot waves goodbye.
"""
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--mute-audio", "--remote-debugging-pipe",
    "--autoplay-policy=no-user-gesture-required", "--window-size=1280,1000", "--hide-scrollbars",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    script = tmp / "review test.txt"  # a space in the name: URLs must be quoted
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp / "out dir" / "my video.mp4"
    report = build(load_script(script), SilentVoice(), BuildOptions(quality="tiny", workers=2, out=out, media_dir=tmp / "media"))
    return report, out, out.with_suffix(".html")


def test_page_beside_the_video_links_everything(built):
    report, out, page = built
    assert page.exists()
    source = page.read_text(encoding="utf-8")
    assert 'src="my%20video.mp4"' in source and "data:text/vtt" in source
    assert source.count('data-start="') == 3 and source.count('class="still"') >= 6
    assert "&amp; ends &lt;quickly&gt;" in source  # text is escaped


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe (fds 3 and 4): no network, no dependency."""

    def __init__(self, profile: Path) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()

        def fds() -> None:
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(cmd_r)
        os.close(res_w)
        self._id = 0
        self._buffer = b""

    def send(self, method: str, session: str | None = None, **params):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._cmd_w, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._res_r, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._cmd_w)
        os.close(self._res_r)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make install adds it)")
def test_review_page_in_headless_chromium(built, tmp_path):
    report, out, page = built
    browser = DevTools(tmp_path / "profile")
    try:
        target = browser.send("Target.createTarget", url=page.resolve().as_uri())["targetId"]
        session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

        def js(expression: str):
            result = browser.send("Runtime.evaluate", session, expression=expression, awaitPromise=True, returnByValue=True)
            assert "exceptionDetails" not in result, result
            return result["result"].get("value")

        deadline = time.monotonic() + 30
        while not js("document.readyState === 'complete' && !!document.getElementById('video')") and time.monotonic() < deadline:
            time.sleep(0.1)
        state = js("""(async () => {
            const v = document.getElementById('video');
            const track = v.textTracks[0];
            track.mode = 'showing';
            for (let i = 0; i < 100 && !(track.cues && track.cues.length && v.readyState >= 2); i++)
                await new Promise(r => setTimeout(r, 100));
            v.muted = true;
            await v.play();
            const t0 = v.currentTime;
            await new Promise(r => setTimeout(r, 1200));
            return {cues: track.cues.length, texts: [...track.cues].map(c => c.getCueAsHTML().textContent).join(' | '), ready: v.readyState, duration: v.duration,
                    played: v.currentTime - t0, paused: v.paused, error: v.error && v.error.code,
                    stills: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,
                    images: document.images.length};
        })()""")
        assert state["error"] is None and state["ready"] >= 2, state
        assert state["cues"] >= 4 and "Coffee comes first" in state["texts"], state  # the word timestamps are parsed, not shown
        assert state["played"] > 0.5 and not state["paused"], state
        assert abs(state["duration"] - report.duration) < 0.2, state
        assert state["images"] >= 6 and state["stills"] == state["images"], state  # every still loads

        # A real mouse click on the last chapter seeks the video to its start.
        box = js("""(() => { const a = [...document.querySelectorAll('#chapters a')].pop();
            const r = a.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2, start: +a.dataset.start}; })()""")
        for kind in ("mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", session, type=kind, x=box["x"], y=box["y"], button="left", clickCount=1)
        seeked = js("""(async () => { const v = document.getElementById('video');
            for (let i = 0; i < 50 && v.seeking; i++) await new Promise(r => setTimeout(r, 100));
            await new Promise(r => setTimeout(r, 300));
            return {t: v.currentTime, current: document.querySelector('#chapters a.current').dataset.start}; })()""")
        assert box["start"] > 1 and box["start"] <= seeked["t"] < box["start"] + 1.5, (box, seeked)
        assert float(seeked["current"]) == box["start"]

        shot = base64.b64decode(browser.send("Page.captureScreenshot", session, format="png")["data"])
    finally:
        browser.close()
    artifacts = Path(os.environ.get("DAYINLIFE_TEST_ARTIFACTS", REPO / "media" / "test-artifacts"))
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "review.png").write_bytes(shot)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10_000


def test_stills_are_the_renders_own_and_part_of_its_cache_entry(built):
    report, out, page = built
    tmp = out.parent.parent
    media = tmp / "media"
    assert not list(media.glob("*/storyboard")), "the review stills must not come from a second render"
    folders = sorted(media.glob("*/scenes/*/*.stills"))
    assert len(folders) == 3 and all((f / "stills.json").is_file() for f in folders)
    source = page.read_text(encoding="utf-8")
    for folder in folders:
        assert f"{folder.name}/" in source  # the page shows the stills kept beside each scene's video
    # A scene whose stills are gone is not fresh: the next build renders it (and only it) again.
    shutil.rmtree(folders[1])
    again = build(load_script(tmp / "review test.txt"), SilentVoice(), BuildOptions(quality="tiny", workers=2, out=out, media_dir=media))
    assert again.rendered == [folders[1].name.removesuffix(".stills")] and (folders[1] / "stills.json").is_file()
    assert page.read_text(encoding="utf-8").count('class="still"') == source.count('class="still"')
