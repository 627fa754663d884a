"""The Jupyter cell magic: ``%load_ext dayinlife_manim``, then a cell that starts with ``%%dayinlife``.

The cell's text is the script; the video is built (:func:`dayinlife_manim.api.build_video`)
and shown inline with its captions, or with ``--storyboard`` its stills.  The
magic's options are the build's, made from the same definitions as the CLI's
(:data:`dayinlife_manim.options.SPECS`); ``%%dayinlife --help`` lists them.  A
mistake is shown as the CLI's one-line error, without a traceback.
"""

from __future__ import annotations

import html
import os
import shlex
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click

from .core.errors import UserError
from .options import VOICE_OPTIONS, click_options

NAME = "dayinlife"


@click.command(name=f"%%{NAME}", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--storyboard", "as_storyboard", is_flag=True, help="Show the stills of every scene at each beat instead of the video.")
@click.option("--name", default="notebook", show_default=True, help="The script's name when the cell has no title (its media folder).")
@click_options(
    "scenes", "quality", "fps", "aspect", "cfr", *VOICE_OPTIONS, "workers", "force", "music", "loudness", "out", "media_dir",
    quality={"default": "low", "help": "240p10, 480p15, 720p30, 1080p30 or 2160p30 (notebooks default to low)."},
)
def magic_command(**values: Any) -> dict[str, Any]:
    """Build the cell's text as a narrated video and show it, with its captions."""
    return values


def parse_line(line: str, resolve=None) -> dict[str, Any] | None:
    """The magic's options from its line (None when ``--help`` was asked: the help is printed);
    ``resolve`` may rewrite the argument list first (see :func:`resolve_scenes`)."""
    try:
        args = shlex.split(line)
    except ValueError as exc:
        raise UserError(f"cannot read the options: {exc}") from None
    if resolve is not None:
        args = resolve(args)
    try:
        with magic_command.make_context(magic_command.name, args) as ctx:
            return dict(ctx.params)
    except click.exceptions.Exit:
        return None


def _scenes_value(args: list[str]) -> tuple[int, str] | None:
    """Where ``--scenes`` stands in ``args`` (the index of its value) and its value."""
    for i, arg in enumerate(args):
        if arg == "--scenes" and i + 1 < len(args):
            return i + 1, args[i + 1]
        if arg.startswith("--scenes="):
            return i, arg.split("=", 1)[1]
    return None


def resolve_scenes(args: list[str], namespace: dict[str, Any], folder: Path, transform=None) -> list[str]:
    """``args`` with a ``--scenes NAME`` that names something of the notebook (not a file) made a file.

    A module imported in the notebook gives its file; a scene class defined
    in the notebook gives the cell that defined it, written as a module
    (``folder/notebook_scenes_<hash>.py``, so scene processes can import it):
    that cell must import what it uses.  ``transform`` turns IPython syntax
    (magics) into Python.
    """
    import hashlib
    import inspect
    import linecache

    found = _scenes_value(args)
    if found is None:
        return args
    at, value = found
    if Path(value).exists() or value not in namespace:
        return args  # a file, or a mistake click reports
    obj = namespace[value]
    if inspect.ismodule(obj):
        if not getattr(obj, "__file__", None):
            raise UserError(f"--scenes {value}: module {obj.__name__} has no file")
        path = obj.__file__
    elif inspect.isclass(obj):
        codes = [f.__code__ for f in vars(obj).values() if inspect.isfunction(f)]
        lines = linecache.getlines(codes[0].co_filename) if codes else []
        if not lines:
            raise UserError(f"--scenes {value}: the cell defining {value} is not known (give the class a method, e.g. narrate)")
        source = "".join(lines)
        source = transform(source) if transform else source
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]
        out = folder / f"notebook_scenes_{digest}.py"
        if not out.exists():
            folder.mkdir(parents=True, exist_ok=True)
            out.write_text(source, encoding="utf-8")
        path = str(out)
    else:
        raise UserError(f"--scenes {value}: not a scene module or class but a {type(obj).__name__}")
    args = list(args)
    args[at] = path if args[at] == value else f"--scenes={path}"
    return args


def one_line(exc: BaseException) -> str:
    """The one line the CLI prints for ``exc`` (a click usage error or a :class:`UserError`)."""
    if isinstance(exc, click.UsageError):
        return f"Error: {' '.join(exc.format_message().split())} (see '%%{NAME} --help')"
    if isinstance(exc, click.ClickException):
        return f"Error: {' '.join(exc.format_message().split())}"
    return f"Error: {exc}"


