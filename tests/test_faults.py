"""Faults of the machine: a full disk, a read-only folder, a file that vanishes, Ctrl-C.

Real file systems (a small tmpfs, a read-only tmpfs: root ignores permission
bits), real builds in subprocesses and a real pseudo-terminal.  Each build is
``--voice silent --quality tiny`` of a short script.
"""

from __future__ import annotations

import errno
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dayinlife_manim.core.faults import describe, fault_args, fault_from, fault_of, human_size, machine_error
from dayinlife_manim.core.fsutil import atomic_path, atomic_write_bytes, final_name, remove_own_temps, temp_dir

SCRIPT = """# A small day

The alarm rings at seven. I make coffee and read the news.

At nine I open my laptop and answer three emails.

In the evening I cook pasta and call a friend.
"""
SLUG = "a-small-day"


# -- the wording, in one place ------------------------------------------------------------------
def test_describe_no_space_names_the_file_and_what_is_free(tmp_path):
    message = describe(OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".p01.12@host.abc.tmp.wav")))
    assert message.startswith(f"no space left on the device writing {tmp_path / 'p01.wav'} (")
    assert " free on /" in message and "--media" in message


def test_describe_other_faults():
    assert describe(OSError(errno.EROFS, "x", "/m/a.wav")) == (
        "cannot write /m/a.wav: the file system is read-only; choose a writable folder with --media")
    assert describe(OSError(errno.EACCES, "x", "/m/a.wav")).startswith("cannot write /m/a.wav: permission denied")
    assert describe(OSError(errno.ENOENT, "x", "/m/a.wav")).startswith("/m/a.wav vanished while the build used it")
    assert describe(OSError(errno.EDQUOT, "x", "/m/a.wav")).startswith("the disk quota is used up writing /m/a.wav")


def test_cache_paths_point_at_dayinlife_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path))
    assert describe(OSError(errno.EROFS, "x", str(tmp_path / "voice"))).endswith("set DAYINLIFE_CACHE to a writable folder")


def test_fault_of_finds_the_cause_and_only_faults():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/m/x")
        except OSError as exc:
            raise RuntimeError("encoding failed") from exc
    except RuntimeError as wrapped:
        assert fault_of(wrapped).errno == errno.ENOSPC
        assert str(machine_error(wrapped)).startswith("no space left on the device writing /m/x")
    assert fault_of(OSError(errno.EBADF, "Bad file descriptor")) is None
    assert fault_of(ValueError("x")) is None and machine_error(ValueError("x")) is None


def test_faults_cross_processes_as_themselves():
    back = fault_from(fault_args(OSError(errno.ENOENT, "No such file or directory", "/m/gone.wav")))
    assert isinstance(back, FileNotFoundError) and back.filename == "/m/gone.wav"


def test_final_name_and_human_size():
    assert final_name("/m/s/.01-x.stills.42@vm.k2j.tmp/00-f00003.png") == "/m/s/01-x.stills"
    assert final_name("/m/s/01-x.mp4") == "/m/s/01-x.mp4"
    assert (human_size(0), human_size(1023), human_size(1536), human_size(5 << 20)) == ("0 B", "1023 B", "1.5 KiB", "5.0 MiB")


# -- real file systems -----------------------------------------------------------------------------
def _mount(where: Path, options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}): needs root or CAP_SYS_ADMIN")


@pytest.fixture
def mounts():
    """Mount tmpfs file systems (``mounts(path, options)``); all are unmounted afterwards."""
    made: list[Path] = []

    def mount(where: Path, options: str) -> Path:
        _mount(where, options)
        made.append(where)
        return where

    yield mount
    for where in reversed(made):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture(scope="module")
def user_cache(tmp_path_factory) -> Path:
    """One $DAYINLIFE_CACHE (fonts, language model) for the module's builds, on an ordinary disk."""
    return tmp_path_factory.mktemp("cache")


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAYINLIFE_")}
    return {**env, "DAYINLIFE_CACHE": str(cache)}


