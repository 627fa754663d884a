"""``dayinlife doctor``: what a build needs, what is missing, and the command that fixes it.

Each check is quick (no manim import, no model loaded: versions come from the
installed packages' metadata) and says ``ok``, ``warn`` (something optional is
missing: a build still runs) or ``fail`` (a build cannot run).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from ..core.faults import free_space, human_size
from .caches import find_caches

OK, WARN, FAIL = "ok", "warn", "fail"
#: Below this much free space in the media folder a build is warned of; below FREE_FAIL it cannot run.
FREE_WARN = 1 << 30
FREE_FAIL = 50 << 20
#: How long the gTTS server is given to answer (seconds).
GTTS_TIMEOUT = 1.0
#: A letter of each writing system captions are drawn in, with its name.
WRITING_SYSTEMS = (
    ("Latin", "Aé"), ("Greek", "Ω"), ("Cyrillic", "Ж"), ("Arabic", "ع"), ("Hebrew", "א"), ("Devanagari", "ह"),
    ("Bengali", "অ"), ("Tamil", "த"), ("Thai", "ก"), ("Ethiopic", "አ"), ("Chinese", "中"), ("Japanese", "あ"),
    ("Korean", "한"),
)
PIP_OFFLINE = "pip install 'dayinlife-manim[offline]'"


@dataclass(frozen=True)
class Check:
    status: str  # OK, WARN or FAIL
    name: str
    detail: str
    fix: str = ""  # the command (or step) that fixes it

    def line(self) -> str:
        fix = f"; fix: {self.fix}" if self.fix and self.status != OK else ""
        return f"{self.status:<4}  {self.name}: {self.detail}{fix}"


@dataclass(frozen=True)
class DoctorReport:
    checks: list[Check]
    seconds: float

    @property
    def ok(self) -> bool:
        """A build can run (warnings are for optional things)."""
        return all(c.status != FAIL for c in self.checks)

    @property
    def warnings(self) -> int:
        return sum(c.status == WARN for c in self.checks)


def version_of(package: str) -> str | None:
    """The installed version of ``package`` (from its metadata: nothing is imported), or None."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info < (3, 10):
        return Check(FAIL, "Python", f"{version} is too old", "use Python 3.10 or newer")
    return Check(OK, "Python", f"{version} ({sys.executable})")


def check_manim() -> Check:
    version = version_of("manim")
    if version is None:
        return Check(FAIL, "manim", "not installed", "pip install 'manim>=0.22,<0.23'")
    if not version.startswith("0.22."):
        return Check(FAIL, "manim", f"{version} installed; this release needs 0.22", "pip install 'manim>=0.22,<0.23'")
    return Check(OK, "manim", version)


def check_pango_cairo() -> Check:
    fix = "apt-get install libcairo2-dev libpango1.0-dev pkg-config, then pip install --force-reinstall manimpango pycairo"
    try:
        import cairo
        import manimpango
    except ImportError as exc:
        return Check(FAIL, "Pango and Cairo", f"cannot load them ({exc})", fix)
    return Check(OK, "Pango and Cairo", f"Pango {manimpango.pango_version()}, Cairo {cairo.cairo_version_string()} "
                                        f"(manimpango {manimpango.__version__}, pycairo {cairo.version})")


def check_fonts() -> list[Check]:
    from ..text import fonts

    if shutil.which("fc-list") is None:
        return [Check(FAIL, "fonts", "fontconfig's fc-list is missing: glyphs cannot be checked", "apt-get install fontconfig")]
    drawn, missing = [], {}
    for name, letters in WRITING_SYSTEMS:
        if all(fonts.can_draw(ch) for ch in letters):
            drawn.append(name)
        else:
            missing.setdefault(fonts.package_for(letters[0]) or "a font", []).append(name)
    checks = [Check(OK if drawn else FAIL, "fonts", f"installed fonts draw {', '.join(drawn) or 'nothing'}",
                    f"apt-get install {fonts.CORE_PACKAGE}")]
    if "Latin" not in drawn:
        checks[0] = Check(FAIL, "fonts", "no installed font draws Latin letters", f"apt-get install {fonts.CORE_PACKAGE}")
    for package, names in missing.items():
        checks.append(Check(WARN, "fonts", f"no font for {', '.join(names)} (scripts in them cannot be built)",
                            f"apt-get install {package}"))
    return checks


def check_piper() -> list[Check]:
    """The offline voice: piper, its model, and the copy of the model with phoneme durations."""
    if not has_module("piper") or version_of("piper-tts") is None:
        return [Check(WARN, "offline voice", "piper-tts is not installed (--voice gtts or silent only)", PIP_OFFLINE)]
    try:
        from ..voices.piper import aligned_models_dir, default_model

        model, _ = default_model()
    except Exception as exc:  # noqa: BLE001 - VoiceError: the model package is missing
        return [Check(WARN, "offline voice", str(exc), PIP_OFFLINE)]
    checks = [Check(OK, "offline voice", f"piper-tts {version_of('piper-tts')}, model {model.name} "
                                         f"({human_size(model.stat().st_size)})")]
    if not has_module("onnx"):
        checks.append(Check(WARN, "piper word times", "the onnx package is missing: word times are estimated", PIP_OFFLINE))
        return checks
    from ..core.fsutil import file_sha

    derived = aligned_models_dir() / f"{file_sha(model)}.onnx"
    if derived.exists():
        checks.append(Check(OK, "piper word times", f"derived model {derived} ({human_size(derived.stat().st_size)})"))
    else:
        checks.append(Check(OK, "piper word times", f"the derived model is made by the first piper build, once ({derived.parent})"))
    return checks


