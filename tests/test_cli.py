"""Tests for the ``dayinlife`` command line, in-process (CliRunner, main()) and as
a real subprocess (exit codes, a single stderr line, no traceback)."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_main

from dayinlife_manim import __version__
from dayinlife_manim.cli import cli
from dayinlife_manim.core.errors import UserError, VoiceError
from dayinlife_manim.manifest import SCHEMA_VERSION, load_manifest, manifest_path
from dayinlife_manim.text.script import load_script
from dayinlife_manim.text.writing import word_count

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin" / "dayinlife"
if not BIN.exists():  # another layout: the entry point beside the running interpreter
    BIN = Path(sys.executable).parent / "dayinlife"
SEED_PARAGRAPHS = 15
SEED_SENTENCES = 22
COMMANDS = sorted(cli.commands)


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click 8.1
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


@functools.lru_cache(maxsize=None)
def unshare_works() -> bool:
    """Whether ``unshare -n`` can run a command in a new, empty network namespace."""
    if shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def run_cli(args: list[str], tmp_path: Path, *, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the installed ``dayinlife`` entry point; in a network-less namespace when possible."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DAYINLIFE_")}
    env.update(DAYINLIFE_MEDIA=str(tmp_path / "env-media"), DAYINLIFE_CACHE=str(tmp_path / "env-cache"))
    cmd = [str(BIN), *map(str, args)]
    if unshare_works():
        cmd = ["unshare", "-n", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=tmp_path, env=env)


def invoke_main(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """Run cli.main() in-process as the entry point would; (exit code, stdout, stderr)."""
    return run_main(args, monkeypatch, capsys)


def assert_one_line_error(stderr: str, *fragments: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def check_voice_table(stdout: str, manifest) -> None:
    """The table the voice command prints: header, rule, one row per paragraph, total, summary."""
    lines = stdout.splitlines()
    assert lines[0].split() == ["paragraph", "sentences", "words", "duration", "wpm", "speaking", "wpm"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    rows = lines[2 : 2 + len(manifest.paragraphs)]
    assert [r.split()[0] for r in rows] == [p.id for p in manifest.paragraphs]
    for row, p in zip(rows, manifest.paragraphs):
        words = word_count(p.spoken_text)
        assert int(row.split()[1]) == len(p.cues) and int(row.split()[2]) == words
        # pace over the whole paragraph, pauses included, and over its sentences
        assert int(row.split()[4]) == round(words / p.duration * 60)
        assert int(row.split()[5]) == round(words / sum(c.duration for c in p.cues) * 60)
    total = lines[2 + len(manifest.paragraphs)].split()
    assert total[0] == "total" and int(total[1]) == sum(len(p.cues) for p in manifest.paragraphs)
    words = sum(word_count(p.spoken_text) for p in manifest.paragraphs)
    assert int(total[2]) == words and int(total[4]) == round(words / manifest.duration * 60)
    assert "synthesized" in lines[-1] and "manifest:" in lines[-1]
    assert len(lines) == len(manifest.paragraphs) + 4


# --- version and help -------------------------------------------------------------------------------


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"dayinlife, version {__version__}"


def test_commands_exist():
    assert "voice" in COMMANDS


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(runner, command, flag):
    args = [flag] if command is None else [command, flag]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")
    if command is None:
        for name in COMMANDS:
            assert name in result.output
    else:
        assert f" {command} [OPTIONS]" in result.output
        summary = " ".join((cli.commands[command].help or "").split("\n\n")[0].split())
        assert summary and summary in " ".join(result.output.split())


def test_subprocess_version_and_help(tmp_path):
    version = run_cli(["--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"dayinlife, version {__version__}"
    assert version.stderr == ""
    for args in (["--help"], *([c, "--help"] for c in COMMANDS)):
        result = run_cli(args, tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.startswith("Usage: dayinlife"), args
        assert result.stderr == "", (args, result.stderr)


# --- voice: the seed script ---------------------------------------------------------------------------


def test_voice_seed_silent_in_process(runner, seed_script, tmp_path, media_env):
    media = tmp_path / "out"
    result = runner.invoke(cli, ["voice", str(seed_script), "--voice", "silent", "--media", str(media)])
    assert result.exit_code == 0, result.output
    script = load_script(seed_script)
    manifest = load_manifest(manifest_path(media, script.slug))
    assert len(manifest.paragraphs) == SEED_PARAGRAPHS
    assert manifest.voice.backend == "silent"
    check_voice_table(result.stdout, manifest)
    assert f"{SEED_SENTENCES} synthesized, 0 from cache" in result.stdout
    assert "Voicing with silent" in result.stderr
    assert (media_env.cache / "voice").is_dir()  # $DAYINLIFE_CACHE is honoured

    again = runner.invoke(cli, ["voice", str(seed_script), "--voice", "silent", "--media", str(media)])
    assert again.exit_code == 0 and f"0 synthesized, {SEED_SENTENCES} from cache" in again.stdout


def test_voice_seed_silent_subprocess(seed_script, tmp_path):
    media = tmp_path / "out"
    result = run_cli(["voice", seed_script, "--voice", "silent", "--media", media], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    manifest = load_manifest(manifest_path(media, load_script(seed_script).slug))
    check_voice_table(result.stdout, manifest)
    assert f"{SEED_SENTENCES} synthesized" in result.stdout
    assert (tmp_path / "env-cache" / "voice").is_dir()


def test_voice_uses_media_env_by_default(runner, seed_script, media_env):
    result = runner.invoke(cli, ["voice", str(seed_script), "--voice", "silent", "--rate", "2"])
    assert result.exit_code == 0, result.output
    manifest = load_manifest(manifest_path(media_env.media, load_script(seed_script).slug))
    assert manifest.voice.params["wpm"] == 320.0


# --- voice: bad inputs ----------------------------------------------------------------------------------


def _make_input(kind: str, tmp_path: Path) -> tuple[Path, tuple[str, ...]]:
    """A bad script of ``kind`` and fragments its error message must contain."""
    path = tmp_path / "bad" / f"{kind}.txt"
    path.parent.mkdir(exist_ok=True)
    if kind == "missing":
        return path, ("no such file",)
    if kind == "directory":
        path.mkdir()
        return path, ("is a directory",)
    data = {
        "empty": b"",
        "whitespace": b"   \n\t \r\n  \n\n",
        "bom-only": "\ufeff \n".encode("utf-8"),
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        "latin-1": "A title\n\nThe first line is fine.\n\nCaf\u00e9 au lait, s'il vous pla\u00eet.\n".encode("latin-1"),
        "unspeakable": b"*** --- ***\n\n!!! ???\n",
    }[kind]
    path.write_bytes(data)
    fragments = {
        "empty": ("empty",),
        "whitespace": ("empty",),
        "bom-only": ("empty",),
        "binary": ("binary",),
        "latin-1": ("not valid UTF-8", "line 5"),
        "unspeakable": ("nothing to narrate",),
    }[kind]
    return path, fragments


BAD_INPUTS = ["missing", "empty", "whitespace", "bom-only", "binary", "latin-1", "directory", "unspeakable"]


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_in_process(kind, runner, tmp_path, monkeypatch, capsys):
    path, fragments = _make_input(kind, tmp_path)
    args = ["voice", str(path), "--voice", "silent", "--media", str(tmp_path / "m")]

    result = runner.invoke(cli, args)
    assert result.exit_code != 0
    assert isinstance(result.exception, UserError), result.output
    assert result.exception.exit_code == 2
    message = str(result.exception)
    assert "\n" not in message and str(path) in message
    for fragment in fragments:
        assert fragment in message

    code, out, err = invoke_main(args, monkeypatch, capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, *fragments)
    assert not (tmp_path / "m").exists()  # nothing was written


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_subprocess(kind, tmp_path):
    path, fragments = _make_input(kind, tmp_path)
    result = run_cli(["voice", path, "--voice", "silent", "--media", tmp_path / "m"], tmp_path, timeout=30)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert_one_line_error(result.stderr, *fragments)


# --- voice: unusual but valid inputs ------------------------------------------------------------------------


def _big_paragraph(words: int = 5000) -> str:
    sentence = "Sentence number {} keeps the narrator busy for a little while longer."  # 12 words
    parts, count, i = [], 0, 0
    while count < words:
        parts.append(sentence.format(i))
        count += 12
        i += 1
    return "A very long paragraph\n\n" + " ".join(parts) + "\n"


UNUSUAL = {
    "emoji": "Emoji day \U0001F389\n\nI love pizza \U0001F355 and coffee \u2615\ufe0f. Flags \U0001F1FA\U0001F1F8 too! \U0001F44D\U0001F3FD\n\n\U0001F680\U0001F680\U0001F680 Launch time.\n",
    "markup": "Markup & symbols\n\nSome <b>bold</b> & {braces} [brackets] *stars* _under_ #hash `code` \\back /slash | pipe ^caret ~tilde.\n\n<i>Italic</i> &amp; 50% of $5 costs {x}.\n",
    "crlf": "A CRLF title\r\n\r\nThe first paragraph. It has two sentences.\r\n\r\nThe second paragraph\r\ncontinues on a second line.\r\n",
}


@pytest.mark.parametrize("kind", [*UNUSUAL, "5000 words"])
def test_unusual_inputs_work(kind, runner, tmp_path):
    path = tmp_path / f"{kind.replace(' ', '-')}.txt"
    text = _big_paragraph() if kind == "5000 words" else UNUSUAL[kind]
    path.write_bytes(text.encode("utf-8"))
    media = tmp_path / "m"
    args = ["voice", str(path), "--voice", "silent", "--media", str(media)]
    if kind == "5000 words":
        args += ["--rate", "2"]
    t0 = time.process_time()  # CPU time: a loaded machine does not make it fail
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, (result.output, result.exception)
    script = load_script(path)
    manifest = load_manifest(manifest_path(media, script.slug))
    check_voice_table(result.stdout, manifest)
    for p in manifest.paragraphs:
        assert manifest.audio_path(p).is_file()
    if kind == "5000 words":
        assert sum(len(p.spoken_text.split()) for p in manifest.paragraphs) >= 5000
        assert len(manifest.paragraphs) == 2 and len(manifest.paragraphs[1].cues) == 417
        assert time.process_time() - t0 < 20  # nothing quadratic in the paragraph's length
    elif kind == "emoji":
        shown = " ".join(p.display_text for p in manifest.paragraphs)
        assert "\U0001F355" not in shown and "pizza" in shown and "Launch time." in shown
    elif kind == "markup":
        body = manifest.paragraphs[1]
        assert "<b>bold</b> & {braces}" in body.display_text
        assert not set("<>&{}[]*_#`\\/|^~") & set(body.spoken_text)
        assert "bold and braces" in body.spoken_text
    elif kind == "crlf":
        assert [p.kind for p in manifest.paragraphs] == ["title", "paragraph", "paragraph"]
        assert manifest.title == "A CRLF title"
        assert len(manifest.paragraphs[1].cues) == 2
        assert manifest.paragraphs[2].display_text == "The second paragraph continues on a second line."
        assert all("\r" not in p.display_text for p in manifest.paragraphs)


def test_unusual_inputs_subprocess(tmp_path):
    """Emoji, markup and CRLF line ends in one file, through the real entry point."""
    text = UNUSUAL["crlf"] + "\r\n" + UNUSUAL["emoji"].replace("\n", "\r\n") + "\r\n" + UNUSUAL["markup"]
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli(["voice", path, "--voice", "silent", "--media", tmp_path / "m"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    manifest = load_manifest(manifest_path(tmp_path / "m", load_script(path).slug))
    check_voice_table(result.stdout, manifest)
    assert len(manifest.paragraphs) == 9  # 3 + 3 + 3 blocks, each first line a paragraph after the title


# --- voice: gTTS with no network -------------------------------------------------------------------------------


@pytest.mark.network_attempt_expected
def test_gtts_without_network_in_process(runner, seed_script, tmp_path, monkeypatch, capsys, block_network):
    args = ["voice", str(seed_script), "--voice", "gtts", "--media", str(tmp_path / "m")]
    t0 = time.monotonic()
    result = runner.invoke(cli, args)
    assert time.monotonic() - t0 < 10
    assert result.exit_code != 0
    assert isinstance(result.exception, VoiceError)
    assert "translate.google.com" in str(result.exception)
    assert block_network  # it really tried, and the guard refused

    t0 = time.monotonic()
    code, out, err = invoke_main(args, monkeypatch, capsys)
    assert time.monotonic() - t0 < 10
    assert code == VoiceError.exit_code != 0 and out == ""
    assert_one_line_error(err, "gTTS needs the network", "--voice piper")
    assert not (tmp_path / "m").exists()


def test_gtts_without_network_subprocess(seed_script, tmp_path):
    if not unshare_works():
        pytest.skip("`unshare -n` is not available here (needs root or user namespaces)")
    t0 = time.monotonic()
    result = run_cli(["voice", seed_script, "--voice", "gtts", "--media", tmp_path / "m"], tmp_path, timeout=30)
    assert time.monotonic() - t0 < 20  # no retries against an unreachable server (wide: CI machines may be busy)
    assert result.returncode != 0
    assert result.stdout == ""
    assert_one_line_error(result.stderr, "gTTS needs the network", "translate.google.com")


def test_unknown_voice_choice_is_a_usage_error(runner, seed_script):
    result = runner.invoke(cli, ["voice", str(seed_script), "--voice", "robot"])
    assert result.exit_code == 2 and "robot" in result.stderr


def test_manifest_written_by_cli_is_valid_json(runner, seed_script, tmp_path):
    result = runner.invoke(cli, ["voice", str(seed_script), "--voice", "silent", "--media", str(tmp_path)])
    assert result.exit_code == 0
    data = json.loads(manifest_path(tmp_path, load_script(seed_script).slug).read_text(encoding="utf-8"))
    assert data["version"] == SCHEMA_VERSION and len(data["paragraphs"]) == SEED_PARAGRAPHS
