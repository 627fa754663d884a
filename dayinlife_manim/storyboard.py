"""Storyboard: the frame at every beat of every scene, as stills, with no video encoded.

A beat is the end of a sentence window and every point a scene waits for
(``s.wait_for("word")``, ``s.wait_until(0.5)``, the start of a ``with
self.sentence(i)`` block).  The scene runs its real timeline, frame by frame
(animations and updaters are stepped exactly as in a render, so every later
frame is where it would be), but nothing is drawn or encoded except the
frames at beats: a still is the very frame the render writes at that moment.

Stills of a scene are cached under ``media/<slug>/storyboard/<W>x<H>@<fps>/``
with the scene's render key, so editing one scene re-draws that scene only.
Outputs: one PNG per still, a PNG contact sheet per scene and one HTML page
for the whole script.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import UserError
from .fsutil import atomic_path, atomic_write_text
from .locks import FileLock
from .manifest import Cue, Manifest, ParagraphAudio

#: Bump when the stills this module draws change for the same scene.
STORYBOARD_VERSION = 1
THUMB_WIDTH = 384


# -- what a still shows -----------------------------------------------------------
@dataclass(frozen=True)
class Still:
    """One frame of a scene at a beat, with what is being said then."""

    paragraph: str
    frame: int  # index of this frame in the scene's video (0-based)
    fps: int
    kind: str  # "end": end of a sentence window; "beat": a point the scene waits for; "late": the scene was busy past it
    sentence: int  # index of the sentence being spoken (or just ended)
    before: str  # words just said ...
    word: str  # ... the word about to be said (empty at the end of a sentence) ...
    after: str  # ... and the words after it
    image: str  # file name of the PNG, beside the scene's stills.json

    @property
    def time(self) -> float:
        """Where this frame sits in the scene's video, in seconds (its presentation time)."""
        return self.frame / self.fps

    @property
    def words(self) -> str:
        return " ".join(w for w in (self.before, self.word, self.after) if w)


def _sentence_at(cues: tuple[Cue, ...], t: float) -> int:
    index = 0
    for i, cue in enumerate(cues):
        if cue.start <= t + 1e-9:
            index = i
    return index


def spoken_at(cue: Cue, t: float, before: int = 3, after: int = 3) -> tuple[str, str, str]:
    """(words just said, word about to be said, next words) of ``cue`` at time ``t``.

    Uses the cue's word timings when it has them (``cue.words``), else the
    word's position in the text, as :meth:`SentenceWindow.word_time` estimates it.
    """
    timed = getattr(cue, "words", None)
    if timed:
        words = [getattr(w, "text", str(w)) for w in timed]
        if t >= cue.end - 1e-6:
            k = len(words)
        else:  # the word being said: the last one started by ``t``
            k = max(0, sum(1 for w in timed if getattr(w, "start", cue.end) <= t + 1e-6) - 1)
    else:
        words = cue.text.split()
        if t >= cue.end - 1e-6:
            k = len(words)
        else:
            # the inverse of SentenceWindow.word_time (half a character of slack for rounding)
            pos = max(0.0, (t - cue.start) / max(cue.duration, 1e-6)) * len(cue.text) + 0.5
            k, offset = 0, 0
            for i, word in enumerate(words):
                offset = cue.text.find(word, offset)
                if offset > pos:
                    break
                k = i
                offset += len(word)
    if k >= len(words):
        return " ".join(words[-(before + after):]), "", ""
    return " ".join(words[max(0, k - before) : k]), words[k], " ".join(words[k + 1 : k + 1 + after])


