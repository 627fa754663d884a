"""Scripts in any language: drawn with no missing glyph, right to left where
they should be, split into the right sentences, spoken in their own language
or refused in one line."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from manim import tempconfig

from dayinlife_manim.autoscene import AutoScene
from dayinlife_manim.autoscene.keywords import FALLBACK_ICON
from dayinlife_manim.core.errors import UserError, VoiceError
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text import fonts
from dayinlife_manim.text.language import detect_language, written_in
from dayinlife_manim.text.script import parse_script, split_sentences
from dayinlife_manim.text.writing import first_words, is_rtl, word_count, wrap
from dayinlife_manim.visuals.captions import CaptionBlock
from dayinlife_manim.visuals.text import text
from dayinlife_manim.visuals.theme import DEFAULT_THEME
from dayinlife_manim.voices import SilentVoice, get_voice
from dayinlife_manim.voices.silent import estimate_seconds
from dayinlife_manim.voices.voiceover import make_voiceover

# language: (paragraph, its sentences)
SAMPLES = {
    "es": ("¿Qué hace una ingeniera por la mañana? Primero toma café con leche. ¡Después entrena modelos!", 3),
    "ru": ("Утром инженер пьёт кофе. Потом он обучает модели на Python. Вечером всё готово!", 3),
    "ar": ("أستيقظ في الصباح الباكر. أشرب القهوة وأقرأ الأخبار؟ نعم، كل يوم.", 3),
    "hi": ("मैं सुबह जल्दी उठता हूँ। फिर मैं कॉफ़ी पीता हूँ। क्या आप भी?", 3),
    "ja": ("朝は七時に起きます。コーヒーを飲みながら、メールを確認します！午後はPythonでモデルを訓練します。", 3),
}


def glyph_chars(s: str) -> int:
    return sum(1 for ch in s if fonts.needs_glyph(ch))


def assert_no_missing_glyph(mob, content: str) -> None:
    """Pango draws a missing glyph as a box plus its hex digits: more outlines than characters.

    Shaping (Arabic joins, Devanagari conjuncts) only ever makes fewer.
    """
    outlines = [m for m in mob.submobjects if len(m.points)]
    assert 0 < len(outlines) <= glyph_chars(content), (content, len(outlines), glyph_chars(content))


# --- script model ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_sentence_counts(lang: str) -> None:
    paragraph, count = SAMPLES[lang]
    assert len(split_sentences(paragraph)) == count
    script = parse_script(f"Title\n\n{paragraph}")
    assert len(script.paragraphs[1].sentences) == count


def test_cjk_full_stops_split_without_spaces() -> None:
    assert split_sentences("今天天气很好。我们去公园吧！好吗？") == ["今天天气很好。", "我们去公园吧！", "好吗？"]
    assert split_sentences("「行こう。」次へ。") == ["「行こう。」", "次へ。"]


def test_words_of_scripts_without_spaces_are_characters() -> None:
    assert word_count("今日は晴れです。") == 7
    assert word_count("Python 3.11を使う") == 5
    assert word_count("नमस्ते, मेरा नाम राज है।") == 5
    # Two CJK characters take as long to say as a word.
    assert estimate_seconds("今日は晴れです。明日は雨です。", 160) == pytest.approx(13 / 2 * 60 / 160)


def test_wrap_breaks_cjk_between_characters_and_never_before_closing_punctuation() -> None:
    sentence = "朝は七時に起きます。コーヒーを飲みながら、メールを確認します。"
    lines = wrap(sentence, 7)
    assert len(lines) > 2 and "".join(lines) == sentence
    assert all(len(line) <= 7 for line in lines)
    assert not any(line[0] in "。、」" for line in lines)
    assert wrap("Hola, me llamo Ana y trabajo aquí.", 12) == ["Hola, me", "llamo Ana y", "trabajo", "aquí."]


def test_first_words_headline() -> None:
    assert first_words("Утром инженер пьёт кофе. Потом") == "Утром инженер пьёт кофе"
    assert first_words("Утром инженер пьёт кофе и читает новости.") == "Утром инженер пьёт кофе"
    assert first_words("¿Qué hace una ingeniera de datos?") == "Qué hace una ingeniera"
    thai = "ตอนเช้าผมดื่มกาแฟและอ่านข่าว"
    for limit in range(4, 20):  # never cut between a Thai letter and its vowel or tone mark
        body = first_words(thai, max_chars=limit).rstrip("…")
        assert thai.startswith(body) and not unicodedata.category(thai[len(body)]).startswith("M")
    assert first_words("朝は七時に起きます。コーヒーを飲みながら") == "朝は七時に起きます"
    assert first_words("午後はPythonでモデルを訓練します、そして") == "午後はPythonでモデルを…"


# --- language -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_the_language(lang: str) -> None:
    assert detect_language(SAMPLES[lang][0]) == lang


def test_unpacked_model_cache_classifies_like_the_packed_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The restricted model unpacked into the user cache gives the same answers and
    scores as py3langid's own packed model, and a damaged cache file is made again."""
    from py3langid.langid import LanguageIdentifier

    from dayinlife_manim.text import language

    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    try:
        made = language._identifier()  # unpacks the model and writes the cache
        (cached,) = (tmp_path / "langid").glob("*.npz")
        loaded = language._load_identifier(cached, LanguageIdentifier)
        texts = [text for text, _ in SAMPLES.values()] + [
            "My day starts early with coffee.",
            "Je bois un café et je lis les nouvelles.",
            "Ich trinke Kaffee und lese die Zeitung.",
        ]
        for sample in texts:
            assert loaded.classify(sample) == made.classify(sample)
        assert loaded.nb_classes == made.nb_classes and len(made.nb_classes) < 142  # restricted to gTTS's languages

        cached.write_bytes(cached.read_bytes()[:1000])  # damaged: made again, same answers
        language._identifier.cache_clear()
        again = language._identifier()
        assert again.classify(texts[0]) == made.classify(texts[0])
        assert cached.stat().st_size > 1_000_000
    finally:
        language._identifier.cache_clear()


