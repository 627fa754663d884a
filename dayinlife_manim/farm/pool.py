"""Where scene renders run, and in which order.

:class:`SceneScheduler` takes scene jobs as their audio becomes ready, runs
the longest first, ``runner.slots`` at a time, and makes concurrent builds
safe: a lock per scene (see ``locks.py``) makes a second build wait for a
scene another build is rendering and then reuse it; every render works in its
own hidden temporary folder; leftovers of killed runs are cleaned up.

A runner renders one :class:`RenderTask`.  :class:`WarmRunner` (the default)
forks each scene from a server process that has manim and this package
already imported, so no scene pays manim's import, and every scene still gets
a fresh process (manim's config is global state); ``cluster.py`` has the Dask
runner.
"""

from __future__ import annotations

import heapq
import itertools
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from ..core.fsutil import atomic_write_text, clean_stale_temps, temp_dir
from ..core.locks import FileLock
from ..manifest import Manifest, ParagraphAudio
from ..render.settings import ENV_THREADS
from .task import RenderTask, Runner, print_peak_memory

#: What the warm server imports once, before it forks any scene.
PRELOAD = ["manim", "dayinlife_manim.scene", "dayinlife_manim.autoscene", "dayinlife_manim.farm.worker", "dayinlife_manim.farm.pool",
           "dayinlife_manim.render.stills", "dayinlife_manim.render.preload"]
#: What a scene process runs (``python -m``) when it cannot be forked from the warm server.
WORKER_MODULE = "dayinlife_manim.farm.worker"
#: When this module was imported: in the warm server, when its package code was loaded.
_LOADED_NS = time.time_ns()
#: Scene processes run this much nicer than the build that started them.
RENDER_NICENESS = 10
#: How often a job whose scene another build holds is tried again (seconds).
RETRY_LOCKED = 0.25


def job_manifest(manifest: Manifest, para: ParagraphAudio, audio: str | None = None) -> dict:
    """The manifest a scene render sees: the script's header, its own paragraph and
    its neighbours (AutoScene makes a paragraph look unlike them; their audio is not sent).

    ``audio`` replaces the paragraph's audio path (default: the absolute path
    of its WAV), so the file can live anywhere.
    """
    data = manifest.to_dict()
    near = [{**asdict(p), "audio": ""} for p in manifest.paragraphs if abs(p.index - para.index) == 1]
    own = {**asdict(para), "audio": audio or str(manifest.audio_path(para).resolve())}
    data["paragraphs"] = sorted(near + [own], key=lambda p: p["index"])
    return data