# -- running a scene's timeline, drawing only its beats -------------------------------
def _still_renderer_class():
    """A CairoRenderer that counts frames like a render but draws only on request.

    This and :func:`_storyboard_class` are the one place that hooks into
    manim's renderer (pinned manim 0.22): ``play``, ``update_frame``,
    ``render``, ``add_frame``, ``get_frame``, ``scene_finished`` and the
    scene's ``get_time_progression``; ``tests/test_storyboard.py`` checks the
    stills against a real render, so a change underneath fails loudly.
    """
    from manim.renderer.cairo_renderer import CairoRenderer

    class StillRenderer(CairoRenderer):
        on_frames: Callable[[int], None] | None = None
        play_start = 0  # frames written when the current play began

        def init_scene(self, scene, *args, **kwargs):
            super().init_scene(scene, *args, **kwargs)
            self.scene = scene

        @property
        def fps(self) -> int:
            return self.camera.frame_rate

        def play(self, scene, *args, **kwargs):
            self.play_start = round(self.time * self.fps)
            super().play(scene, *args, **kwargs)

        def update_frame(self, *args, **kwargs):  # nothing is drawn between beats
            return None

        def get_frame(self):
            return None

        def render(self, scene, time, moving_mobjects=None):
            # The frame a render writes for animation time ``time`` (a multiple of 1/fps).
            self._frames_now(self.play_start + round(time * self.fps) + 1)

        def add_frame(self, frame, num_frames: int = 1):  # a frozen wait: many frames at once
            if not self.skip_animations:
                self._frames_now(round(self.time * self.fps) + num_frames)

        def _frames_now(self, frames: int) -> None:
            self.time = frames / self.fps
            if self.on_frames is not None:
                self.on_frames(frames)

        def scene_finished(self, scene):
            return None

        def draw(self):
            """The frame as the render would write it now: every mobject, drawn afresh."""
            CairoRenderer.update_frame(self, self.scene, ignore_skipping=True)
            return self.camera.get_image().convert("RGB")

    return StillRenderer


class _BeatRecorder:
    """Collects beats of a running scene and draws each one when its frame is reached."""

    def __init__(self, renderer, out_dir: Path, fps: int) -> None:
        self.scene = None  # set by the scene's setup
        self.renderer, self.out_dir, self.fps = renderer, out_dir, fps
        self.pending: dict[int, tuple[str, float]] = {}  # frames written at the beat -> (kind, its time)
        self.stills: list[Still] = []
        self.done: set[int] = set()

    def add(self, t: float, kind: str) -> None:
        t = min(t, self.scene.narration_duration)
        frames = round(t * self.fps)
        if frames in self.done or self.pending.get(frames, ("",))[0] == "end":
            return
        now = round(self.scene.time * self.fps)
        if frames <= now:  # the scene is already there (or past it): show what it shows now
            self._capture(frames, "late" if frames < now else kind, t, now)
        else:
            self.pending[frames] = (kind, t)

    def frames_written(self, now: int) -> None:
        for frames in sorted(f for f in self.pending if f <= now):
            self._capture(frames, *self.pending.pop(frames), now)

    def _capture(self, frames: int, kind: str, t: float, now: int) -> None:
        self.done.add(frames)
        # The frame on screen at the beat: the last one written by then (a frozen wait
        # writes many identical frames at once); a late beat shows the frame of now.
        frame = max(0, (now if kind == "late" else frames) - 1)
        cues = self.scene.cues
        if cues:
            i = _sentence_at(cues, t - (1e-6 if kind == "end" else 0))
            before, word, after = spoken_at(cues[i], t) if kind != "end" else spoken_at(cues[i], cues[i].end)
        else:
            i, before, word, after = 0, "", "", ""
        name = f"{len(self.stills):02d}-f{frame:05d}.png"
        image = self.renderer.draw()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with atomic_path(self.out_dir / name) as tmp:
            image.save(tmp, format="PNG", compress_level=1)
        self.stills.append(Still(self.scene.para.id, frame, self.fps, kind, i, before, word, after, name))


def _storyboard_class(cls: type, recorder: _BeatRecorder) -> type:
    """``cls`` with beats recorded: every wait target and every sentence window's end."""
    import numpy as np
    from manim import config

    class Storyboarded(cls):  # type: ignore[misc, valid-type]
        _beats = recorder

        def setup(self) -> None:
            super().setup()
            self._beats.scene = self
            for window in self.sentences:
                self._beats.add(window.end, "end")

        def add_sound(self, *args, **kwargs) -> None:  # no movie, no sound to mix
            return None

        def wait_until_time(self, t: float) -> None:
            self._beats.add(t, "beat")
            super().wait_until_time(t)

        def finish(self) -> None:  # the last beat is where the closing fade starts: stop there
            self.wait_until_time(self._fade_time())

        def get_time_progression(self, run_time, description, n_iterations=None, override_skip_animations=False):
            """Step an animation only to the frames a beat needs, and to its last frame.

            Animations land exactly where a render puts them at those frames;
            updaters see the skipped time as one longer ``dt``.  A wait with a
            stop condition is stepped at every frame (the condition decides).
            """
            from tqdm import tqdm

            times = np.arange(0, run_time, 1 / config.frame_rate)
            if n_iterations != -1:
                start, pending = self.renderer.play_start, self._beats.pending
                last = len(times) - 1
                times = [t for k, t in enumerate(times) if k == last or start + k + 1 in pending]
            return tqdm(times, disable=True)

    Storyboarded.__name__ = Storyboarded.__qualname__ = cls.__name__
    Storyboarded.__module__ = cls.__module__
    return Storyboarded


