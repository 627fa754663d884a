"""Scene renders as tasks on a Dask cluster (``dayinlife build --cluster ADDRESS``).

No shared file system is assumed.  A task carries what its scene needs: the
scene module's source with the local modules it imports from its folder (or a
reference to a module of an installed package), the job manifest (the
script's header and this paragraph) and the paragraph's WAV.  The worker
renders it in a fresh process forked from a warm server, as a local build
does (``pool.py``), and returns the MP4's bytes, the stills at the scene's
beats (small PNGs, for the review page) and the log; the client checks them
and places them in the scene cache exactly as a local render would, so cache
keys do not depend on where a scene was rendered.

Needs the optional ``cluster`` extra (Dask's ``distributed``, BSD-3-Clause).
"""

from __future__ import annotations

import gc
import ipaddress
import json
import logging
import platform
import socket
import tempfile
import threading
import time
import uuid
from pathlib import Path

from .. import __version__
from ..core.errors import UserError
from ..core.faults import fault_of
from ..core.fingerprint import module_sources
from ..core.fsutil import atomic_path
from ..render.stills import place_stills_files, read_stills_files
from .pool import WarmRunner
from .task import RenderTask

CONNECT_TIMEOUT = 5  # seconds to reach the scheduler
WORKER_TIMEOUT = 20  # seconds to wait for the first worker
#: How often a scene may lose its worker (killed, crashed machine) before it fails.
ALLOWED_FAILURES = 3


class ClusterError(UserError):
    exit_code = 1


def versions() -> dict[str, str]:
    """What must match between the client and every worker."""
    import manim

    return {
        "dayinlife-manim": __version__,
        "manim": manim.__version__,
        "python": ".".join(platform.python_version_tuple()[:2]),
    }


def worker_versions() -> dict[str, str]:
    """:func:`versions` as a worker reports them (run there by reference, so its own)."""
    return versions()


def _differences(mine: dict[str, str], theirs: dict[str, str]) -> str:
    return ", ".join(f"{k} {theirs.get(k, 'missing')} (here {v})" for k, v in mine.items() if theirs.get(k) != v)


# -- addresses ----------------------------------------------------------------------
def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(address: str, allow_insecure: bool = False) -> str:
    """The scheduler address to connect to; refuses plain ``tcp://`` beyond this machine unless allowed.

    ``local:N`` is returned as is (a ``LocalCluster`` of N processes).
    """
    address = address.strip()
    if address.startswith("local:"):
        n = address.partition(":")[2]
        if not n.isdigit() or int(n) < 1:
            raise UserError(f"--cluster {address!r}: write local:N with N workers, e.g. local:2")
        return address
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    if scheme not in ("tcp", "tls", "ws", "wss"):
        raise UserError(f"--cluster {address!r}: use tls://HOST:PORT, tcp://HOST:PORT or local:N")
    host = rest.rsplit(":", 1)[0] if rest.count(":") == 1 or rest.startswith("[") else rest
    if scheme in ("tcp", "ws") and not _is_loopback(host) and not allow_insecure:
        raise UserError(
            f"refusing to send scene code to {address} over plain {scheme}:// (unencrypted, and anyone who can "
            "reach the scheduler runs code on its workers); use tls:// or pass --allow-insecure"
        )
    return f"{scheme}://{rest}"