def thread_limits(workers: int, cores: int | None = None) -> dict[str, str]:
    """Environment for scene processes so ``workers`` of them together use the cores, no more."""
    cores = cores or os.cpu_count() or 1
    threads = str(max(1, cores // max(1, workers)))
    return {ENV_THREADS: threads, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}


# -- the warm local runner --------------------------------------------------------
def _die_with_parent() -> None:
    """Linux: end this process when its parent ends (a killed build leaves no renders behind)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # pragma: no cover - not Linux
        pass


def _render_child(task: RenderTask, env: dict[str, str], cwd: str) -> None:
    """Body of a forked scene process: output to the scene's log, then render."""
    _die_with_parent()
    fd = os.open(task.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    # Scenes are the bulk work: the build's own process (the voice that later
    # scenes wait for, the soundtrack, the stitch) goes first when both want a core.
    os.nice(RENDER_NICENESS)
    if _package_changed_since_loaded():
        # The package was edited (or updated) after the warm server loaded it: render with
        # today's code in a cold process instead, same pid, same log.
        print("# package code changed since the warm server started: rendering in a fresh interpreter", flush=True)
        args = [task.ref, "--manifest", str(task.manifest), "--paragraph", task.paragraph, "--out", str(task.out),
                "--size", task.settings.tag, "--workdir", str(task.workdir), "--kind", task.kind]
        if task.stills is not None:
            args += ["--stills", str(task.stills)]
        os.execv(sys.executable, [sys.executable, "-m", WORKER_MODULE, *args])
    from .worker import run_task

    try:
        run_task(task)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    print_peak_memory()


def _package_changed_since_loaded() -> bool:
    """True when a loaded module of this package has changed on disk since the warm server imported it."""
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == "dayinlife_manim" and getattr(module, "__file__", None):
            try:
                if os.stat(module.__file__).st_mtime_ns > _LOADED_NS:
                    return True
            except OSError:
                return True
    return False


def start_warm_server() -> None:
    """Start the warm server in the background, if it is not running: it imports manim
    (``PRELOAD``) on another core while this process goes on.  Calling it early (the
    CLI does, before it detects the language and loads the voice) shortens a build."""
    from multiprocessing import forkserver

    _warm_context()
    threading.Thread(target=forkserver.ensure_running, daemon=True).start()


def _warm_context():
    """The multiprocessing context of the warm server, told what to preload."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


class WarmRunner:
    """Each scene in a fresh process forked from a warm server (manim already imported)."""

    def __init__(self, workers: int) -> None:
        self.slots = max(1, workers)
        self._ctx = _warm_context()
        self._env = thread_limits(self.slots)
        self._running: set = set()
        self._lock = threading.Lock()
        self._closed = False

    def warm_up(self) -> None:
        """Start the server now (it imports manim in the background while the voice is made)."""
        start_warm_server()

    def run(self, task: RenderTask) -> bool:
        with open(task.log, "w", encoding="utf-8") as log:
            log.write(f"# {task.label}: {task.ref} at {task.settings.tag}, warm process\n")
        process = self._ctx.Process(
            target=_render_child,
            args=(task, {**os.environ, **self._env}, os.getcwd()),
            name=f"dayinlife-{task.paragraph}",
            daemon=False,
        )
        with self._lock:
            if self._closed:
                return False
            process.start()
            self._running.add(process)
        process.join()
        with self._lock:
            self._running.discard(process)
        if process.exitcode and process.exitcode < 0:
            with open(task.log, "a", encoding="utf-8") as log:
                log.write(f"\nscene process killed by signal {-process.exitcode}\n")
        return process.exitcode == 0 and Path(task.out).exists()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for process in self._running:
                process.kill()


# -- the scheduler ----------------------------------------------------------------
@dataclass
class Outcome:
    job: object  # build.SceneJob
    status: str  # "rendered", "reused" (another build rendered it), "failed"

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class SceneScheduler:
    """Run scene jobs on a runner, longest first, as they are submitted.

    ``submit`` may be called while earlier jobs run (a scene starts as soon as
    its own audio is ready); ``close`` says no more will come; outcomes arrive
    through ``on_done`` (from worker threads) and :meth:`outcomes`.
    """

    def __init__(self, runner: Runner, *, force: bool = False, on_done: Callable[[Outcome], object] | None = None) -> None:
        self.runner = runner
        self.force = force
        self.on_done = on_done
        self._heap: list = []
        self._count = itertools.count()
        self._cond = threading.Condition()
        self._closed = False
        self._abort = False
        self._outcomes: list[Outcome] = []
        self._threads = [
            threading.Thread(target=self._work, name=f"scene-slot-{i}", daemon=True) for i in range(runner.slots)
        ]
        for t in self._threads:
            t.start()

    def submit(self, job, manifest: Manifest, priority: float) -> None:
        """Queue ``job`` (a ``build.SceneJob``); larger ``priority`` (e.g. duration) runs first."""
        with self._cond:
            heapq.heappush(self._heap, (-priority, next(self._count), 0.0, job, manifest))
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def abort(self) -> None:
        """Stop taking jobs and end running renders (used on interrupt)."""
        with self._cond:
            self._abort = self._closed = True
            self._heap.clear()
            self._cond.notify_all()
        self.runner.close()

    def join(self) -> list[Outcome]:
        for t in self._threads:
            while t.is_alive():
                t.join(0.2)
        return list(self._outcomes)

    def _next(self):
        with self._cond:
            while True:
                if self._abort:
                    return None
                now = time.monotonic()
                ready = [item for item in self._heap if item[2] <= now]
                if ready:
                    item = min(ready)
                    self._heap.remove(item)
                    heapq.heapify(self._heap)
                    return item
                if self._closed and not self._heap:
                    return None
                wake = min((item[2] for item in self._heap), default=now + 1.0)
                self._cond.wait(max(0.01, wake - now))

    def _work(self) -> None:
        while (item := self._next()) is not None:
            neg, n, _, job, manifest = item
            lock = FileLock(job.video.parent, job.para.id)
            if not lock.acquire(block=False):  # another build renders it: come back later
                with self._cond:
                    heapq.heappush(self._heap, (neg, n, time.monotonic() + RETRY_LOCKED, job, manifest))
                continue
            try:
                outcome = Outcome(job, self._run_locked(job, manifest))
            except Exception:  # a bug of ours must not hang the build
                job.log.parent.mkdir(parents=True, exist_ok=True)
                with open(job.log, "a", encoding="utf-8") as log:
                    log.write(traceback.format_exc())
                outcome = Outcome(job, "failed")
            finally:
                lock.release()
            with self._cond:
                self._outcomes.append(outcome)
            if self.on_done:
                self.on_done(outcome)

    def _run_locked(self, job, manifest: Manifest) -> str:
        folder = job.video.parent
        clean_stale_temps(folder)
        if not self.force and job.is_fresh():
            return "reused"
        jobdir = temp_dir(folder, job.para.id)
        try:
            manifest_file = jobdir / "manifest.json"
            manifest_file.write_text(json.dumps(job_manifest(manifest, job.para), ensure_ascii=False), encoding="utf-8")
            task = RenderTask(
                ref=job.ref,
                manifest=manifest_file,
                paragraph=job.para.id,
                out=job.video,
                settings=job.settings,
                workdir=jobdir / "work",
                log=job.log,
                label=f"paragraph {job.para.id} ({job.cls.__name__})",
                stills=job.stills,
            )
            if not self.runner.run(task):
                return "failed"
            atomic_write_text(job.key_file, job.key + "\n")
            return "rendered"
        finally:
            shutil.rmtree(jobdir, ignore_errors=True)

