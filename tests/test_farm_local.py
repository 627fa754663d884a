"""Scheduling scene jobs on this machine: locks, temporary folders, warm workers,
many scripts in one build, and two builds of one script at the same time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TINY_SCENES as MODULE
from conftest import write_project

from dayinlife_manim.build import BuildFailed, build_many
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.core.fsutil import atomic_path, clean_stale_temps, temp_dir, temp_prefix
from dayinlife_manim.core.locks import FileLock
from dayinlife_manim.farm.task import peak_memory_mib
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.render.media import probe
from dayinlife_manim.text.script import find_scripts, load_script
from dayinlife_manim.voices.silent import SilentVoice

REPO = Path(__file__).resolve().parent.parent
OPTIONS = BuildOptions(quality="tiny")
SETTINGS = OPTIONS.settings

TWO = "Two Short Scenes\n\nA cat sleeps all day.\n\nThe end. Goodbye!\n"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- small pieces -------------------------------------------------------------------
def test_file_lock_excludes_a_second_holder_until_released(tmp_path):
    first, second = FileLock(tmp_path, "scene"), FileLock(tmp_path, "scene")
    assert first.acquire(block=False)
    assert not second.acquire(block=False)
    got = []
    waiter = threading.Thread(target=lambda: got.append(second.acquire()))
    waiter.start()
    time.sleep(0.2)
    assert not got  # still waiting
    first.release()
    waiter.join(5)
    assert got == [True]
    second.release()


def test_lock_of_a_killed_process_is_free(tmp_path):
    code = f"from dayinlife_manim.core.locks import FileLock; FileLock({str(tmp_path)!r}, 's').acquire(); import os; os._exit(0)"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    lock = FileLock(tmp_path, "s")
    assert lock.acquire(block=False)
    lock.release()


def test_stale_temporaries_of_dead_processes_are_removed_live_ones_kept(tmp_path):
    dead = _dead_pid()
    stale_file = tmp_path / temp_prefix("01-a").replace(str(os.getpid()), str(dead), 1)
    stale_file = stale_file.with_name(stale_file.name + "abcd1234.tmp.mp4")
    stale_file.write_bytes(b"half")
    stale_dir = temp_dir(tmp_path, "01-a")
    stale_dir = stale_dir.rename(tmp_path / stale_dir.name.replace(f".{os.getpid()}@", f".{dead}@"))
    (stale_dir / "work").mkdir()
    live = temp_dir(tmp_path, "02-b")
    keep = [tmp_path / "01-a.mp4", tmp_path / ".hidden-but-not-ours"]
    for k in keep:
        k.write_bytes(b"x")
    removed = clean_stale_temps(tmp_path)
    assert sorted(removed) == sorted([stale_file, stale_dir])
    assert live.exists() and all(k.exists() for k in keep)
    with atomic_path(tmp_path / "x.mp4") as tmp:  # names atomic writes in the same way
        assert tmp.name.startswith(temp_prefix("x"))
        assert clean_stale_temps(tmp_path) == []


def test_find_scripts_expands_folders_and_refuses_empty_ones(tmp_path):
    (tmp_path / "b.txt").write_text("B\n\nOne.\n")
    (tmp_path / "a.txt").write_text("A\n\nTwo.\n")
    (tmp_path / "notes.rst").write_text("no")  # .txt and .md are scripts, other files are not
    (tmp_path / "empty").mkdir()
    assert find_scripts([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    with pytest.raises(UserError, match="no .txt scripts"):
        find_scripts([tmp_path / "empty"])


def test_output_paths_one_per_script(tmp_path):
    from dayinlife_manim.build import output_paths
    from dayinlife_manim.text.script import parse_script

    a, b = parse_script("Alpha\n\nOne.\n", "a"), parse_script("Beta\n\nTwo.\n", "b")
    assert output_paths([a, b], None, None, tmp_path) == [tmp_path / "alpha.mp4", tmp_path / "beta.mp4"]
    assert output_paths([a, b], None, tmp_path / "v", tmp_path) == [tmp_path / "v" / "alpha.mp4", tmp_path / "v" / "beta.mp4"]
    assert output_paths([a], tmp_path / "x.mp4", None, tmp_path) == [tmp_path / "x.mp4"]
    for args, message in [(([a, b], tmp_path / "x.mp4", None), "with several scripts use --out-dir"),
                          (([a], tmp_path / "x.mp4", tmp_path), "not both"),
                          (([a, parse_script("Alpha\n\nAgain.\n", "c")], None, None), "same name")]:
        with pytest.raises(UserError, match=message):
            output_paths(*args, tmp_path)


def test_summary_rows_say_what_happened_to_each_script(tmp_path):
    from dayinlife_manim.build import BuildReport, summary_rows

    done = BuildReport(out=tmp_path / "a.mp4", rendered=["01"], cached=["00"], stitched=True, title="A", duration=65.5)
    same = BuildReport(out=tmp_path / "b.mp4", cached=["00", "01"], title="B", duration=3.0)
    failed = BuildReport(out=tmp_path / "c.mp4", failures=["x"], title="C", duration=1.0)
    rows = summary_rows([done, same, failed])
    assert [r[:5] for r in rows] == [("A", 1, 1, "1:05.50", "written"), ("B", 0, 2, "3.00s", "up to date"), ("C", 0, 0, "1.00s", "failed")]


# -- builds -------------------------------------------------------------------------
@pytest.fixture()
def project(tmp_path):
    return write_project(tmp_path, "two", TWO, MODULE)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "dayinlife_manim.cli", "build", *args, "--quality", "tiny", "--voice", "silent"]


@pytest.mark.slow
def test_two_concurrent_builds_of_one_script_both_succeed_with_identical_files(project):
    script, module, media = project
    env = {**os.environ, "PYTHONPATH": str(REPO), "DAYINLIFE_CACHE": str(media / "cache")}
    procs = [
        subprocess.Popen(
            _cli(str(script), "--scenes", str(module), "--media", str(media), "--workers", "1", "-o", str(media / f"out{i}.mp4")),
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i in (1, 2)
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    rendered = [int(re.search(r"\((\d+) rendered, (\d+) cached", out).group(1)) for out, _ in outputs]
    assert sum(rendered) == 3  # every scene rendered once, by one build or the other
    assert all("soundtrack: silence" in out for out, _ in outputs)  # the measured loudness (a silent voice here)
    first, second = media / "out1.mp4", media / "out2.mp4"
    assert first.read_bytes() == second.read_bytes()
    assert first.with_suffix(".srt").read_text() == second.with_suffix(".srt").read_text()
    scenes = media / "two-short-scenes" / "scenes" / SETTINGS.tag
    assert sorted(p.name for p in scenes.glob("*.mp4")) == ["00-two-short-scenes.mp4", "01-a-cat-sleeps-all.mp4", "02-the-end-goodbye.mp4"]
    assert not [p for p in media.rglob("*") if ".tmp" in p.name]  # no temporary file or folder left


@pytest.mark.slow
def test_many_scripts_one_queue_and_a_killed_scene_fails_only_itself(project, tmp_path, monkeypatch):
    script, module, media = project
    other = tmp_path / "scripts" / "other.txt"
    other.parent.mkdir()
    other.write_text("Another One\n\nShort and sweet.\n", encoding="utf-8")
    monkeypatch.setenv("KILL_THE_CAT", "1")  # the scene process of the cat kills itself
    scripts = [load_script(script), load_script(other)]
    with pytest.raises(BuildFailed) as failed:
        build_many(scripts, SilentVoice(), OPTIONS.replace(scenes=module, workers=2, out_dir=tmp_path / "videos", media_dir=media))
    (failure,) = failed.value.failures
    assert failure.scene == "Cat" and "killed by signal 9" in failure.log.read_text()
    first, second = failed.value.reports
    assert first.failures and not first.stitched and not (tmp_path / "videos" / "two-short-scenes.mp4").exists()
    assert second.stitched and second.out == tmp_path / "videos" / "another-one.mp4"  # the other script is done
    info = probe(second.out)
    assert abs(info.video_duration - info.audio_duration) <= 1 / SETTINGS.fps
    assert peak_memory_mib((media / "another-one" / "scenes" / SETTINGS.tag).glob("*.log")) > 50  # each log says it

    monkeypatch.delenv("KILL_THE_CAT")
    reports = build_many(scripts, SilentVoice(), OPTIONS.replace(scenes=module, workers=2, out_dir=tmp_path / "videos", media_dir=media))
    assert reports[0].rendered == ["01-a-cat-sleeps-all"] and reports[0].stitched
    assert not reports[1].rendered and not reports[1].stitched  # up to date


@pytest.mark.slow
def test_a_killed_build_leaves_nothing_a_rerun_mistakes_for_done(project):
    script, module, media = project
    env = {**os.environ, "PYTHONPATH": str(REPO), "DAYINLIFE_CACHE": str(media / "cache")}
    cmd = _cli(str(script), "--scenes", str(module), "--media", str(media), "--workers", "1")
    scenes = media / "two-short-scenes" / "scenes" / SETTINGS.tag
    build = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(scenes.glob(".*.tmp")):  # a scene's job folder: rendering
        time.sleep(0.05)
    build.kill()
    build.wait()
    assert list(scenes.glob(".*.tmp")), "the build was not caught rendering"
    done_before = {p.stem for p in scenes.glob("*.key")}
    assert len(done_before) < 3

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    rendered = int(re.search(r"\((\d+) rendered", rerun.stdout).group(1))
    assert rendered == 3 - len(done_before)
    assert not [p for p in media.rglob("*") if ".tmp" in p.name]  # the killed run's leftovers are gone
    info = probe(media / "two-short-scenes.mp4")
    assert abs(info.video_duration - info.audio_duration) <= 1 / SETTINGS.fps


def test_warm_server_notices_package_code_edited_after_it_loaded(monkeypatch):
    from dayinlife_manim.farm import pool

    monkeypatch.setattr(pool, "_LOADED_NS", time.time_ns() + 10**12)  # loaded "after" every file was written
    assert not pool._package_changed_since_loaded()
    monkeypatch.setattr(pool, "_LOADED_NS", 0)  # loaded before the files were written: stale, render cold
    assert pool._package_changed_since_loaded()


def test_scenes_start_while_later_paragraphs_are_still_voiced(tmp_path):
    """Voice and render overlap: a scene is handed to the runner as soon as its own audio is written."""

    class SlowSilence(SilentVoice):
        spoken = 0

        def synthesize(self, text):
            time.sleep(0.2)
            SlowSilence.spoken += 1
            return super().synthesize(text)

    class Recorder:
        slots = 1
        started: list[int] = []

        def run(self, task):
            self.started.append(SlowSilence.spoken)
            return False  # nothing rendered: the build fails, which is fine here

        def close(self):
            pass

    script = tmp_path / "five.txt"
    script.write_text("Five\n\n" + "\n\n".join(f"Paragraph {i} is here. It has two sentences." for i in range(4)) + "\n")
    parsed = load_script(script)
    with pytest.raises(BuildFailed):
        build_many([parsed], SlowSilence(), OPTIONS.replace(media_dir=tmp_path / "media"), runner=Recorder())
    assert len(Recorder.started) == len(parsed.paragraphs)
    assert Recorder.started[0] < parsed.sentence_count  # the first scene began before the last sentence was voiced


def test_voice_is_made_while_the_scene_module_imports(tmp_path):
    """The scene module (and manim with it) is imported while the voice is made, not before:
    a module whose import waits for the first paragraph's audio still loads."""
    media = tmp_path / "media"
    scenes = tmp_path / "waiting_scenes.py"
    scenes.write_text(
        "import time\nfrom pathlib import Path\n"
        f"MEDIA = Path({str(media)!r})\n"
        "deadline = time.monotonic() + 30\n"
        "while not list(MEDIA.rglob('voice/*.wav')):  # no WAV yet: the voice must be running meanwhile\n"
        "    if time.monotonic() > deadline:\n"
        "        raise RuntimeError('no voice was made while this module imported')\n"
        "    time.sleep(0.05)\n"
    )
    script = tmp_path / "two.txt"
    script.write_text(TWO)

    class Recorder:
        slots = 1

        def run(self, task):
            return False

        def close(self):
            pass

    with pytest.raises(BuildFailed):  # the recorder renders nothing
        build_many([load_script(script)], SilentVoice(), OPTIONS.replace(scenes=scenes, media_dir=media), runner=Recorder())
    assert list(media.rglob("voice/*.wav"))


def test_a_scene_module_that_fails_to_import_stops_the_voice(tmp_path):
    """A broken scene module is reported, and the voice thread stops instead of voicing on."""
    scenes = tmp_path / "broken.py"
    scenes.write_text("raise ValueError('oops')\n")
    script = tmp_path / "many.txt"
    script.write_text("Many\n\n" + "\n\n".join(f"Paragraph {i} is here. It has two sentences." for i in range(30)) + "\n")

    class Slow(SilentVoice):
        def synthesize(self, text):
            time.sleep(0.05)
            return super().synthesize(text)

    class Idle:
        slots = 1

        def run(self, task):
            return False

        def close(self):
            pass

    with pytest.raises(UserError, match="cannot import"):
        build_many([load_script(script)], Slow(), OPTIONS.replace(scenes=scenes, media_dir=tmp_path / "media"), runner=Idle())
    time.sleep(0.5)
    voiced = len(list((tmp_path / "media").rglob("voice/*.wav")))
    time.sleep(0.5)
    assert len(list((tmp_path / "media").rglob("voice/*.wav"))) == voiced < 30  # stopped, not still voicing
