"""Pronunciations: the voice is given the word's saying, the screen keeps the word, and only the
sentences holding a changed word are voiced again."""

from __future__ import annotations

import pytest
from conftest import piper_installed

from dayinlife_manim.options import BuildOptions
from dayinlife_manim.text.pronounce import apply_pronunciations, check_word
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.voices.voiceover import make_voiceover, spoken_form

TABLE = {"PyTorch": "pie torch", "SQL": "sequel", "Siobhan": "shiv-awn", "gif": "jif"}


@pytest.mark.parametrize(
    ("spoken", "said"),
    [
        ("PyTorch and SQL, with Siobhan.", "pie torch and sequel, with shiv-awn."),
        ("SQLite is not SQL's cousin; SQL-based.", "SQLite is not sequel's cousin; sequel-based."),  # whole words
        ("sql or Sql stay; pytorch stays.", "sql or Sql stay; pytorch stays."),  # a capitalised key matches its case only
        ("A gif, a GIF, a Gif.", "A jif, a jif, a jif."),  # an all-lowercase key matches any case
        ("Nothing to change here.", "Nothing to change here."),
    ],
)
def test_apply_pronunciations_whole_words_case_aware(spoken, said):
    assert apply_pronunciations(spoken, TABLE) == said
    assert apply_pronunciations(spoken, ()) == spoken


def test_a_key_that_starts_another_does_not_cut_it():
    assert apply_pronunciations("Py and PyTorch", {"Py": "pie", "PyTorch": "pie torch"}) == "pie and pie torch"


def test_check_word():
    assert check_word("SQL") is None and check_word("C3PO") is None
    assert "more than one word" in check_word("New York") and check_word("--")


SCRIPT = "Tools\n\nI use PyTorch every day. My queries are SQL. The coffee is hot.\n\nLater, PyTorch again.\n"


def _voiced(fake_voice_cls, table, media_env):
    voice = fake_voice_cls()
    script = BuildOptions(pronounce=tuple(table.items())).apply(parse_script(SCRIPT, "tools"))
    manifest, stats = make_voiceover(script, voice, media_env.media)
    return voice, manifest, stats


def test_the_voice_gets_the_saying_and_the_screen_keeps_the_word(fake_voice_cls, media_env):
    voice, manifest, _ = _voiced(fake_voice_cls, TABLE, media_env)
    assert voice.texts == ["Tools", "I use pie torch every day.", "My queries are sequel.", "The coffee is hot.",
                           "Later, pie torch again."]
    cues = [c for p in manifest.paragraphs for c in p.cues]
    assert [c.text for c in cues][1:3] == ["I use PyTorch every day.", "My queries are SQL."]
    assert [w.text for w in cues[1].words] == ["I", "use", "PyTorch", "every", "day."]  # captions: as written
    assert "PyTorch" in manifest.paragraphs[1].display_text and "pie" not in manifest.paragraphs[1].display_text
    # each shown word's spoken form, for voices that time words
    assert spoken_form("I use PyTorch's SQL.", "I use PyTorch's SQL.", TABLE) == (
        "I use pie torch's sequel.", ["I", "use", "pie torch's", "sequel."])


def test_only_sentences_holding_a_changed_word_are_voiced_again(fake_voice_cls, media_env):
    _, _, stats = _voiced(fake_voice_cls, {"SQL": "sequel"}, media_env)
    assert stats.synthesized == 5
    voice, _, stats = _voiced(fake_voice_cls, {"SQL": "sequel"}, media_env)
    assert stats.synthesized == 0 and voice.texts == []
    voice, _, stats = _voiced(fake_voice_cls, {"SQL": "ess queue ell"}, media_env)
    assert stats.synthesized == 1 and voice.texts == ["My queries are ess queue ell."]
    voice, _, stats = _voiced(fake_voice_cls, {"SQL": "ess queue ell", "PyTorch": "pie torch"}, media_env)
    assert voice.texts == ["I use pie torch every day.", "Later, pie torch again."]
    voice, _, stats = _voiced(fake_voice_cls, {"SQL": "ess queue ell", "PyTorch": "pie torch", "Kubernetes": "koo"}, media_env)
    assert stats.synthesized == 0  # a word the script does not say changes nothing
    voice, _, stats = _voiced(fake_voice_cls, {}, media_env)
    assert voice.texts == ["My queries are SQL."]  # the PyTorch sentences as written are in the cache from the first run




@pytest.mark.piper
@pytest.mark.skipif(not piper_installed(), reason="the offline extra (piper) is not installed")
def test_piper_speaks_the_phonemes_of_the_saying(media_env):
    from dayinlife_manim.voices.piper import PiperVoice, _flatten, _load

    class Listening(PiperVoice):
        def speak(self, text, words=()):
            self.heard.append((text, list(words)))
            return super().speak(text, words)

    voice = Listening()
    voice.heard = []
    script = BuildOptions(pronounce=(("SQL", "sequel"),)).apply(parse_script("Databases\n\nI write SQL daily.\n", "db"))
    manifest, _ = make_voiceover(script, voice, media_env.media)
    engine = _load(str(voice.model), str(voice.config))

    def phonemes(text: str) -> str:
        return "".join(_flatten(engine.phonemize(text)))

    text, words = voice.heard[-1]
    assert text == "I write sequel daily." and words == ["I", "write", "sequel", "daily."]
    heard = phonemes(text)
    assert phonemes("sequel") in heard and phonemes("SQL") not in heard
    assert heard != phonemes("I write SQL daily.")
    cue = manifest.paragraphs[1].cues[0]
    assert cue.text == "I write SQL daily." and cue.words_from == "voice"  # word times still come from the voice
    assert [w.text for w in cue.words] == ["I", "write", "SQL", "daily."]


def test_voice_command_takes_pronunciations_from_the_front_matter_and_the_command_line(tmp_path, monkeypatch, capsys, media_env):
    import json
    import sys

    from dayinlife_manim import cli

    (tmp_path / "talk.md").write_text("---\npronounce:\n  SQL: sequel\n---\nQueries\n\nI write SQL for PyTorch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["dayinlife", "voice", "talk.md", "--voice", "silent", "--pronounce", "PyTorch=pie torch"])
    cli.main()
    assert "2 synthesized" in capsys.readouterr().out
    said = sorted(json.loads(p.read_text())["text"] for p in media_env.voice_cache.glob("*/*.json"))
    assert said == ["I write sequel for pie torch.", "Queries"]
