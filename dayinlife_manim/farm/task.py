"""One scene render as a runner sees it (picklable, for local workers and Dask alike), the
runners' protocol, and the peak memory a scene process reports at the end of its log."""

from __future__ import annotations

import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..render.settings import RenderSettings

#: How a scene process reports its peak memory at the end of its log.
PEAK_MEMORY = "# peak memory:"


@dataclass(frozen=True)
class RenderTask:
    """One scene to render: what a runner needs, all of it picklable."""

    ref: str  # "path/to/module.py:Class" or "package.module:Class"
    manifest: Path  # the job manifest: the script's header and this paragraph, audio by absolute path
    paragraph: str
    out: Path
    settings: RenderSettings
    workdir: Path
    log: Path
    label: str  # "paragraph (Scene)", for messages
    #: "video": render ``out`` (an MP4); "storyboard": draw the stills at beats into the folder ``out``;
    #: "check": the scene's layout findings into ``out/layout.json`` (nothing drawn).
    kind: str = "video"
    #: For "video": the folder for the stills at the scene's beats, taken from the render's frames.
    stills: Path | None = None


class Runner(Protocol):
    slots: int

    def run(self, task: RenderTask) -> bool: ...

    def close(self) -> None: ...


def print_peak_memory() -> None:
    """End a scene's log with this process's peak memory."""
    print(f"{PEAK_MEMORY} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB", flush=True)


def peak_memory_mib(logs) -> int:
    """The largest peak memory that the scene logs ``logs`` report (0 when none does)."""
    peaks = [0]
    for log in logs:
        for line in Path(log).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(PEAK_MEMORY):
                peaks.append(int(line.split()[-2]))
    return max(peaks)
