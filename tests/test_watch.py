"""--watch: which files are watched, re-running on a change, surviving a broken edit,
ending cleanly on Ctrl-C; the scene cache sees edits of a scene module's local helpers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dayinlife_manim.author.watch import watch, watched_files
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.core.fingerprint import local_modules

REPO = Path(__file__).resolve().parent.parent


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_watched_files_follow_local_imports(tmp_path):
    module = write(tmp_path / "scenes" / "video.py", "import os\nimport helpers\nfrom shapes import star\n")
    write(tmp_path / "scenes" / "helpers.py", "import more\n")
    write(tmp_path / "scenes" / "more.py", "X = 1\n")
    write(tmp_path / "scenes" / "shapes" / "__init__.py", "star = 1\n")
    write(tmp_path / "scenes" / "unused.py", "")
    found = {p.relative_to(tmp_path / "scenes").as_posix() for p in local_modules(module)}
    assert found == {"video.py", "helpers.py", "more.py", "shapes/__init__.py"}
    script = write(tmp_path / "talk.txt", "Hello.\n")
    assert watched_files(script, module)[0] == script.resolve()


def test_a_change_runs_the_job_again_and_a_failure_does_not_end_the_watch(tmp_path):
    script = write(tmp_path / "talk.txt", "one\n")
    said, runs = [], []

    def run():
        runs.append(script.read_text())
        if len(runs) == 1:
            script.write_text("two, longer\n")  # an edit while the job runs is seen
        elif len(runs) == 2:
            script.write_text("three!\n")
            raise UserError("broken edit")

    assert watch(lambda: [script], run, say=said.append, poll=0.02, settle=0.01, rounds=3) == 3
    assert runs == ["one\n", "two, longer\n", "three!\n"]
    assert "Error: broken edit" in said and sum(m.startswith("changed: talk.txt") for m in said) == 2


def test_ctrl_c_ends_the_watch(tmp_path):
    said = []

    def run():
        raise KeyboardInterrupt

    assert watch(lambda: [], run, say=said.append) == 0
    assert said == ["stopped watching"]


def test_editing_a_helper_changes_the_scene_key(tmp_path):
    from dayinlife_manim.core.fingerprint import class_fingerprint
    from dayinlife_manim.render.render import load_scene_module

    module = write(tmp_path / "helper_scenes.py", (
        "from dayinlife_manim.scene import NarratedScene\nimport my_helpers\n\n"
        "class One(NarratedScene):\n    paragraph = 0\n"
    ))
    helper = write(tmp_path / "my_helpers.py", "SIZE = 1\n")
    before = class_fingerprint(load_scene_module(module).One)
    helper.write_text("SIZE = 2\n", encoding="utf-8")
    os.utime(helper, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert class_fingerprint(load_scene_module(module).One) != before


SCRIPT = "# Watch Test\n\nA cup of coffee. Then a laptop opens.\n"
MODULE = '''from pathlib import Path
from manim import Square
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import motions

SCRIPT = Path(__file__).parent / "watch.txt"


class Coffee(NarratedScene):
    paragraph = 1
    headline = "Coffee"

    def narrate(self):
        with self.sentence(0) as s:
            self.play(motions.pop_in(Square(1).move_to(self.stage.center)), run_time=s.share(0.3))
'''


@pytest.mark.slow
def test_storyboard_watch_redraws_the_edited_scene_and_stops_on_ctrl_c(tmp_path):
    script = write(tmp_path / "watch.txt", SCRIPT)
    module = write(tmp_path / "watch_scenes.py", MODULE)
    cmd = [sys.executable, "-m", "dayinlife_manim.cli", "storyboard", str(script), "--scenes", str(module),
           "--voice", "silent", "--quality", "tiny", "--media", str(tmp_path / "media"), "--workers", "1", "--watch"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    # Ctrl-C must reach it even when this test runs from a background job (which ignores SIGINT,
    # and a child would inherit that): the child starts with the default disposition.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[str] = []

    def wait_for(text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen in: {lines}")

    try:
        wait_for("watching 2 file(s)")
        assert any("drew 01-a-cup-of" in l for l in lines) and any("2 drawn" in l for l in lines)
        lines.clear()
        module.write_text(MODULE.replace('"Coffee"', '"More coffee"'), encoding="utf-8")
        wait_for("watching 2 file(s)")
        assert any(l.startswith("changed: watch_scenes.py") for l in lines), lines
        drawn = [l for l in lines if l.startswith("drew ")]
        assert len(drawn) == 1 and "01-a-cup-of" in drawn[0], lines  # only the edited scene
        proc.send_signal(signal.SIGINT)
        wait_for("stopped watching", timeout=30)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow
def test_build_watch_re_renders_only_the_edited_scene(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import dayinlife_manim.author.watch as watch_module
    from dayinlife_manim.cli import cli

    script = write(tmp_path / "watch.txt", SCRIPT)
    module = write(tmp_path / "watch_scenes.py", MODULE)

    def two_rounds(files, run, say, **kwargs):  # the real loop polls; here one edit between two runs
        assert module.resolve() in files()
        run()
        module.write_text(MODULE.replace('"Coffee"', '"More coffee"'), encoding="utf-8")
        later = time.time_ns() + 2 * 10**9
        os.utime(module, ns=(later, later))
        run()
        return 2

    monkeypatch.setattr(watch_module, "watch", two_rounds)
    result = CliRunner().invoke(cli, [
        "build", str(script), "--scenes", str(module), "--voice", "silent", "--quality", "tiny", "--workers", "2",
        "--media", str(tmp_path / "media"), "-o", str(tmp_path / "out.mp4"), "--watch",
    ])
    assert result.exit_code == 0, result.output
    lines = [l for l in result.output.splitlines() if l.startswith("re-rendered:")]
    assert lines == ["re-rendered: 01-a-cup-of-coffee"], result.output
    assert (tmp_path / "out.html").exists()
