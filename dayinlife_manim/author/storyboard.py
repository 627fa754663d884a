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
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..core.errors import UserError
from ..core.faults import fault_of
from ..core.fsutil import atomic_path, atomic_write_text
from ..core.locks import FileLock
from ..manifest import Manifest, ParagraphAudio
from ..options import BuildOptions
from ..render.stills import (
    STILLS_JSON,
    THUMB_WIDTH,
    Still,
    load_stills,
    scene_stills,
    write_stills_json,
)
from .pages import PAGE_STYLE, label_font, rel, wrap_label

#: Bump when the stills this module draws change for the same scene.
STORYBOARD_VERSION = 1


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


def _draw_here(ref: str, manifest_file: Path, board: SceneBoard, settings) -> str | None:
    """One scene's stills in this process (written with their listing); an error comes back as text."""
    import traceback

    from ..farm.worker import resolve

    try:
        stills = scene_stills(resolve(ref), manifest=manifest_file, paragraph=board.para.id, settings=settings, out_dir=board.dir)
        write_stills_json(board.dir, stills)
        return None
    except Exception as exc:  # noqa: BLE001 - reported with its paragraph
        if fault_of(exc) is not None:  # no space left...: not the scene's fault; the command stops with one line
            raise
        return traceback.format_exc()


def run_warm(jobs, manifest_file: Path, settings, workers: int, kind: str, done: Callable[[int, str | None], None]) -> None:
    """Run ``jobs`` (each: its output folder, scene ref, paragraph id and label) as ``kind`` tasks
    ("storyboard", "check") in fresh processes forked from the warm server (``pool.WarmRunner``,
    as scene renders are), ``workers`` at once; ``done(index, error)`` is called in this thread
    as each finishes.  Each process gets the caller's environment of now."""
    import queue
    import threading

    from ..farm.pool import WarmRunner
    from ..farm.task import RenderTask

    runner = WarmRunner(min(workers, len(jobs)))
    runner.warm_up()
    left, results = list(reversed(range(len(jobs)))), queue.Queue()
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not left:
                    return
                i = left.pop()
            folder, ref, paragraph, label = jobs[i]
            log = folder.with_suffix(".log")
            task = RenderTask(ref=ref, manifest=manifest_file, paragraph=paragraph, out=folder, settings=settings,
                              workdir=folder / ".manim", log=log, label=label, kind=kind)
            fault = None
            try:
                ok = runner.run(task)
                error = None if ok else log.read_text(encoding="utf-8", errors="replace").split("\n", 1)[-1] or f"no {kind} output"
            except Exception as exc:  # noqa: BLE001 - reported with its paragraph
                error, fault = f"{type(exc).__name__}: {exc}", fault_of(exc)
            results.put((i, error, fault))

    threads = [threading.Thread(target=work, daemon=True) for _ in range(runner.slots)]
    for t in threads:
        t.start()
    try:
        for _ in jobs:
            i, error, fault = results.get()
            if fault is not None:  # no space left...: the command stops with one line naming the path
                raise fault
            done(i, error)
    finally:
        runner.close()
        for t in threads:
            t.join()


def _draw_warm(todo, manifest_file: Path, settings, workers: int, done: Callable[[SceneBoard, str, str | None], None]) -> None:
    """The stills of every scene of ``todo`` drawn in warm processes (:func:`run_warm`)."""
    jobs = [(board.dir, ref, board.para.id, f"paragraph {board.para.id} ({board.scene})") for board, ref, _ in todo]
    run_warm(jobs, manifest_file, settings, workers, "storyboard", lambda i, error: done(todo[i][0], todo[i][2], error))


def _clear(board_dir: Path) -> None:
    if board_dir.is_dir():
        for f in [*board_dir.glob("*.png"), board_dir / "stills.json"]:
            f.unlink(missing_ok=True)


