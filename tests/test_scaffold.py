"""`dayinlife new`: the generated scene module imports, maps every paragraph and renders as written."""

from __future__ import annotations

import ast

import pytest

from dayinlife_manim.author.scaffold import class_name, write_scene_module
from dayinlife_manim.casting import assign_scenes
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import load_scene_module, render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

SCRIPT = '''# My "Quoted" Video

Coffee first. Then code \\ and "quotes".

12 monkeys & 3 cats.
'''


@pytest.fixture()
def generated(tmp_path):
    script = tmp_path / "examples" / "video.txt"
    script.parent.mkdir()
    script.write_text(SCRIPT, encoding="utf-8")
    out = write_scene_module(load_script(script), tmp_path / "scenes" / "my_video.py")
    return script, out


def test_module_is_valid_python_with_one_class_per_paragraph(generated):
    script, out = generated
    source = out.read_text(encoding="utf-8")
    ast.parse(source)
    module = load_scene_module(out)
    names = [c.__name__ for c in module.SCENES_IN_ORDER]
    assert names == ["TitleCard", "CoffeeFirstThenCode", "MonkeysCats"]
    parsed = load_script(script)
    assert [c.paragraph for c in module.SCENES_IN_ORDER] == [p.id for p in parsed.paragraphs]
    assert module.SCRIPT.resolve() == script.resolve()


def test_refuses_to_overwrite_without_force(generated):
    script, out = generated
    with pytest.raises(UserError, match="exists"):
        write_scene_module(load_script(script), out)
    write_scene_module(load_script(script), out, overwrite=True)


def test_class_names_are_unique_identifiers():
    taken: set[str] = set()
    names = [class_name(slug, taken) for slug in ("3-cats", "cats", "cats", "")]
    assert names == ["Cats", "Cats2", "Cats3", "Paragraph"]
    assert all(n.isidentifier() for n in names)


@pytest.mark.slow
def test_generated_scene_renders_as_written(generated, tmp_path):
    script, out = generated
    manifest, _ = make_voiceover(load_script(script), SilentVoice(), tmp_path / "media")
    module = load_scene_module(out)
    pairs, notes = assign_scenes(manifest, out)
    assert not notes and [cls.__name__ for _, cls, _ in pairs] == ["TitleCard", "CoffeeFirstThenCode", "MonkeysCats"]
    para = manifest.paragraphs[1]
    settings = RenderSettings.from_options("tiny")
    video = render_scene(
        module.CoffeeFirstThenCode,
        manifest=manifest.root / "manifest.json",
        paragraph=para.id,
        out=tmp_path / "scene.mp4",
        settings=settings,
        workdir=tmp_path / "work",
    )
    assert probe(video).video_frames == round(para.duration * settings.fps)


PLANNED = """Planned Scenes

Coffee first. Later, a swim in the pool, then some work on the laptop. Then I rest.

At 7:30 the alarm rings, and by 9 am I am at the office with 3 emails and a deadline.
"""


def test_each_class_spells_out_autoscenes_plan(tmp_path):
    script = tmp_path / "planned.txt"
    script.write_text(PLANNED, encoding="utf-8")
    source = write_scene_module(load_script(script), tmp_path / "planned_scenes.py").read_text(encoding="utf-8")
    ast.parse(source)
    assert "card('coffee', 'Coffee')" in source and "card('pool', 'pool')" in source
    assert "self.beat('clock'),  # clock 7:30 → 9 am; on the words '7:30', '9 am'" in source
    assert "self.beat('counter')" in source


@pytest.mark.slow
def test_the_scaffold_renders_the_same_video_as_autoscene(tmp_path):
    """For an icon paragraph and a beat paragraph: every frame of the scaffolded scene is AutoScene's."""
    import numpy as np
    from conftest import shown_frames

    from dayinlife_manim.autoscene import AutoScene

    script = tmp_path / "planned.txt"
    script.write_text(PLANNED, encoding="utf-8")
    out = write_scene_module(load_script(script), tmp_path / "planned_scenes.py")
    module = load_scene_module(out)
    manifest, _ = make_voiceover(load_script(script), SilentVoice(), tmp_path / "media")
    settings = RenderSettings.from_options("tiny")
    for cls, para in zip(module.SCENES_IN_ORDER[1:], manifest.paragraphs[1:]):
        videos = [
            render_scene(scene, manifest=manifest.root / "manifest.json", paragraph=para.id, out=tmp_path / f"{n}-{para.id}.mp4",
                         settings=settings, workdir=tmp_path / "work")
            for n, scene in enumerate((AutoScene, cls))
        ]
        (auto, _), (scaffolded, _) = (shown_frames(v) for v in videos)
        assert len(auto) == len(scaffolded)
        assert all(np.array_equal(a, b) for a, b in zip(auto, scaffolded)), para.id
        assert any(a.std() > 10 for a in auto)  # something was drawn
