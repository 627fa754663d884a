"""Timings of the Manim-ecosystem integrations; prints them.

* Jupyter: seconds from a cold kernel (started now, on this venv's python) to
  the first inline video of a 3-paragraph ``%%dayinlife`` cell, with the
  silent voice and with piper, in an empty media folder (nothing cached but
  piper's patched model), at the magic's default quality (low, 480p15).
* manim-voiceover: how far each ``<bookmark>`` of a VoiceoverScene spoken by
  ``DayinlifeService`` (piper) falls from this project's time for its word,
  as the tracker holds it and as the scene stands after ``wait_until_bookmark``.

    .venv/bin/python bench/integrations_bench.py [--skip-notebook] [--skip-bookmarks]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime
from pathlib import Path

CELL = """\
Morning Light

The alarm rings at seven. Coffee first, then email.

A long commute by train. Podcasts help the time pass.

Home again by six. Dinner, a walk, and bed.
"""


def cold_kernel_to_video(voice: str) -> tuple[float, float, dict]:
    import nbformat
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="dayinlife-nb-") as tmp:
        root = Path(tmp)
        spec = root / "jupyter" / "kernels" / "bench"
        spec.mkdir(parents=True)
        argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "bench", "language": "python"}))
        env_before = dict(os.environ)
        os.environ["JUPYTER_PATH"] = str(root / "jupyter")
        os.environ["DAYINLIFE_MEDIA"] = str(root / "media")
        os.environ.pop("DAYINLIFE_CACHE", None)  # the sentence cache goes inside the empty media folder
        try:
            nb = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_code_cell("%load_ext dayinlife_manim"),
                nbformat.v4.new_code_cell(f"%%dayinlife --voice {voice}\n" + CELL),
            ])
            client = NotebookClient(nb, kernel_name="bench", timeout=900, resources={"metadata": {"path": str(root)}})
            started = time.time()
            client.execute()
        finally:
            os.environ.clear()
            os.environ.update(env_before)
        cell = nb.cells[1]
        done = datetime.fromisoformat(cell.metadata["execution"]["iopub.status.idle"].replace("Z", "+00:00")).timestamp()
        began = datetime.fromisoformat(cell.metadata["execution"]["iopub.status.busy"].replace("Z", "+00:00")).timestamp()
        meta = next(o.metadata["dayinlife"] for o in cell.outputs if o.output_type == "display_data" and "dayinlife" in o.metadata)
        return done - started, done - began, meta


SCENE = textwrap.dedent('''
    import json, os
    from manim import *
    from manim_voiceover import VoiceoverScene
    from dayinlife_manim.voiceover_service import DayinlifeService

    class Bookmarks(VoiceoverScene):
        def construct(self):
            self.set_speech_service(DayinlifeService(voice="piper"))
            seen = {}
            with self.voiceover(text=os.environ["VO_TEXT"]) as tracker:
                seen["start"] = float(self.renderer.time)
                seen["bookmarks"] = dict(tracker.bookmark_times)
                for mark in sorted(tracker.bookmark_times, key=tracker.bookmark_times.get):
                    self.wait_until_bookmark(mark)
                    seen["at_" + mark] = float(self.renderer.time)
                    self.play(FadeIn(Dot()), run_time=0.2)
            with open(os.environ["VO_OUT"], "w") as fh:
                json.dump(seen, fh)
''')

MARKED = ("The clock starts at <bookmark mark='A'/>seven, the train leaves at <bookmark mark='B'/>eight, "
          "and the meeting begins at <bookmark mark='C'/>nine.")
WORDS = {"A": "seven", "B": "eight", "C": "nine"}


def bookmark_errors(quality: str, fps: int) -> list[tuple[str, float, float]]:
    from dayinlife_manim.text.script import parse_script
    from dayinlife_manim.voices import get_voice
    from dayinlife_manim.voices.voiceover import make_voiceover

    with tempfile.TemporaryDirectory(prefix="dayinlife-vo-") as tmp:
        root = Path(tmp)
        (root / "scene.py").write_text(SCENE)
        env = {**os.environ, "VO_TEXT": MARKED, "VO_OUT": str(root / "seen.json"), "DAYINLIFE_MEDIA": str(root / "media")}
        subprocess.run([sys.executable, "-m", "manim", "render", f"-q{quality}", "--media_dir", str(root / "mm"),
                        "scene.py", "Bookmarks"], cwd=root, env=env, check=True, capture_output=True)
        seen = json.loads((root / "seen.json").read_text())
        plain = MARKED
        for mark in WORDS:
            plain = plain.replace(f"<bookmark mark='{mark}'/>", "")
        manifest, _ = make_voiceover(parse_script(plain), get_voice("piper", lang="en"), root / "media")
        words = [w for c in manifest.paragraphs[0].cues for w in c.words]
        rows = []
        for mark, word in WORDS.items():
            expected = seen["start"] + next(w.start for w in words if w.text.rstrip(",.") == word)
            rows.append((mark, seen["bookmarks"][mark] - expected, seen["at_" + mark] - expected))
        return rows


def main(argv: list[str]) -> None:
    if "--skip-notebook" not in argv:
        for voice in ("silent", "piper"):
            total, cell, meta = cold_kernel_to_video(voice)
            print(f"notebook, voice {voice}: cold kernel to first inline video {total:.1f} s "
                  f"(the %%dayinlife cell itself {cell:.1f} s; {len(meta['rendered'])} scenes rendered, "
                  f"video {meta['duration']:.1f} s)")
    if "--skip-bookmarks" not in argv:
        for quality, fps in (("l", 15), ("m", 30)):
            for mark, tracker_err, scene_err in bookmark_errors(quality, fps):
                print(f"bookmark {mark} at {fps} fps: tracker {tracker_err * 1000:+.3f} ms, scene after "
                      f"wait_until_bookmark {scene_err * 1000:+.1f} ms (one frame: {1000 / fps:.1f} ms)")


if __name__ == "__main__":
    main(sys.argv[1:])