def make_stills(
    manifest: Manifest,
    scenes,
    settings,
    *,
    workers: int = 1,
    force: bool = False,
    only: Iterable[str] | None = None,
    on_scene: Callable[[SceneBoard], object] | None = None,
) -> tuple[list[SceneBoard], list[str]]:
    """Stills of every paragraph's scene (cached ones are reused); returns the boards and notes.

    ``scenes`` is a scene module (or ``None``: AutoScene for all), or the
    (paragraph, scene class, ref) triples already chosen.  One scene to draw
    (or ``workers=1``) is drawn in this process (warm in ``--watch``); more
    are drawn ``workers`` at a time, each in a fresh process forked from the
    warm server that scene renders use (``pool.WarmRunner``).
    """
    from ..casting import assign_scenes
    from ..render.scenecache import scene_key

    root = storyboard_root(manifest, settings)
    if workers > 1 and sum(not (root / p.id / STILLS_JSON).exists() for p in manifest.paragraphs) > 1:
        from ..farm.pool import start_warm_server

        start_warm_server()  # scenes will be drawn there: it imports manim while this process loads the scenes
    if scenes is None or isinstance(scenes, (str, Path)):
        pairs, notes = assign_scenes(manifest, scenes)
    else:
        pairs, notes = list(scenes), []
    # One storyboard of these settings at a time: a concurrent one (two builds of a script)
    # waits, then finds the scenes it needs drawn and cached.
    with FileLock(root, "stills"):
        manifest_file = manifest.root / "manifest.json"
        boards, todo = [], []
        wanted = set(only) if only is not None else None
        for para, cls, ref in pairs:
            board = SceneBoard(para, cls.__name__, root / para.id)
            key = _board_key(scene_key(cls, manifest, para, settings))
            cached = None if force else load_stills(board.dir, key)
            if cached is not None:
                board.stills, board.cached = cached, True
            elif wanted is None or para.id in wanted:
                todo.append((board, ref, key))
            boards.append(board)
        failures = []

        def finish(board: SceneBoard, key: str, error: str | None) -> None:
            stills = load_stills(board.dir) if error is None else None
            if stills is None:
                failures.append(f"paragraph {board.para.id} ({board.scene}) failed:\n{error or 'no stills written'}")
                return
            board.stills = stills
            contact_sheet(board, settings)
            write_stills_json(board.dir, stills, key=key)
            if on_scene:
                on_scene(board)

        for board, _, _ in todo:
            _clear(board.dir)
        if len(todo) > 1 and workers > 1:
            _draw_warm(todo, manifest_file, settings, workers, finish)
        else:
            for board, ref, key in todo:
                finish(board, key, _draw_here(ref, manifest_file, board, settings))
        if failures:
            raise StoryboardFailed(failures)
    return boards, notes