def test_keyword_language_guard() -> None:
    assert written_in("My day starts very early, around eleven.", "en")
    assert written_in("Python rocks", "en")  # too short to say it is not English
    assert not written_in(SAMPLES["es"][0], "en")
    assert not written_in("朝", "en")


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def run_cli(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    from dayinlife_manim import cli as cli_module

    monkeypatch.setattr("sys.argv", ["dayinlife", *args])
    try:
        cli_module.main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_lang_is_detected_and_printed(tmp_path, media_env, monkeypatch, capsys) -> None:
    script = write(tmp_path, "ja.txt", "# 一日\n\n" + SAMPLES["ja"][0] + "\n")
    code, out, err = run_cli(["voice", str(script), "--voice", "silent"], monkeypatch, capsys)
    assert code == 0, err
    assert "language: ja (Japanese), detected from the script" in err


@pytest.mark.network_attempt_expected
def test_offline_non_english_without_a_voice_is_one_line(tmp_path, media_env, monkeypatch, capsys) -> None:
    script = write(tmp_path, "hi.txt", SAMPLES["hi"][0] + "\n")
    code, out, err = run_cli(["voice", str(script)], monkeypatch, capsys)  # auto, and the tests are offline
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Hindi (hi)" in lines[0]
    assert "--voice silent" in lines[0] and "--voice gtts" in lines[0] and "--piper-model" in lines[0]
    assert "Traceback" not in err


def test_piper_never_reads_english_over_another_language() -> None:
    with pytest.raises(VoiceError, match=r"speaks English \(en_US\), not Japanese \(ja\).*--voice silent"):
        get_voice("piper", lang="ja")


def test_piper_model_is_checked_on_load(tmp_path) -> None:
    model = tmp_path / "de_DE-test-low.onnx"
    with pytest.raises(VoiceError, match="piper model not found"):
        get_voice("piper", lang="de", piper_model=model)
    model.write_bytes(b"not an onnx file")
    with pytest.raises(VoiceError, match="config not found"):
        get_voice("piper", lang="de", piper_model=model)
    Path(f"{model}.json").write_text(json.dumps({"language": {"code": "de_DE"}, "audio": {"sample_rate": 16000}}))
    with pytest.raises(VoiceError, match=r"speaks German \(de_DE\), not Spanish \(es\)"):
        get_voice("piper", lang="es", piper_model=model)
    with pytest.raises(VoiceError, match="cannot load the piper voice"):
        get_voice("piper", lang="de", piper_model=model)


# --- glyphs ---------------------------------------------------------------------------------


def test_missing_glyph_names_character_line_and_package(tmp_path) -> None:
    from dayinlife_manim.text.script import load_script

    script = load_script(write(tmp_path, "s.txt", "Title\n\nFirst line.\nSecond \ue000 line.\n"))
    with pytest.raises(UserError) as caught:
        fonts.check_glyphs(script)
    message = str(caught.value)
    assert "line 4" in message and "U+E000" in message and "\n" not in message


def test_missing_font_package_is_named(tmp_path, monkeypatch) -> None:
    """On a machine with DejaVu only, Japanese and Hindi name the Noto packages that draw them."""
    from dayinlife_manim.text.script import load_script

    dejavu = tuple(f for f in fonts.installed_faces() if f.family.startswith("DejaVu"))
    assert dejavu, "DejaVu fonts are not installed"
    monkeypatch.setattr(fonts, "installed_faces", lambda: dejavu)
    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path / "cache"))  # not the real fonts' coverage, kept there
    fonts._coverage.cache_clear()
    try:
        for body, char, package in (("今日", "今", "fonts-noto-cjk"), ("नमस्ते", "न", "fonts-noto-core")):
            script = load_script(write(tmp_path, "s.txt", f"Hello there.\n\n{body}\n"))
            with pytest.raises(UserError, match=rf"line 3: .*'{char}' \(U\+{ord(char):04X} .*apt-get install {package}"):
                fonts.check_glyphs(script)
    finally:
        fonts._coverage.cache_clear()


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_every_sample_character_has_a_font(lang: str) -> None:
    assert all(fonts.can_draw(ch) for ch in SAMPLES[lang][0]), [
        unicodedata.name(ch) for ch in SAMPLES[lang][0] if not fonts.can_draw(ch)
    ]