def scene_stills(cls: type, *, manifest: Path, paragraph: str, settings, out_dir: Path) -> list[Still]:
    """Run ``cls`` telling ``paragraph`` of ``manifest`` in this process; write and return its stills."""
    from manim import tempconfig

    from .render import _environ
    from .scene import ENV_MANIFEST, ENV_PARAGRAPH

    options = {
        **settings.manim_config(),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": False,
        "save_last_frame": False,
        "media_dir": str(Path(out_dir) / ".manim"),
        "log_to_file": False,
    }
    out_dir = Path(out_dir)
    with _environ(**{ENV_MANIFEST: str(Path(manifest).resolve()), ENV_PARAGRAPH: paragraph}):
        with tempconfig(options):
            renderer = _still_renderer_class()()
            recorder = _BeatRecorder(renderer, out_dir, settings.fps)
            renderer.on_frames = recorder.frames_written
            scene = _storyboard_class(cls, recorder)(renderer=renderer)
            scene.render()
            recorder.frames_written(round(scene.time * settings.fps) + 1)
    return sorted(recorder.stills, key=lambda s: s.frame)


# -- the storyboard of a whole script ---------------------------------------------
@dataclass
class SceneBoard:
    para: ParagraphAudio
    scene: str
    dir: Path  # where its stills live
    stills: list[Still] = field(default_factory=list)
    cached: bool = False

    @property
    def sheet(self) -> Path:
        return self.dir.with_suffix(".png")


@dataclass
class StoryboardReport:
    scenes: list[SceneBoard]
    html: Path | None
    notes: list[str]
    seconds: float = 0.0

    @property
    def rendered(self) -> list[str]:
        return [b.para.id for b in self.scenes if not b.cached]


def storyboard_root(manifest: Manifest, settings) -> Path:
    return manifest.root / "storyboard" / settings.tag


def _board_key(scene_key: str) -> str:
    source = Path(__file__).read_bytes()
    return hashlib.sha256(f"{STORYBOARD_VERSION}:{scene_key}:".encode() + source).hexdigest()


