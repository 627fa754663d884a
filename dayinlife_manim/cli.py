"""The ``dayinlife`` command line: options in, library calls out.

User mistakes end as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # noqa: E402  (the timeline counts from here)

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from . import __version__
from .author.gallery import SUBJECTS as GALLERY_SUBJECTS
from .core import timeline
from .core.errors import UserError
from .voices import VOICES

# No dir_okay=False: load_script reports a directory as a one-line error, not click's usage block.
SCRIPT = click.argument("script", type=click.Path(path_type=Path))
MEDIA = click.option(
    "--media",
    "media_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for generated files (default: ./media or $DAYINLIFE_MEDIA).",
)


def voice_options(fn):
    """--voice, --lang, --tld, --rate, --slow: the options of every command that speaks."""
    for option in reversed(
        [
            click.option(
                "--voice",
                type=click.Choice(VOICES),
                default="auto",
                show_default=True,
                help="auto: gTTS when reachable, else the offline piper voice; silent: no speech, timed text.",
            ),
            click.option("--lang", default=None, help="Language of the voice, as gTTS codes it (en, es, ja, zh-CN...); default: detected from the script, and printed."),
            click.option("--piper-model", type=click.Path(path_type=Path, dir_okay=False), default=None, help="A downloaded piper voice (.onnx, with its .onnx.json beside it) for the offline voice."),
            click.option("--tld", default="com", show_default=True, help="Google domain for gTTS accents (com, co.uk, com.au...)."),
            click.option("--rate", type=click.FloatRange(0.5, 2.0), default=1.0, show_default=True, help="Speaking rate (piper, silent)."),
            click.option("--slow", is_flag=True, help="Slow speech (gTTS)."),
        ]
    ):
        fn = option(fn)
    return fn


def _voice(scripts, voice: str, lang: str | None, tld: str, rate: float, slow: bool, piper_model: Path | None):
    """The voice for ``scripts`` (one or several) and its language: detected (and said) unless ``--lang`` names it."""
    from .text.language import language_name, voice_language
    from .voices import get_voice

    scripts = scripts if isinstance(scripts, (list, tuple)) else [scripts]
    lang, detected = voice_language(scripts, lang, voice)
    backend = get_voice(
        voice, lang=lang, tld=tld, rate=rate, slow=slow, piper_model=piper_model, say=lambda m: click.echo(m, err=True)
    )
    if detected:  # said once the voice is settled, so that a refusal stays one line (it names the language)
        click.echo(f"language: {lang} ({language_name(lang)}), detected from the script; --lang sets another", err=True)
    return backend, lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dayinlife")
def cli() -> None:
    """Turn a plain-text narration script into a narrated, animated Manim video.

    Each paragraph of SCRIPT becomes a scene; its voiceover is made first, one
    sentence at a time, so every animation can follow the narration exactly.
    """


@cli.command()
@SCRIPT
@voice_options
@MEDIA
def voice(script: Path, voice: str, lang: str | None, piper_model: Path | None, tld: str, rate: float, slow: bool, media_dir: Path | None) -> None:
    """Write the voiceover of every paragraph of SCRIPT and its manifest.

    Sentences already in the cache are not synthesized again.
    """
    from .output.report import voice_table
    from .text.script import load_script
    from .voices.voiceover import make_voiceover

    parsed = load_script(script)
    backend, _ = _voice(parsed, voice, lang, tld, rate, slow, piper_model)
    with click.progressbar(length=parsed.sentence_count, label=f"Voicing with {backend.describe()}", file=sys.stderr) as bar:
        manifest, stats = make_voiceover(parsed, backend, media_dir, progress=bar.update)
    click.echo(voice_table(manifest))
    click.echo(
        f"{stats.synthesized} synthesized, {stats.cached} from cache, {stats.seconds:.1f}s; "
        f"manifest: {manifest.root / 'manifest.json'}"
    )


WATCH_OPTION = click.option(
    "--watch", is_flag=True,
    help="Keep running: redo the job whenever the script, the scene module or a module it imports from its folder changes (only what changed is redone). Ctrl-C stops.",
)
SCENES_OPTION = click.option(
    "--scenes",
    "scenes_module",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Scene module (e.g. scenes/day_in_life.py); paragraphs without a class use AutoScene.",
)


def quality_option(default: str, help: str):
    return click.option("--quality", type=click.Choice(["tiny", "low", "medium", "high", "4k"]), default=default, show_default=True, help=help)


def frame_options(fn):
    """--fps and --aspect, for every command that renders frames."""
    fn = click.option("--aspect", type=click.Choice(["16:9", "9:16", "1:1"]), default="16:9", show_default=True)(fn)
    return click.option("--fps", type=click.IntRange(1, 120), default=None, help="Frame rate (default: the quality's).")(fn)


@cli.command()
@click.argument("scripts", nargs=-1, required=True, type=click.Path(path_type=Path))
@SCENES_OPTION
@quality_option("high", "240p10, 480p15, 720p30, 1080p30 or 2160p30.")
@frame_options
@click.option("--cfr", is_flag=True, help="Constant frame rate: encode every frame (for video editors that need it); by default a picture that does not change is encoded once and held.")
@voice_options
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Scenes rendered at once on this machine (default: number of cores).")
@click.option("--cluster", envvar="DAYINLIFE_CLUSTER", default=None, metavar="ADDRESS", help="Render on a Dask cluster: tls://HOST:PORT, tcp://HOST:PORT, or local:N for N local worker processes (default: $DAYINLIFE_CLUSTER).")
@click.option("--allow-insecure", is_flag=True, help="Allow a plain tcp:// scheduler outside this machine (unencrypted, unauthenticated).")
@click.option("--force", is_flag=True, help="Render every scene again, ignoring the scene cache and the build stamp (which skips an unchanged build).")
@click.option("--music", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None, help="Background music, ducked under the voice.")
@click.option("--loudness", type=click.FloatRange(-40.0, -5.0), default=-16.0, show_default=True, help="Master the soundtrack to this integrated loudness in LUFS, true peaks <= -1 dBTP (video sites: -14).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Output MP4 of a one-script build (default: MEDIA/<script-slug>.mp4).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Folder for the videos, one <script-slug>.mp4 per script (default: MEDIA).")
@WATCH_OPTION
@MEDIA
def build(scripts, scenes_module, quality, fps, aspect, cfr, voice, lang, piper_model, tld, rate, slow, workers, cluster, allow_insecure, force, music, loudness, out, out_dir, watch, media_dir):
    """Build the narrated video of each SCRIPT (files, or folders of .txt scripts).

    Voice, render every scene, stitch. Scenes of all scripts share one queue
    (longest first) and start as soon as their paragraph is voiced; each runs
    in its own process, and only when something that changes it changed.
    Captions (.srt, .vtt) and YouTube chapters (.chapters.txt) are written
    next to each MP4. Run again with nothing changed (inputs, options,
    code, outputs), it says "up to date" and stops at once.
    """
    from .output.stamp import BuildInputs, Snapshot
    from .render.settings import RenderSettings
    from .text.script import find_scripts

    settings = RenderSettings.from_options(quality, aspect, fps, cfr=cfr)
    first = []
    output_options = dict(quality=quality, aspect=aspect, fps=fps, cfr=cfr, voice=voice, lang=lang, tld=tld, rate=rate, slow=slow, loudness=loudness)

    def once():
        files = find_scripts(scripts)
        # Before anything heavy is imported: a build with nothing changed stops here.
        snapshot = Snapshot.take(BuildInputs(tuple(files), output_options, scenes_module, music, piper_model, out, out_dir, media_dir))
        if not (force and not first):
            done = snapshot.up_to_date()
            if done:
                for path in done:
                    click.echo(f"up to date: {path} (nothing changed since the last build)")
                first.append(True)
                return

        from .build import BuildFailed, build_many, summary_rows
        from .output.report import table
        from .text.fonts import check_glyphs

        if not cluster:
            from .farm.pool import start_warm_server

            start_warm_server()  # manim loads there while the script is checked and the voice is made

        parsed = snapshot.scripts
        for each in parsed:
            check_glyphs(each)  # before anything is voiced: a missing glyph is a one-line error
        backend, spoken = _voice(parsed, voice, lang, tld, rate, slow, piper_model)
        reports = []

        def summary(rows) -> None:
            click.echo(table(("script", "rendered", "cached", "duration", "status", "output"), summary_rows(rows), right=(1, 2, 3)))

        with ExitStack() as scene_stack, ExitStack() as voice_stack:
            voice_bar = voice_stack.enter_context(
                click.progressbar(length=sum(p.sentence_count for p in parsed), label="Voicing  ", file=sys.stderr)
            )
            scene_bar = []

            def on_plan(jobs, notes):
                voice_stack.close()
                for note in notes:
                    click.echo(f"note: {note}", err=True)
                todo = sum(not j.cached for j in jobs)
                click.echo(f"{len(jobs)} scenes at {settings.tag}: {todo} to render, {len(jobs) - todo} cached", err=True)
                if todo:
                    bar = click.progressbar(
                        length=todo, label="Rendering", file=sys.stderr, show_eta=True,
                        item_show_func=lambda j: j.para.id if j else None,
                    )
                    scene_bar.append(scene_stack.enter_context(bar))

            try:
                reports = build_many(
                    parsed, backend, scenes=scenes_module, settings=settings, workers=workers, cluster=cluster,
                    allow_insecure=allow_insecure, force=force and not first, out=out, out_dir=out_dir, music=music, loudness=loudness, media_dir=media_dir,
                    on_voice=voice_bar.update, on_plan=on_plan, on_scene=lambda job: scene_bar[0].update(1, job),
                )
            except BuildFailed as failed:
                if len(parsed) > 1 and failed.reports:
                    scene_stack.close()
                    summary(failed.reports)
                raise
        if len(reports) > 1:
            summary(reports)
        for report in reports:
            for warning in report.warnings:
                click.echo(warning, err=True)
            verb = "wrote" if report.stitched else "up to date:"
            click.echo(
                f"{verb} {report.out} ({len(report.rendered)} rendered, {len(report.cached)} cached, {report.seconds:.1f}s)"
            )
            if report.loudness is not None:
                click.echo(f"soundtrack: {report.loudness} (target {loudness:g} LUFS)")
            if watch and first and report.rendered:
                click.echo(f"re-rendered: {', '.join(report.rendered)}")
        snapshot.record(backend.name, spoken)
        timeline.log.info("build stamp written")
        first.append(True)

    _run(once, watch, find_scripts(scripts), scenes_module)


@cli.command()
@SCRIPT
@SCENES_OPTION
@quality_option("low", "Size of the stills (240p, 480p, 720p, 1080p, 2160p) and the frame rate their times are counted in.")
@frame_options
@voice_options
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Scenes drawn at once (default: number of cores).")
@click.option("--force", is_flag=True, help="Draw every scene again, ignoring the storyboard cache.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=None, help="HTML page (default: MEDIA/<script-slug>/storyboard.html).")
@WATCH_OPTION
@MEDIA
def storyboard(script, scenes_module, quality, fps, aspect, voice, lang, piper_model, tld, rate, slow, workers, force, out, watch, media_dir):
    """Stills of every scene at each beat, without rendering any video.

    A beat is the end of each sentence window and each point a scene waits
    for (wait_for, wait_until). Writes one PNG per still, a contact sheet per
    scene and one HTML page, each still labelled with its paragraph, sentence
    and the words being spoken. Only scenes that changed are drawn again.
    """
    import os

    from .author.storyboard import storyboard as run_storyboard
    from .render.settings import RenderSettings
    from .text.fonts import check_glyphs
    from .text.script import load_script
    from .voices.voiceover import make_voiceover

    settings = RenderSettings.from_options(quality, aspect, fps)
    rounds = []

    def once():
        parsed = load_script(script)
        check_glyphs(parsed)
        backend, _ = _voice(parsed, voice, lang, tld, rate, slow, piper_model)
        manifest, _ = make_voiceover(parsed, backend, media_dir)
        report = run_storyboard(
            manifest, scenes_module, settings, out=out, workers=workers or os.cpu_count() or 1, force=force and not rounds,
            on_scene=lambda b: click.echo(f"drew {b.para.id} ({b.scene}): {len(b.stills)} stills", err=True),
        )
        rounds.append(report)
        for note in report.notes:
            click.echo(f"note: {note}", err=True)
        stills = sum(len(b.stills) for b in report.scenes)
        click.echo(
            f"wrote {report.html}: {len(report.scenes)} scenes ({len(report.rendered)} drawn, "
            f"{len(report.scenes) - len(report.rendered)} cached), {stills} stills, {report.seconds:.1f}s"
        )

    _run(once, watch, [script], scenes_module)


def _run(once, watch: bool, scripts, scenes_module) -> None:
    """Run ``once``; with ``--watch``, again after every change of the scripts or the scene code."""
    if not watch:
        once()
        return
    from .author.watch import watch as watch_files
    from .author.watch import watched_files

    watch_files(lambda: watched_files(scripts, scenes_module), once, say=lambda m: click.echo(m, err=True))


@cli.command()
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Folder for index.html and the PNGs (default: MEDIA/gallery).")
@click.option("--subject", "subjects", multiple=True, type=click.Choice(list(GALLERY_SUBJECTS)), help="Only this subject; repeatable.")
@MEDIA
def gallery(out_dir, subjects, media_dir):
    """Draw every prop, gadget and motion scene authors can use.

    Each entry shows its name, what it is, its import line and a one-line
    example, all read from the code (the subject modules' names and
    docstrings), drawn as a still or as frames of its animation. Writes
    index.html and one PNG sheet per subject.
    """
    from .author.gallery import entries, make_gallery
    from .voices.voiceover import default_media_dir

    folder = out_dir or (Path(media_dir) if media_dir else default_media_dir()) / "gallery"
    total = len(entries(subjects or None))
    with click.progressbar(length=total, label="Drawing", file=sys.stderr, item_show_func=lambda e: e.name if e else None) as bar:
        report = make_gallery(folder, subjects or None, progress=lambda entry: bar.update(1, entry))
    click.echo(f"wrote {report.page}: {len(report.entries)} entries in {len(report.sheets)} sheets, {report.seconds:.1f}s")


@cli.command(name="scenes")
@SCRIPT
@SCENES_OPTION
@MEDIA
def scenes_cmd(script, scenes_module, media_dir):
    """List the paragraphs of SCRIPT with the scene class that tells each, its duration and what it shows.

    For AutoScene paragraphs, "shows" names the beats the words called for
    (clock, counter, checklist...) or the icons.

    Durations come from the voiceover when it is current, else they are
    estimated (marked ~).
    """
    from .casting import list_scenes
    from .output.report import seconds, table
    from .text.script import load_script

    rows, notes = list_scenes(load_script(script), scenes_module, media_dir)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        table(
            ("paragraph", "scene", "duration", "shows"),
            [(r.paragraph, r.scene, ("~" if r.estimated else "") + seconds(r.duration), r.story) for r in rows],
            right=(2,),
        )
    )


@cli.command()
@SCRIPT
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="Scene module to write, e.g. scenes/my_video.py.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def new(script, out, force):
    """Write a scene module for SCRIPT with one class per paragraph, ready to customise.

    Every class starts as an AutoScene, so the module renders as written.
    """
    from .author.scaffold import write_scene_module
    from .text.script import load_script

    path = write_scene_module(load_script(script), out, overwrite=force)
    click.echo(f"wrote {path}: render one scene with `manim render {path} <Scene> -ql`")


def main() -> None:
    timeline.show_if_asked(_STARTED)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "dayinlife"
        message = " ".join(exc.format_message().split())
        click.echo(f"Error: {message} (see '{command} --help')", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"Error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


def console() -> None:
    """The ``dayinlife`` command: :func:`main`, then leave without unloading the interpreter.

    Everything is written, closed and joined by the time ``main`` returns;
    tearing down manim, scipy and the thread and process bookkeeping would
    only add most of a second to every command (0.75 s after a one-sentence
    edit).  Tests call :func:`main` itself.
    """
    import logging
    import os

    code = 0
    try:
        main()
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:
            click.echo(exc.code, err=True)
            code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console()
