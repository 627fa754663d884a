"""The whole job: script -> voiceover -> scenes (in parallel, cached) -> one MP4.

Each stage reads the previous one's output (the manifest, the scene videos),
never its internals.  A scene that fails is reported with its paragraph and
log; the others still finish and stay cached; no final file is written.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import UserError
from .fsutil import atomic_write_text
from .manifest import Manifest, ParagraphAudio, load_manifest, manifest_path
from .render import RenderSettings, load_scene_module
from .scenecache import SceneCache, file_sha, scene_key
from .script import Script
from .voiceover import default_media_dir, make_voiceover, manifest_is_current
from .voices import Voice
from .voices.silent import SilentVoice

AUTOSCENE_REF = "dayinlife_manim.autoscene:AutoScene"


@dataclass(frozen=True)
class SceneJob:
    para: ParagraphAudio
    cls: type
    ref: str  # what the worker imports: "path.py:Class" or "package.module:Class"
    key: str
    video: Path
    log: Path
    key_file: Path  # written once the video is rendered
    cached: bool


@dataclass(frozen=True)
class SceneFailure:
    para: ParagraphAudio
    scene: str
    log: Path

    def __str__(self) -> str:
        return f"paragraph {self.para.id} ({self.scene}) failed; log: {self.log}"


class BuildFailed(UserError):
    exit_code = 1

    def __init__(self, failures: list[SceneFailure]) -> None:
        self.failures = failures
        lines = "; ".join(str(f) for f in failures)
        super().__init__(f"{len(failures)} scene(s) failed, no video written: {lines}")


@dataclass
class BuildReport:
    out: Path | None = None
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stitched: bool = False
    seconds: float = 0.0


# -- which scene tells which paragraph -------------------------------------------
def _autoscene():
    from .autoscene import AutoScene

    return AutoScene


def assign_scenes(manifest: Manifest, module_path: Path | None) -> tuple[list[tuple[ParagraphAudio, type, str]], list[str]]:
    """Pair every paragraph with a scene class; return the pairs and notes on mismatches.

    A module's ``SCENES_IN_ORDER`` maps by position; without it, classes are
    matched by their ``paragraph`` attribute (index or id).  Paragraphs left
    over use ``AutoScene``.
    """
    from .scene import NarratedScene

    paras = list(manifest.paragraphs)
    chosen: dict[str, type] = {}
    notes: list[str] = []
    if module_path is not None:
        module = load_scene_module(module_path)
        ordered = getattr(module, "SCENES_IN_ORDER", None)
        if ordered is not None:
            for para, cls in zip(paras, ordered):
                chosen[para.id] = cls
            if len(ordered) != len(paras):
                notes.append(
                    f"{module_path} has {len(ordered)} scenes in SCENES_IN_ORDER but the script has "
                    f"{len(paras)} paragraphs: "
                    + (
                        f"paragraphs {len(ordered)}-{len(paras) - 1} use AutoScene"
                        if len(ordered) < len(paras)
                        else f"the last {len(ordered) - len(paras)} scene(s) are unused"
                    )
                )
        else:
            classes = [
                c
                for c in vars(module).values()
                if inspect.isclass(c) and issubclass(c, NarratedScene) and "paragraph" in vars(c)
            ]
            for cls in classes:
                try:
                    para = manifest.paragraph(cls.paragraph)
                except UserError:
                    notes.append(f"{cls.__name__}: no paragraph {cls.paragraph!r} in the script; not used")
                    continue
                chosen.setdefault(para.id, cls)
            missing = [p.id for p in paras if p.id not in chosen]
            if missing:
                notes.append(f"no scene class for {len(missing)} paragraph(s), AutoScene used: {', '.join(missing)}")
    pairs = []
    for para in paras:
        cls = chosen.get(para.id)
        if cls is None:
            pairs.append((para, _autoscene(), AUTOSCENE_REF))
        else:
            pairs.append((para, cls, f"{Path(module_path).resolve()}:{cls.__name__}"))
    return pairs, notes


@dataclass(frozen=True)
class SceneRow:
    paragraph: str
    scene: str
    duration: float
    estimated: bool  # True when no current voiceover exists (silent-voice estimate)


def list_scenes(script: Script, module_path: Path | None, media_dir: Path | None = None) -> tuple[list[SceneRow], list[str]]:
    """Which scene class tells each paragraph, and how long it lasts."""
    media_dir = Path(media_dir) if media_dir is not None else default_media_dir()
    manifest = None
    path = manifest_path(media_dir, script.slug)
    if path.exists():
        try:
            manifest = load_manifest(path)
        except UserError:
            manifest = None
    estimated = manifest is None or not manifest_is_current(manifest, script)
    if estimated:
        with tempfile.TemporaryDirectory() as tmp:
            manifest, _ = make_voiceover(script, SilentVoice(), Path(tmp))
    pairs, notes = assign_scenes(manifest, module_path)
    rows = [SceneRow(p.id, cls.__name__, p.duration, estimated) for p, cls, _ in pairs]
    return rows, notes


# -- rendering -------------------------------------------------------------------
def plan_scenes(
    manifest: Manifest,
    module_path: Path | None,
    settings: RenderSettings,
    force: bool = False,
) -> tuple[list[SceneJob], list[str]]:
    cache = SceneCache(manifest.root / "scenes", settings)
    pairs, notes = assign_scenes(manifest, module_path)
    jobs = []
    for para, cls, ref in pairs:
        key = scene_key(cls, manifest, para, settings)
        fresh = not force and cache.is_fresh(para, key)
        jobs.append(SceneJob(para, cls, ref, key, cache.video(para), cache.log(para), cache.key_file(para), fresh))
    return jobs, notes


def _render_one(job: SceneJob, manifest_file: Path, settings: RenderSettings) -> bool:
    job.log.parent.mkdir(parents=True, exist_ok=True)
    workdir = job.video.parent / "work" / job.para.id
    cmd = [
        sys.executable,
        "-m",
        "dayinlife_manim.worker",
        job.ref,
        "--manifest",
        str(manifest_file),
        "--paragraph",
        job.para.id,
        "--out",
        str(job.video),
        "--size",
        settings.tag,
        "--workdir",
        str(workdir),
    ]
    with open(job.log, "w", encoding="utf-8") as log:
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        done = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False)
    if done.returncode == 0 and job.video.exists():
        atomic_write_text(job.key_file, job.key + "\n")
        shutil.rmtree(workdir, ignore_errors=True)
        return True
    return False


def render_scenes(
    jobs: list[SceneJob],
    manifest_file: Path,
    settings: RenderSettings,
    workers: int,
    progress: Callable[[SceneJob], object] | None = None,
) -> list[SceneFailure]:
    """Render the jobs that are not cached, ``workers`` processes at a time."""
    todo = [j for j in jobs if not j.cached]
    failures = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_render_one, j, manifest_file, settings): j for j in todo}
        for future in as_completed(futures):
            job = futures[future]
            if not future.result():
                failures.append(SceneFailure(job.para, job.cls.__name__, job.log))
            if progress:
                progress(job)
    return sorted(failures, key=lambda f: f.para.index)


# -- the whole build -------------------------------------------------------------
def _build_key(jobs: list[SceneJob], title: str, music: Path | None) -> str:
    payload = {"scenes": [j.key for j in jobs], "title": title}
    if music is not None:
        payload["music"] = file_sha(Path(music))
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def chapter_for(job: SceneJob, title: str) -> str:
    """A chapter's title: the script title, the scene's own headline, or the paragraph's opening."""
    from .captions import chapter_title

    if job.para.kind == "title":
        return title
    headline = getattr(job.cls, "headline", None)
    return headline if isinstance(headline, str) and headline else chapter_title(job.para.display_text)


