"""The Python API: the ``dayinlife`` commands as functions, for notebooks and programs.

    from dayinlife_manim import build_video

    result = build_video("examples/a_day_in_life.txt", quality="low", voice="silent")
    print(result.video, result.duration, result.rendered)

Every keyword is a :class:`~dayinlife_manim.options.BuildOptions` field (the
CLI's options, defined once in :mod:`dayinlife_manim.options`) and is checked
the way the CLI checks it: a mistake raises :class:`~dayinlife_manim.core.errors.UserError`
(the one-line message the CLI prints), as does a failed build
(:class:`~dayinlife_manim.build.BuildFailed`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from .core.errors import UserError
from .options import SPECS, BuildOptions
from .text.script import Script

#: ``progress(stage, done, total)``: stage is "voice", "render" or "draw".
Progress = Callable[[str, int, int], object]
ScriptLike = str | os.PathLike | Script


def options_from(base: BuildOptions | None = None, **values: Any) -> BuildOptions:
    """``base`` (default: the CLI's defaults) with ``values`` changed, each checked as the CLI checks it."""
    known = {f.name for f in fields(BuildOptions)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UserError(f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    checked = {}
    for name, value in values.items():
        spec = SPECS[name]
        if value is None or spec.type is None or spec.is_flag:
            checked[name] = bool(value) if spec.is_flag else value
            continue
        try:
            checked[name] = spec.type.convert(value, None, None)
        except click.BadParameter as exc:
            raise UserError(f"{name}={value!r}: {' '.join(exc.format_message().split())}") from None
    return (base or BuildOptions()).replace(**checked)


def as_script(script: ScriptLike) -> Script:
    """A parsed script: ``script`` itself, or the file it names (see :func:`~dayinlife_manim.text.script.load_script`)."""
    if isinstance(script, Script):
        return script
    from .text.script import load_script

    return load_script(Path(script))


def pick_voice(scripts: Sequence[Script], options: BuildOptions, say: Callable[[str], object] | None = None):
    """The voice backend ``options`` ask for and the language it speaks: ``options.lang``, or detected from
    ``scripts`` (then said through ``say``, default stderr)."""
    from .text.language import language_name, voice_language
    from .voices import get_voice

    say = say or (lambda message: print(message, file=sys.stderr))
    lang, detected = voice_language(list(scripts), options.lang, options.voice)
    backend = get_voice(
        options.voice, lang=lang, tld=options.tld, rate=options.rate, slow=options.slow, piper_model=options.piper_model,
        say=say,
    )
    if detected:  # said once the voice is settled, so that a refusal stays one line (it names the language)
        say(f"language: {lang} ({language_name(lang)}), detected from the script; --lang sets another")
    return backend, lang


@dataclass(frozen=True)
class VideoResult:
    """What :func:`build_video` made: the files, what was rendered and measured, and the manifest."""

    video: Path
    srt: Path
    vtt: Path
    chapters: Path
    review: Path  # the review page (video, captions, chapters, stills)
    duration: float  # seconds
    rendered: tuple[str, ...]  # paragraph ids rendered now
    cached: tuple[str, ...]  # paragraph ids taken from the scene cache
    stitched: bool  # False when the video was already up to date
    loudness: Any  # output.loudness.Loudness of the soundtrack when it was (re)mastered, else None
    seconds: float
    notes: tuple[str, ...]
    manifest: Any = field(repr=False)  # manifest.Manifest: the voiceover's paragraphs, sentences and word times

    @property
    def audio(self) -> Path:
        """The voiceover folder (one WAV per paragraph)."""
        return self.manifest.root / "voice"


@dataclass(frozen=True)
class VoiceResult:
    """What :func:`voice` made: how many sentences were synthesized or cached, and the manifest."""

    synthesized: int
    cached: int
    seconds: float
    manifest: Any = field(repr=False)  # manifest.Manifest


@dataclass(frozen=True)
class StoryboardResult:
    page: Path  # the HTML page
    stills: tuple[Path, ...]  # every still, scene by scene
    sheets: tuple[Path, ...]  # one contact sheet per scene
    drawn: tuple[str, ...]  # paragraph ids drawn now (the others were cached)
    seconds: float
    notes: tuple[str, ...]
    manifest: Any = field(repr=False)


def _say(say):
    return say or (lambda message: print(message, file=sys.stderr))


def voice(script: ScriptLike, *, say: Callable[[str], object] | None = None, progress: Progress | None = None,
          **options: Any) -> VoiceResult:
    """Write the voiceover of every paragraph of ``script`` and its manifest (``dayinlife voice``).

    Options: the voice ones of :func:`build_video` and ``media_dir``.
    """
    from .voices.voiceover import make_voiceover

    chosen = options_from(**options)
    parsed = as_script(script)
    backend, _ = pick_voice([parsed], chosen, _say(say))
    done = [0]

    def voiced(n: int) -> None:
        done[0] += n
        if progress:
            progress("voice", done[0], parsed.sentence_count)

    manifest, stats = make_voiceover(parsed, backend, chosen.media_dir, progress=voiced)
    return VoiceResult(stats.synthesized, stats.cached, stats.seconds, manifest)


def build_video(script: ScriptLike, *, say: Callable[[str], object] | None = None, progress: Progress | None = None,
                **options: Any) -> VideoResult:
    """Build the narrated video of ``script`` (a file path or a parsed :class:`Script`), as ``dayinlife build`` does.

    ``say`` receives the one-line notes (which voice, which language;
    default: stderr); ``progress(stage, done, total)`` is called as sentences
    are voiced (stage "voice") and scenes rendered ("render").  Raises
    :class:`UserError` for a mistake, :class:`BuildFailed` when a scene fails
    (its log is named).  A program calling this needs the usual
    ``if __name__ == "__main__":`` guard (scene processes import it).

    Keyword options (the CLI's, with its defaults):
    """
    from .build import build
    from .text.fonts import check_glyphs

    chosen = options_from(**options)
    if chosen.watch:
        raise UserError("watch is for the command line (dayinlife build --watch); call build_video again instead")
    say = _say(say)
    parsed = as_script(script)
    check_glyphs(parsed)  # before anything is voiced: a missing glyph is a one-line error
    backend, _ = pick_voice([parsed], chosen, say)
    counts = {"voice": 0, "render": 0}
    totals = {"voice": parsed.sentence_count, "render": 0}

    def tick(stage: str, n: int = 1) -> None:
        counts[stage] += n
        if progress:
            progress(stage, counts[stage], totals[stage])

    def on_plan(jobs, notes) -> None:
        for note in notes:
            say(f"note: {note}")
        totals["render"] = sum(not j.cached for j in jobs)
        if progress:
            progress("render", 0, totals["render"])

    report = build(parsed, backend, chosen, on_voice=lambda n: tick("voice", n), on_plan=on_plan,
                   on_scene=lambda job: tick("render"))
    return _video_result(report, parsed, chosen)


def _video_result(report, script: Script, options: BuildOptions) -> VideoResult:
    from .manifest import default_media_dir, load_manifest, manifest_path
    from .output.stamp import side_files

    media_dir = Path(options.media_dir) if options.media_dir is not None else default_media_dir()
    video, srt, vtt, chapters, review = side_files(report.out)
    return VideoResult(
        video=video, srt=srt, vtt=vtt, chapters=chapters, review=review, duration=report.duration,
        rendered=tuple(report.rendered), cached=tuple(report.cached), stitched=report.stitched,
        loudness=report.loudness, seconds=report.seconds, notes=tuple(report.notes),
        manifest=load_manifest(manifest_path(media_dir, script.slug)),
    )


def storyboard(script: ScriptLike, *, say: Callable[[str], object] | None = None, progress: Progress | None = None,
               **options: Any) -> StoryboardResult:
    """Stills of every scene of ``script`` at each beat and one HTML page, no video (``dayinlife storyboard``).

    Options as :func:`build_video` (``quality`` defaults to "low" here).
    """
    from .author.storyboard import storyboard as run_storyboard
    from .text.fonts import check_glyphs
    from .voices.voiceover import make_voiceover

    chosen = options_from(BuildOptions(quality="low"), **options)
    say = _say(say)
    parsed = as_script(script)
    check_glyphs(parsed)
    backend, _ = pick_voice([parsed], chosen, say)
    manifest, _ = make_voiceover(parsed, backend, chosen.media_dir)
    drawn = [0]

    def on_scene(board) -> None:
        drawn[0] += 1
        if progress:
            progress("draw", drawn[0], len(manifest.paragraphs))

    report = run_storyboard(manifest, chosen, on_scene=on_scene)
    for note in report.notes:
        say(f"note: {note}")
    return StoryboardResult(
        page=report.html, stills=tuple(b.dir / s.image for b in report.scenes for s in b.stills),
        sheets=tuple(b.sheet for b in report.scenes), drawn=tuple(report.rendered), seconds=report.seconds,
        notes=tuple(report.notes), manifest=manifest,
    )


def _option_lines() -> str:
    defaults = {f.name: f.default for f in fields(BuildOptions)}
    return "\n".join(
        f"        {name} (default {defaults[name]!r}): {' '.join(spec.help.split())}" for name, spec in SPECS.items()
    )


build_video.__doc__ = (build_video.__doc__ or "") + "\n" + _option_lines() + "\n"

__all__ = ["StoryboardResult", "VideoResult", "VoiceResult", "build_video", "options_from", "pick_voice", "storyboard", "voice"]