def _build_args(script: Path, media: Path) -> list[str]:
    return [sys.executable, "-m", "dayinlife_manim.cli", "build", str(script), "--voice", "silent", "--quality", "tiny",
            "--workers", "2", "--media", str(media)]


def build(script: Path, media: Path, cache: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(_build_args(script, media), capture_output=True, text=True, timeout=timeout, cwd=script.parent,
                          env=_env(cache))


def error_line(result: subprocess.CompletedProcess) -> str:
    """The build's one error line (stderr has its progress lines before it, nothing after)."""
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == errors[0], result.stderr
    return errors[0]


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if ".tmp" in p.name]


@pytest.fixture
def script(tmp_path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def test_atomic_write_on_a_full_disk_names_the_file_and_leaves_nothing(tmp_path, mounts):
    full = mounts(tmp_path / "full", "size=64k")
    with pytest.raises(OSError) as caught:
        atomic_write_bytes(full / "big.bin", b"x" * 200_000)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(full / "big.bin")
    assert list(full.iterdir()) == []


def test_remove_own_temps_removes_writes_in_progress(tmp_path):
    folder = temp_dir(tmp_path, "work")
    with atomic_path(tmp_path / "out.bin") as tmp:
        tmp.write_bytes(b"half")
        removed = remove_own_temps()
        assert set(removed) >= {folder, tmp} and not folder.exists() and not tmp.exists()
        tmp.write_bytes(b"again")  # the interrupted write itself ends as it would
    assert (tmp_path / "out.bin").read_bytes() == b"again"


@pytest.mark.slow
def test_build_on_a_full_disk_is_one_line_and_a_later_build_succeeds(tmp_path, mounts, script, user_cache):
    media = mounts(tmp_path / "media", "size=3m")
    script.write_text(SCRIPT + "\n".join(f"\nOn day {n} the same routine starts again, coffee first." for n in range(8)))
    failed = build(script, media, user_cache)
    assert failed.returncode == 1, failed.stderr
    line = error_line(failed)
    assert line.startswith(f"Error: no space left on the device writing {media}/"), line
    assert " free on " in line and str(media) in line
    assert temporaries(media) == [] and not (media / f"{SLUG}.mp4").exists()

    subprocess.run(["mount", "-o", "remount,size=64m", str(media)], check=True)
    done = build(script, media, user_cache)
    assert done.returncode == 0, done.stderr
    assert f"wrote {media / SLUG}.mp4" in done.stdout and "rendered" in done.stdout
    assert temporaries(media) == []


@pytest.mark.slow
def test_scene_process_out_of_space_is_one_line_naming_the_scene(tmp_path, mounts, script, user_cache):
    """The disk fills while scenes render (in their own processes): the fault comes back as one line.
    The scenes folder holds less than the smallest scene (the title card: about 21 kB), so no scene
    can finish before the disk is full, whatever order they render in."""
    media = tmp_path / "media"
    scenes = mounts(media / SLUG / "scenes", "size=16k")
    failed = build(script, media, user_cache)
    assert failed.returncode == 1, failed.stderr
    line = error_line(failed)
    assert line.startswith(f"Error: no space left on the device writing {scenes}/"), line
    assert temporaries(media) == [] and not (media / f"{SLUG}.mp4").exists()
    assert not list(scenes.rglob("*.key"))  # no scene is marked as rendered

    subprocess.run(["mount", "-o", "remount,size=32m", str(scenes)], check=True)
    done = build(script, media, user_cache)
    assert done.returncode == 0, done.stderr
    assert "(4 rendered, 0 cached" in done.stdout, done.stdout


@pytest.mark.slow
def test_read_only_media_folder(tmp_path, mounts, script, user_cache):
    media = mounts(tmp_path / "media", "ro")
    failed = build(script, media, user_cache)
    assert failed.returncode == 1
    assert error_line(failed) == (f"Error: cannot write {media / SLUG}: the file system is read-only; "
                                  "choose a writable folder with --media")


@pytest.mark.slow
def test_read_only_cache_folder(tmp_path, mounts, script):
    cache = mounts(tmp_path / "cache", "ro")
    failed = build(script, tmp_path / "media", cache)
    assert failed.returncode == 1
    line = error_line(failed)
    assert line.startswith(f"Error: cannot write {cache}") and line.endswith("set DAYINLIFE_CACHE to a writable folder")


# -- Ctrl-C in a terminal ------------------------------------------------------------------------------
def _session_processes(sid: int) -> list[str]:
    """Processes of session ``sid`` that are not yet dead (zombies waiting for init count as gone)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(stat.parent.name)
    return found


@pytest.mark.slow
def test_ctrl_c_while_rendering_prints_only_aborted(tmp_path, seed_script, user_cache):
    script = tmp_path / seed_script.name  # 15 scenes: rendering lasts long enough to be interrupted
    script.write_text(seed_script.read_text(encoding="utf-8"), encoding="utf-8")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        _build_args(script, tmp_path / "media"), stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path,
        env=_env(user_cache), start_new_session=True,
    )
    os.close(slave)
    output, sent, deadline = b"", None, time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every process holding the terminal is gone
                    break
                if not chunk:
                    break
                output += chunk
            if sent is None and b"Rendering" in output and b"%" in output.split(b"Rendering")[-1]:
                time.sleep(1.0)  # scene processes are at work
                os.killpg(process.pid, signal.SIGINT)
                sent = time.monotonic()
        code = process.wait(timeout=30)
        stopped = time.monotonic()
    finally:
        os.close(master)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert sent is not None, output.decode(errors="replace")
    assert code == 130
    assert stopped - sent < 5, f"the build took {stopped - sent:.1f}s to stop"
    text = output.decode(errors="replace").replace("\r", "")
    before, _, after = text.rpartition("Aborted.")
    assert after.strip() == "", text
    assert "Traceback" not in text and "leaked" not in text and "resource_tracker" not in text, text
    # before it: the progress lines only
    lines = [line for line in before.replace("\x1b[?25l", "").replace("\x1b[?25h", "").split("\n") if line.strip()]
    assert all(line.startswith(("language:", "Voicing", "Rendering")) or " scenes at " in line for line in lines), lines
    # nothing left running, soon after
    while _session_processes(process.pid) and time.monotonic() < sent + 10:
        time.sleep(0.1)
    assert _session_processes(process.pid) == []
    assert temporaries(tmp_path / "media") == []


@pytest.mark.slow
def test_a_scene_video_that_vanishes_before_the_stitch(tmp_path, script, media_env):
    """Built once; then, while the next build waits for its scenes, a scene's video is deleted:
    the stitch fails on it, and the fault names that video."""
    from dayinlife_manim.build import build as build_video
    from dayinlife_manim.options import BuildOptions
    from dayinlife_manim.text.script import load_script
    from dayinlife_manim.voices import SilentVoice

    options = BuildOptions(quality="tiny", voice="silent", media_dir=media_env.media, workers=1)
    parsed = load_script(script)
    first = build_video(parsed, SilentVoice(), options)
    assert first.stitched
    victim = media_env.media / SLUG / "scenes" / "428x240@10" / f"{parsed.paragraphs[1].id}.mp4"

    def remove(jobs, notes) -> None:  # every scene is cached: the build goes to the stitch next
        assert all(job.cached for job in jobs)
        victim.unlink()

    with pytest.raises(OSError) as caught:
        build_video(parsed, SilentVoice(), options.replace(loudness=-20.0), on_plan=remove)  # a new mix: stitched again
    assert str(machine_error(caught.value)) == (
        f"{victim} vanished while the build used it (removed by another program?); run the command again")
    assert temporaries(media_env.media) == []