def test_the_glyph_check_sees_a_box(tmp_path) -> None:
    """The outline count used below does catch Pango's missing-glyph box."""
    with tempconfig({"media_dir": str(tmp_path)}):
        drawn = text("a\ue000b", DEFAULT_THEME)
    assert len(drawn.submobjects) > glyph_chars("a\ue000b")


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_text_draws_every_glyph(lang: str, tmp_path) -> None:
    with tempconfig({"media_dir": str(tmp_path)}):
        for sentence in split_sentences(SAMPLES[lang][0]):
            assert_no_missing_glyph(text(sentence, DEFAULT_THEME), sentence)


def test_right_to_left_words_run_right_to_left(tmp_path) -> None:
    """The first word of an Arabic line is drawn at its right end; a lone RTL word is drawn at all.

    (manim 0.22 draws nothing for a bare right-to-left word: visuals.text works around it.)
    """
    with tempconfig({"media_dir": str(tmp_path)}):
        first, second = text("مرحبا", DEFAULT_THEME), text("بكم", DEFAULT_THEME)
        line = text("مرحبا بكم", DEFAULT_THEME)
    assert len(first.submobjects) == 5 and first.width > 0
    glyphs = sorted(line.submobjects, key=lambda m: m.get_center()[0])
    right, left = glyphs[-len(first.submobjects) :], glyphs[: len(second.submobjects)]

    def shapes(mobs):
        return [(round(m.width, 2), round(m.height, 2)) for m in sorted(mobs, key=lambda m: m.get_center()[0])]

    assert shapes(right) == shapes(first.submobjects)
    assert shapes(left) == shapes(second.submobjects)


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
def test_captions_wrap_cjk_and_set_rtl_flush_right(aspect: str, tmp_path) -> None:
    from dayinlife_manim.manifest import Cue

    ja = "朝は七時に起きます。" * 6
    ar = "أستيقظ في الصباح الباكر وأشرب القهوة وأقرأ الأخبار كل يوم قبل العمل."
    with tempconfig({**RenderSettings.from_options("tiny", aspect).manim_config(), "media_dir": str(tmp_path)}):
        region = DEFAULT_THEME.caption
        for sentence in (ja, ar):
            block = CaptionBlock([Cue(0.0, 4.0, sentence)], region, DEFAULT_THEME)
            page = block.page(0)
            lines = [line for group in page for line in group]
            assert len(lines) >= 2
            assert "".join(block.chunks[0].lines).replace(" ", "") == sentence.replace(" ", "")
            size = text("朝", DEFAULT_THEME, "caption").height
            for line, content in zip(lines, block.chunks[0].lines):
                # Inside the caption region's width and the safe area (marks above Arabic letters
                # may rise a hair above a line's nominal height).
                assert region.left - 1e-3 <= line.get_left()[0] and line.get_right()[0] <= region.right + 1e-3
                assert DEFAULT_THEME.safe.contains(line)
                assert_no_missing_glyph(line, content)
                if is_rtl(content):
                    assert line.get_right()[0] == pytest.approx(region.right, abs=1e-3)
                else:
                    assert line.get_left()[0] == pytest.approx(region.left, abs=1e-3)
            if sentence is ja:  # wrapped, not shrunk
                assert all(line.height == pytest.approx(size, rel=0.05) for line in lines)


