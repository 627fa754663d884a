"""`manim render FILE -a` renders exactly one video per paragraph: a scene module's shared
settings (its script, its theme) live at module level, not in a renderable base class."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from manim import tempconfig
from manim.utils.module_ops import scene_classes_from_file

from dayinlife_manim.author.scaffold import write_scene_module
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.text.script import load_script
from dayinlife_manim.visuals.theme import DEFAULT_THEME, Theme


def manim_scene_names(path: Path) -> list[str]:
    """What `manim render PATH -a` would render, from manim's own module scan (run from the file's repo)."""
    cwd = os.getcwd()
    os.chdir(path.parent.parent)
    try:
        with tempconfig({"write_all": True}):
            return sorted(c.__name__ for c in scene_classes_from_file(path.relative_to(path.parent.parent)))
    finally:
        os.chdir(cwd)


def test_seed_module_renders_one_scene_per_paragraph(repo_root, seed_script):
    module_path = repo_root / "scenes" / "day_in_life.py"
    names = manim_scene_names(module_path)
    from dayinlife_manim.render.render import load_scene_module

    ordered = load_scene_module(module_path).SCENES_IN_ORDER
    assert names == sorted(c.__name__ for c in ordered)
    assert len(names) == len(load_script(seed_script).paragraphs)


TALK = "# A Made-Up Video\n\nFirst idea here.\n\nSecond idea, with a twist.\n\nThe end.\n"


def test_new_module_renders_one_scene_per_paragraph(tmp_path):
    script = tmp_path / "talk.txt"
    script.write_text(TALK, encoding="utf-8")
    out = write_scene_module(load_script(script), tmp_path / "scenes" / "talk.py")
    names = manim_scene_names(out)
    assert len(names) == len(load_script(script).paragraphs) == 4
    assert "AutoScene" not in names and "NarratedScene" not in names


@pytest.mark.parametrize("name", ["dayinlife", "man"])
def test_new_refuses_module_names_that_would_list_library_scenes(tmp_path, name):
    script = tmp_path / "talk.txt"
    script.write_text(TALK, encoding="utf-8")
    with pytest.raises(UserError, match="another file name"):
        write_scene_module(load_script(script), tmp_path / f"{name}.py")


def test_module_settings_are_read_from_the_defining_module(tmp_path):
    source = (
        "from dayinlife_manim.scene import NarratedScene\n"
        "from dayinlife_manim.visuals.theme import Theme\n"
        "SCRIPT = 'talk.txt'\n"
        "THEME = Theme(accent='#ff0000')\n"
        "class A(NarratedScene):\n    paragraph = 0\n"
        "class B(NarratedScene):\n    paragraph = 1\n    script = 'other.txt'\n    theme = Theme(accent='#00ff00')\n"
        "class C(B):\n    paragraph = 2\n"
    )
    path = tmp_path / "settings_mod.py"
    path.write_text(source, encoding="utf-8")
    from dayinlife_manim.render.render import load_scene_module

    module = load_scene_module(path)
    assert module.A.setting("script") == "talk.txt"
    assert module.A.setting("theme").accent == "#ff0000"
    assert module.B.setting("script") == "other.txt" and module.C.setting("theme").accent == "#00ff00"

    class Elsewhere(NarratedScene):  # a module (this test file) without SCRIPT/THEME: the defaults
        pass

    assert Elsewhere.setting("script") is None and Elsewhere.setting("theme") is DEFAULT_THEME
    assert isinstance(module.A.setting("theme"), Theme)
