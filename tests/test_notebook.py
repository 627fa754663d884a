"""The %%dayinlife cell magic, run in a real notebook on a real Jupyter kernel (this venv's python)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from dayinlife_manim.render.media import probe

pytestmark = [pytest.mark.slow, pytest.mark.loopback]

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

SCRIPT = """\
Morning Light

The alarm rings at seven. Coffee first, then email.

A long commute by train. Podcasts help the time pass.

Home again by six. Dinner, a walk, and bed.
"""

SCENE_CELL = '''\
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions


class Alarm(NarratedScene):
    paragraph = 1

    def narrate(self):
        with self.sentence(0) as s:
            self.play(motions.pop_in(icon("alarm").move_to(self.stage.center)), run_time=s.share(0.3))
'''


def kernel_spec(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec running ipykernel on this test's python (so the kernel imports this tree)."""
    spec = folder / "kernels" / "dayinlife-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "dayinlife test", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    return "dayinlife-test"


def execute(cells: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel_spec(folder / "jupyter", monkeypatch), timeout=600,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


def outputs(cell, kind: str | None = None):
    return [o for o in cell.outputs if kind is None or o.output_type == kind]


def stderr(cell) -> str:
    return "".join(o.text for o in outputs(cell, "stream") if o.name == "stderr")


def html_of(cell) -> str:
    return "".join(o.data.get("text/html", "") for o in cell.outputs if o.output_type == "display_data")


def test_cell_magic_shows_the_video_with_captions_and_one_line_errors(tmp_path, media_env, monkeypatch):
    (tmp_path / "alarm_scenes.py").write_text(SCENE_CELL)
    nb = execute([
        "%load_ext dayinlife_manim",
        "%%dayinlife --voice silent --quality tiny\n" + SCRIPT,
        "%%dayinlife --voice silent --bogus\nSome text.",
        "%%dayinlife --voice silent\n   \n",
        "%%dayinlife --voice silent --scenes no_such_scenes.py\nSome text.",
        SCENE_CELL,
        "%%dayinlife --voice silent --quality tiny --scenes Alarm\n" + SCRIPT,
        "%%dayinlife --voice silent --storyboard\n" + SCRIPT,
        "import alarm_scenes",
        "%%dayinlife --voice silent --quality tiny --scenes alarm_scenes\n" + SCRIPT,
        "%dayinlife --help",
        "%dayinlife --voice silent",
    ], tmp_path, monkeypatch)
    cells = nb.cells
    for cell in cells:
        assert not outputs(cell, "error"), cell.outputs  # no traceback anywhere

    # The video: an HTML5 <video> with its WebVTT captions, files beside the notebook.
    videos = [o for o in outputs(cells[1], "display_data") if "dayinlife" in o.get("metadata", {})]
    assert len(videos) == 1
    meta = videos[0].metadata["dayinlife"]
    page = videos[0].data["text/html"]
    src = re.search(r'<video [^>]*src="([^"]+)"', page).group(1)
    track = re.search(r'<track kind="captions"[^>]*src="([^"]+)"[^>]*default', page).group(1)
    assert (tmp_path / src).resolve() == Path(meta["video"]) and (tmp_path / track).resolve() == Path(meta["vtt"])
    assert Path(meta["vtt"]).read_text().startswith("WEBVTT")
    info = probe(Path(meta["video"]))
    assert info.video_duration > 3 and info.audio_duration == pytest.approx(info.video_duration, abs=0.1)
    assert "4 rendered, 0 cached" in page
    # The progress line, updated in place, ends saying what was built.
    assert re.search(r"built morning-light\.mp4 in \d", html_of(cells[1]))

    # Mistakes: the CLI's one line each.
    assert stderr(cells[2]).strip() == "Error: No such option: --bogus (see '%%dayinlife --help')"
    assert stderr(cells[3]).strip() == "Error: notebook: nothing to narrate (no speakable text)"
    assert stderr(cells[4]).strip().splitlines() == [
        "Error: Invalid value for '--scenes': File 'no_such_scenes.py' does not exist. (see '%%dayinlife --help')"
    ]

    # --scenes names a class defined in the notebook: its cell becomes the scene module.
    rebuilt = next(o for o in outputs(cells[6], "display_data") if "dayinlife" in o.get("metadata", {})).metadata["dayinlife"]
    alarm = "01-the-alarm-rings-at"  # paragraph 1's id
    assert alarm in rebuilt["rendered"] and alarm not in rebuilt["cached"] and rebuilt["cached"], rebuilt
    written = list((media_env.media).glob("notebook_scenes_*.py"))
    assert len(written) == 1 and "class Alarm(NarratedScene)" in written[0].read_text()

    # --storyboard: the contact sheets instead of the video.
    board = html_of(cells[7])
    sheets = re.findall(r'<img src="([^"]+\.png)"', board)
    assert len(sheets) == 4 and all((tmp_path / s).is_file() for s in sheets)

    # --scenes names a module imported in the notebook: its file.
    assert "Error" not in stderr(cells[9])
    assert any("dayinlife" in o.get("metadata", {}) for o in outputs(cells[9], "display_data"))
    # --help: the options, from the same definitions as the CLI's.
    shown = "".join(o.text for o in outputs(cells[10], "stream"))
    assert "Usage: %%dayinlife [OPTIONS]" in shown and "--storyboard" in shown and "--loudness" in shown
    assert stderr(cells[11]).strip().startswith("Error: the script is the cell's text: start a cell with %%dayinlife")
