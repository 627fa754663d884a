"""The ``dayinlife`` command line: options in, library calls out.

User mistakes end as one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import UserError
from .voices import VOICES

SCRIPT = click.argument("script", type=click.Path(path_type=Path, dir_okay=False))
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
            click.option("--lang", default="en", show_default=True, help="Language for gTTS."),
            click.option("--tld", default="com", show_default=True, help="Google domain for gTTS accents (com, co.uk, com.au...)."),
            click.option("--rate", type=click.FloatRange(0.5, 2.0), default=1.0, show_default=True, help="Speaking rate (piper, silent)."),
            click.option("--slow", is_flag=True, help="Slow speech (gTTS)."),
        ]
    ):
        fn = option(fn)
    return fn


def _voice(voice: str, lang: str, tld: str, rate: float, slow: bool):
    from .voices import get_voice

    return get_voice(voice, lang=lang, tld=tld, rate=rate, slow=slow, say=lambda m: click.echo(m, err=True))


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
def voice(script: Path, voice: str, lang: str, tld: str, rate: float, slow: bool, media_dir: Path | None) -> None:
    """Write the voiceover of every paragraph of SCRIPT and its manifest.

    Sentences already in the cache are not synthesized again.
    """
    from .report import voice_table
    from .script import load_script
    from .voiceover import make_voiceover

    parsed = load_script(script)
    backend = _voice(voice, lang, tld, rate, slow)
    total = sum(len(p.sentences) for p in parsed.paragraphs)
    with click.progressbar(length=total, label=f"Voicing with {backend.describe()}", file=sys.stderr) as bar:
        manifest, stats = make_voiceover(parsed, backend, media_dir, progress=bar.update)
    click.echo(voice_table(manifest))
    click.echo(
        f"{stats.synthesized} synthesized, {stats.cached} from cache, {stats.seconds:.1f}s; "
        f"manifest: {manifest.root / 'manifest.json'}"
    )


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
