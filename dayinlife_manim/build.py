"""The whole job: scripts -> voiceover -> scenes (in parallel, cached) -> one MP4 each.

Each stage reads the previous one's output (the manifest, the scene videos),
never its internals.  A scene starts rendering as soon as its own paragraph's
audio is written; scenes of every script in the build share one queue,
longest first (``pool.py``).  A scene that fails is reported with its
paragraph and log; the others still finish and stay cached; no final file is
written for its script.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Callable, Sequence

from .author.review import review_build
from .casting import assign_scenes, chapter_for
from .core.errors import UserError
from .core.fsutil import atomic_write_text, clean_stale_temps
from .core.locks import FileLock
from .core.timeline import log as timeline
from .manifest import Manifest, ParagraphAudio, VoiceSettings
from .options import BuildOptions
from .output.levels import DEFAULT_TARGET
from .output.loudness import Loudness
from .output.stamp import output_paths
from .render.scenecache import SceneCache, entry_is_fresh, file_sha, scene_key
from .render.settings import RenderSettings
from .text.fonts import check_glyphs
from .text.script import Script
from .voices import Voice
from .voices.voiceover import VOICE_DIR, default_media_dir, make_voiceover


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
    settings: RenderSettings
    stills: Path | None = None  # the stills at its beats (review page), taken from the render's frames

    def is_fresh(self, quiet: bool = False) -> bool:
        """The cached video (and its stills) are there, were rendered for this key and are
        the files recorded then (``entry_is_fresh``: a damaged entry is noted, unless ``quiet``)."""
        return entry_is_fresh(self.video, self.key_file, self.key, self.stills, quiet)


@dataclass(frozen=True)
class SceneFailure:
    para: ParagraphAudio
    scene: str
    log: Path

    def __str__(self) -> str:
        return f"paragraph {self.para.id} ({self.scene}) failed; log: {self.log}"


class BuildFailed(UserError):
    exit_code = 1

    def __init__(self, failures: list[SceneFailure], reports: list["BuildReport"] | None = None) -> None:
        self.failures = failures
        self.reports = reports or []
        lines = "; ".join(str(f) for f in failures)
        super().__init__(f"{len(failures)} scene(s) failed, no video written for their script: {lines}")


@dataclass
class BuildReport:
    out: Path | None = None
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)  # includes scenes another build rendered meanwhile
    notes: list[str] = field(default_factory=list)
    #: Lines the scenes logged about what they drew instead of what failed (``warning: paragraph ...``).
    warnings: list[str] = field(default_factory=list)
    stitched: bool = False
    seconds: float = 0.0
    title: str = ""
    duration: float = 0.0  # seconds of video
    failures: list[SceneFailure] = field(default_factory=list)
    loudness: Loudness | None = None  # of the soundtrack written, when the video was (re)stitched
    #: (errors, warnings) the layout check found in the scenes (kept with each one's cache entry) and captions.
    layout: tuple[int, int] | None = None


# -- planning --------------------------------------------------------------------
def _outline(script: Script) -> Manifest:
    """The script's paragraphs before they are voiced: enough to pair them with scene classes."""
    paras = tuple(
        ParagraphAudio(p.id, p.index, p.kind, p.text, p.spoken, f"{VOICE_DIR}/{p.id}.wav", 0.0, 0, ())
        for p in script.paragraphs
    )
    return Manifest("", script.sha256, script.title, script.slug, 0, VoiceSettings("pending"), paras)


def make_job(manifest: Manifest, para: ParagraphAudio, cls: type, ref: str, settings: RenderSettings, force: bool) -> SceneJob:
    """The job of one voiced paragraph: its cache key and where its video goes."""
    cache = SceneCache(manifest.root / "scenes", settings)
    key = scene_key(cls, manifest, para, settings)
    job = SceneJob(para, cls, ref, key, cache.video(para), cache.log(para), cache.key_file(para), False, settings,
                   cache.stills(para))
    fresh = not force and job.is_fresh(quiet=True)  # without the scene's lock: the scheduler looks again
    return SceneJob(**{**vars(job), "cached": fresh}) if fresh else job


def plan_scenes(
    manifest: Manifest,
    module_path: Path | None,
    settings: RenderSettings,
    force: bool = False,
) -> tuple[list[SceneJob], list[str]]:
    """The jobs of a voiced manifest (what ``dayinlife build`` would render, and what is cached)."""
    pairs, notes = assign_scenes(manifest, module_path)
    return [make_job(manifest, para, cls, ref, settings, force) for para, cls, ref in pairs], notes


def make_runner(workers: int | None = None, cluster: str | None = None, allow_insecure: bool = False):
    """Warm local processes (``workers`` at once), or a Dask cluster at ``cluster``."""
    if cluster:
        from .farm.cluster import ClusterRunner

        return ClusterRunner(cluster, allow_insecure=allow_insecure)
    from .farm.pool import WarmRunner

    return WarmRunner(workers or os.cpu_count() or 1)


