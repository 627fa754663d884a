"""The ``dayinlife`` command line: options in, library calls out.

User mistakes end as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # noqa: E402  (the timeline counts from here)

import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .author.gallery import SUBJECTS as GALLERY_SUBJECTS
from .core import timeline
from .core.errors import UserError
from .core.faults import machine_error
from .options import SCRIPT_OPTIONS, VOICE_OPTIONS, BuildOptions, click_options

PRINT_CONFIG = click.option(
    "--print-config", is_flag=True,
    help="Print the options this command would use for each script, and where each comes from (default, "
    "dayinlife.toml, the script's front matter, the command line), then stop.",
)


def _resolve(ctx: click.Context, parsed, values: dict):
    """``parsed``'s options (command line > front matter > dayinlife.toml > default), the script with
    its caption mode, theme and pronunciations, and where each option came from."""
    from .options import parameter_sources, resolve

    options, where = resolve(parsed, values, parameter_sources(ctx, values))
    return options, options.apply(parsed), where


def _print_config(ctx: click.Context, script, options, where, values) -> None:
    from .options import describe

    click.echo(f"# {script}")
    click.echo(describe(options, where, [p.name for p in ctx.command.params if p.name in values]))

# No dir_okay=False: load_script reports a directory as a one-line error, not click's usage block.
SCRIPT = click.argument("script", type=click.Path(path_type=Path))
MEDIA = click_options("media_dir")


def _check_shows(scripts) -> None:
    """A one-line error for a ``[show NAME]`` whose NAME AutoScene cannot draw."""
    from .autoscene.cues import show_names
    from .text.directives import check_show_names

    for script in scripts:
        if any(d.kind == "show" for d in script.directives):
            check_show_names(script.directives, show_names(), label=str(script.path or script.title))


def _voice(scripts, options: BuildOptions):
    """The voice for ``scripts`` (one or several) and its language: detected (and said) unless ``--lang`` names it."""
    from .api import pick_voice

    scripts = scripts if isinstance(scripts, (list, tuple)) else [scripts]
    _check_shows(scripts)
    return pick_voice(scripts, options, say=lambda m: click.echo(m, err=True))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dayinlife")
def cli() -> None:
    """Turn a plain-text narration script into a narrated, animated Manim video.

    Each paragraph of SCRIPT becomes a scene; its voiceover is made first, one
    sentence at a time, so every animation can follow the narration exactly.
    """


@cli.command()
@SCRIPT
@click_options(*VOICE_OPTIONS, "media_dir", *SCRIPT_OPTIONS)
@PRINT_CONFIG
@click.option("--spoken", is_flag=True, help="Print what the voice says for each sentence (numbers, money, dates, links read out) and stop; nothing is voiced.")
@click.pass_context
def voice(ctx, script: Path, print_config: bool, spoken: bool, **values) -> None:
    """Write the voiceover of every paragraph of SCRIPT and its manifest.

    Sentences already in the cache are not synthesized again. Options may
    also be set in the script's front matter and in a dayinlife.toml in its
    folder or above (see --print-config).
    """
    from .output.report import voice_table
    from .text.script import load_script
    from .voices.voiceover import make_voiceover

    options, parsed, where = _resolve(ctx, load_script(script), values)
    if print_config:
        _print_config(ctx, script, options, where, values)
        return
    if spoken:
        from .voices.voiceover import spoken_form

        _check_shows([parsed])
        for para in parsed.paragraphs:
            for sentence in para.sentences:
                said, _ = spoken_form(sentence.text, sentence.spoken, parsed.pronounce)
                click.echo(f"{para.id}\t{said or '(shown, not read)'}")
        return
    backend, _ = _voice(parsed, options)
    with click.progressbar(length=parsed.sentence_count, label=f"Voicing with {backend.describe()}", file=sys.stderr) as bar:
        manifest, stats = make_voiceover(parsed, backend, options.media_dir, progress=bar.update)
    click.echo(voice_table(manifest))
    click.echo(
        f"{stats.synthesized} synthesized, {stats.cached} from cache, {stats.seconds:.1f}s; "
        f"manifest: {manifest.root / 'manifest.json'}"
    )


SCENES_OPTION = click_options("scenes")


@cli.command()
@click.argument("scripts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click_options(
    "scenes", "quality", "fps", "aspect", "cfr", *VOICE_OPTIONS, "workers", "cluster", "allow_insecure", "force", "music",
    "loudness", "out", "out_dir", "watch", "media_dir", *SCRIPT_OPTIONS,
)
@PRINT_CONFIG
@click.pass_context
def build(ctx, scripts, print_config, **values):
    """Build the narrated video of each SCRIPT (files, or folders of .txt and .md scripts).

    Voice, render every scene, stitch. Scenes of all scripts share one queue
    (longest first) and start as soon as their paragraph is voiced; each runs
    in its own process, and only when something that changes it changed.
    Captions (.srt, .vtt) and YouTube chapters (.chapters.txt) are written
    next to each MP4. Run again with nothing changed (inputs, options,
    code, outputs), it says "up to date" and stops at once.

    Options may also be set in each script's front matter and in a
    dayinlife.toml in its folder or above (see --print-config). A script's
    caption mode, theme and pronunciations are its own; the other options are
    the build's, so scripts of one build may not set them differently.
    """
    from .options import shared_options
    from .output.stamp import BuildInputs, Snapshot
    from .text.script import find_scripts, load_script

    cli_options = BuildOptions.from_values(values)
    first = []

    def once():
        files = find_scripts(scripts)
        resolved = [(parsed, *_resolve(ctx, parsed, values)) for parsed in map(load_script, files)]
        if print_config:
            for path, (_, options, _, where) in zip(files, resolved):
                _print_config(ctx, path, options, where, values)
            return
        options = shared_options([(parsed, o, where) for parsed, o, _, where in resolved])
        settings = options.settings
        stamp = options.output_options()
        if any(s.style or s.pronounce for _, _, s, _ in resolved):
            stamp["scripts"] = [[list(p) for p in (*s.style, *s.pronounce)] for _, _, s, _ in resolved]
        # Before anything heavy is imported: a build with nothing changed stops here.
        snapshot = Snapshot.take(BuildInputs(
            tuple(files), stamp, options.scenes, options.music, options.piper_model, options.out,
            options.out_dir, options.media_dir,
        ))
        if not (options.force and not first):
            done = snapshot.up_to_date()
            if done:
                for path in done:
                    click.echo(f"up to date: {path} (nothing changed since the last build)")
                first.append(True)
                return

        from .build import BuildFailed, build_many, summary_rows
        from .output.report import table
        from .text.fonts import check_glyphs

        if not options.cluster:
            from .farm.pool import start_warm_server

            start_warm_server()  # manim loads there while the script is checked and the voice is made

        by_path = {s.path: s for _, _, s, _ in resolved}
        parsed = [replace(each, style=by_path[each.path].style, pronounce=by_path[each.path].pronounce)
                  if each.path in by_path else each for each in snapshot.scripts]
        for each in parsed:
            check_glyphs(each)  # before anything is voiced: a missing glyph is a one-line error
        backend, spoken = _voice(parsed, options)
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
                    parsed, backend, options.replace(force=options.force and not first),
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
                click.echo(f"soundtrack: {report.loudness} (target {options.loudness:g} LUFS)")
            if report.layout is not None and report.out is not None:
                from .author.check import summary_line

                click.echo(summary_line(*report.layout, str(report.out.with_suffix(".html"))))
            if options.watch and first and report.rendered:
                click.echo(f"re-rendered: {', '.join(report.rendered)}")
        snapshot.record(backend.name, spoken)
        timeline.log.info("build stamp written")
        first.append(True)

    _run(once, cli_options.watch and not print_config, find_scripts(scripts), cli_options.scenes)


@cli.command()
@SCRIPT
@click_options(
    "scenes", "quality", "fps", "aspect", *VOICE_OPTIONS, "workers", "force", "out", "watch", "media_dir", *SCRIPT_OPTIONS,
    quality={"default": "low", "help": "Size of the stills (240p, 480p, 720p, 1080p, 2160p) and the frame rate their times are counted in."},
    workers={"help": "Scenes drawn at once (default: number of cores)."},
    force={"help": "Draw every scene again, ignoring the storyboard cache."},
    out={"help": "HTML page (default: MEDIA/<script-slug>/storyboard.html)."},
)
@PRINT_CONFIG
@click.pass_context
def storyboard(ctx, script, print_config, **values):
    """Stills of every scene at each beat, without rendering any video.

    A beat is the end of each sentence window and each point a scene waits
    for (wait_for, wait_until). Writes one PNG per still, a contact sheet per
    scene and one HTML page, each still labelled with its paragraph, sentence
    and the words being spoken. Only scenes that changed are drawn again.
    """
    from .author.storyboard import storyboard as run_storyboard
    from .text.fonts import check_glyphs
    from .text.script import load_script
    from .voices.voiceover import make_voiceover

    rounds = []

    def once():
        options, parsed, where = _resolve(ctx, load_script(script), values)
        if print_config:
            _print_config(ctx, script, options, where, values)
            return
        check_glyphs(parsed)
        backend, _ = _voice(parsed, options)
        manifest, _ = make_voiceover(parsed, backend, options.media_dir)
        report = run_storyboard(
            manifest, options.replace(force=options.force and not rounds),
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

    _run(once, values["watch"] and not print_config, [script], values["scenes"])


@cli.command()
@SCRIPT
@click_options(
    "scenes", "quality", "fps", "aspect", *VOICE_OPTIONS, "workers", "force", "media_dir",
    quality={"help": "The output resolution text sizes are judged at (240p, 480p, 720p, 1080p, 2160p) and its frame rate."},
    workers={"help": "Scenes checked at once (default: number of cores)."},
    force={"help": "Check every scene again, ignoring the cached findings."},
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (for tools) instead of tables.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
def check(script, as_json, strict, **values):
    """Check the layout and readability of every scene, from the objects on screen.

    Runs each scene's timeline without drawing or encoding (as the storyboard
    does) and judges the mobjects at every beat and in the middle and at the
    end of every animation: objects outside the frame or the safe area, text
    over text, shapes over text, props over props, text too small to read at
    the output resolution, text contrast under 4.5:1, an idle stage; and the
    captions' reading speed and line lengths. Prints a table per scene and a
    summary; exits 1 when an error is found (--strict: or a warning).
    """
    import json

    from .author.check import check as run_check
    from .author.check import format_report
    from .text.fonts import check_glyphs
    from .text.script import load_script
    from .voices.voiceover import make_voiceover

    options = BuildOptions.from_values(values)
    parsed = load_script(script)
    check_glyphs(parsed)
    backend, _ = _voice(parsed, options)
    manifest, _ = make_voiceover(parsed, backend, options.media_dir)
    report = run_check(
        manifest, options,
        on_scene=None if as_json else lambda sc: click.echo(f"checked {sc.para.id} ({sc.scene})", err=True),
    )
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(json.dumps(report.to_dict(), indent=1) if as_json else format_report(report))
    if report.failed(strict):
        sys.exit(1)


def _run(once, watch: bool, scripts, scenes_module) -> None:
    """Run ``once``; with ``--watch``, again after every change of the scripts, their dayinlife.toml or the scene code."""
    if not watch:
        once()
        return
    from .author.watch import watch as watch_files
    from .author.watch import watched_files
    from .options import find_project_file

    def files():  # the scripts, the scene code and the scripts' dayinlife.toml
        projects = {find_project_file(Path(s).parent) for s in scripts} - {None}
        return watched_files(scripts, scenes_module) + sorted(projects)

    watch_files(files, once, say=lambda m: click.echo(m, err=True))


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
def scenes_cmd(script, scenes, media_dir):
    """List the paragraphs of SCRIPT with the scene class that tells each, its duration and what it shows.

    For AutoScene paragraphs, "shows" names the beats the words called for
    (clock, counter, checklist...) or the icons.

    Durations come from the voiceover when it is current, else they are
    estimated (marked ~).
    """
    from .casting import list_scenes
    from .output.report import seconds, table
    from .text.script import load_script

    rows, notes = list_scenes(load_script(script), scenes, media_dir)
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


@cli.command()
@MEDIA
def doctor(media_dir):
    """Check what a build needs and say what is missing, with the command that fixes it.

    Python and manim, Pango and Cairo, fonts for each writing system, the
    offline voice and its derived model, Chromium, Dask, free space in the
    media folder and the caches' sizes, and whether gTTS is reachable.  Exits
    0 when a build can run (warnings are for optional things), 1 when not.
    """
    from .author.doctor import doctor as run_doctor
    from .voices.voiceover import default_media_dir

    report = run_doctor(Path(media_dir) if media_dir else default_media_dir(), on_check=lambda c: click.echo(c.line()))
    warnings = f" ({report.warnings} warning{'s' * (report.warnings != 1)})" if report.warnings else ""
    if report.ok:
        click.echo(f"a build can run{warnings}; checked in {report.seconds:.1f}s")
    else:
        click.echo(f"a build cannot run: fix the lines marked fail{warnings}; checked in {report.seconds:.1f}s")
        sys.exit(1)


@cli.command()
@click.option("--older-than", "older_than", metavar="AGE", help="Remove entries not used for AGE (30d, 12h, 2w...).")
@click.option("--max-size", "max_size", metavar="SIZE", help="Then remove the least recently used until all caches hold at most SIZE (2G, 500M...).")
@click.option("--all", "everything", is_flag=True, help="Remove every entry.")
@MEDIA
def cache(older_than, max_size, everything, media_dir):
    """Show the size of each cache, and prune them.

    Voice sentences, scenes per script and quality, soundtracks, storyboards,
    derived piper models, the font list and the language model.  An entry a
    running build holds (its lock) is kept.  Without --older-than, --max-size
    or --all, nothing is removed.
    """
    from .author.caches import find_caches, parse_duration, parse_size, prune
    from .core.faults import human_size
    from .output.report import table
    from .voices.voiceover import default_media_dir

    age = parse_duration(older_than) if older_than else None
    limit = parse_size(max_size) if max_size is not None else None
    caches = find_caches(Path(media_dir) if media_dir else default_media_dir())
    if age is not None or limit is not None or everything:
        report = prune(caches, older_than=age, max_size=limit, everything=everything)
        held = f"; {len(report.held)} kept: a running build holds them" if report.held else ""
        click.echo(f"removed {len(report.removed)} entries ({human_size(report.freed)}){held}", err=True)
    rows = [(c.label, len(c.entries), human_size(c.size), c.folder) for c in caches if c.entries]
    rows.append(("total", sum(len(c.entries) for c in caches), human_size(sum(c.size for c in caches)), ""))
    click.echo(table(("cache", "entries", "size", "folder"), rows, right=(1, 2)))


def main() -> None:
    timeline.show_if_asked(_STARTED)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("Aborted.", 130)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "dayinlife"
        message = " ".join(exc.format_message().split())
        _fail(f"Error: {message} (see '{command} --help')", exc.exit_code)
    except click.ClickException as exc:
        _fail(f"Error: {' '.join(exc.format_message().split())}", exc.exit_code)
    except UserError as exc:
        _fail(f"Error: {exc}", exc.exit_code)
    except KeyboardInterrupt:
        _fail("Aborted.", 130)
    except Exception as exc:  # a fault of the machine (no space left...) is one line too; anything else is a bug
        error = machine_error(exc)
        if error is None:
            raise
        _fail(f"Error: {error}", error.exit_code)


def _fail(line: str, code: int) -> None:
    """Say ``line``, remove what this process was still writing (hidden temporary files), exit ``code``."""
    from .core.fsutil import remove_own_temps

    click.echo(line, err=True)
    remove_own_temps()
    sys.exit(code)


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