class NotebookProgress:
    """One updating line in the cell's output: the stage, a bar and the count (no widgets needed)."""

    def __init__(self) -> None:
        from IPython.display import HTML, display

        self._html = HTML
        self._handle = display(HTML(self._render("starting", 0, 0)), display_id=True)
        self._lock = threading.Lock()
        self._last = 0.0

    @staticmethod
    def _render(stage: str, done: int, total: int) -> str:
        label = {"voice": "Voicing", "render": "Rendering", "draw": "Drawing"}.get(stage, stage)
        bar = f'<progress value="{done}" max="{max(total, 1)}" style="width:16em"></progress>' if total else ""
        return f"<div class='dayinlife-progress'>{label} {bar} {done}/{total}</div>" if total else f"<div>{label}</div>"

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last < 0.2:  # at most five updates a second
                return
            self._last = now
            self._handle.update(self._html(self._render(stage, done, total)))

    def close(self, text: str) -> None:
        with self._lock:
            self._handle.update(self._html(f"<div class='dayinlife-progress'>{html.escape(text)}</div>"))


def _src(path: Path) -> str:
    """``path`` as the notebook page can load it: relative to the kernel's folder (the notebook's)."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


def video_html(result, lang: str = "en") -> str:
    """An HTML5 video of ``result`` (an :class:`~dayinlife_manim.api.VideoResult`) with its WebVTT captions
    (in ``lang``) on."""
    video, vtt = html.escape(_src(result.video)), html.escape(_src(result.vtt))
    return (
        f'<video controls style="max-width:100%;max-height:70vh" src="{video}" data-dayinlife-video="{video}">'
        f'<track kind="captions" srclang="{html.escape(lang)}" label="Captions" src="{vtt}" default>'
        f"</video><div>{html.escape(result.manifest.title)}: {result.duration:.1f} s, "
        f"{len(result.rendered)} rendered, {len(result.cached)} cached; "
        f'<a href="{html.escape(_src(result.review))}" target="_blank">review page</a></div>'
    )


def storyboard_html(result) -> str:
    """The contact sheets of a :class:`~dayinlife_manim.api.StoryboardResult`, one image per scene."""
    sheets = "".join(
        f'<figure style="margin:0 0 1em"><img src="{html.escape(_src(sheet))}" style="max-width:100%"></figure>'
        for sheet in result.sheets
    )
    return f'<div class="dayinlife-storyboard">{sheets}<a href="{html.escape(_src(result.page))}" target="_blank">storyboard page</a></div>'


def run_cell(line: str, cell: str | None = None) -> Any:
    """What ``%%dayinlife LINE`` does with ``cell``: build and show (or, on a mistake, print one line).

    As a line magic (``%dayinlife --help``) it only shows the help.
    """
    from IPython import get_ipython
    from IPython.display import HTML, display

    from . import api
    from .manifest import default_media_dir
    from .text.script import parse_script

    shell = get_ipython()
    progress = None
    try:
        def resolve(args: list[str]) -> list[str]:
            if shell is None:
                return args
            at = args.index("--media") + 1 if "--media" in args[:-1] else None
            folder = Path(args[at]) if at else default_media_dir()
            return resolve_scenes(args, shell.user_ns, folder, transform=shell.transform_cell)

        values = parse_line(line, resolve)
        if values is None:
            return None
        if cell is None:
            raise UserError(f"the script is the cell's text: start a cell with %%{NAME} (two %), the script below it")
        as_storyboard, name = values.pop("as_storyboard"), values.pop("name")
        script = parse_script(cell, name=name)
        progress = NotebookProgress()
        say = lambda message: print(message, file=sys.stderr)  # noqa: E731
        if as_storyboard:
            board = api.storyboard(script, say=say, progress=progress, **values)
            progress.close(f"{len(board.sheets)} scenes, {len(board.stills)} stills ({len(board.drawn)} drawn) in {board.seconds:.1f} s")
            display(HTML(storyboard_html(board)), metadata={"dayinlife": {"page": str(board.page)}})
            return None
        result = api.build_video(script, say=say, progress=progress, **values)
        progress.close(f"built {result.video.name} in {result.seconds:.1f} s")
        meta = {"video": str(result.video.resolve()), "vtt": str(result.vtt.resolve()), "duration": result.duration,
                "rendered": list(result.rendered), "cached": list(result.cached)}
        from .text.language import script_language

        display(HTML(video_html(result, values.get("lang") or script_language(script))), metadata={"dayinlife": meta})
        return None
    except (click.ClickException, UserError) as exc:
        if progress is not None:
            progress.close("stopped")
        print(one_line(exc), file=sys.stderr)
        return None


def load_ipython_extension(ipython) -> None:
    """Register ``%%dayinlife`` in ``ipython``."""
    ipython.register_magic_function(run_cell, magic_kind="line_cell", magic_name=NAME)
