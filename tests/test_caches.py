"""``dayinlife cache``: sizes of every cache, pruning by age, by size and all, and entries
whose lock another process holds are kept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dayinlife_manim.author.caches import find_caches, parse_duration, parse_size, prune
from dayinlife_manim.cli import cli
from dayinlife_manim.core.errors import UserError

DAY = 86400
SLUG = "my-day"
TAG = "428x240@10"


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def _file(path: Path, size: int, age_days: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    when = time.time() - age_days * DAY
    os.utime(path, (when, when))
    return path


def _scene(media: Path, para: str, size: int, age_days: float) -> list[Path]:
    """A scene cache entry as the scheduler leaves it: MP4, key, log and a stills folder."""
    folder = media / SLUG / "scenes" / TAG
    files = [_file(folder / f"{para}.mp4", size, age_days), _file(folder / f"{para}.key", 65, age_days),
             _file(folder / f"{para}.log", 100, age_days), _file(folder / f"{para}.stills" / "stills.json", 35, age_days)]
    os.utime(folder / f"{para}.stills", (time.time() - age_days * DAY,) * 2)
    return files


def _sentence(cache: Path, key: str, size: int, age_days: float) -> list[Path]:
    folder = cache / "voice" / key[:2]
    return [_file(folder / f"{key}.wav", size, age_days), _file(folder / f"{key}.json", 60, age_days)]


def _sizes(media: Path) -> dict[str, tuple[int, int]]:
    return {c.label: (len(c.entries), c.size) for c in find_caches(media)}


def test_parse_age_and_size():
    assert parse_duration("30d") == 30 * DAY and parse_duration("12h") == 12 * 3600 and parse_duration("2w") == 14 * DAY
    assert parse_size("2G") == 2 << 30 and parse_size("500M") == 500 << 20 and parse_size("1.5GiB") == 3 << 29
    assert parse_size("100k") == 100 << 10 and parse_size("4096") == 4096
    for bad in ("30", "soon", "-1d"):
        with pytest.raises(UserError):
            parse_duration(bad)
    with pytest.raises(UserError):
        parse_size("lots")


def test_sizes_of_every_cache(media_env, runner):
    media = media_env.media
    _scene(media, "00-intro", 30_000, 1)
    _scene(media, "01-work", 20_000, 1)
    _file(media / SLUG / "soundtrack" / "soundtrack-abc.m4a", 8_000)
    _file(media / SLUG / "soundtrack" / "soundtrack-abc.m4a.json", 100)
    _file(media / SLUG / "storyboard" / "854x480@15" / "00-intro" / "00-f00003.png", 5_000)
    _sentence(media_env.cache, "ab" + "0" * 62, 10_000, 1)
    _file(media_env.cache / "piper" / "f00d.onnx", 12_000)
    _file(media_env.cache / "fonts" / "faces-1234.json", 3_000)
    _file(media_env.cache / "langid" / "1.0-99-88.npz", 4_000)
    _file(media / SLUG / "scenes" / TAG / ".01-work.123@host.x.tmp.mp4", 50_000)  # a write in progress: not counted
    sizes = _sizes(media)
    assert sizes[f"scenes: {SLUG} {TAG}"] == (2, 50_000 + 2 * (65 + 100 + 35))
    assert sizes[f"soundtracks: {SLUG}"] == (1, 8_100)
    assert sizes[f"storyboard: {SLUG} 854x480@15"] == (1, 5_000)
    assert sizes["voice sentences"] == (1, 10_060)
    assert sizes["derived piper models"] == (1, 12_000)
    assert sizes["font list"] == (1, 3_000) and sizes["language model"] == (1, 4_000)

    result = runner.invoke(cli, ["cache", "--media", str(media)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["cache", "entries", "size", "folder"]
    row = next(line for line in lines if line.startswith(f"scenes: {SLUG} {TAG}"))
    assert row.split()[3:6] == ["2", "49.2", "KiB"] and row.endswith(str(media / SLUG / "scenes" / TAG))
    assert lines[-1].split()[:2] == ["total", "8"]
    assert "removed" not in result.output  # showing prunes nothing
    assert _sizes(media) == sizes


def test_prune_by_age(media_env, runner):
    media = media_env.media
    old = _scene(media, "00-intro", 10_000, 40)
    new = _scene(media, "01-work", 10_000, 2)
    old_sentence = _sentence(media_env.cache, "cd" + "1" * 62, 5_000, 45)
    result = runner.invoke(cli, ["cache", "--media", str(media), "--older-than", "30d"])
    assert result.exit_code == 0, result.output
    assert f"removed 2 entries ({(10_000 + 200 + 5_060) / 1024:.1f} KiB)" in result.stderr
    assert not any(p.exists() for p in old + old_sentence) and not (old[0].parent / "00-intro.stills").exists()
    assert all(p.exists() for p in new)
    # the emptied folder keeps only its lock files (a lock file never vanishes: another process may wait on it)
    assert [p.name for p in old_sentence[0].parent.iterdir()] == [".locks"]


def test_prune_to_a_size_removes_the_least_recently_used(media_env):
    media = media_env.media
    entries = {name: _scene(media, name, 100_000, age) for name, age in (("00-a", 5), ("01-b", 3), ("02-c", 4), ("03-d", 1))}
    report = prune(find_caches(media), max_size=250_000)
    assert sorted(e.name for e in report.removed) == ["00-a.key", "02-c.key"]  # oldest first, until 2 entries are left
    assert [name for name, files in entries.items() if files[0].exists()] == ["01-b", "03-d"]
    assert report.freed == 2 * 100_200 and report.held == []


def test_prune_all_then_build_again(media_env, runner):
    media = media_env.media
    _scene(media, "00-a", 1000, 0)
    _sentence(media_env.cache, "ef" + "2" * 62, 1000, 0)
    _file(media_env.cache / "fonts" / "faces-1.json", 10)
    result = runner.invoke(cli, ["cache", "--media", str(media), "--all"])
    assert result.exit_code == 0 and "removed 3 entries" in result.stderr
    assert all(c.entries == [] for c in find_caches(media))


HOLD = """
import sys
from dayinlife_manim.core.locks import FileLock
lock = FileLock(sys.argv[1], sys.argv[2])
assert lock.acquire(block=False)
print("held", flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("what", ["scene", "script", "sentence"])
def test_an_entry_whose_lock_another_process_holds_is_kept(media_env, runner, what):
    """A running build holds a scene's lock while it renders it, the script's finish lock while it
    stitches; the sentence cache's lock is per key: every entry under a held lock stays."""
    media = media_env.media
    held = _scene(media, "00-a", 1000, 40)
    other = _scene(media, "01-b", 1000, 40)
    sentence = _sentence(media_env.cache, "ab" + "3" * 62, 1000, 40)
    folder, name = {
        "scene": (held[0].parent, "00-a"),
        "script": (media / SLUG, "finish"),
        "sentence": (sentence[0].parent, sentence[0].stem),
    }[what]
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        result = runner.invoke(cli, ["cache", "--media", str(media), "--older-than", "30d"])
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert result.exit_code == 0, result.output
    if what == "scene":
        assert all(p.exists() for p in held) and not other[0].exists() and not sentence[0].exists()
        assert "removed 2 entries" in result.stderr and "1 kept: a running build holds them" in result.stderr
    elif what == "script":  # the stitch reads every scene of the script
        assert all(p.exists() for p in held + other) and not sentence[0].exists()
        assert "2 kept" in result.stderr
    else:
        assert all(p.exists() for p in sentence) and not held[0].exists() and not other[0].exists()
    # once the build is gone, the entry goes too
    runner.invoke(cli, ["cache", "--media", str(media), "--older-than", "30d"])
    assert not held[0].exists() and not sentence[0].exists()


@pytest.mark.slow
def test_cache_of_a_real_build(media_env, tmp_path, runner):
    """After a build: its sentences, scenes and soundtrack are listed; pruned, the next build renders again."""
    script = tmp_path / "small.txt"
    script.write_text("# My day\n\nThe alarm rings at seven. I make coffee.\n\nAt nine I open my laptop.\n", encoding="utf-8")
    args = [sys.executable, "-m", "dayinlife_manim.cli", "build", str(script), "--voice", "silent", "--quality", "tiny",
            "--media", str(media_env.media)]
    env = {**os.environ, "DAYINLIFE_CACHE": str(media_env.cache)}
    first = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert first.returncode == 0, first.stderr
    sizes = _sizes(media_env.media)
    assert sizes[f"scenes: {SLUG} {TAG}"][0] == 3 and sizes[f"soundtracks: {SLUG}"][0] == 1
    assert sizes["voice sentences"][0] == 4 and sizes["font list"][0] == 2
    result = runner.invoke(cli, ["cache", "--media", str(media_env.media), "--all"])
    assert result.exit_code == 0 and "removed" in result.stderr
    again = subprocess.run([*args, "--force"], capture_output=True, text=True, timeout=120, env=env)
    assert again.returncode == 0, again.stderr
    assert "(3 rendered, 0 cached" in again.stdout, again.stdout