def check_chromium() -> Check:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return Check(OK, "Chromium", f"{path} (the review page's tests open it headless)")
    return Check(WARN, "Chromium", "not found: the review page's tests are skipped", "apt-get install chromium")


def check_dask() -> Check:
    version = version_of("distributed")
    if version is None or not has_module("distributed"):
        return Check(WARN, "Dask", "distributed is not installed: no --cluster", "pip install 'dayinlife-manim[cluster]'")
    return Check(OK, "Dask", f"distributed {version} (--cluster)")


def check_media(media_dir: Path) -> list[Check]:
    """Free space where the build writes, whether it can write there, and the caches' sizes."""
    media_dir = Path(media_dir)
    checks = []
    found = free_space(media_dir)
    folder = next((p for p in (media_dir.absolute(), *media_dir.absolute().parents) if p.exists()), None)
    if found is None or folder is None:
        checks.append(Check(FAIL, "media folder", f"{media_dir}: no folder on the way to it can be read", "choose another --media"))
    else:
        free, mount = found
        writable = _writable(folder)
        detail = f"{media_dir.absolute()}: {human_size(free)} free on {mount}"
        if not writable:
            checks.append(Check(FAIL, "media folder", f"{detail}, but {folder} cannot be written", "choose a writable folder with --media"))
        elif free < FREE_FAIL:
            checks.append(Check(FAIL, "media folder", f"{detail}: too little to build", "dayinlife cache --max-size 1G (or free some space)"))
        elif free < FREE_WARN:
            checks.append(Check(WARN, "media folder", f"{detail}: little room for videos", "dayinlife cache --max-size 1G (or free some space)"))
        else:
            checks.append(Check(OK, "media folder", detail))
    totals: dict[str, int] = {}
    for cache in find_caches(media_dir):
        totals[cache.kind] = totals.get(cache.kind, 0) + cache.size
    names = {"voice": "voice", "scenes": "scenes", "soundtracks": "soundtracks", "storyboards": "storyboards",
             "models": "piper models", "fonts": "fonts", "langid": "language model"}
    sizes = ", ".join(f"{names[k]} {human_size(v)}" for k, v in totals.items())
    checks.append(Check(OK, "caches", f"{human_size(sum(totals.values()))} ({sizes}); `dayinlife cache` lists and prunes them"))
    return checks


def _writable(folder: Path) -> bool:
    """Whether this process can create files in ``folder`` (a read-only mount counts, even for root)."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def check_gtts(tld: str = "com", timeout: float = GTTS_TIMEOUT) -> Check:
    """Whether gTTS's server answers within ``timeout`` (name lookup included, on a thread of its own)."""
    from ..voices.gtts import host_for, reachable

    answer: list[bool] = []
    thread = threading.Thread(target=lambda: answer.append(reachable(tld, timeout)), daemon=True)
    thread.start()
    thread.join(timeout + 0.2)
    if answer and answer[0]:
        return Check(OK, "gTTS", f"{host_for(tld)} is reachable (--voice auto uses it)")
    offline = "the offline voice (piper) is used by --voice auto" if has_module("piper") else "only --voice silent works offline"
    return Check(WARN, "gTTS", f"{host_for(tld)} is unreachable: {offline}")


def _beside(check: Callable[[], Check | list[Check]]) -> Callable[[], Check | list[Check]]:
    """Start ``check`` on a thread now; the function returned waits for its result."""
    found: list = []
    thread = threading.Thread(target=lambda: found.append(check()), daemon=True)
    thread.start()

    def result():
        thread.join()
        return found[0] if found else Check(FAIL, check.__name__.removeprefix("check_"), "the check itself failed")

    return result


def doctor(media_dir: Path, on_check: Callable[[Check], object] | None = None) -> DoctorReport:
    """Run every check, in the order shown; the gTTS one runs on a thread from the start (it may wait for the network)."""
    t0 = time.perf_counter()
    media_dir = Path(media_dir)
    # Beside the others, on threads: the gTTS check (it may wait for the network) and the piper
    # one (it hashes the model, with the GIL released, to find its derived copy).
    gtts, piper = _beside(check_gtts), _beside(check_piper)
    steps = [check_python, check_manim, check_pango_cairo, check_fonts, piper, check_chromium, check_dask,
             lambda: check_media(media_dir), gtts]
    checks: list[Check] = []
    for step in steps:
        found = step()
        for check in found if isinstance(found, list) else [found]:
            checks.append(check)
            if on_check:
                on_check(check)
    return DoctorReport(checks, time.perf_counter() - t0)