# -- the whole build -------------------------------------------------------------
def _build_key(jobs: list[SceneJob], title: str, music: Path | None, loudness: float | None = None) -> str:
    payload = {"scenes": [j.key for j in jobs], "title": title, "loudness": loudness}
    if music is not None:
        payload["music"] = file_sha(Path(music))
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


#: Where a script's encoded soundtracks are kept (beside its manifest), made while its scenes render.
SOUNDTRACKS = "soundtrack"


def prepare_soundtrack(manifest: Manifest, fps: int, music: Path | None = None, loudness: float | None = DEFAULT_TARGET):
    """Mix, master and encode the soundtrack of a voiced script before its scenes are rendered.

    A scene lasts its paragraph's narration in whole frames, so the lengths
    are known now; the stitch copies this soundtrack when its scenes turn
    out to last exactly that (else it makes it again).
    """
    from .output.soundtrack import make_soundtrack

    paras = manifest.paragraphs
    return make_soundtrack(
        [manifest.audio_path(p) for p in paras],
        [p.cues for p in paras],
        [Fraction(round(p.duration * fps), fps) for p in paras],
        manifest.root / SOUNDTRACKS,
        music=music,
        loudness=loudness,
    )


def stitch_video(
    manifest: Manifest, jobs: list[SceneJob], out: Path, music: Path | None = None, progress=None, loudness: float | None = DEFAULT_TARGET
):
    from .output.stitch import Segment, stitch

    segments = [
        Segment(
            video=j.video,
            audio=manifest.audio_path(j.para),
            chapter=chapter_for(j.para, j.cls, manifest.title, manifest),
            cues=() if j.para.kind == "code" else j.para.cues,  # a code card is shown, not said: no captions
        )
        for j in jobs
    ]
    return stitch(segments, out, title=manifest.title, music=music, progress=progress, loudness=loudness,
                  soundtracks=manifest.root / SOUNDTRACKS)


@dataclass
class _ScriptState:
    script: Script
    out: Path
    classes: dict[str, tuple[type, str]]  # paragraph id -> (scene class, ref)
    notes: list[str]
    report: BuildReport
    manifest: Manifest | None = None
    jobs: dict[str, SceneJob] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)
    voiced: bool = False
    soundtrack: threading.Thread | None = None  # making the soundtrack while the scenes render

    @property
    def ordered_jobs(self) -> list[SceneJob]:
        return [self.jobs[p.id] for p in self.manifest.paragraphs]


def build_many(
    scripts: Sequence[Script],
    voice: Voice,
    options: BuildOptions = BuildOptions(),
    *,
    runner=None,
    on_voice: Callable[[int], object] | None = None,
    on_plan: Callable[[list[SceneJob], list[str]], object] | None = None,
    on_scene: Callable[[SceneJob], object] | None = None,
    on_stitch: Callable[[BuildReport], object] | None = None,
) -> list[BuildReport]:
    """Build one video per script with ``options``; their scenes share one queue.  Failures raise :class:`BuildFailed`.

    Each scene is queued as soon as its paragraph is voiced (longest first
    among those ready); a script is stitched as soon as its last scene is done.
    ``runner`` replaces the one ``options`` asks for (warm local workers or a
    Dask cluster).  ``on_plan`` runs once every script is voiced (which scenes
    are cached is known then); ``on_scene`` once per scene rendered (or
    reused), after it.  Scene processes are forked from a server that imports
    the calling program's main module, so a script calling this needs the
    usual ``if __name__ == "__main__":`` guard.
    """
    timeline.info("build starts")
    media_dir = Path(options.media_dir) if options.media_dir is not None else default_media_dir()
    if options.music is not None and not Path(options.music).is_file():
        raise UserError(f"music file not found: {options.music}")
    # A script without a caption mode, theme or pronunciations of its own (see options.resolve) takes these options'.
    scripts = [s if s.style or s.pronounce else options.apply(s) for s in scripts]
    for script in scripts:
        check_glyphs(script)  # a missing glyph stops the build before anything is voiced or drawn
    outs = output_paths(scripts, options.out, options.out_dir, media_dir)
    own_runner = runner is None
    # A cluster is reached first: an unreachable one fails within seconds, with nothing written.
    runner = runner if runner is not None else make_runner(options.workers, options.cluster, options.allow_insecure)
    if hasattr(runner, "warm_up"):
        runner.warm_up()  # the warm server imports manim while the scene module loads and the voice is made
    try:
        return _build_all(scripts, outs, voice, runner, options.replace(media_dir=media_dir), on_voice, on_plan, on_scene, on_stitch)
    finally:
        if own_runner:
            runner.close()


