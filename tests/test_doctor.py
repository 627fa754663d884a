"""``dayinlife doctor``: its lines, its exit code, and what it says when a piece is missing."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from dayinlife_manim.author import doctor as doctor_mod
from dayinlife_manim.cli import cli
from dayinlife_manim.text import fonts


def unshare_works() -> bool:
    """Whether ``unshare -n`` can run a command in a new, empty network namespace."""
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0

pytestmark = pytest.mark.network_attempt_expected  # the gTTS check tries, and finds no network

CHECK_NAMES = ("Python", "manim", "Pango and Cairo", "fonts", "offline voice", "Chromium", "Dask", "media folder",
               "caches", "gTTS")


@pytest.fixture
def run(media_env):
    from click.testing import CliRunner

    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, ["doctor", "--media", str(media_env.media), *args])
        return result.exit_code, result.output.splitlines()

    return run


def _line(lines, name):
    found = [line for line in lines if line[6:].startswith(f"{name}:")]
    assert found, (name, lines)
    return found[0]


def test_doctor_here_says_a_build_can_run(run, media_env):
    code, lines = run()
    assert code == 0, lines
    for name in CHECK_NAMES:
        _line(lines, name)
    assert all(line[:6] in ("ok    ", "warn  ", "fail  ") for line in lines[:-1]), lines
    assert lines[-1].startswith("a build can run") and "checked in" in lines[-1]
    gtts = _line(lines, "gTTS")
    assert gtts.startswith("warn") and "unreachable" in gtts and "offline voice (piper) is used" in gtts
    assert f"{media_env.media.absolute()}:" in _line(lines, "media folder") and " free on " in _line(lines, "media folder")


def test_missing_manim_fails_with_the_command_that_fixes_it(run, monkeypatch):
    real = doctor_mod.version_of
    monkeypatch.setattr(doctor_mod, "version_of", lambda package: None if package == "manim" else real(package))
    code, lines = run()
    assert code == 1
    assert _line(lines, "manim") == "fail  manim: not installed; fix: pip install 'manim>=0.22,<0.23'"
    assert lines[-1].startswith("a build cannot run: fix the lines marked fail")


def test_missing_optional_pieces_are_warnings(run, monkeypatch):
    real = doctor_mod.has_module
    monkeypatch.setattr(doctor_mod, "has_module", lambda name: False if name in ("piper", "distributed") else real(name))
    code, lines = run()
    assert code == 0, lines
    assert _line(lines, "offline voice").startswith("warn  offline voice: piper-tts is not installed")
    assert _line(lines, "offline voice").endswith(f"fix: {doctor_mod.PIP_OFFLINE}")
    assert _line(lines, "Dask").endswith("fix: pip install 'dayinlife-manim[cluster]'")
    assert "only --voice silent works offline" in _line(lines, "gTTS")


def test_a_writing_system_without_a_font_names_its_package(run, monkeypatch):
    real = fonts.can_draw
    monkeypatch.setattr(fonts, "can_draw", lambda ch: ch not in "กあ中한" and real(ch))
    code, lines = run()
    assert code == 0
    warned = [line for line in lines if line.startswith("warn  fonts:")]
    assert "warn  fonts: no font for Thai (scripts in them cannot be built); fix: apt-get install fonts-noto-core" in warned
    assert "warn  fonts: no font for Chinese, Japanese, Korean (scripts in them cannot be built); " \
           "fix: apt-get install fonts-noto-cjk" in warned


def test_a_media_folder_that_cannot_be_written_fails(run, media_env):
    media_env.media.mkdir(parents=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro", "tmpfs", str(media_env.media)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()})")
    try:
        code, lines = run()
    finally:
        subprocess.run(["umount", "-l", str(media_env.media)], capture_output=True)
    assert code == 1
    assert _line(lines, "media folder").endswith("cannot be written; fix: choose a writable folder with --media")


def test_doctor_subprocess_exit_code_and_time(tmp_path):
    env = {"DAYINLIFE_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "dayinlife_manim.cli", "doctor", "--media", str(tmp_path / "media")]
    if unshare_works():  # no network at all, as in the other command line tests
        cmd = ["unshare", "-n", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    seconds = float(done.stdout.splitlines()[-1].rsplit("checked in ", 1)[1].rstrip("s"))
    assert seconds < 10  # the figure itself: bench/doctor_bench.py
