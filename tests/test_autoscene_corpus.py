"""Any paragraph builds: a sample of bench/autoscene_corpus.py's corpus rendered at the tiny quality."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import autoscene_corpus  # noqa: E402

from dayinlife_manim.text.script import parse_script  # noqa: E402


def test_the_corpus_is_large_and_varied() -> None:
    paragraphs = autoscene_corpus.corpus()
    assert len(paragraphs) >= 300
    text = "\n".join(paragraphs)
    for needle in ("3-5 business", "“", "☕", "https://", "Привет", "مرحبا", "नमस्ते", "こんにちは", "你好", "Hola", "Why?"):
        assert needle in text, needle
    assert min(len(p.split()) for p in paragraphs) == 1 and max(len(p.split()) for p in paragraphs) > 120


@pytest.mark.slow
def test_a_sample_of_the_corpus_renders_without_failing(tmp_path: Path) -> None:
    paragraphs = autoscene_corpus.sample(14) + ["Your order ships in 3-5 business days."]
    outcomes = autoscene_corpus.render_all(paragraphs, tmp_path)
    # A block with nothing to say or show ("🚀🚀🚀") is no paragraph of the script.
    kept = parse_script("Sample\n\n" + "\n\n".join(paragraphs) + "\n", "sample").paragraphs[1:]
    assert len(outcomes) == len(kept) >= len(paragraphs) - 1
    assert [o.error for o in outcomes if o.error] == []
    # Nothing in the sample needs a fallback (a fallback would be a beat's bug to fix).
    assert [line for o in outcomes for line in o.fallbacks] == []
