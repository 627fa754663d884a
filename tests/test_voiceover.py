"""Tests for the voice stage: sentence cache, paragraph assembly, manifest."""

from __future__ import annotations

import json
import multiprocessing
import traceback
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.manifest import (
    SCHEMA_VERSION,
    load_manifest,
    manifest_from_dict,
    manifest_path,
    save_manifest,
)
from dayinlife_manim.text.script import load_script, parse_script
from dayinlife_manim.voices import SilentVoice
from dayinlife_manim.voices import voiceover as voiceover_mod
from dayinlife_manim.voices.audio import AudioSettings, condition, read_wav, silence, wav_frames
from dayinlife_manim.voices.cache import AudioCache, cache_key
from dayinlife_manim.voices.voiceover import ensure_voiceover, make_voiceover

SEED_PARAGRAPHS = 15
SEED_SENTENCES = 22


def samples_of(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


def padded(n: int, block: int) -> int:
    """``n`` rounded up to a multiple of ``block``."""
    return -(-n // block) * block


def unaligned(settings: AudioSettings, **changes) -> AudioSettings:
    """``settings`` with ``changes`` and, where the field exists, no length alignment."""
    if hasattr(settings, "align_ms"):
        changes["align_ms"] = 0
    return replace(settings, **changes)


def wav_bytes(manifest) -> dict[str, bytes]:
    return {p.id: manifest.audio_path(p).read_bytes() for p in manifest.paragraphs}


def cache_entries(root: Path) -> list[tuple[Path, Path]]:
    """(wav, json) of every committed cache entry."""
    return [(j.with_suffix(".wav"), j) for j in sorted(root.glob("*/*.json")) if not j.name.startswith(".")]


def check_layout(manifest, settings: AudioSettings) -> None:
    """Every invariant between the WAVs, the sample counts and the cues."""
    rate = settings.sample_rate
    assert manifest.sample_rate == rate
    lead, gap, tail = (samples_of(ms, rate) for ms in (settings.lead_in_ms, settings.gap_ms, settings.tail_ms))
    block = samples_of(getattr(settings, "align_ms", 0), rate) or 1
    for p in manifest.paragraphs:
        frames, wav_rate = wav_frames(manifest.audio_path(p))
        assert (frames, wav_rate) == (p.samples, rate), p.id
        assert p.duration == p.samples / rate  # exactly
        assert p.cues, p.id
        starts = [round(c.start * rate) for c in p.cues]
        ends = [round(c.end * rate) for c in p.cues]
        for c, a, b in zip(p.cues, starts, ends):
            assert c.start == a / rate and c.end == b / rate  # cues sit on sample boundaries
            assert 0 <= a < b <= p.samples
        assert starts[0] == lead
        for prev_end, next_start in zip(ends, starts[1:]):
            assert next_start - prev_end == gap  # cues ordered, separated by the gap
        # The tail follows the last cue; when the settings align paragraph lengths
        # (align_ms), the tail is padded up to the next multiple of that block.
        assert p.samples == padded(ends[-1] + tail, block)
        if block == 1:
            assert p.duration == pytest.approx(p.cues[-1].end + settings.tail_ms / 1000, abs=1e-12)


# --- the seed script -----------------------------------------------------------------


@pytest.fixture
def seed_copy(tmp_path: Path, seed_script: Path) -> Path:
    """A writable copy of the seed script (same file name, so same slug)."""
    path = tmp_path / "script" / seed_script.name
    path.parent.mkdir()
    path.write_bytes(seed_script.read_bytes())
    return path


def test_seed_script_gives_15_wavs_and_a_consistent_manifest(seed_script, media_env, fake_voice):
    script = load_script(seed_script)
    manifest, stats = make_voiceover(script, fake_voice)  # media and cache from the environment

    out = media_env.media / script.slug
    assert manifest.root == out
    assert manifest_path(media_env.media, script.slug).is_file()
    assert sorted(p.name for p in (out / "voice").glob("*.wav")) == sorted(
        f"{p.id}.wav" for p in script.paragraphs
    )
    assert len(manifest.paragraphs) == SEED_PARAGRAPHS
    assert stats.sentences == SEED_SENTENCES == stats.synthesized == fake_voice.calls
    assert stats.cached == 0
    assert [p.id for p in manifest.paragraphs] == [p.id for p in script.paragraphs]
    assert manifest.paragraphs[0].kind == "title"
    assert manifest.voice.backend == "fake"
    assert manifest.voice.params == {**fake_voice.params(), **AudioSettings().cache_params()}
    assert manifest.script_sha256 == script.sha256
    assert len(cache_entries(media_env.voice_cache)) == SEED_SENTENCES
    check_layout(manifest, AudioSettings())

    # Each cue holds its sentence: the trimmed tone plus keep_ms of silence each side.
    keep = AudioSettings().keep_ms / 1000
    for para, p in zip(script.paragraphs, manifest.paragraphs):
        assert [c.text for c in p.cues] == [s.text for s in para.sentences]
        for cue, sentence in zip(p.cues, para.sentences):
            assert cue.duration == pytest.approx(
                type(fake_voice).tone_seconds(sentence.spoken) + 2 * keep, abs=0.02
            )


def test_custom_layout_gaps_and_no_resynthesis(seed_script, tmp_path, fake_voice):
    script = load_script(seed_script)
    make_voiceover(script, fake_voice, tmp_path / "m", cache_dir=tmp_path / "c")
    layout = unaligned(AudioSettings(), lead_in_ms=120, gap_ms=275, tail_ms=333)
    manifest, stats = make_voiceover(script, fake_voice, tmp_path / "m", settings=layout, cache_dir=tmp_path / "c")
    assert stats.synthesized == 0  # the layout is not part of a sentence's sound
    check_layout(manifest, layout)
    for p in manifest.paragraphs:  # exactly lead-in + sentences + gaps + tail
        assert p.samples == round(p.cues[-1].end * 48_000) + samples_of(333, 48_000)
        assert p.duration == pytest.approx(p.cues[-1].end + 0.333, abs=1e-12)


def test_loudness_of_conditioned_sentences_is_on_target(seed_script, tmp_path, fake_voice):
    settings = AudioSettings()
    script = load_script(seed_script)
    manifest, _ = make_voiceover(script, fake_voice, tmp_path, settings=settings)
    levels = []
    for p in manifest.paragraphs:
        audio = read_wav(manifest.audio_path(p))
        raw = audio.raw_data
        for cue in p.cues:
            a, b = round(cue.start * audio.frame_rate), round(cue.end * audio.frame_rate)
            seg = audio._spawn(raw[2 * a : 2 * b])
            levels.append(seg.dBFS)
            assert seg.max_dBFS <= settings.peak_dbfs + 0.01
    assert len(levels) == SEED_SENTENCES
    assert all(abs(level - settings.target_dbfs) < 1.0 for level in levels), levels
    # the raw voice output really was at other levels
    raw_levels = {round(type(fake_voice).amplitude(s.spoken), 2) for p in script.paragraphs for s in p.sentences}
    assert len(raw_levels) > 3


def test_condition_trims_resamples_and_levels_one_sentence(fake_voice):
    settings = AudioSettings()
    text = "A sentence of medium length for the trimming test."
    samples, rate = fake_voice.synthesize(text)
    assert rate == 22_050
    seg = condition(samples, rate, settings)
    assert seg.frame_rate == 48_000 and seg.channels == 1 and seg.sample_width == 2
    expected = type(fake_voice).tone_seconds(text) + 2 * settings.keep_ms / 1000
    assert seg.frame_count() / 48_000 == pytest.approx(expected, abs=0.02)
    assert len(samples) / rate > expected + 0.3  # the lead and trail really were cut
    assert seg.dBFS == pytest.approx(settings.target_dbfs, abs=0.5)


def test_silent_voice_stays_silent_and_untrimmed(tmp_path):
    voice = SilentVoice(wpm=160)
    samples, rate = voice.synthesize("one two three four five six seven eight")
    seg = condition(samples, rate, AudioSettings())
    assert seg.frame_count() == 3 * 48_000 and seg.max_dBFS == float("-inf")
    script = parse_script("Title here\n\nOne two three. Four five six seven.\n", name="s")
    manifest, stats = make_voiceover(script, voice, tmp_path)
    check_layout(manifest, AudioSettings())
    assert stats.synthesized == 3  # the title and two sentences


# --- the cache ---------------------------------------------------------------------------


def test_second_run_synthesizes_nothing(seed_script, tmp_path, fake_voice_cls):
    script = load_script(seed_script)
    first, _ = make_voiceover(script, fake_voice_cls(), tmp_path)
    before = wav_bytes(first)
    again = fake_voice_cls()
    second, stats = make_voiceover(script, again, tmp_path)
    assert again.calls == 0 and stats.synthesized == 0 and stats.cached == SEED_SENTENCES
    assert second.to_dict() == first.to_dict()
    assert wav_bytes(second) == before


def test_changing_one_sentence_resynthesizes_one(seed_copy, tmp_path, fake_voice_cls):
    first, _ = make_voiceover(load_script(seed_copy), fake_voice_cls(), tmp_path)
    before = wav_bytes(first)
    text = seed_copy.read_text(encoding="utf-8")
    assert text.count("White my model is training") == 1
    seed_copy.write_text(text.replace("White my model is training", "While my model is training"), encoding="utf-8")

    voice = fake_voice_cls()
    edited, stats = make_voiceover(load_script(seed_copy), voice, tmp_path)
    assert stats.synthesized == voice.calls == 1
    assert voice.texts == ["While my model is training, in the meantime, I can quickly cool off in the pool."]
    changed = [p.id for p in edited.paragraphs if p.id not in before]
    assert changed == ["05-while-my-model-is"]
    assert not (first.root / "voice" / "05-white-my-model-is.wav").exists()  # the stale WAV is gone
    after = wav_bytes(edited)
    assert len(after) == SEED_PARAGRAPHS
    for pid, data in before.items():
        if pid != "05-white-my-model-is":
            assert after[pid] == data, pid
    check_layout(edited, AudioSettings())


@pytest.mark.parametrize("change", ["voice rate", "voice pitch", "target loudness", "silent wpm"])
def test_changing_a_sound_parameter_resynthesizes_all(change, seed_script, tmp_path, fake_voice_cls):
    script = load_script(seed_script)
    settings = AudioSettings()
    if change == "silent wpm":
        make_voiceover(script, SilentVoice(wpm=160), tmp_path)
        _, stats = make_voiceover(script, SilentVoice(wpm=200), tmp_path)
        assert stats.synthesized == SEED_SENTENCES
        return
    make_voiceover(script, fake_voice_cls(), tmp_path)
    voice = fake_voice_cls()
    if change == "voice rate":
        voice = fake_voice_cls(rate=1.25)
    elif change == "voice pitch":
        voice = fake_voice_cls(pitch=300.0)
    else:
        settings = replace(settings, target_dbfs=-23.0)
    _, stats = make_voiceover(script, voice, tmp_path, settings=settings)
    assert stats.synthesized == voice.calls == SEED_SENTENCES


SHORT_SCRIPT = "Cache test\n\nThe first sentence is here. The second one follows it.\n\nA third sentence ends the script.\n"


def _corrupt(kind: str, wav: Path, meta: Path) -> None:
    """Leave the cache entry as a process killed mid-write (or a bad disk) would."""
    if kind == "wav without json":
        meta.unlink()
    elif kind == "tmp files only":
        data_wav, data_json = wav.read_bytes(), meta.read_bytes()
        wav.unlink()
        meta.unlink()
        (wav.parent / f".{wav.stem}.abc123.tmp.wav").write_bytes(data_wav[: len(data_wav) // 2])
        (wav.parent / f".{meta.stem}.def456.tmp.json").write_bytes(data_json)
    elif kind == "wav and json tmp":
        meta.unlink()
        (wav.parent / f".{meta.stem}.def456.tmp.json").write_text('{"samples": 1', encoding="utf-8")
    elif kind == "truncated json":
        meta.write_text(meta.read_text(encoding="utf-8")[:10], encoding="utf-8")
    elif kind == "empty json":
        meta.write_bytes(b"")
    elif kind == "json not an object":
        meta.write_text("[1, 2, 3]\n", encoding="utf-8")
    elif kind == "json null":
        meta.write_text("null\n", encoding="utf-8")
    elif kind == "json wrong samples":
        info = json.loads(meta.read_text(encoding="utf-8"))
        info["samples"] += 480
        meta.write_text(json.dumps(info), encoding="utf-8")
    elif kind == "truncated wav":
        data = wav.read_bytes()
        wav.write_bytes(data[: len(data) // 2])
    elif kind == "wav cut inside header":
        wav.write_bytes(wav.read_bytes()[:20])
    elif kind == "empty wav":
        wav.write_bytes(b"")
    elif kind == "json without wav":
        wav.unlink()
    elif kind == "garbage wav":
        wav.write_bytes(b"this is not a wav file at all, just text" * 10)
    elif kind == "samples changed":  # same size, same header: only the digest tells
        data = bytearray(wav.read_bytes())
        data[-100:] = bytes(100)
        wav.write_bytes(bytes(data))
    else:  # pragma: no cover
        raise AssertionError(kind)


CORRUPTIONS = [
    "wav without json",
    "tmp files only",
    "wav and json tmp",
    "truncated json",
    "empty json",
    "json not an object",
    "json null",
    "json wrong samples",
    "truncated wav",
    "wav cut inside header",
    "empty wav",
    "json without wav",
    "garbage wav",
    "samples changed",
]
#: Left as a killed write leaves it: remade without a note (the note is for an entry that was made).
HALF_WRITTEN = {"tmp files only"}


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_broken_cache_entry_is_not_used(kind, tmp_path, fake_voice_cls, capsys):
    script = parse_script(SHORT_SCRIPT, name="cache-test")
    reference, _ = make_voiceover(script, fake_voice_cls(), tmp_path / "ref")
    ref_audio = wav_bytes(reference)

    media = tmp_path / "media"
    make_voiceover(script, fake_voice_cls(), media)
    cache_root = media / "cache" / "voice"
    entries = cache_entries(cache_root)
    assert len(entries) == 4
    wav, meta = entries[1]
    text = json.loads(meta.read_text(encoding="utf-8"))["text"]
    _corrupt(kind, wav, meta)

    capsys.readouterr()
    voice = fake_voice_cls()
    manifest, stats = make_voiceover(script, voice, media)
    assert stats.synthesized == voice.calls == 1  # only the broken entry
    said = capsys.readouterr().err
    if kind in HALF_WRITTEN:
        assert "damaged" not in said
    else:
        assert f'note: sentence "{text}" was damaged in the cache; voicing it again' in said
    assert manifest.to_dict() == reference.to_dict()
    assert wav_bytes(manifest) == ref_audio
    check_layout(manifest, AudioSettings())

    healed = fake_voice_cls()
    make_voiceover(script, healed, media)
    assert healed.calls == 0  # the entry was rewritten properly


def test_cache_get_put_roundtrip(tmp_path, fake_voice):
    cache = AudioCache(tmp_path)
    key = cache_key("fake", {"x": 1}, "Hello.")
    assert cache.get(key) is None
    seg = condition(*fake_voice.synthesize("Hello."), AudioSettings())
    cache.put(key, seg, {"text": "Hello."})
    got = cache.get(key)
    assert got is not None and got.raw_data == seg.raw_data and got.frame_rate == seg.frame_rate
    meta = tmp_path / key[:2] / f"{key}.json"
    info = json.loads(meta.read_text(encoding="utf-8"))
    assert info["samples"] == seg.frame_count() and info["sample_rate"] == 48_000 and info["text"] == "Hello."
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]  # no temporary files left behind


# --- two processes at once ------------------------------------------------------------------


def _voice_in_child(script_path, media, cache, barrier, queue, fake_cls) -> None:
    try:
        barrier.wait(timeout=30)
        voice = fake_cls()
        manifest, stats = make_voiceover(load_script(script_path), voice, Path(media), cache_dir=Path(cache))
        queue.put(("ok", manifest.to_dict(), stats.synthesized))
    except BaseException:  # report anything to the parent
        queue.put(("error", traceback.format_exc(), 0))


@pytest.mark.parametrize("shared_media", [False, True], ids=["own-media", "shared-media"])
def test_two_processes_share_one_cache(shared_media, seed_script, tmp_path, fake_voice_cls):
    ctx = multiprocessing.get_context("fork")
    cache = tmp_path / "cache"
    medias = [tmp_path / "media"] * 2 if shared_media else [tmp_path / "m1", tmp_path / "m2"]
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_voice_in_child, args=(seed_script, m, cache, barrier, queue, fake_voice_cls))
        for m in medias
    ]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    for status, payload, _ in results:
        assert status == "ok", payload
    (_, first, n1), (_, second, n2) = results
    assert first == second
    assert n1 + n2 == SEED_SENTENCES  # each sentence voiced once, under its lock
    files = {manifest_path(m, first["slug"]).read_bytes() for m in medias}
    assert len(files) == 1  # identical manifest files

    # The shared cache is complete and sound: a third run synthesizes nothing.
    assert len(cache_entries(cache)) == SEED_SENTENCES
    assert not [p for p in cache.rglob("*") if ".tmp" in p.name]
    voice = fake_voice_cls()
    manifest, stats = make_voiceover(load_script(seed_script), voice, tmp_path / "m3", cache_dir=cache)
    assert voice.calls == 0
    assert manifest.to_dict() == first
    check_layout(load_manifest(manifest_path(medias[0], first["slug"])), AudioSettings())


# --- the manifest ----------------------------------------------------------------------------


def test_manifest_round_trips(seed_script, tmp_path, fake_voice):
    manifest, _ = make_voiceover(load_script(seed_script), fake_voice, tmp_path)
    path = manifest_path(tmp_path, manifest.slug)
    loaded = load_manifest(path)
    assert loaded == manifest
    assert loaded.to_dict() == manifest.to_dict()
    assert loaded.root == path.parent
    assert loaded.audio_path(loaded.paragraphs[3]).is_file()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert next(iter(data)) == "version" and data["version"] == SCHEMA_VERSION
    # save again elsewhere and reload: byte-identical, paths stay relative
    other = save_manifest(loaded, tmp_path / "copy" / "manifest.json")
    assert other.read_bytes() == path.read_bytes()
    assert all(not Path(p["audio"]).is_absolute() for p in data["paragraphs"])
    assert loaded.paragraph("03").id.startswith("03-") and loaded.paragraph(3) == loaded.paragraphs[3]
    with pytest.raises(UserError, match="no paragraph"):
        loaded.paragraph("99")


def test_newer_manifest_version_is_refused(seed_script, tmp_path, fake_voice):
    manifest, _ = make_voiceover(load_script(seed_script), fake_voice, tmp_path)
    path = manifest_path(tmp_path, manifest.slug)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserError, match=rf"schema version {SCHEMA_VERSION + 1}\b") as info:
        load_manifest(path)
    assert "\n" not in str(info.value) and "upgrade" in str(info.value)


@pytest.mark.parametrize(
    "text, match",
    [
        ("{not json", "cannot read manifest"),
        ("[]", "not a dayinlife manifest"),
        ('{"version": "1"}', "not a dayinlife manifest"),
        ('{"version": 0}', "unknown schema version 0"),
        ('{"version": 1, "title": "x"}', "malformed"),
    ],
)
def test_bad_manifest_files_give_user_errors(tmp_path, text, match):
    path = tmp_path / "manifest.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=match):
        load_manifest(path)


def test_missing_manifest_says_what_to_run(tmp_path):
    with pytest.raises(UserError, match="dayinlife voice"):
        load_manifest(tmp_path / "nope" / "manifest.json")


def test_manifest_from_dict_needs_a_version():
    with pytest.raises(UserError, match="no schema version"):
        manifest_from_dict({"title": "x"})


# --- ensure_voiceover ---------------------------------------------------------------------------


@pytest.fixture
def voice_factory(monkeypatch, fake_voice_cls):
    """Replace get_voice in the voiceover module; record every call and voice made."""
    calls: list[tuple[str, dict]] = []
    made: list = []

    def factory(name, *, say=None, **options):
        calls.append((name, options))
        voice = fake_voice_cls(rate=options.get("rate", 1.0))
        made.append(voice)
        return voice

    monkeypatch.setattr(voiceover_mod, "get_voice", factory)
    return calls, made


def test_ensure_voiceover_reuses_current_and_remakes_stale(seed_copy, media_env, voice_factory):
    calls, made = voice_factory
    first = ensure_voiceover(seed_copy, voice="fake")
    assert calls == [("fake", {"lang": "en"})] and made[0].calls == SEED_SENTENCES  # the script's language
    assert first.root == media_env.media / first.slug  # $DAYINLIFE_MEDIA is the default

    again = ensure_voiceover(seed_copy)
    assert len(calls) == 1  # current: reused, no voice built
    assert again == first

    # edit the script: stale, remade with the backend (and rate) it was made with
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("cool off in the pool", "cool off in the lake"), encoding="utf-8")
    remade = ensure_voiceover(seed_copy)
    assert calls[-1] == ("fake", {"rate": 1.0, "lang": "en"})
    assert made[-1].calls == 1
    assert remade.script_sha256 == load_script(seed_copy).sha256 != first.script_sha256
    check_layout(remade, AudioSettings())

    # a paragraph's audio went missing: stale again, remade from the cache
    remade.audio_path(remade.paragraphs[4]).unlink()
    fixed = ensure_voiceover(seed_copy)
    assert len(calls) == 3 and made[-1].calls == 0
    assert fixed.audio_path(fixed.paragraphs[4]).is_file()
    assert fixed == remade


def test_ensure_voiceover_remakes_an_unreadable_manifest(seed_copy, media_env, voice_factory):
    calls, made = voice_factory
    first = ensure_voiceover(seed_copy, voice="fake")
    path = manifest_path(media_env.media, first.slug)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    remade = ensure_voiceover(seed_copy, voice="fake")
    assert len(calls) == 2 and made[-1].calls == 0
    assert load_manifest(path) == remade == first


def test_layout_silence_helper_is_exact():
    for ms in (0, 1, 350, 450, 650, 1234):
        assert silence(ms, 48_000).frame_count() == samples_of(ms, 48_000)


def test_a_run_leaves_another_processes_write_in_progress_alone(tmp_path, fake_voice_cls):
    """Two runs sharing a media folder: the one finishing first must not delete the
    other's temporary paragraph WAV (its rename would then fail)."""
    from dayinlife_manim.core.fsutil import atomic_path

    script = parse_script(SHORT_SCRIPT, name="cache-test")
    manifest, _ = make_voiceover(script, fake_voice_cls(), tmp_path)
    target = manifest.audio_path(manifest.paragraphs[1])
    with atomic_path(target) as tmp:  # "the other process", mid-write
        tmp.write_bytes(target.read_bytes())
        make_voiceover(script, fake_voice_cls(), tmp_path)
        assert tmp.exists()
    assert wav_frames(target)[0] == manifest.paragraphs[1].samples


def test_ensure_voiceover_remakes_a_silent_voiceover_at_its_rate(seed_copy, media_env):
    from dayinlife_manim.voices import get_voice

    make_voiceover(load_script(seed_copy), get_voice("silent", rate=2.0))
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text.replace("cool off in the pool", "cool off in the lake"), encoding="utf-8")
    remade = ensure_voiceover(seed_copy)
    assert remade.voice.backend == "silent"
    assert remade.voice.params["wpm"] == 320.0  # not back to the default 160


@pytest.mark.parametrize(("rate", "target"), [(22_050, 48_000), (16_000, 48_000), (44_100, 48_000), (48_000, 22_050)])
@pytest.mark.parametrize("length", [1, 146, 147, 1000, 33_333])
def test_resampling_matches_scipy_resample_poly(rate: int, target: int, length: int) -> None:
    """The voice stage's numpy resampler gives what scipy's resample_poly gives (without
    the second that importing scipy.signal costs), for any length, both ways."""
    from math import gcd

    from scipy.signal import resample_poly

    from dayinlife_manim.voices.audio import resample

    x = np.random.default_rng(length).standard_normal(length).astype(np.float32) * 0.3
    g = gcd(rate, target)
    want = resample_poly(x, target // g, rate // g)
    got = resample(x, rate, target)
    assert got.dtype == np.float32 and got.shape == want.shape
    assert np.abs(got - want).max() < 1e-5