class StoryboardFailed(UserError):
    exit_code = 1

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        last = failures[0].strip().splitlines()
        super().__init__(f"{len(failures)} scene(s) failed: {last[0]} {last[-1]}")


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
    small, big = label_font(14), label_font(20)
    sheet = Image.new("RGB", (pad + columns * (thumb_w + pad), head_h + rows * (thumb_h + label_h + pad)), "#101218")
    draw = ImageDraw.Draw(sheet)
    draw.text((pad, 10), f"{board.para.id} · {board.scene} · {board.para.duration:.1f}s", fill="#f4f1ea", font=big)
    for i, still in enumerate(board.stills):
        x = pad + (i % columns) * (thumb_w + pad)
        y = head_h + (i // columns) * (thumb_h + label_h + pad)
        with Image.open(board.dir / still.image) as im:
            sheet.paste(im.convert("RGB").resize((thumb_w, thumb_h), Image.LANCZOS), (x, y))
        (label,) = wrap_label(draw, still_label(still), small, thumb_w, 1)  # a narrow (9:16) cell: cut, not over the next
        draw.text((x, y + thumb_h + 4), label, fill="#ffb703", font=small)
        words = f"{still.before} «{still.word}» {still.after}".strip() if still.word else "… " + still.before
        for j, line in enumerate(wrap_label(draw, words, small, thumb_w, 2)):
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


def _marks_html(still: Still, findings) -> str:
    """Boxes over a still where the layout findings of its moment are, each with its rule."""
    slack = 1.5 / still.fps
    out = []
    for f in findings:
        if f.box is None or not (f.time - slack <= still.time <= (f.last if f.last is not None else f.time) + slack):
            continue
        left, top, width, height = (max(0.0, min(100.0, 100 * v)) for v in f.box)
        out.append(f'<span class="mark {f.level}" style="left:{left:.1f}%;top:{top:.1f}%;width:{max(width, 0.8):.1f}%;'
                   f'height:{max(height, 0.8):.1f}%" title="{html.escape(f.measure)}"><i>{html.escape(f.rule)}</i></span>')
    return "".join(out)


def findings_html(findings) -> str:
    """A scene's layout findings as a list (time, level, rule, objects, measure)."""
    if not findings:
        return ""
    items = "".join(
        f'<li class="{f.level}"><span class="t">{f.time:.1f}s</span> <b>{html.escape(f.level)}</b> {html.escape(f.rule)}: '
        f'{html.escape(" / ".join(f.objects))} · {html.escape(f.measure)}{"" if f.steady else " (mid-animation)"}</li>'
        for f in findings
    )
    return f'<ul class="findings">{items}</ul>'


FINDINGS_STYLE = """
.shot{position:relative} .mark{position:absolute;border:2px solid #ff4d6d;box-sizing:border-box;pointer-events:none}
.mark.warning{border-color:#ffb703;border-style:dashed} .mark i{position:absolute;left:0;top:-1.35em;font:11px/1.2 sans-serif;
background:#ff4d6d;color:#101218;padding:0 3px;white-space:nowrap;font-style:normal} .mark.warning i{background:#ffb703}
ul.findings{margin:.2em 0 .8em;padding-left:1.2em;font-size:.85em} ul.findings li.error b{color:#ff4d6d}
ul.findings li.warning b{color:#ffb703} ul.findings .t{color:#8a8fa3;font-variant-numeric:tabular-nums}
"""


def scene_sections_html(boards: list[SceneBoard], page_dir: Path, offsets: dict[str, float] | None = None,
                        findings: dict[str, list] | None = None) -> str:
    """One section per scene with its stills; with ``offsets`` a still carries its time in the video;
    with ``findings`` (per paragraph id) the layout findings are listed and boxed on their stills."""
    out = []
    for board in boards:
        sheet = f' · <a href="{rel(board.sheet, page_dir)}">contact sheet</a>' if board.sheet.exists() else ""
        found = (findings or {}).get(board.para.id) or []
        out.append(
            f'<section class="scene" id="{html.escape(board.para.id)}"><h2>{html.escape(board.para.id)} · '
            f'{html.escape(board.scene)} <span class="meta">{board.para.duration:.1f}s{sheet}'
            f'</span></h2>{findings_html(found)}<div class="grid">'
        )
        for still in board.stills:
            seek = ""
            if offsets is not None:
                seek = f' data-seek="{offsets[board.para.id] + (still.frame + 0.5) / still.fps:.3f}"'
            out.append(
                f'<figure class="still"{seek}><div class="shot"><img loading="lazy" src="{rel(board.dir / still.image, page_dir)}" '
                f'alt="{html.escape(still_label(still))}">{_marks_html(still, found)}</div><figcaption><b>{html.escape(still_label(still))}</b>'
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
    options: BuildOptions = BuildOptions(quality="low"),
    *,
    on_scene: Callable[[SceneBoard], object] | None = None,
) -> StoryboardReport:
    """Stills at every beat of every scene, a contact sheet per scene and one HTML page
    (``options.out``, default ``MEDIA/<slug>/storyboard.html``), ``options.workers`` scenes at once."""
    t0 = time.perf_counter()
    settings = options.settings
    workers = options.workers or os.cpu_count() or 1
    boards, notes = make_stills(manifest, options.scenes, settings, workers=workers, force=options.force, on_scene=on_scene)
    page = write_storyboard_page(manifest, boards, options.out or manifest.root / "storyboard.html", settings)
    return StoryboardReport(boards, page, notes, time.perf_counter() - t0)
