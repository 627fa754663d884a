"""The build stamp: an unchanged ``dayinlife build`` stops before importing manim; any change builds.

One real tiny build (silent voice, two scenes) makes the outputs and the stamp;
the other tests change one input at a time and run the CLI in-process with
``build_many`` replaced by a tripwire, so that taking the normal path is seen
without rendering anything.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dayinlife_manim import build as build_module
from dayinlife_manim import voices
from dayinlife_manim.output import stamp as outputs
from dayinlife_manim.output.stamp import BuildInputs, Snapshot, input_digest, output_files, side_files
from dayinlife_manim.text import fonts as fonts_module

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build-stamp")]

SCRIPT = """\
Stamped

The cat sleeps all day.
"""

HELPER = '''\
ICON = "cat"
'''

MODULE = '''\
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions

from helper import ICON


class Title(NarratedScene):
    show_captions = False


class Cat(NarratedScene):
    def narrate(self):
        with self.sentence(0) as s:
            self.play(motions.pop_in(icon(ICON).move_to(self.stage.center)), run_time=s.share(0.3))


SCENES_IN_ORDER = [Title, Cat]
'''


class NormalPath(Exception):
    """Raised by the tripwire standing in for build_many: the fast path did not fire."""


def cli_args(project: Path, *extra: str) -> list[str]:
    return ["build", str(project / "stamped.txt"), "--scenes", str(project / "scenes" / "stamped.py"),
            "--quality", "tiny", "--voice", "silent", "--media", str(project / "media"), "--workers", "2", *extra]


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A project built once through the real CLI, in a process of its own (once per test
    process: tests of other modules may run in between; every test here restores what it changes)."""
    root = tmp_path_factory.mktemp("stamped")
    (root / "scenes").mkdir()
    (root / "stamped.txt").write_text(SCRIPT, encoding="utf-8")
    (root / "scenes" / "stamped.py").write_text(MODULE, encoding="utf-8")
    (root / "scenes" / "helper.py").write_text(HELPER, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", *cli_args(root)],
                          capture_output=True, text=True, cwd=root, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    return root


def run(project: Path, monkeypatch, capsys, *extra: str, build_many=None) -> str:
    """The CLI in-process; returns its stdout.  ``build_many`` defaults to the tripwire."""
    from dayinlife_manim import cli

    def tripwire(*args, **kwargs):
        raise NormalPath

    monkeypatch.chdir(project)
    monkeypatch.setattr(build_module, "build_many", build_many or tripwire)
    monkeypatch.setattr("sys.argv", ["dayinlife", *cli_args(project, *extra)])
    capsys.readouterr()
    try:
        cli.main()
    except NormalPath:
        return "normal path"
    return capsys.readouterr().out


def fires(project: Path, monkeypatch, capsys, *extra: str) -> bool:
    out = run(project, monkeypatch, capsys, *extra)
    if out == "normal path":
        return False
    assert out.startswith("up to date: ") and "nothing changed since the last build" in out, out
    return True


def test_unchanged_build_stops_before_manim_in_a_fresh_process(project):
    code = (
        "import sys; from dayinlife_manim.cli import main; main(); "
        "heavy = [m for m in ('manim', 'av', 'numpy', 'py3langid', 'pydub', 'cairo') if m in sys.modules]; "
        "print('heavy:', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code, *cli_args(project)], capture_output=True, text=True, cwd=project)
    assert done.returncode == 0, done.stderr
    out = project / "media" / "stamped.mp4"
    assert done.stdout.splitlines() == [f"up to date: {out} (nothing changed since the last build)", "heavy: []"]


def test_stamp_names_every_output(project):
    out = (project / "media" / "stamped.mp4").resolve()
    stamp = json.loads((project / "media" / "stamped" / "build.stamp.json").read_text())
    recorded = {Path(p) for p in stamp["outputs"]}
    beside = {p for p in out.parent.iterdir() if p.name.startswith(out.stem + ".")}
    assert beside == set(side_files(out)) and beside <= recorded  # video, captions, chapters, page
    stills = [p for p in recorded if p.suffix == ".png"]
    assert stills and all(p.is_file() for p in stills)  # the review page's stills
    assert set(output_files(out)) == recorded
    assert all(ident is not None for ident in stamp["outputs"].values())
    assert stamp["voice"] == "silent" and stamp["lang"] == "en"


def test_nothing_changed_fires_and_force_builds(project, monkeypatch, capsys):
    assert fires(project, monkeypatch, capsys)
    assert fires(project, monkeypatch, capsys, "--workers", "1", "--out-dir", str(project / "media"))
    assert not fires(project, monkeypatch, capsys, "--force")


@pytest.mark.parametrize(
    "option",
    [["--quality", "low"], ["--fps", "12"], ["--aspect", "1:1"], ["--cfr"], ["--loudness", "-14"], ["--rate", "1.5"],
     ["--lang", "en"], ["--slow"], ["--tld", "co.uk"], ["-o", "other.mp4"]],
)
def test_an_option_that_changes_the_output_builds(project, monkeypatch, capsys, option):
    assert not fires(project, monkeypatch, capsys, *option)
    assert fires(project, monkeypatch, capsys)


def _edit_and_restore(path: Path, edit):
    before = path.read_bytes()
    path.write_bytes(edit(before))
    return lambda: path.write_bytes(before)


@pytest.mark.parametrize("what", ["stamped.txt", "scenes/stamped.py", "scenes/helper.py"])
def test_editing_the_script_or_scene_code_builds(project, monkeypatch, capsys, what):
    """The script, the scene module, and a module it imports from its folder: an edit is seen
    even when the file keeps its size and modification time."""
    path = project / what
    st = path.stat()
    restore = _edit_and_restore(path, lambda b: b.replace(b"0.3", b"0.4") if b"0.3" in b else b.replace(b"cat", b"dog", 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    try:
        assert not fires(project, monkeypatch, capsys)
    finally:
        restore()
    assert fires(project, monkeypatch, capsys)


@pytest.mark.parametrize("which", ["mp4", "srt", "html", "still"])
def test_a_touched_or_missing_output_builds(project, monkeypatch, capsys, which):
    out = project / "media" / "stamped.mp4"
    path = next(p for p in output_files(out.resolve()) if p.suffix == ".png") if which == "still" else out.with_suffix(f".{which}")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert not fires(project, monkeypatch, capsys)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert fires(project, monkeypatch, capsys)

    kept = path.with_name(path.name + ".kept")
    path.rename(kept)
    try:
        assert not fires(project, monkeypatch, capsys)
    finally:
        kept.rename(path)
    assert fires(project, monkeypatch, capsys)


def test_a_package_source_change_builds(project, monkeypatch, capsys, tmp_path):
    """A copy of the package stands in for it (same sources: still up to date); editing one
    of its sources, one that draws or one that only stitches, is a change."""
    copy = tmp_path / "pkg"
    shutil.copytree(outputs.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(outputs, "PACKAGE_DIR", copy)
    assert fires(project, monkeypatch, capsys)
    for source in (copy / "visuals" / "text.py", copy / "output" / "stitch.py"):
        restore = _edit_and_restore(source, lambda b: b + b"\n# an edit\n")
        assert not fires(project, monkeypatch, capsys)
        restore()
        assert fires(project, monkeypatch, capsys)


def test_environment_changes_change_the_digest(project, monkeypatch, tmp_path):
    """Installed packages, fonts and manim.cfg are part of the digest."""
    monkeypatch.chdir(project)
    inputs = BuildInputs((project / "stamped.txt",), {"voice": "silent"}, media_dir=project / "media")
    digest = lambda: Snapshot.take(inputs).digest  # noqa: E731
    before = digest()
    assert digest() == before

    checkout = tmp_path / "checkout"  # a source folder with its own egg-info, as a test runner puts on the path
    (checkout / "mine.egg-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(checkout))
    assert digest() == before

    site = tmp_path / "user" / "lib" / "site-packages"  # the user's site: where pip --user installs
    (site / "somelib-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr("site.getuserbase", lambda: str(tmp_path / "user"))
    outputs._installation_folder.cache_clear()
    monkeypatch.syspath_prepend(str(site))
    with_lib = digest()
    assert with_lib != before
    (site / "somelib-1.0.dist-info").rename(site / "somelib-1.1.dist-info")
    assert digest() not in (before, with_lib)
    outputs._installation_folder.cache_clear()

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(fonts_module, "FONT_DIRS", (str(fonts),))
    no_font = digest()
    (fonts / "New.ttf").write_bytes(b"font")
    assert digest() != no_font

    plain = digest()
    (project / "manim.cfg").write_text("[CLI]\nbackground_color = WHITE\n")
    try:
        assert digest() != plain
    finally:
        (project / "manim.cfg").unlink()
    assert digest() == plain


def test_model_and_music_files_count(project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    model, music = tmp_path / "voice.onnx", tmp_path / "music.wav"
    model.write_bytes(b"model")
    Path(f"{model}.json").write_text("{}")
    music.write_bytes(b"music")
    inputs = BuildInputs((project / "stamped.txt",), {}, music=music, piper_model=model, media_dir=project / "media")
    snapshot = Snapshot.take(inputs)
    before = input_digest(inputs, snapshot.scripts, snapshot.outs)
    for path in (model, Path(f"{model}.json"), music):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        assert input_digest(inputs, snapshot.scripts, snapshot.outs) != before, path
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert input_digest(inputs, snapshot.scripts, snapshot.outs) == before


def test_auto_voice_rechecks_its_choice(project, monkeypatch, tmp_path):
    """A build spoken by piper because gTTS was out of reach is stale once gTTS is reachable."""
    monkeypatch.chdir(project)
    media = tmp_path / "media"
    out = media / "stamped.mp4"
    for f in side_files(out):
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    snapshot = Snapshot.take(BuildInputs((project / "stamped.txt",), {"voice": "auto", "tld": "com"}, media_dir=media))
    snapshot.record("piper", "en")
    monkeypatch.setattr(voices, "_gtts_speaks", lambda lang: True)
    monkeypatch.setattr(voices, "_gtts_reachable", lambda tld: False)
    assert snapshot.up_to_date() == [out]
    monkeypatch.setattr(voices, "_gtts_reachable", lambda tld: True)
    assert snapshot.up_to_date() is None


def test_every_script_of_a_build_must_be_up_to_date(project, monkeypatch, capsys, tmp_path):
    """Two scripts: an edit of either builds (their language is decided together)."""
    monkeypatch.chdir(project)
    media = tmp_path / "media"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Alpha\n\nThe first script.\n")
    b.write_text("Beta\n\nThe second script.\n")
    inputs = BuildInputs((a, b), {"voice": "silent"}, media_dir=media)
    snapshot = Snapshot.take(inputs)
    for out in snapshot.outs:
        for f in side_files(out):
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text("x")
    snapshot.record("silent", "en")
    assert Snapshot.take(inputs).up_to_date() == snapshot.outs
    b.write_text("Beta\n\nThe second script, edited.\n")
    assert Snapshot.take(inputs).up_to_date() is None
    assert Snapshot.take(BuildInputs((a,), {"voice": "silent"}, media_dir=media)).up_to_date() is None


def test_a_real_edit_rebuilds_then_the_next_build_is_up_to_date(project, tmp_path):
    """Through the real CLI: a copy of the project (other paths: not up to date), then an edit
    of one paragraph (its scene rendered again), then nothing changed (up to date)."""
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)

    def build() -> str:
        done = subprocess.run([sys.executable, "-m", "dayinlife_manim.cli", *cli_args(copy)],
                              capture_output=True, text=True, cwd=copy, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "up to date" not in build()
    script = copy / "stamped.txt"
    script.write_text(SCRIPT.replace("all day", "all night"), encoding="utf-8")
    assert "(1 rendered, 1 cached" in build()
    assert build().startswith("up to date: ")