class _Cancelled(Exception):
    """Raised inside the voice thread when the build gave up."""


class _Voicing(threading.Thread):
    """Voices the scripts one after the other on a thread of its own, so that the
    voice is made while this process imports the scene modules (and manim).

    What it does arrives in :attr:`events`: ``("paragraph", state, manifest,
    para)`` when a paragraph's WAV is written, ``("voiced", state, manifest,
    None)`` when a script is done, then ``("done", ...)`` or ``("failed",
    None, exception, None)``.
    """

    def __init__(self, states, voice: Voice, media_dir: Path, on_voice) -> None:
        super().__init__(name="dayinlife-voice", daemon=True)
        self.states, self.voice, self.media_dir, self.on_voice = states, voice, media_dir, on_voice
        self.events: queue.Queue = queue.Queue()
        self._cancelled = threading.Event()  # not self._stop: threading.Thread has its own (is_alive calls it)

    def cancel(self) -> None:
        """Stop after the sentence being voiced (what is written stays valid)."""
        self._cancelled.set()

    def _check(self) -> None:
        if self._cancelled.is_set():
            raise _Cancelled

    def run(self) -> None:
        def progress(n: int) -> None:
            self._check()
            if self.on_voice:
                self.on_voice(n)

        try:
            for state in self.states:
                def paragraph(manifest, para, state=state) -> None:
                    self._check()
                    self.events.put(("paragraph", state, manifest, para))

                manifest, _ = make_voiceover(state.script, self.voice, self.media_dir, progress=progress, on_paragraph=paragraph)
                self.events.put(("voiced", state, manifest, None))
        except _Cancelled:
            self.events.put(("done", None, None, None))
        except BaseException as exc:  # re-raised by the build's own thread
            self.events.put(("failed", None, exc, None))
        else:
            self.events.put(("done", None, None, None))


def _build_all(scripts, outs, voice, runner, options: BuildOptions, on_voice, on_plan, on_scene, on_stitch):
    from .farm.pool import SceneScheduler

    scenes, settings, force, music, loudness, media_dir = (
        options.scenes, options.settings, options.force, options.music, options.loudness, options.media_dir
    )

    t0 = time.perf_counter()
    states = [
        _ScriptState(script, path, {}, [], BuildReport(out=path, title=script.title)) for script, path in zip(scripts, outs)
    ]
    for state in states:
        root = media_dir / state.script.slug
        for folder in (root, root / VOICE_DIR, root / "scenes" / settings.tag, state.out.parent):
            clean_stale_temps(folder)

    done: queue.Queue = queue.Queue()
    scheduler = SceneScheduler(runner, force=force, on_done=done.put)
    by_video: dict[Path, _ScriptState] = {}
    voicing = _Voicing(states, voice, media_dir, on_voice)
    voicing.start()
    # The soundtrack stage needs scipy.signal (filters for loudness); importing it takes
    # most of a second, done now beside the other imports rather than after the voice.
    threading.Thread(target=importlib.import_module, args=("scipy.signal",), daemon=True).start()
    try:
        # While the voice is made: which class tells each paragraph (importing the scene modules).
        for state in states:
            pairs, notes = assign_scenes(_outline(state.script), scenes)
            state.classes = {p.id: (cls, ref) for p, cls, ref in pairs}
            state.notes[:] = notes
            state.report.notes = state.notes
        timeline.info("scene classes known (scene modules imported)")

        while True:
            kind, state, manifest, para = voicing.events.get()
            if kind == "paragraph":  # its scene is queued at once
                cls, ref = state.classes[para.id]
                job = make_job(manifest, para, cls, ref, settings, force)
                state.jobs[para.id] = job
                timeline.info("paragraph %s voiced: %s", para.id, "cached" if job.cached else "queued")
                if not job.cached:
                    state.pending.add(para.id)
                    by_video[job.video] = state
                    scheduler.submit(job, manifest, priority=para.duration)
            elif kind == "voiced":
                state.manifest, state.voiced = manifest, True
                timeline.info("%s voiced", state.script.slug)
                state.soundtrack = _soundtrack_thread(manifest, settings.fps, music, loudness)
            elif kind == "failed":
                raise manifest
            else:
                break
        scheduler.close()
        all_jobs = [j for s in states for j in s.ordered_jobs]
        if on_plan:
            where = [f"rendering on {runner.describe()}"] if hasattr(runner, "describe") else []
            on_plan(all_jobs, where + [n for s in states for n in s.notes])
        for state in states:
            if not state.pending:
                _finish(state, force, music, on_stitch, loudness)
        left = sum(len(s.pending) for s in states)
        while left:
            outcome = done.get()
            left -= 1
            job = outcome.job
            if outcome.fault is not None:  # no space left...: the build stops, with one line naming the path
                raise outcome.fault
            state = by_video[job.video]
            state.pending.discard(job.para.id)
            timeline.info("scene %s %s", job.para.id, outcome.status)
            if outcome.status == "rendered":
                state.report.rendered.append(job.para.id)
            elif outcome.status == "reused":
                state.report.cached.append(job.para.id)
            else:
                state.report.failures.append(SceneFailure(job.para, job.cls.__name__, job.log))
            if on_scene:
                on_scene(job)
            if not state.pending:
                _finish(state, force, music, on_stitch, loudness)
        scheduler.join()
    except BaseException:
        voicing.cancel()
        scheduler.abort()
        voicing.join(1.0)  # the sentence being voiced ends, and its temporary file goes with it
        raise
    reports = [s.report for s in states]
    failures = [f for r in reports for f in r.failures]
    for r in reports:
        r.seconds = time.perf_counter() - t0
    if failures:
        raise BuildFailed(sorted(failures, key=lambda f: f.para.index), reports)
    return reports


