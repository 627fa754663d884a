"""Options from files: a script's front matter and dayinlife.toml, their precedence,
--print-config, the errors, and the caption mode and theme reaching the scenes."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import run_main

from dayinlife_manim.core.errors import UserError
from dayinlife_manim.manifest import SCHEMA_VERSION, load_manifest, manifest_from_dict
from dayinlife_manim.options import SPECS, THEME_FIELDS, BuildOptions, resolve
from dayinlife_manim.text.frontmatter import split_front_matter
from dayinlife_manim.text.script import load_script, parse_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover


def main(args, monkeypatch, capsys, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the ``dayinlife`` entry point in this process: (exit code, stdout, stderr)."""
    if cwd is not None:
        monkeypatch.chdir(cwd)
    return run_main(args, monkeypatch, capsys)


def config_rows(out: str) -> dict[str, tuple[str, str]]:
    """--print-config's lines as {option: (value, source)}."""
    rows = {}
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, value, source = re.split(r"\s{2,}", line.strip())  # columns are two spaces apart at least
        rows[name] = (value, source)
    return rows


BODY = "A talk\n\nI use PyTorch and SQL every day. Then I sleep.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: dayinlife.toml at the top, the script two folders down."""
    (tmp_path / "dayinlife.toml").write_text(
        'quality = "low"\naspect = "9:16"\nrate = 1.25\n\n[theme]\naccent = "#ff0000"\n\n[pronounce]\nSQL = "sequel"\n',
        encoding="utf-8",
    )
    talks = tmp_path / "talks" / "2026"
    talks.mkdir(parents=True)
    (talks / "talk.md").write_text(
        "---\nquality: tiny\ncaptions: sentence\ntheme:\n  background: \"#fff\"\npronounce:\n  PyTorch: pie torch\n---\n" + BODY,
        encoding="utf-8",
    )
    return tmp_path


# --- the front matter block --------------------------------------------------------------------


def test_split_front_matter_keeps_lines_and_plain_text_untouched():
    data, body, first = split_front_matter("---\nquality: low\ntheme:\n  accent: '#123456'\n---\nHello there.\n")
    assert data == {"quality": "low", "theme": {"accent": "#123456"}}
    assert data.lines == {"quality": 2, "theme": 3, "theme.accent": 4}
    assert body == "Hello there.\n" and first == 6
    plain = "Title\n\n--- not front matter ---\n"
    assert split_front_matter(plain) == ({}, plain, 1)
    # YAML's own typing is not used: the option types convert what was written
    data, _, _ = split_front_matter("---\naspect: 16:9\nslow: no\nrate: 1.0\n---\nx\n")
    assert data == {"aspect": "16:9", "slow": "no", "rate": "1.0"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("---\nquality: low\nHello.\n", "talk.md:1: the front matter opened by '---' has no closing"),
        ("---\nquality: [low\n---\nHello.\n", "talk.md:3: the front matter is not valid YAML"),
        ("---\njust words\n---\nHello.\n", "talk.md:2: the front matter must be 'key: value' lines"),
        ("---\nrate: 1\nrate: 2\n---\nHello.\n", "talk.md:3: 'rate' is set twice"),
    ],
)
def test_broken_front_matter_is_a_one_line_error(text, fragment):
    with pytest.raises(UserError) as info:
        split_front_matter(text, "talk.md")
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_front_matter_is_not_narrated_nor_shown_and_line_numbers_hold(tmp_path):
    path = tmp_path / "talk.txt"  # plain text: its first line is the title (in Markdown a "# " heading is)
    path.write_text("---\nquality: low\ncaptions: sentence\n---\n" + BODY, encoding="utf-8")
    script = load_script(path)
    plain = parse_script(BODY, "talk")
    assert [p.sentences for p in script.paragraphs] == [p.sentences for p in plain.paragraphs]
    assert script.title == "A talk"
    shown = " ".join(p.text + " " + p.spoken for p in script.paragraphs)
    assert "---" not in shown and "quality" not in shown and "captions" not in shown
    assert script.front_matter.line("captions") == 3
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path / "media")
    from dayinlife_manim.output.captions import Caption, to_srt, wrap_captions

    srt = to_srt(wrap_captions([Caption(c.start, c.end, c.text) for p in manifest.paragraphs for c in p.cues]))
    assert "PyTorch" in srt and "---" not in srt and "quality" not in srt and "captions" not in srt
    from dayinlife_manim.text.script import script_line

    assert script_line(script, "I use PyTorch") == f"{path}, line 7"  # the file's own line, front matter counted