def _load_cached(board_dir: Path, key: str) -> list[Still] | None:
    try:
        data = json.loads((board_dir / "stills.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("key") != key:
        return None
    try:
        stills = [Still(**s) for s in data["stills"]]
    except (KeyError, TypeError):
        return None
    if not all((board_dir / s.image).exists() for s in stills):
        return None
    return stills


def _run_job(ref: str, manifest_file: str, paragraph: str, tag: str, out_dir: str,
             env: dict[str, str] | None = None) -> list[dict] | str:
    """One scene's stills, in a worker process; an error comes back as text.

    ``env`` is the caller's environment now: a forkserver's workers would
    otherwise keep the one the server started with, years of builds ago.
    """
    import traceback

    from .render import RenderSettings
    from .worker import resolve

    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    try:
        cls = resolve(ref)
        stills = scene_stills(cls, manifest=Path(manifest_file), paragraph=paragraph,
                              settings=RenderSettings.from_tag(tag), out_dir=Path(out_dir))
        return [asdict(s) for s in stills]
    except Exception:  # noqa: BLE001 - reported with its paragraph
        return traceback.format_exc()


def _clear(board_dir: Path) -> None:
    if board_dir.is_dir():
        for f in board_dir.glob("*.png"):
            f.unlink()


def make_stills(
    manifest: Manifest,
    scenes,
    settings,
    *,
    workers: int = 1,
    force: bool = False,
    only: Iterable[str] | None = None,
    on_scene: Callable[[SceneBoard], object] | None = None,
    fork: bool = True,
) -> tuple[list[SceneBoard], list[str]]:
    """Stills of every paragraph's scene (cached ones are reused); returns the boards and notes.

    ``scenes`` is a scene module (or ``None``: AutoScene for all), or the
    (paragraph, scene class, ref) triples a build already chose.  Workers are
    forked warm from this process; pass ``fork=False`` from a process with
    threads (they start from a clean preloaded server instead).
    """
    from .build import assign_scenes
    from .scenecache import scene_key

    if scenes is None or isinstance(scenes, (str, Path)):
        pairs, notes = assign_scenes(manifest, scenes)
    else:
        pairs, notes = list(scenes), []
    root = storyboard_root(manifest, settings)
    # One storyboard of these settings at a time: a concurrent one (two builds of a script)
    # waits, then finds the scenes it needs drawn and cached.
    with FileLock(root, "stills"):
        manifest_file = manifest.root / "manifest.json"
        boards, todo = [], []
        wanted = set(only) if only is not None else None
        for para, cls, ref in pairs:
            board = SceneBoard(para, cls.__name__, root / para.id)
            key = _board_key(scene_key(cls, manifest, para, settings))
            cached = None if force else _load_cached(board.dir, key)
            if cached is not None:
                board.stills, board.cached = cached, True
            elif wanted is None or para.id in wanted:
                todo.append((board, ref, key))
            boards.append(board)
        failures = []

        def finish(board: SceneBoard, key: str, result) -> None:
            if isinstance(result, str):
                failures.append(f"paragraph {board.para.id} ({board.scene}) failed:\n{result}")
                return
            board.stills = [Still(**s) for s in result]
            contact_sheet(board, settings)
            atomic_write_text(board.dir / "stills.json", json.dumps({"key": key, "stills": result}, indent=1))
            if on_scene:
                on_scene(board)

        for board, _, _ in todo:
            _clear(board.dir)
        args = [(ref, str(manifest_file), b.para.id, settings.tag, str(b.dir)) for b, ref, _ in todo]
        if len(todo) > 1 and workers > 1:
            # Forked workers start warm: manim and the scene module are already imported.
            context = multiprocessing.get_context("fork" if fork else "forkserver")
            if not fork:
                context.set_forkserver_preload(["manim", "dayinlife_manim.storyboard"])
            env = [dict(os.environ)] * len(args)
            try:
                with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context) as pool:
                    for (board, _, key), result in zip(todo, pool.map(_run_job, *zip(*args), env)):
                        finish(board, key, result)
            except BrokenProcessPool as exc:  # a stills process was killed: say so, as for a failed scene
                failures.append(f"a stills process ended abruptly ({exc})")
        else:
            for (board, _, key), a in zip(todo, args):
                finish(board, key, _run_job(*a))
        if failures:
            raise StoryboardFailed(failures)
    return boards, notes


class StoryboardFailed(UserError):
    exit_code = 1

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        last = failures[0].strip().splitlines()
        super().__init__(f"{len(failures)} scene(s) failed: {last[0]} {last[-1]}")


# -- contact sheets and the page ---------------------------------------------------
def _font(size: int):
    from PIL import ImageFont

    from .visuals.text import font_file

    path = font_file("DejaVu Sans")
    try:
        return ImageFont.truetype(path, size) if path else ImageFont.load_default()
    except OSError:
        return ImageFont.load_default()


def _wrap(draw, text: str, font, width: int, lines: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(".,;") + " …"
    return out


def still_label(still: Still) -> str:
    what = "end of sentence" if still.kind == "end" else "sentence"
    late = " · late: the scene was still busy" if still.kind == "late" else ""
    return f"{still.time:.1f}s · {what} {still.sentence + 1}{late}"


def contact_sheet(board: SceneBoard, settings, columns: int | None = None) -> Path:
    """A PNG grid of the scene's stills, each labelled with its time, sentence and words."""
    from PIL import Image, ImageDraw

    thumb_w = THUMB_WIDTH if settings.width >= settings.height else THUMB_WIDTH // 2
    thumb_h = round(thumb_w * settings.height / settings.width)
    columns = columns or (4 if settings.width >= settings.height else 6)
    n = max(1, len(board.stills))
    columns = min(columns, n)
    rows = -(-n // columns)
    pad, label_h, head_h = 12, 64, 44
    small, big = _font(14), _font(20)
    sheet = Image.new("RGB", (pad + columns * (thumb_w + pad), head_h + rows * (thumb_h + label_h + pad)), "#101218")
    draw = ImageDraw.Draw(sheet)
    draw.text((pad, 10), f"{board.para.id} · {board.scene} · {board.para.duration:.1f}s", fill="#f4f1ea", font=big)
    for i, still in enumerate(board.stills):
        x = pad + (i % columns) * (thumb_w + pad)
        y = head_h + (i // columns) * (thumb_h + label_h + pad)
        with Image.open(board.dir / still.image) as im:
            sheet.paste(im.convert("RGB").resize((thumb_w, thumb_h), Image.LANCZOS), (x, y))
        draw.text((x, y + thumb_h + 4), still_label(still), fill="#ffb703", font=small)
        words = f"{still.before} «{still.word}» {still.after}".strip() if still.word else "… " + still.before
        for j, line in enumerate(_wrap(draw, words, small, thumb_w, 2)):
            draw.text((x, y + thumb_h + 22 + 18 * j), line, fill="#d0d0d8", font=small)
    with atomic_path(board.sheet) as tmp:
        sheet.save(tmp, format="PNG", compress_level=3)
    return board.sheet


def still_caption_html(still: Still) -> str:
    """The words of a still, the word about to be said marked."""
    parts = [html.escape(still.before)]
    if still.word:
        parts.append(f"<mark>{html.escape(still.word)}</mark>")
    parts.append(html.escape(still.after))
    return " ".join(p for p in parts if p)


def rel(path: Path, start: Path) -> str:
    """A URL path from folder ``start`` to ``path`` (works from file://, no server)."""
    from urllib.parse import quote

    return quote(os.path.relpath(Path(path).resolve(), Path(start).resolve()).replace(os.sep, "/"))


PAGE_STYLE = """
body{background:#101218;color:#f4f1ea;font-family:"DejaVu Sans",sans-serif;margin:1.5em}
h1{font-size:1.4em} h2{font-size:1.05em;margin:1.6em 0 .5em;color:#ffb703}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(%dpx,1fr));gap:12px}
figure{margin:0;background:#1f2230;border-radius:6px;overflow:hidden;cursor:default}
figure img{width:100%%;display:block} figcaption{padding:6px 8px;font-size:.8em;color:#c8c8d0}
figcaption b{color:#ffb703;font-weight:normal;display:block} mark{background:#ffb703;color:#101218;padding:0 2px}
.meta{color:#8a8fa3;font-size:.85em}
a{color:#8ecae6}
"""


def scene_sections_html(boards: list[SceneBoard], page_dir: Path, offsets: dict[str, float] | None = None) -> str:
    """One section per scene with its stills; with ``offsets`` a still carries its time in the video."""
    out = []
    for board in boards:
        out.append(
            f'<section class="scene" id="{html.escape(board.para.id)}"><h2>{html.escape(board.para.id)} · '
            f'{html.escape(board.scene)} <span class="meta">{board.para.duration:.1f}s · '
            f'<a href="{rel(board.sheet, page_dir)}">contact sheet</a></span></h2><div class="grid">'
        )
        for still in board.stills:
            seek = ""
            if offsets is not None:
                seek = f' data-seek="{offsets[board.para.id] + (still.frame + 0.5) / still.fps:.3f}"'
            out.append(
                f'<figure class="still"{seek}><img loading="lazy" src="{rel(board.dir / still.image, page_dir)}" '
                f'alt="{html.escape(still_label(still))}"><figcaption><b>{html.escape(still_label(still))}</b>'
                f"{still_caption_html(still)}</figcaption></figure>"
            )
        out.append("</div></section>")
    return "\n".join(out)


def write_storyboard_page(manifest: Manifest, boards: list[SceneBoard], out: Path, settings) -> Path:
    out = Path(out)
    thumb = THUMB_WIDTH if settings.width >= settings.height else THUMB_WIDTH // 2
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storyboard: {html.escape(manifest.title)}</title>'
        f"<style>{PAGE_STYLE % thumb}</style></head><body><h1>Storyboard: {html.escape(manifest.title)}</h1>"
        f'<p class="meta">{len(boards)} scenes · {sum(len(b.stills) for b in boards)} stills at beats · '
        f"{settings.tag} · {manifest.duration:.1f}s of narration</p>"
        + scene_sections_html(boards, out.parent)
        + "</body></html>\n"
    )
    atomic_write_text(out, page)
    return out


def storyboard(
    manifest: Manifest,
    scenes: Path | None,
    settings,
    *,
    out: Path | None = None,
    workers: int = 1,
    force: bool = False,
    on_scene: Callable[[SceneBoard], object] | None = None,
) -> StoryboardReport:
    """Stills at every beat of every scene, a contact sheet per scene and one HTML page."""
    t0 = time.perf_counter()
    boards, notes = make_stills(manifest, scenes, settings, workers=workers, force=force, on_scene=on_scene)
    page = write_storyboard_page(manifest, boards, out or manifest.root / "storyboard.html", settings)
    return StoryboardReport(boards, page, notes, time.perf_counter() - t0)
