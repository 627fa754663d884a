"""Inline [pause 1.5s] and [show NAME]: neither shown nor spoken; the silence is in the WAV, the cue in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.manifest import SCHEMA_VERSION, load_manifest, manifest_from_dict, save_manifest
from dayinlife_manim.text.directives import check_show_names
from dayinlife_manim.text.script import load_script, parse_script
from dayinlife_manim.voices.audio import AudioSettings, read_wav, segment_samples
from dayinlife_manim.voices.voiceover import make_voiceover

NO_ALIGN = AudioSettings(align_ms=0)


def test_directives_are_neither_shown_nor_spoken():
    script = parse_script("Trip\n\nWe pack. [pause 1.5s] Then we go [show coffee] for coffee.\n")
    p = script.paragraphs[1]
    assert [s.text for s in p.sentences] == ["We pack.", "Then we go for coffee."]
    assert all("[" not in s.text and "pause" not in s.spoken and "show" not in s.spoken for s in p.sentences)
    assert p.sentences[1].pauses == ((0, 1.5),)
    assert p.sentences[1].shows == ((11, "coffee"),)  # the offset of "for", the word after it


def test_a_pause_adds_exactly_its_silence_and_shifts_every_later_time(tmp_path: Path, fake_voice):
    plain = parse_script("Trip\n\nWe pack the bags. Then we go home.\n")
    paused = parse_script("Trip\n\nWe pack the bags. [pause 1.5s] Then we go home.\n")
    a, _ = make_voiceover(plain, fake_voice, tmp_path / "a", settings=NO_ALIGN, cache_dir=tmp_path / "cache")
    b, _ = make_voiceover(paused, fake_voice, tmp_path / "b", settings=NO_ALIGN, cache_dir=tmp_path / "cache")
    pa, pb = a.paragraphs[1], b.paragraphs[1]
    assert pb.samples - pa.samples == round(1.5 * NO_ALIGN.sample_rate)
    assert pb.cues[0] == pa.cues[0]  # before the pause: unchanged
    second_a, second_b = pa.cues[1], pb.cues[1]
    for wa, wb in zip(second_a.words, second_b.words):
        assert wb.start - wa.start == pytest.approx(1.5, abs=1e-3)
    assert second_b.end - second_a.end == pytest.approx(1.5, abs=1e-4)
    # the silence itself is in the WAV, where the pause stands
    samples = segment_samples(read_wav(b.audio_path(pb)))
    rate = NO_ALIGN.sample_rate
    gap = samples[int(pb.cues[0].end * rate) : int(second_b.words[0].start * rate)]
    assert len(gap) >= round(1.5 * rate) and np.abs(gap[: round(1.5 * rate)]).max() < 1e-3


def test_a_pause_inside_a_sentence_cuts_it_there(tmp_path: Path, fake_voice):
    script = parse_script("Trip\n\nWe pack the bags [pause 2s] and then we go home.\n")
    manifest, _ = make_voiceover(script, fake_voice, tmp_path, settings=NO_ALIGN, cache_dir=tmp_path / "cache")
    words = manifest.paragraphs[1].cues[0].words
    assert [w.text for w in words][3:5] == ["bags", "and"]
    assert words[4].start - words[3].end >= 2.0 - 1e-3
    assert "We pack the bags" in fake_voice.texts and "and then we go home." in fake_voice.texts


def test_show_cues_reach_the_manifest_with_their_word(tmp_path: Path, fake_voice):
    script = parse_script("Trip\n\nFirst we stop [show coffee] for coffee and cake.\n")
    manifest, _ = make_voiceover(script, fake_voice, tmp_path, settings=NO_ALIGN, cache_dir=tmp_path / "cache")
    cue = manifest.paragraphs[1].cues[0]
    assert cue.shows == ((3, "coffee"),) and cue.words[3].text == "for"
    assert cue.spoken == script.paragraphs[1].sentences[0].spoken == "First we stop for coffee and cake."
    again = load_manifest(tmp_path / script.slug / "manifest.json")
    assert again.paragraphs[1].cues[0].shows == cue.shows and again.version == SCHEMA_VERSION == 3


def test_a_version_2_manifest_is_upgraded(tmp_path: Path, fake_voice):
    script = parse_script("Trip\n\nWe pack.\n")
    manifest, _ = make_voiceover(script, fake_voice, tmp_path, settings=NO_ALIGN, cache_dir=tmp_path / "cache")
    data = manifest.to_dict()
    data["version"] = 2
    for p in data["paragraphs"]:
        p.pop("section"), p.pop("items")
        for c in p["cues"]:
            c.pop("spans"), c.pop("shows"), c.pop("spoken")
    old = manifest_from_dict(json.loads(json.dumps(data)))
    assert old.upgraded_from == 2 and old.paragraphs[1].cues[0].shows == () and old.paragraphs[1].section == ""
    assert old.paragraphs[1].cues[0].words == manifest.paragraphs[1].cues[0].words
    save_manifest(old, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["version"] == 3


@pytest.mark.parametrize(
    "line, message",
    [
        ("Wait [pauze 2s] here.", r"t\.txt, line 3, column 6: unknown directive \[pauze\]: did you mean \[pause"),
        ("Wait [pause soon] here.", r"line 3, column 6: \[pause\] needs a length"),
        ("Wait [pause 99s] here.", r"at most 30 s"),
        ("Wait [show] here.", r"\[show\] needs one name"),
    ],
)
def test_a_bad_directive_is_a_one_line_error_with_its_place(tmp_path: Path, line: str, message: str):
    path = tmp_path / "t.txt"
    path.write_text(f"Title\n\n{line}\n", encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_script(path)


def test_ordinary_brackets_stay_text():
    script = parse_script("Notes\n\nHe said [sic] it twice [1].\n")
    assert script.paragraphs[1].text == "He said [sic] it twice [1]."


def test_an_unknown_name_is_an_error_with_the_nearest_names(tmp_path: Path):
    path = tmp_path / "t.txt"
    path.write_text("Title\n\nWe stop [show cofee] for a break.\n", encoding="utf-8")
    script = load_script(path)
    with pytest.raises(UserError, match=r"t\.txt, line 3, column 9: unknown name \[show cofee\]: did you mean coffee"):
        check_show_names(script.directives, {"coffee", "laptop", "pool"}, label=str(path))


def test_sections_lists_and_cues_are_part_of_the_scene_key(tmp_path: Path, fake_voice):
    from dataclasses import replace

    from dayinlife_manim.autoscene import AutoScene
    from dayinlife_manim.render.scenecache import scene_key
    from dayinlife_manim.render.settings import RenderSettings

    settings = RenderSettings.from_options("tiny", "16:9", None, cfr=False)
    doc = "# Trip\n\n## Morning\n\nWe stop [show coffee] for coffee.\n\nWe pack the bags.\n"
    manifest, _ = make_voiceover(parse_script(doc), fake_voice, tmp_path, settings=NO_ALIGN, cache_dir=tmp_path / "c")
    shown, plain = manifest.paragraphs[1], manifest.paragraphs[2]
    assert shown.section == plain.section == "Morning"
    key = scene_key(AutoScene, manifest, shown, settings)
    renamed = replace(shown, section="Evening")
    other_icon = replace(shown, cues=(replace(shown.cues[0], shows=((3, "laptop"),)),))
    assert scene_key(AutoScene, manifest, renamed, settings) != key
    assert scene_key(AutoScene, manifest, other_icon, settings) != key
    listed = replace(plain, kind="list", items=("We pack the bags.",))
    assert scene_key(AutoScene, manifest, listed, settings) != scene_key(AutoScene, manifest, replace(listed, items=("x",)), settings)


def test_directives_in_code_and_comments_are_text():
    doc = "# T\n\nRun `[pause 1s]` now. <!-- [show coffee] -->\n\n```\nsleep [pause 2s]\n```\n\nDone [pause 0.5s] here.\n"
    script = parse_script(doc)
    assert [d.kind for d in script.directives] == ["pause"] and script.directives[0].seconds == 0.5
    code = next(p for p in script.paragraphs if p.kind == "code")
    assert code.items == ("sleep [pause 2s]",)
    assert script.paragraphs[1].text == "Run [pause 1s] now."
