"""Strings that name modules or package paths follow the layout, and every option is defined once."""

from __future__ import annotations

import importlib
import importlib.util

from click.testing import CliRunner

from dayinlife_manim.casting import AUTOSCENE_REF
from dayinlife_manim.cli import cli
from dayinlife_manim.core.fingerprint import PACKAGE_DIR
from dayinlife_manim.farm.pool import PRELOAD, WORKER_MODULE
from dayinlife_manim.options import SPECS, BuildOptions
from dayinlife_manim.render.scenecache import AUTOSCENE_SOURCES, NOT_RENDER_SOURCES


def test_module_names_exist():
    for name in [*PRELOAD, WORKER_MODULE]:
        assert importlib.util.find_spec(name) is not None, name
    module, _, attr = AUTOSCENE_REF.partition(":")
    assert isinstance(getattr(importlib.import_module(module), attr), type)


def test_source_lists_name_existing_paths():
    for rel in NOT_RENDER_SOURCES | AUTOSCENE_SOURCES:
        assert (PACKAGE_DIR / rel).exists(), rel


def test_every_option_has_one_spec_and_reaches_the_commands():
    assert set(SPECS) == set(BuildOptions.__dataclass_fields__)
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    for name, spec in SPECS.items():
        assert spec.flags[-1] in help_text, name
    board = CliRunner().invoke(cli, ["storyboard", "--help"], terminal_width=200).output
    assert "--quality" in board and "[default: low]" in board and "--cluster" not in board


def test_options_from_command_values_ignore_others():
    options = BuildOptions.from_values({"quality": "tiny", "aspect": "9:16", "scripts": ("a.txt",)})
    assert options.settings.tag == "240x428@10" and options.output_options()["aspect"] == "9:16"