def test_a_plain_script_makes_the_same_manifest_and_scene_keys(seed_script, tmp_path):
    """The seed script has no front matter: its manifest is a version-2 file without a style, and a front
    matter that sets no style changes neither its paragraphs nor any scene key."""
    from dayinlife_manim.build import plan_scenes
    from dayinlife_manim.render.settings import RenderSettings

    plain = load_script(seed_script)
    assert plain.front_matter == {} and plain.style == () and plain.pronounce == ()
    fronted_path = tmp_path / "a_day_in_life.txt"
    fronted_path.write_text("---\nquality: low\nvoice: silent\n---\n" + seed_script.read_text(encoding="utf-8"), encoding="utf-8")
    fronted = load_script(fronted_path)
    assert fronted.paragraphs == plain.paragraphs
    voice = SilentVoice()
    m1, _ = make_voiceover(plain, voice, tmp_path / "one")
    m2, _ = make_voiceover(BuildOptions().apply(fronted), voice, tmp_path / "two")
    data = json.loads((m1.root / "manifest.json").read_text(encoding="utf-8"))
    assert data["version"] == SCHEMA_VERSION and "style" not in data
    assert list(data) == ["version", "script_path", "script_sha256", "title", "slug", "sample_rate", "voice", "paragraphs",
                          "generator"]
    same = {k: v for k, v in json.loads((m2.root / "manifest.json").read_text()).items() if k not in ("script_path", "script_sha256")}
    assert same == {k: v for k, v in data.items() if k not in ("script_path", "script_sha256")}
    settings = RenderSettings.from_options("tiny", "16:9")
    keys1 = [j.key for j in plan_scenes(m1, None, settings)[0]]
    keys2 = [j.key for j in plan_scenes(m2, None, settings)[0]]
    assert keys1 == keys2
    styled = dataclasses.replace(m1, style={"theme": {"background": "#ffffff"}})
    assert [j.key for j in plan_scenes(styled, None, settings)[0]] != keys1  # the style is in the key


def test_style_block_round_trips_and_old_readers_refuse_it(tmp_path):
    script = BuildOptions(captions="sentence", theme=(("background", "#ffffff"),)).apply(parse_script(BODY, "talk"))
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path)
    data = json.loads((manifest.root / "manifest.json").read_text(encoding="utf-8"))
    assert data["version"] == SCHEMA_VERSION == 3
    assert data["style"] == {"captions": "sentence", "theme": {"background": "#ffffff"}}
    assert load_manifest(manifest.root / "manifest.json").style == data["style"]
    with pytest.raises(UserError, match="caption mode 'big' is not one of words, sentence"):
        manifest_from_dict({**data, "style": {"captions": "big"}})
    version_2 = manifest_from_dict({**data, "version": 2})  # a version-2 file has no style (and is remade when voiced)
    assert version_2.style == {} and version_2.upgraded_from == 2


# --- precedence and --print-config ---------------------------------------------------------------


