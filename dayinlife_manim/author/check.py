"""``dayinlife check``: the layout and readability of every scene, from the objects on screen.

Each scene's timeline runs as the storyboard runs it (``render/stills.py``:
animations are stepped only to the frames wanted, nothing is drawn or
encoded), and the rules of ``render/layoutcheck.py`` judge the mobjects on
screen at every beat and in the middle and at the end of every animation.
The caption rules judge the SRT/VTT cues the build would write.  Results are
cached per scene under ``MEDIA/<slug>/check/<W>x<H>@<fps>/<paragraph>/``
(``layout.json``) with the scene's render key, so only scenes that changed
run again.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..manifest import Manifest, ParagraphAudio
from ..options import BuildOptions
from ..render.layoutcheck import RULES, RULES_VERSION, Finding, caption_findings, counts
from ..render.stills import LAYOUT_JSON, load_layout, scene_layout, write_layout_json
from .storyboard import StoryboardFailed, run_warm


@dataclass
class SceneCheck:
    para: ParagraphAudio
    scene: str
    findings: list[Finding] = field(default_factory=list)
    cached: bool = False
    moments: int = 0


@dataclass
class CheckReport:
    scenes: list[SceneCheck]
    captions: list[Finding]
    notes: list[str]
    seconds: float = 0.0

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.scenes for f in s.findings] + self.captions

    @property
    def errors(self) -> int:
        return counts(self.findings)[0]

    @property
    def warnings(self) -> int:
        return counts(self.findings)[1]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def to_dict(self) -> dict:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "rules": {name: {"level": level, "means": means} for name, (level, means) in RULES.items()},
            "scenes": [{"paragraph": s.para.id, "scene": s.scene, "cached": s.cached, "moments": s.moments,
                        "findings": [f.to_dict() for f in s.findings]} for s in self.scenes],
            "captions": [f.to_dict() for f in self.captions],
            "notes": self.notes,
        }


def _check_key(scene_key: str) -> str:
    return hashlib.sha256(f"{RULES_VERSION}:{scene_key}:".encode() + Path(__file__).read_bytes()).hexdigest()


def _cached(folder: Path, key: str) -> tuple[list[Finding], int] | None:
    import json

    try:
        data = json.loads((folder / LAYOUT_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("key") != key:
        return None
    found = load_layout(folder)
    return (found, int(data.get("moments", 0))) if found is not None else None


def _meta(folder: Path) -> tuple[int, float]:
    """(moments judged, CPU seconds spent judging) of a scene's check."""
    import json

    try:
        data = json.loads((folder / LAYOUT_JSON).read_text(encoding="utf-8"))
        return int(data.get("moments", 0)), float(data.get("seconds", 0.0))
    except (OSError, ValueError, TypeError):
        return 0, 0.0


def check_scene(cls: type, *, manifest: Path, paragraph: str, settings, out_dir: Path) -> None:
    """Check one scene in this process; its findings go to ``out_dir/layout.json`` (a warm process runs this)."""
    probe = scene_layout(cls, manifest=manifest, paragraph=paragraph, settings=settings, out_dir=out_dir)
    write_layout_json(out_dir, probe.findings(), probe.moments, probe.seconds)


def _check_here(ref: str, manifest_file: Path, para: ParagraphAudio, settings, folder: Path, key: str) -> str | None:
    import traceback

    from ..farm.worker import resolve

    try:
        check_scene(resolve(ref), manifest=manifest_file, paragraph=para.id, settings=settings, out_dir=folder)
        return None
    except Exception:  # noqa: BLE001 - reported with its paragraph
        return traceback.format_exc()


def video_captions(manifest: Manifest) -> list[tuple[float, float, str]]:
    """The subtitle cues the build writes (SRT/VTT), on the video's clock."""
    from ..output.captions import wrap_captions
    from ..output.soundtrack import segment_captions

    captions, start = [], 0.0
    for para in manifest.paragraphs:
        captions += segment_captions(para.cues, start, para.duration)
        start += para.duration
    return [(c.start, c.end, c.text) for c in wrap_captions(captions)]


