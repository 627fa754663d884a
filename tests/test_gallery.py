"""The gallery is drawn from the code: every public drawing and motion has a working example."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from dayinlife_manim.author.gallery import SUBJECTS, entries, make_gallery

pytestmark = pytest.mark.slow


def test_every_entry_has_a_summary_and_an_example():
    items = entries()
    assert len(items) >= 45
    missing = [f"{e.subject}.{e.name}" for e in items if not e.example or not e.summary]
    assert not missing, missing
    names = [e.name for e in items]
    assert len(names) == len(set(names)), "a drawing is listed under two subjects"


def test_gallery_draws_every_entry(tmp_path):
    report = make_gallery(tmp_path / "gallery", cell=(96, 60))
    assert set(report.sheets) == set(SUBJECTS)
    page = report.page.read_text(encoding="utf-8")
    background = np.array([0x14, 0x16, 0x1F])
    for entry in report.entries:
        assert f'id="{entry.subject}-{entry.name}"' in page and entry.import_line in page
        exec(entry.import_line, {})  # the import line shown works
        image = np.asarray(Image.open(tmp_path / "gallery" / "img" / entry.file).convert("RGB"), dtype=int)
        drawn = (np.abs(image - background).max(axis=2) > 40).mean()
        assert drawn > 0.003, (entry.name, drawn)  # something is drawn, not an empty frame
    for sheet in report.sheets.values():
        assert Image.open(sheet).height > 100