def probe_scheduler(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Fail at once when nothing listens at ``address`` (Dask itself retries until its timeout)."""
    rest = address.split("://", 1)[-1]
    host, _, port = rest.rpartition(":")
    host = host.strip("[]")
    if not port.isdigit():
        return  # Dask's own error will say what is wrong
    try:
        infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        with socket.socket(family, kind, proto) as sock:
            sock.settimeout(timeout)
            try:
                sock.connect(sockaddr)
                return
            except OSError as exc:
                error = exc
    raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None


# -- what travels -------------------------------------------------------------------
def _own_paragraph(manifest: dict, paragraph: str) -> dict:
    """The paragraph a job manifest is for (it also holds its neighbours, see ``pool.job_manifest``)."""
    return next(p for p in manifest["paragraphs"] if p["id"] == paragraph)


def make_payload(task: RenderTask) -> dict:
    """Everything a worker needs to render ``task``, as plain data."""
    manifest = json.loads(Path(task.manifest).read_text(encoding="utf-8"))
    para = _own_paragraph(manifest, task.paragraph)  # its neighbours come along as text only
    audio = Path(para["audio"]).read_bytes()
    para["audio"] = "audio.wav"
    module_ref, _, name = task.ref.rpartition(":")
    if module_ref.endswith(".py"):
        sources = module_sources(Path(module_ref))
        scene = {"file": Path(module_ref).name, "class": name, "sources": sources}
    else:
        scene = {"module": module_ref, "class": name}
    return {
        "scene": scene,
        "manifest": manifest,
        "audio": audio,
        "paragraph": task.paragraph,
        "size": task.settings.tag,
        "label": task.label,
        "stills": task.stills is not None,  # the stills at its beats come back with the video
        "versions": versions(),
    }


def host_threads(workers: dict[str, dict]) -> dict[str, int]:
    """Worker threads per host, from the scheduler's worker info (scenes on a host share its cores)."""
    counts: dict[str, int] = {}
    for address, info in workers.items():
        counts[_host(address)] = counts.get(_host(address), 0) + int(info.get("nthreads", 1))
    return counts


# -- on the worker ------------------------------------------------------------------
_RUNNER: WarmRunner | None = None
_RUNNER_LOCK = threading.Lock()


def _host(address: str) -> str:
    return address.split("://")[-1].rsplit(":", 1)[0]


def _worker_runner(host_threads: dict[str, int] | None = None) -> WarmRunner:
    """One warm runner per worker process; its scenes share the cores with every worker thread on this host."""
    global _RUNNER
    with _RUNNER_LOCK:
        if _RUNNER is None:
            import multiprocessing

            try:
                from distributed import get_worker

                worker = get_worker()
                threads = (host_threads or {}).get(_host(worker.address), worker.state.nthreads)
            except (ImportError, ValueError, AttributeError):
                threads = 1
            # Dask starts workers as daemonic processes, which multiprocessing forbids to have
            # children; scene processes end with the worker anyway (pool._die_with_parent).
            multiprocessing.current_process()._config["daemon"] = False
            _RUNNER = WarmRunner(threads)
        return _RUNNER


def warm_up(host_threads: dict[str, int] | None = None) -> str:
    """Start this worker's fork server (manim imported) before the first scene arrives."""
    from multiprocessing import forkserver

    _worker_runner(host_threads)
    forkserver.ensure_running()
    return platform.node()


def render_remote(payload: dict) -> dict:
    """The Dask task: render one scene from ``payload``; return the MP4's bytes and the log."""
    from ..render.settings import RenderSettings

    host = platform.node()
    mine = versions()
    if mine != payload["versions"]:
        return {"ok": False, "host": host, "log": f"worker on {host} differs: {_differences(payload['versions'], mine)}\n"}
    with tempfile.TemporaryDirectory(prefix="dayinlife-task-") as tmp:
        tmp = Path(tmp)
        scene = payload["scene"]
        if "sources" in scene:
            for rel, data in scene["sources"].items():
                target = tmp / "src" / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            ref = f"{tmp / 'src' / scene['file']}:{scene['class']}"
        else:
            ref = f"{scene['module']}:{scene['class']}"
        (tmp / "audio.wav").write_bytes(payload["audio"])
        (tmp / "manifest.json").write_text(json.dumps(payload["manifest"], ensure_ascii=False), encoding="utf-8")
        task = RenderTask(
            ref=ref,
            manifest=tmp / "manifest.json",
            paragraph=payload["paragraph"],
            out=tmp / "scene.mp4",
            settings=RenderSettings.from_tag(payload["size"]),
            workdir=tmp / "work",
            log=tmp / "scene.log",
            label=payload["label"],
            stills=tmp / "stills" if payload.get("stills") else None,
        )
        t0 = time.perf_counter()
        ok = _worker_runner(payload.get("host_threads")).run(task)
        seconds = time.perf_counter() - t0
        log = task.log.read_text(encoding="utf-8", errors="replace") if task.log.exists() else ""
        video = task.out.read_bytes() if ok else None
        stills = read_stills_files(task.stills) if ok and task.stills is not None else {}
    return {"ok": ok, "host": host, "log": log, "video": video, "stills": stills, "seconds": seconds}


# -- on the client ------------------------------------------------------------------
def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UserError("--cluster needs Dask: pip install 'dayinlife-manim[cluster]'") from None
    return distributed


class ClusterRunner:
    """Runs scene tasks on the Dask cluster at ``address`` (or a ``LocalCluster`` for ``local:N``)."""

    def __init__(self, address: str, *, allow_insecure: bool = False) -> None:
        address = check_address(address, allow_insecure)
        distributed = _import_distributed()
        import dask

        self.address = address
        self._cluster = None
        self.timings: list[tuple[float, float]] = []
        logging.getLogger("distributed").setLevel(logging.ERROR)  # its INFO lines would bury the progress bars
        self._config = dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
        self._config.__enter__()
        try:
            if address.startswith("local:"):
                self._cluster = distributed.LocalCluster(
                    n_workers=int(address.partition(":")[2]),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",  # this machine only, no fixed port to collide on
                    silence_logs=logging.ERROR,
                )
                address = self._cluster.scheduler_address
            probe_scheduler(address)
            # A Client that failed to connect earlier in this process (say, TLS without
            # certificates) is finalised by the garbage collector; if that happens inside
            # the next Client's start, its close() waits for distributed's LoopRunner lock,
            # which that start holds: a deadlock.  Collect such leftovers now.
            gc.collect()
            try:
                self.client = distributed.Client(address, timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {self.address}: {' '.join(str(exc).split())}") from None
            except Exception as exc:
                if "ssl_context" in str(exc):
                    raise ClusterError(
                        f"{self.address} needs TLS certificates in Dask's configuration (distributed.comm.tls.ca-file, "
                        "distributed.comm.tls.client.cert and .key; see the README)"
                    ) from None
                raise ClusterError(f"cannot connect to the Dask scheduler at {self.address}: {type(exc).__name__}: {exc}") from None
            try:
                self.client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except (TimeoutError, OSError):
                raise ClusterError(f"the Dask scheduler at {self.address} has no workers (waited {WORKER_TIMEOUT} s)") from None
            self.check_versions()
            info = self.client.scheduler_info()["workers"]
            self._host_threads = host_threads(info)
            threading.Thread(target=self._warm_up, daemon=True).start()
        except BaseException:
            self.close()
            raise
        self.workers = len(info)
        self.threads = sum(w.get("nthreads", 1) for w in info.values())
        # Enough scenes in flight that no worker thread waits for the next one.
        self.slots = max(2, 2 * self.threads)

    def _warm_up(self) -> None:
        try:
            self.client.run(warm_up, self._host_threads)
        except Exception:  # only a head start; the first scene starts the server anyway
            pass

    def describe(self) -> str:
        return f"{self.address} ({self.workers} workers, {self.threads} threads)"

    def check_versions(self) -> None:
        """Every worker must run the same dayinlife-manim, manim and Python as this client."""
        mine = versions()
        try:
            theirs = self.client.run(worker_versions)
        except Exception as exc:  # e.g. the package is not installed on a worker
            raise ClusterError(f"a worker of {self.address} cannot run dayinlife-manim ({type(exc).__name__}: {exc}); "
                               "install the same dayinlife-manim[cluster] on every worker") from None
        bad = {w: _differences(mine, v) for w, v in theirs.items() if v != mine}
        if bad:
            raise ClusterError("worker versions differ from this client: " + "; ".join(f"{w}: {d}" for w, d in sorted(bad.items())))

    def run(self, task: RenderTask) -> bool:
        from distributed import KilledWorker

        payload = {**make_payload(task), "host_threads": self._host_threads}
        duration = _own_paragraph(payload["manifest"], task.paragraph)["duration"]
        future = self.client.submit(
            render_remote,
            payload,
            key=f"scene-{task.paragraph}-{uuid.uuid4().hex[:8]}",
            pure=False,
            priority=int(duration * 1000),  # longest first
        )
        header = f"# {task.label}: {task.ref} at {task.settings.tag}, on {self.address}\n"
        t0 = time.perf_counter()
        try:
            result = future.result()
        except KilledWorker as exc:
            Path(task.log).write_text(header + f"every worker that ran this scene died ({ALLOWED_FAILURES + 1} tries): {exc}\n", encoding="utf-8")
            return False
        except Exception as exc:
            Path(task.log).write_text(header + f"task failed: {type(exc).__name__}: {exc}\n", encoding="utf-8")
            return False
        finally:
            future.release()
        note = ""
        if result["ok"]:
            note = self._place(result["video"], Path(task.out), result.get("stills"), task.stills)
            # Wall time from submit to placed video, and the render's own time on the worker.
            self.timings.append((time.perf_counter() - t0, result["seconds"]))
        Path(task.log).write_text(header + f"# rendered on {result['host']}\n" + result["log"] + note, encoding="utf-8")
        return result["ok"] and not note

    @staticmethod
    def _place(video: bytes, out: Path, stills: dict[str, bytes] | None = None, stills_dir: Path | None = None) -> str:
        """Check the returned MP4 (and stills) and move them into place; return a problem, or ''."""
        from ..render.media import probe

        try:
            if stills_dir is not None:
                place_stills_files(stills or {}, stills_dir)
            with atomic_path(out) as tmp:
                tmp.write_bytes(video)
                info = probe(tmp)
                if not info.video_duration or info.video_codec is None:
                    raise ValueError("no video stream")
        except Exception as exc:
            if fault_of(exc) is not None:  # no space left here...: the build stops with one line naming the path
                raise
            return f"\nthe video returned by the worker is not usable: {type(exc).__name__}: {exc}\n"
        return ""

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None