def test_precedence_command_line_over_front_matter_over_toml_over_default(project, monkeypatch, capsys):
    script = project / "talks" / "2026" / "talk.md"
    code, out, err = main(["build", "talks/2026/talk.md", "--print-config", "--rate", "1.5", "--theme", "accent=#00ff00"], monkeypatch,
                          capsys, cwd=project)
    assert code == 0, err
    rows = config_rows(out)
    assert rows["quality"] == ("tiny", "talks/2026/talk.md:2 (front matter)")  # front matter over toml
    assert rows["aspect"] == ("9:16", "dayinlife.toml:2")  # toml (two folders up) over default
    assert rows["rate"] == ("1.5", "command line")  # command line over toml
    assert rows["captions"] == ("sentence", "talks/2026/talk.md:3 (front matter)")
    assert rows["theme.background"] == ("#ffffff", "talks/2026/talk.md:5 (front matter)")
    assert rows["theme.accent"] == ("#00ff00", "command line")  # over the toml's
    assert rows["pronounce.SQL"] == ("sequel", "dayinlife.toml:9")
    assert rows["pronounce.PyTorch"] == ("pie torch", "talks/2026/talk.md:7 (front matter)")
    assert rows["voice"] == ("auto", "default") and rows["loudness"] == ("-16.0", "default")
    assert not (project / "media").exists()  # it only printed

    # from the script's folder, the toml is named by its path from there; storyboard has its own default
    code, out, _ = main(["storyboard", "talk.md", "--print-config"], monkeypatch, capsys, cwd=script.parent)
    rows = config_rows(out)
    assert code == 0 and rows["aspect"] == ("9:16", "../../dayinlife.toml:2")
    assert rows["rate"] == ("1.25", "../../dayinlife.toml:3")
    assert "music" not in rows  # not an option of storyboard


def test_resolve_applies_the_script_options_and_reads_both_spellings(tmp_path):
    (tmp_path / "dayinlife.toml").write_text('piper-model = "voices/x.onnx"\nout_dir = "videos"\n', encoding="utf-8")
    path = tmp_path / "talk.txt"
    path.write_text("---\nmedia: build\nallow-insecure: yes\n---\n" + BODY, encoding="utf-8")
    defaults = {f.name: f.default for f in dataclasses.fields(BuildOptions)}
    options, where = resolve(path, defaults)
    assert options.piper_model == tmp_path / "voices" / "x.onnx"  # a file's paths are relative to its folder
    assert options.out_dir == tmp_path / "videos" and options.media_dir == tmp_path / "build"
    assert options.allow_insecure is True and where["allow_insecure"] == f"{path}:3 (front matter)"