def check(manifest: Manifest, options: BuildOptions = BuildOptions(), *,
          on_scene: Callable[[SceneCheck], object] | None = None) -> CheckReport:
    """The layout findings of every scene of ``manifest`` (cached ones reused) and of its captions."""
    from ..casting import assign_scenes
    from ..render.scenecache import scene_key

    t0 = time.perf_counter()
    settings = options.settings
    root = manifest.root / "check" / settings.tag
    pairs, notes = assign_scenes(manifest, options.scenes)
    manifest_file = manifest.root / "manifest.json"
    checks, todo = [], []
    for para, cls, ref in pairs:
        sc = SceneCheck(para, cls.__name__)
        folder = root / para.id
        key = _check_key(scene_key(cls, manifest, para, settings))
        hit = None if options.force else _cached(folder, key)
        if hit is not None:
            sc.findings, sc.moments = hit
            sc.cached = True
        else:
            todo.append((sc, ref, folder, key))
        checks.append(sc)
    failures: list[str] = []

    def done(i: int, error: str | None) -> None:
        sc, _, folder, key = todo[i]
        found = load_layout(folder) if error is None else None
        if found is None:
            failures.append(f"paragraph {sc.para.id} ({sc.scene}) failed:\n{error or 'no findings written'}")
            return
        moments, seconds = _meta(folder)
        write_layout_json(folder, found, moments, seconds, key=key)  # now it is the cached result for this key
        sc.findings, sc.moments = found, moments
        if on_scene:
            on_scene(sc)

    workers = min(options.workers or os.cpu_count() or 1, len(todo))
    if workers > 1:
        from ..farm.pool import start_warm_server

        start_warm_server()
        jobs = [(folder, ref, sc.para.id, f"paragraph {sc.para.id} ({sc.scene})") for sc, ref, folder, _ in todo]
        for _, _, folder, _ in todo:
            (folder / LAYOUT_JSON).unlink(missing_ok=True)
            folder.mkdir(parents=True, exist_ok=True)
        run_warm(jobs, manifest_file, settings, workers, "check", done)
    else:
        for i, (sc, ref, folder, key) in enumerate(todo):
            done(i, _check_here(ref, manifest_file, sc.para, settings, folder, key))
    if failures:
        raise StoryboardFailed(failures)
    return CheckReport(checks, caption_findings(video_captions(manifest)), notes, time.perf_counter() - t0)


# -- text output ---------------------------------------------------------------------
def _clock(f: Finding) -> str:
    if f.last is not None and f.last - f.time >= 0.05:
        return f"{f.time:5.1f}-{f.last:.1f}s"
    return f"{f.time:5.1f}s"


def finding_rows(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    return [(_clock(f), f.level, f.rule, " / ".join(f.objects), f.measure + (" (mid-animation)" if not f.steady else ""))
            for f in findings]


def format_table(rows: list[tuple]) -> str:
    if not rows:
        return ""
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _counted(findings: list[Finding]) -> str:
    errors, warnings = counts(findings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def summary_line(errors: int, warnings: int, where: str = "") -> str:
    """``layout: 0 errors, 2 warnings`` (with ``; see WHERE``)."""
    text = f"layout: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return text + (f"; see {where}" if where else "")


def format_report(report: CheckReport) -> str:
    out = []
    for sc in report.scenes:
        head = f"{sc.para.id} {sc.scene}: {_counted(sc.findings)} ({sc.moments} moments{', cached' if sc.cached else ''})"
        out.append(head)
        if sc.findings:
            out.append(format_table(finding_rows(sc.findings)))
    out.append(f"captions: {_counted(report.captions)}")
    if report.captions:
        out.append(format_table(finding_rows(report.captions)))
    out.append(summary_line(report.errors, report.warnings) + f" in {len(report.scenes)} scenes, {report.seconds:.1f}s")
    return "\n".join(out)


def findings_summary(findings: dict[str, list[Finding]]) -> str:
    """The review page's line on the layout findings of its scenes (``dayinlife check`` finds the same)."""
    import html

    found = [f for fs in findings.values() for f in fs]
    e, w = counts(found)
    where = ", ".join(f'<a href="#{html.escape(pid)}">{html.escape(pid)}</a>' for pid, fs in findings.items() if fs)
    return f'<p class="meta" id="layout">{html.escape(summary_line(e, w))}{" in " + where if where else ""}</p>'