def stitch_video(manifest: Manifest, jobs: list[SceneJob], out: Path, music: Path | None = None, progress=None):
    from .stitch import Segment, stitch

    segments = [
        Segment(
            video=j.video,
            audio=manifest.audio_path(j.para),
            chapter=chapter_for(j, manifest.title),
            cues=j.para.cues,
        )
        for j in jobs
    ]
    return stitch(segments, out, title=manifest.title, music=music, progress=progress)


def build(
    script: Script,
    voice: Voice,
    *,
    scenes: Path | None = None,
    settings: RenderSettings,
    workers: int | None = None,
    force: bool = False,
    out: Path | None = None,
    music: Path | None = None,
    media_dir: Path | None = None,
    on_voice: Callable[[int], object] | None = None,
    on_plan: Callable[[list[SceneJob], list[str]], object] | None = None,
    on_scene: Callable[[SceneJob], object] | None = None,
) -> BuildReport:
    """Build the video of ``script`` (see ``load_script``); callbacks drive the CLI's progress bars."""
    t0 = time.perf_counter()
    media_dir = Path(media_dir) if media_dir is not None else default_media_dir()
    if music is not None and not Path(music).is_file():
        raise UserError(f"music file not found: {music}")
    manifest, _ = make_voiceover(script, voice, media_dir, progress=on_voice)
    manifest_file = manifest_path(media_dir, script.slug)
    out = Path(out) if out is not None else media_dir / f"{script.slug}.mp4"

    jobs, notes = plan_scenes(manifest, scenes, settings, force)
    report = BuildReport(out=out, notes=notes)
    if on_plan:
        on_plan(jobs, notes)
    failures = render_scenes(jobs, manifest_file, settings, workers or os.cpu_count() or 1, on_scene)
    report.rendered = [j.para.id for j in jobs if not j.cached]
    report.cached = [j.para.id for j in jobs if j.cached]
    if failures:
        raise BuildFailed(failures)

    key_file = manifest.root / "build.key"
    key = _build_key(jobs, manifest.title, music) + f":{out.resolve()}"
    if force or not out.exists() or not key_file.exists() or key_file.read_text().strip() != key:
        stitch_video(manifest, jobs, out, music)
        atomic_write_text(key_file, key + "\n")
        report.stitched = True
    report.seconds = time.perf_counter() - t0
    return report