@pytest.mark.parametrize(
    ("toml", "front", "fragment"),
    [
        ("", "qualty: low\n", "talk.md:2: unknown key 'qualty' (did you mean 'quality'?)"),
        ('aspect = "4:3"\n', "", "dayinlife.toml:1: aspect '4:3' is not one of 16:9, 9:16, 1:1"),
        ("", "quality: low\ncaptions: karaoke\n", "talk.md:3: captions 'karaoke' is not one of words, sentence"),
        ('voice = "silent"\nrate = 7\n', "", "dayinlife.toml:2: rate 7.0 is not in the range 0.5<=x<=2.0"),
        ("[theme]\nbackground = \"white\"\n", "", "dayinlife.toml:2: theme background 'white' is not a colour like #1e90ff"),
        ("", "theme:\n  backgrund: '#fff'\n", "talk.md:3: unknown theme field 'backgrund' (did you mean 'background'?)"),
        ("", "theme: '#fff'\n", "talk.md:2: theme must be a mapping"),
        ("", "pronounce:\n  New York: noo york\n", "talk.md:3: pronounce: 'New York' is more than one word"),
        ("", "fps: [1, 2]\n", "talk.md:2: fps must be a single value"),
        ("quality = \n", "", "dayinlife.toml: not valid TOML"),
    ],
)
def test_bad_keys_and_values_are_one_line_errors_with_file_and_line(tmp_path, monkeypatch, capsys, toml, front, fragment):
    (tmp_path / "dayinlife.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "talk.md").write_text(f"---\n{front}---\n{BODY}" if front else BODY, encoding="utf-8")
    code, out, err = main(["build", "talk.md", "--voice", "silent", "--quality", "tiny"], monkeypatch, capsys, cwd=tmp_path)
    assert code != 0 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and fragment in lines[0], err
    assert "Traceback" not in err and not (tmp_path / "media").exists()


def test_several_scripts_may_differ_in_style_but_not_in_render_options(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("---\ncaptions: sentence\n---\n" + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("---\nquality: low\n---\nAnother talk\n\nSomething else entirely.\n", encoding="utf-8")
    code, _, err = main(["build", "a.txt", "b.txt", "--voice", "silent"], monkeypatch, capsys, cwd=tmp_path)
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "b.txt:2: quality low differs from high" in err and "--quality" in err
    code, out, err = main(["build", "a.txt", "b.txt", "--quality", "tiny", "--print-config"], monkeypatch, capsys, cwd=tmp_path)
    assert code == 0 and out.count("# ") == 2
    a, b = out.split("# b.txt")
    assert config_rows(a)["captions"] == ("sentence", "a.txt:2 (front matter)")
    assert config_rows(b)["captions"] == ("(none)", "default") and config_rows(b)["quality"] == ("tiny", "command line")


def test_theme_fields_are_the_themes():
    from dayinlife_manim.visuals.theme import Theme

    names = {f.name: f for f in dataclasses.fields(Theme)}
    assert set(THEME_FIELDS) <= set(names) and all(names[n].type in ("str", str) for n in THEME_FIELDS)
    assert SPECS["captions"].type.choices == ["words", "sentence"]


# --- the scenes see them ------------------------------------------------------------------------


def test_the_caption_mode_and_theme_reach_the_scene(tmp_path, monkeypatch):
    from dayinlife_manim.scene import ENV_MANIFEST, ENV_PARAGRAPH, NarratedScene
    from dayinlife_manim.visuals.theme import DEFAULT_THEME

    class Hand(NarratedScene):
        caption_mode = "words"

    script = BuildOptions(captions="sentence", theme=(("accent", "#00ff00"),)).apply(parse_script(BODY, "talk"))
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path)
    monkeypatch.setenv(ENV_MANIFEST, str(manifest.root / "manifest.json"))
    monkeypatch.setenv(ENV_PARAGRAPH, manifest.paragraphs[1].id)
    scene = Hand()
    scene.setup()
    assert scene.caption_mode == "sentence" and Hand.caption_mode == "words"  # the class keeps its default
    assert scene.theme.accent == "#00ff00" and scene.theme.background == DEFAULT_THEME.background

    plain, _ = make_voiceover(parse_script(BODY, "plain"), SilentVoice(), tmp_path)
    monkeypatch.setenv(ENV_MANIFEST, str(plain.root / "manifest.json"))
    monkeypatch.setenv(ENV_PARAGRAPH, plain.paragraphs[1].id)
    scene = Hand()
    scene.setup()
    assert scene.caption_mode == "words" and scene.theme.accent == DEFAULT_THEME.accent


def _corner(video: Path):
    import av

    with av.open(str(video)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    return frames[len(frames) // 2][3, 3].astype(int)


@pytest.mark.slow
def test_a_theme_in_the_front_matter_colours_the_video_and_a_change_re_renders(tmp_path, monkeypatch, capsys):
    script = tmp_path / "talk.txt"
    script.write_text('---\nvoice: silent\nquality: tiny\ntheme:\n  background: "#ffffff"\n---\n' + BODY, encoding="utf-8")
    code, out, err = main(["build", script, "--media", tmp_path / "media"], monkeypatch, capsys, cwd=tmp_path)
    assert code == 0, err
    video = tmp_path / "media" / "a-talk.mp4"
    assert all(abs(c - 255) <= 6 for c in _corner(video)), _corner(video)
    assert "(2 rendered, 0 cached" in out

    (tmp_path / "dayinlife.toml").write_text('[theme]\nbackground = "#000080"\n', encoding="utf-8")
    code, out, err = main(["build", script, "--media", tmp_path / "media"], monkeypatch, capsys, cwd=tmp_path)
    assert code == 0 and "up to date" in out  # the front matter still wins: nothing changed

    script.write_text(script.read_text(encoding="utf-8").replace("  background: \"#ffffff\"\n", "  accent: \"#ff0000\"\n"), encoding="utf-8")
    code, out, err = main(["build", script, "--media", tmp_path / "media"], monkeypatch, capsys, cwd=tmp_path)
    assert code == 0 and "(2 rendered, 0 cached" in out, out
    r, g, b = _corner(video)
    assert r <= 8 and g <= 8 and 120 <= b <= 136, (r, g, b)  # the toml's background, now that nothing overrides it
    shutil.rmtree(tmp_path / "media")


def test_a_stale_styled_voiceover_is_remade_with_its_style(tmp_path):
    from dayinlife_manim.voices.voiceover import ensure_voiceover

    path = tmp_path / "talk.txt"
    path.write_text(BODY, encoding="utf-8")
    styled = BuildOptions(captions="sentence", theme=(("background", "#ffffff"),)).apply(load_script(path))
    make_voiceover(styled, SilentVoice(), tmp_path / "media")
    path.write_text(BODY + "\nOne more line.\n", encoding="utf-8")  # stale now: a scene rendered by hand remakes it
    remade = ensure_voiceover(path, tmp_path / "media", say=lambda m: None)
    assert remade.style == {"captions": "sentence", "theme": {"background": "#ffffff"}}
    assert remade.paragraphs[-1].display_text == "One more line."


@pytest.mark.slow
def test_several_scripts_in_one_build_keep_their_own_theme(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text('---\ntheme:\n  background: "#ffffff"\ncaptions: sentence\n---\n' + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Another talk\n\nSomething else entirely.\n", encoding="utf-8")
    code, out, err = main(["build", "a.txt", "b.txt", "--voice", "silent", "--quality", "tiny", "--media", "media"],
                          monkeypatch, capsys, cwd=tmp_path)
    assert code == 0, err
    media = tmp_path / "media"
    assert load_manifest(media / "a-talk" / "manifest.json").style == {"captions": "sentence", "theme": {"background": "#ffffff"}}
    assert load_manifest(media / "another-talk" / "manifest.json").style == {}
    assert all(c >= 249 for c in _corner(media / "a-talk.mp4"))
    from dayinlife_manim.visuals.theme import DEFAULT_THEME

    default = [int(DEFAULT_THEME.background[i : i + 2], 16) for i in (1, 3, 5)]
    assert all(abs(c - d) <= 6 for c, d in zip(_corner(media / "another-talk.mp4"), default))


@pytest.mark.slow
@pytest.mark.parametrize("style", [None, "sentence"])
def test_the_manifest_caption_mode_decides_how_captions_light_up(tmp_path, style):
    """A scene class asking for word captions renders sentence captions when its script says so."""
    from conftest import shown_frames

    from dayinlife_manim.render.render import render_scene
    from dayinlife_manim.render.settings import RenderSettings
    from dayinlife_manim.scene import NarratedScene

    text = "Timing\n\nFirst sentence is here. The second sentence mentions a scooter near its end, a red scooter.\n"
    script = BuildOptions(captions=style).apply(parse_script(text, "timing"))
    manifest, _ = make_voiceover(script, SilentVoice(), tmp_path / "media")
    Words = type("Words", (NarratedScene,), {"caption_mode": "words"})
    settings = RenderSettings.from_options("tiny", "16:9", 10)
    para = manifest.paragraphs[1]
    out = render_scene(Words, manifest=manifest.root / "manifest.json", paragraph=para.id, out=tmp_path / "scene.mp4",
                       settings=settings, workdir=tmp_path / "work")
    frames = [f[int(f.shape[0] * 0.7):].astype(int) for f in shown_frames(out)[0]]  # the caption band
    cue = para.cues[1]
    starts = [round(w.start * settings.fps) for w in cue.words]
    picked = [f for f, before in zip(starts[1:], starts) if f - before >= 2 and f - round(cue.start * settings.fps) >= 2]
    assert len(picked) >= 3
    changes = [int(abs(frames[f] - frames[f - 1]).max()) for f in picked]
    if style == "sentence":
        assert max(changes) < 40, changes  # the sentence stays lit as a whole
    else:
        assert min(changes) > 80, changes  # the class's own word highlight