# --- AutoScene, rendered -----------------------------------------------------------------------


def capturing_scene(seen: dict):
    class Capturing(AutoScene):
        def narrate(self) -> None:
            super().narrate()
            block = self._caption_block
            seen[self.para.id] = {
                "headline": self.headline,
                "icons": [m.slug for m in self.matches],
                "lines": [(line, content) for c, chunk in enumerate(block.chunks) for line, content in zip(block._lines.get(c, []), chunk.lines)],
                "safe": all(self.theme.safe.contains(m) for m in self.mobjects),
            }

    return Capturing


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_autoscene_renders_every_language(lang: str, tmp_path) -> None:
    paragraph, count = SAMPLES[lang]
    manifest, _ = make_voiceover(parse_script(f"Title\n\n{paragraph}", lang), SilentVoice(wpm=600), tmp_path / "m")
    para = manifest.paragraphs[1]
    assert len(para.cues) == count
    seen: dict = {}
    out = render_scene(
        capturing_scene(seen),
        manifest=tmp_path / "m" / manifest.slug / "manifest.json",
        paragraph=para.id,
        out=tmp_path / "s.mp4",
        settings=RenderSettings.from_options("tiny", "16:9"),
        workdir=tmp_path / "w",
    )
    assert out.stat().st_size > 0
    result = seen[para.id]
    # The keyword map is English: a neutral icon, and the paragraph's own first words as headline.
    assert result["icons"] in ([FALLBACK_ICON], ["lightbulb-on-outline"])
    headline = result["headline"].rstrip("…")
    assert headline and para.display_text.lstrip("¿¡").startswith(headline)  # its own first words
    assert result["safe"]
    for line, content in result["lines"]:
        assert_no_missing_glyph(line, content)


def test_subtitle_files_wrap_cjk_by_columns() -> None:
    from dayinlife_manim.output.captions import LINE_WIDTH, Caption, wrap_captions
    from dayinlife_manim.text.writing import display_columns

    sentence = "朝は七時に起きて、コーヒーを飲みながらメールを確認します。午後はPythonでモデルを訓練します。"
    pieces = wrap_captions([Caption(0.0, 6.0, sentence)])
    lines = [line for p in pieces for line in p.text.split("\n")]
    assert len(lines) >= 3 and "".join(lines) == sentence
    assert all(display_columns(line) <= LINE_WIDTH for line in lines)
    assert pieces[0].start == 0.0 and pieces[-1].end == 6.0


def test_scripts_in_several_languages_need_one_lang(tmp_path, media_env, monkeypatch, capsys) -> None:
    es = write(tmp_path, "es.txt", SAMPLES["es"][0] + "\n")
    ja = write(tmp_path, "ja.txt", SAMPLES["ja"][0] + "\n")
    code, out, err = run_cli(["build", str(es), str(ja), "--voice", "piper"], monkeypatch, capsys)
    assert code == 2 and err.count("\n") == 1
    assert "different languages" in err and "es.txt: es" in err and "ja.txt: ja" in err


