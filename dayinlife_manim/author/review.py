"""The review page beside every build: ``OUT.html`` next to ``OUT.mp4``.

One self-contained page that works from the file system (no server): the
video, its WebVTT captions as a track, the chapter list (click to seek) and
the stills of every scene at its beats (click to seek to that frame).  The
stills are the render's own frames, kept while each scene rendered
(``stills.py``) in its cache entry beside its video: the page draws nothing.

Browsers refuse ``<track src="OUT.vtt">`` from a ``file://`` page (every file
is its own origin), so the captions are embedded in the page as a ``data:``
URL, built from the ``OUT.vtt`` the stitch stage wrote.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from ..core.fsutil import atomic_write_text
from ..manifest import Manifest
from ..render.settings import RenderSettings
from ..render.stills import THUMB_WIDTH, load_layout, load_stills
from .check import findings_summary
from .pages import PAGE_STYLE, rel
from .storyboard import FINDINGS_STYLE, SceneBoard, scene_sections_html

REVIEW_STYLE = """
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(14em,1fr);gap:1.2em;align-items:start}
video{width:100%;background:#000;border-radius:6px}
#chapters{list-style:none;padding:0;margin:0} #chapters li{margin:0 0 .3em}
#chapters a{color:#f4f1ea;text-decoration:none;display:flex;gap:.6em;padding:.3em .5em;border-radius:4px}
#chapters a:hover,#chapters a.current{background:#1f2230} #chapters .t{color:#ffb703;font-variant-numeric:tabular-nums}
figure.still{cursor:pointer} figure.still:hover{outline:2px solid #ffb703}
"""

SCRIPT = """
const video = document.getElementById("video");
function seek(t) { video.currentTime = t; video.play().catch(() => {}); }
for (const a of document.querySelectorAll("#chapters a")) {
  a.addEventListener("click", (e) => { e.preventDefault(); seek(parseFloat(a.dataset.start)); });
}
for (const f of document.querySelectorAll("figure.still[data-seek]")) {
  f.addEventListener("click", () => { seek(parseFloat(f.dataset.seek)); window.scrollTo({top: 0}); });
}
const links = [...document.querySelectorAll("#chapters a")];
video.addEventListener("timeupdate", () => {
  let current = null;
  for (const a of links) if (parseFloat(a.dataset.start) <= video.currentTime + 1e-3) current = a;
  for (const a of links) a.classList.toggle("current", a === current);
});
"""


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def chapter_starts(manifest: Manifest) -> dict[str, float]:
    """Where each paragraph's scene starts in the video (scenes last exactly their narration)."""
    starts, t = {}, 0.0
    for para in manifest.paragraphs:
        starts[para.id] = t
        t += para.duration
    return starts


def write_review_page(
    manifest: Manifest,
    chapters: Sequence[tuple[str, str]],
    out: Path,
    scenes: Sequence[tuple] | None = None,
    settings: RenderSettings | None = None,
) -> Path:
    """Write ``out``'s ``.html`` beside the video ``out``.

    ``chapters`` are (paragraph id, chapter title) in order; ``scenes`` the
    (paragraph, scene name, stills folder) of each paragraph, whose stills
    the page shows (none without them); ``settings`` the video's render settings.
    """
    out = Path(out)
    page = out.with_suffix(".html")
    starts = chapter_starts(manifest)
    boards, lacking, findings = [], [], {}
    for para, name, folder in scenes or ():
        stills = load_stills(folder) if folder is not None else None
        if stills is None:
            lacking.append(para.id)
        found = load_layout(folder) if folder is not None else None
        if found is not None:
            findings[para.id] = found
        boards.append(SceneBoard(para, name, Path(folder) if folder is not None else page.parent, stills or [], cached=True))
    missing = ""
    if lacking:  # the video is fine; the page says which scenes have no stills
        missing = f'<p class="meta">No stills for {html.escape(", ".join(lacking))}.</p>'

    vtt = out.with_suffix(".vtt")
    track = ""
    if vtt.exists():
        data = "data:text/vtt;charset=utf-8," + quote(vtt.read_text(encoding="utf-8"))
        lang = str(manifest.voice.params.get("lang", "en")) if manifest.voice else "en"
        track = f'<track kind="captions" label="Captions" srclang="{html.escape(lang)}" src="{data}" default>'
    items = "".join(
        f'<li><a href="#" data-start="{starts[pid]:.3f}"><span class="t">{_clock(starts[pid])}</span>'
        f"<span>{html.escape(title)}</span></a></li>"
        for pid, title in chapters
    )
    data_json = json.dumps({"chapters": [[pid, t, starts[pid]] for pid, t in chapters]}).replace("</", "<\\/")
    thumb = THUMB_WIDTH if (settings is None or settings.width >= settings.height) else THUMB_WIDTH // 2
    body = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(manifest.title)}</title>'
        f"<style>{PAGE_STYLE % thumb}{REVIEW_STYLE}{FINDINGS_STYLE}</style></head><body>"
        f"<h1>{html.escape(manifest.title)}</h1>"
        f'<p class="meta">{len(manifest.paragraphs)} scenes · {_clock(manifest.duration)} · '
        f'<a href="{rel(out, page.parent)}">{html.escape(out.name)}</a></p>'
        f'<main><video id="video" controls preload="auto" src="{rel(out, page.parent)}">{track}</video>'
        f'<nav><h2>Chapters</h2><ol id="chapters">{items}</ol></nav></main>'
        + (f"<h2>Storyboard</h2>{missing}{findings_summary(findings)}{scene_sections_html(boards, page.parent, starts, findings)}"
           if boards else "")
        + f'<script id="review-data" type="application/json">{data_json}</script>'
        + f"<script>{SCRIPT}</script></body></html>\n"
    )
    atomic_write_text(page, body)
    return page


def review_build(manifest: Manifest, jobs: Sequence, out: Path) -> Path:
    """The review page of a finished build (its scene jobs, in paragraph order)."""
    from ..casting import chapter_for

    chapters = [(j.para.id, chapter_for(j.para, j.cls, manifest.title)) for j in jobs]
    scenes = [(j.para, j.cls.__name__, j.stills) for j in jobs]
    settings = jobs[0].settings if jobs else None
    return write_review_page(manifest, chapters, out, scenes, settings)