def _soundtrack_thread(manifest: Manifest, fps: int, music: Path | None, loudness: float | None) -> threading.Thread:
    """Start making the soundtrack on a thread (a failure is left to the stitch, which makes it again)."""

    def make() -> None:
        try:
            prepare_soundtrack(manifest, fps, music, loudness)
            timeline.info("%s: soundtrack made", manifest.slug)
        except Exception as exc:  # noqa: BLE001  (reported by the stitch if it happens again)
            timeline.info("%s: soundtrack not made ahead: %s", manifest.slug, exc)

    thread = threading.Thread(target=make, name=f"dayinlife-soundtrack-{manifest.slug}", daemon=True)
    thread.start()
    return thread


def _finish(state: _ScriptState, force: bool, music: Path | None, on_stitch, loudness: float | None = DEFAULT_TARGET) -> None:
    """Stitch a script whose scenes are all done (unless one failed or nothing changed)."""
    if state.soundtrack is not None:
        state.soundtrack.join()
    report = state.report
    jobs = state.ordered_jobs
    report.cached[:0] = [j.para.id for j in jobs if j.cached]
    report.rendered.sort()
    report.cached.sort()
    report.duration = state.manifest.duration
    report.warnings = [w for j in jobs for w in scene_warnings(j.log)]
    if report.failures:
        return
    out = state.out
    key = _build_key(jobs, state.manifest.title, music, loudness) + f":{out.resolve()}"
    key_file = state.manifest.root / "build.key"
    # A concurrent build of this script waits here, then finds the video and the review stills done.
    with FileLock(state.manifest.root, "finish"):
        if force or not out.exists() or not key_file.exists() or key_file.read_text().strip() != key:
            timeline.info("stitching %s", out.name)
            report.loudness = stitch_video(state.manifest, jobs, out, music, loudness=loudness).loudness
            atomic_write_text(key_file, key + "\n")
            report.stitched = True
        timeline.info("writing the review page")
        review_build(state.manifest, jobs, out)  # OUT.html: video, captions, chapters, storyboard stills, layout
        report.layout = layout_counts(state.manifest, jobs)
        timeline.info("%s done", out.name)
    if on_stitch:
        on_stitch(report)


#: How a scene's log line about a fallback starts (AutoScene's ``warn_fallback``).
WARNING_PREFIX = "warning: paragraph "


def scene_warnings(log: Path) -> list[str]:
    """The fallback warnings a scene wrote to its render log (a cached scene's log is kept)."""
    try:
        lines = Path(log).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return list(dict.fromkeys(line.strip() for line in lines if line.startswith(WARNING_PREFIX)))


def layout_counts(manifest: Manifest, jobs: Sequence[SceneJob]) -> tuple[int, int]:
    """(errors, warnings) of the layout check: what each scene's render found (``layout.json`` in its
    cache entry, beside its stills) and what the caption rules find in the video's subtitles."""
    from .author.check import video_captions
    from .render.layoutcheck import caption_findings, counts
    from .render.stills import load_layout

    found = [f for j in jobs if j.stills is not None for f in (load_layout(j.stills) or [])]
    return counts(found + caption_findings(video_captions(manifest)))


def build(script: Script, voice: Voice, options: BuildOptions = BuildOptions(), **callbacks) -> BuildReport:
    """Build the video of ``script`` (see ``load_script``); as :func:`build_many`."""
    return build_many([script], voice, options, **callbacks)[0]


def summary_rows(reports: Sequence[BuildReport]) -> list[tuple]:
    """One row per script for the CLI's summary table."""
    from .output.report import seconds

    rows = []
    for r in reports:
        status = "failed" if r.failures else ("written" if r.stitched else "up to date")
        rows.append((r.title, len(r.rendered), len(r.cached), seconds(r.duration), status, str(r.out)))
    return rows