def test_a_line_in_another_writing_system_is_not_read_by_the_wrong_voice(tmp_path, media_env, monkeypatch, capsys) -> None:
    script = write(tmp_path, "mixed.txt", "A Day\n\nMy day starts early.\nThen I relax.\n今日は晴れです。\n\nThe end.\n")
    assert detect_language("My day starts early. Then I relax. 今日は晴れです。 The end.") == "en"
    code, out, err = run_cli(["voice", str(script), "--voice", "piper"], monkeypatch, capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert "mixed.txt, line 5" in err and "Japanese (ja)" in err and "English (en)" in err and "--voice silent" in err
    code, out, err = run_cli(["voice", str(script), "--voice", "silent"], monkeypatch, capsys)
    assert code == 0, err
    # Latin letters pass anywhere: a name or a line of code in a Japanese script.
    script = write(tmp_path, "ja.txt", SAMPLES["ja"][0] + "\n\nPython 3.11.\n")
    code, out, err = run_cli(["voice", str(script), "--voice", "piper", "--lang", "ja"], monkeypatch, capsys)
    assert code == 1 and "not Japanese (ja)" in err  # the refusal is about the voice, not the Latin line


def test_build_stops_at_a_missing_glyph_in_one_line(tmp_path, media_env, monkeypatch, capsys) -> None:
    script = write(tmp_path, "pua.txt", "Title\n\nHello there.\nA private \ue000 sign.\n")
    code, out, err = run_cli(["build", str(script), "--voice", "silent", "--quality", "tiny"], monkeypatch, capsys)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith("Error: ") and "pua.txt, line 4" in err and "U+E000" in err


def test_installed_fonts_are_kept_until_fontconfig_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fc-list's answer is kept in the user cache, the same as asking again, and
    asked again once a font folder changes."""
    monkeypatch.setenv("DAYINLIFE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "fonts"
    folder.mkdir()
    monkeypatch.setattr(fonts, "FONT_DIRS", (str(folder),))
    calls = []
    real = fonts._list_faces
    monkeypatch.setattr(fonts, "_list_faces", lambda: calls.append(1) or real())
    for _ in range(2):
        fonts.installed_faces.cache_clear()
        fonts._coverage.cache_clear()
        faces, coverage = fonts.installed_faces(), fonts._coverage()
    assert len(calls) == 1 and faces == real() and coverage == fonts._merged_coverage()
    (folder / "New.ttf").write_bytes(b"a new font")  # the folder changed: asked again
    fonts.installed_faces.cache_clear()
    fonts.installed_faces()
    assert len(calls) == 2
    fonts.installed_faces.cache_clear()
    fonts._coverage.cache_clear()


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("我们今天说中文。这个模型很好。", "SC"),
        ("我們今天說中文。這個模型很好。", "TC"),
        ("朝は七時に起きます。", "JP"),
        ("저는 아침에 커피를 마셔요.", "KR"),
        ("Plain English only.", None),
    ],
)
def test_cjk_text_is_drawn_with_its_regional_font(body: str, region: str | None) -> None:
    """Simplified and traditional Chinese, Japanese and Korean each get their own Noto CJK
    face (the same code point is drawn differently in each), everything else the default stack."""
    theme = DEFAULT_THEME.for_text(body)
    if region is None:
        assert theme == DEFAULT_THEME
        return
    assert f"Noto Sans CJK {region}" in theme.font_stack
    han = next(ch for ch in body if "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    face = fonts.face_for(theme.font_stack, han)
    assert face is not None and face.family == f"Noto Sans CJK {region}"


def test_chinese_and_japanese_forms_of_one_character_differ() -> None:
    """The regional faces really draw differently: 直 in the SC face is not the JP one."""
    outlines = {}
    for region in ("SC", "JP"):
        theme = DEFAULT_THEME.for_text("直" if region == "SC" else "直です")
        outlines[region] = text("直", theme, "caption")
    sc, jp = (np.concatenate([m.points for m in outlines[r].family_members_with_points()]) for r in ("SC", "JP"))
    assert sc.shape != jp.shape or not np.allclose(sc, jp, atol=1e-3)
