"""Scene renders on a real Dask ``LocalCluster`` of worker processes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TINY_SCENES, write_project

from dayinlife_manim.build import build
from dayinlife_manim.core.errors import UserError
from dayinlife_manim.farm import cluster as farm
from dayinlife_manim.options import BuildOptions
from dayinlife_manim.render.media import probe
from dayinlife_manim.render.stills import load_stills
from dayinlife_manim.text.script import load_script
from dayinlife_manim.voices.silent import SilentVoice

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parent.parent
OPTIONS = BuildOptions(quality="tiny")
SETTINGS = OPTIONS.settings
# One cluster for this module, on one xdist worker (make test runs --dist loadgroup).
pytestmark = [pytest.mark.xdist_group("dask"), pytest.mark.loopback]

SCRIPT = "Far Away\n\nThe first scene has a cat. It sleeps.\n\nThe second is slow to draw.\n"
MODULE = (
    "import time\nfrom helpers import COFFEE\n"
    + TINY_SCENES.replace("SCENES_IN_ORDER", "_UNUSED")
    + '''

class Slow(NarratedScene):
    def narrate(self):
        time.sleep(4)  # long enough to kill its worker mid-render
        with self.sentence(0):
            self.play(motions.pop_in(icon(COFFEE).move_to(self.stage.center)))


SCENES_IN_ORDER = [Title, Cat, Slow]
'''
)


@pytest.fixture(scope="module")
def local_cluster():
    import logging

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR
    ) as cluster:
        yield cluster


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "helpers.py").write_text('COFFEE = "coffee"\n', encoding="utf-8")  # a local module the scenes import
    return write_project(tmp_path, "far", SCRIPT, MODULE)


def _build(script, module, media, **kw):
    return build(load_script(script), SilentVoice(), OPTIONS.replace(scenes=module, media_dir=media, **kw))


# -- without a cluster --------------------------------------------------------------
@pytest.mark.parametrize(
    "address, ok",
    [
        ("local:2", True),
        ("tls://render.example.org:8786", True),
        ("tcp://127.0.0.1:8786", True),
        ("localhost:8786", True),
        ("tcp://[::1]:8786", True),
        ("tcp://192.168.1.20:8786", False),
        ("render.example.org:8786", False),
        ("local:0", False),
        ("ftp://x:1", False),
    ],
)
def test_addresses_plain_tcp_only_on_loopback(address, ok):
    if ok:
        assert farm.check_address(address)
    else:
        with pytest.raises(UserError):
            farm.check_address(address)
    if address.startswith(("tcp://192", "render")):
        assert farm.check_address(address, allow_insecure=True)


def test_module_sources_carry_local_imports_only(project):
    script, module, media = project
    sources = farm.module_sources(module)
    assert sorted(sources) == ["far_scenes.py", "helpers.py"]  # not time, manim or dayinlife_manim


def test_unreachable_scheduler_fails_fast_and_writes_nothing(project, tmp_path):
    script, module, media = project
    t0 = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "dayinlife_manim.cli", "build", str(script), "--scenes", str(module), "--quality", "tiny",
         "--voice", "silent", "--media", str(media), "--cluster", "tcp://127.0.0.1:9"],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1
    assert time.monotonic() - t0 < 20
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("Error")]
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in line and "Traceback" not in done.stderr
    assert not media.exists()


# -- on a LocalCluster ----------------------------------------------------------------
def test_cluster_build_matches_local_keys_and_lengths(project, local_cluster):
    script, module, media = project
    remote = _build(script, module, media, cluster=local_cluster.scheduler_address, out=media / "remote.mp4")
    assert len(remote.rendered) == 3
    scenes = media / "far-away" / "scenes" / SETTINGS.tag
    assert "on tcp://127.0.0.1" in (scenes / "01-the-first-scene-has.log").read_text()
    stills = load_stills(scenes / "01-the-first-scene-has.stills")  # the review stills came back with the video
    assert stills and all(s.paragraph == "01-the-first-scene-has" for s in stills)
    local = _build(script, module, media, workers=2, out=media / "local.mp4")
    assert local.rendered == [] and len(local.cached) == 3  # same cache keys: nothing to render again
    a, b = probe(remote.out), probe(local.out)
    frame = 1 / SETTINGS.fps
    assert abs(a.video_duration - a.audio_duration) <= frame
    assert a.video_duration == pytest.approx(b.video_duration, abs=frame)
    assert a.audio_duration == pytest.approx(b.audio_duration, abs=frame)


def test_worker_version_mismatch_names_the_worker(local_cluster, monkeypatch):
    real = farm.versions()
    monkeypatch.setattr(farm, "versions", lambda: {**real, "manim": "0.0.1"})
    with pytest.raises(farm.ClusterError) as err:
        farm.ClusterRunner(local_cluster.scheduler_address)
    message = str(err.value)
    for worker in local_cluster.scheduler_info["workers"]:
        assert worker in message
    assert f"manim {real['manim']} (here 0.0.1)" in message


def test_worker_killed_mid_render_is_retried_and_the_build_finishes(project, local_cluster):
    script, module, media = project
    client = distributed.Client(local_cluster.scheduler_address, set_as_default=False)
    killed = []

    def kill_the_slow_scene_worker():
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not killed:
            for worker, keys in client.processing().items():
                if any(str(k).startswith("scene-02-") for k in keys):
                    time.sleep(1.5)  # inside the render by now
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(worker)
                    return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_the_slow_scene_worker)
    killer.start()
    try:
        report = _build(script, module, media, cluster=local_cluster.scheduler_address, out=media / "far.mp4")
    finally:
        killer.join()
        client.close()
    assert killed, "the slow scene never ran"
    assert report.stitched and len(report.rendered) == 3
    info = probe(report.out)
    assert abs(info.video_duration - info.audio_duration) <= 1 / SETTINGS.fps


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_tls_scheduler_uses_certificates_from_dask_config(tmp_path):
    import dask
    from distributed.security import Security

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    pem = {"tls_ca_file": str(cert), "require_encryption": True}
    for role in ("scheduler", "worker", "client"):
        pem.update({f"tls_{role}_cert": str(cert), f"tls_{role}_key": str(key)})
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, protocol="tls://", host="127.0.0.1",
        security=Security(**pem), dashboard_address="127.0.0.1:0",
    ) as tls_cluster:
        address = tls_cluster.scheduler_address
        assert address.startswith("tls://")
        with pytest.raises(farm.ClusterError, match="needs TLS certificates in Dask's configuration"):
            farm.ClusterRunner(address)
        settings = {"distributed.comm.tls.ca-file": str(cert), "distributed.comm.tls.client.cert": str(cert),
                    "distributed.comm.tls.client.key": str(key)}
        with dask.config.set(settings):
            runner = farm.ClusterRunner(address)
            try:
                assert runner.workers == 1
            finally:
                runner.close()
