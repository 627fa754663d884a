"""What a build writes and where, and the stamp that lets an unchanged rebuild skip it all.

``dayinlife build`` run again with nothing changed has nothing to do, but
finding that out the long way (import manim, detect the language, voice,
key every scene) takes seconds.  So after a successful build each script
gets a stamp, ``MEDIA/<slug>/build.stamp.json``, holding

* a digest of everything that decides the build's outputs (:func:`input_digest`):
  every script of the build (bytes and path), every option that changes a
  picture or a sound, the scene module and the modules it imports from its
  own folder, the piper model and music files (path, size, modification
  time), this package's sources (all of them: the stitch and the voice
  change the video as much as the scenes), the Python and the versions of
  the libraries that draw, encode and speak, the folders they are installed
  in and the fonts (modification times), and ``manim.cfg``;
* the voice ``--voice auto`` chose and the language it spoke, and
* the size and modification time (ns) of every output: the MP4, its captions,
  chapters, review page and the stills that page shows.

The next build computes the digest again, before anything heavy is imported
(file stats and hashes of small files), and when it is the same, ``auto``
would choose the same voice and every output is as it was written, the
build is up to date and stops there.  Anything else (a missing or edited
output, a changed input, ``--force``) takes the normal path, which
decides per scene what to redo.

Not covered, as for the scene cache: files a scene module reads by itself
(keep data in an installed package) and modules it imports dynamically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..core.errors import UserError
from ..core.fingerprint import PACKAGE_DIR, module_sources, sources_fingerprint
from ..core.fsutil import atomic_write_text
from ..manifest import default_media_dir
from ..text.fonts import font_state
from ..text.script import Script, load_script

STAMP_NAME = "build.stamp.json"
STAMP_FORMAT = 1
#: manim reads its settings from these (besides the ones a render sets itself).
MANIM_CONFIGS = ("manim.cfg", "~/.config/manim/manim.cfg")


def output_paths(scripts: Sequence[Script], out: Path | None, out_dir: Path | None, media_dir: Path) -> list[Path]:
    """Where each script's video goes: ``out`` (one script only), else ``DIR/<slug>.mp4``."""
    slugs = [s.slug for s in scripts]
    twice = sorted({s for s in slugs if slugs.count(s) > 1})
    if twice:
        raise UserError(f"two scripts of this build have the same name ({', '.join(twice)}); rename one")
    if out is not None:
        if out_dir is not None:
            raise UserError("give -o/--output or --out-dir, not both")
        if len(scripts) != 1:
            raise UserError("-o/--output names one video; with several scripts use --out-dir")
        return [Path(out)]
    folder = Path(out_dir) if out_dir is not None else media_dir
    return [folder / f"{s.slug}.mp4" for s in scripts]


def side_files(out: Path) -> list[Path]:
    """The video ``out`` and what a build writes beside it: captions, chapters, review page."""
    out = Path(out)
    return [out, out.with_suffix(".srt"), out.with_suffix(".vtt"), out.with_name(out.stem + ".chapters.txt"),
            out.with_suffix(".html")]


_LINK = re.compile(r'(?:src|href)="([^"#?]+)"')


def output_files(out: Path) -> list[Path]:
    """Every file a build of ``out`` wrote: :func:`side_files` and the local files its review page shows."""
    files = side_files(out)
    page = files[-1]
    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return files
    from html import unescape
    from urllib.parse import unquote

    for link in dict.fromkeys(_LINK.findall(text)):
        if ":" in link or link.startswith("//"):
            continue  # data: URLs and other places
        files.append(Path(os.path.normpath(page.parent / unquote(unescape(link)))))
    return list(dict.fromkeys(files))


# -- identities --------------------------------------------------------------------
def _identity(path: Path) -> list[int] | None:
    """Size and modification time (ns) of a file or folder; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _file(path: Path | None) -> Any:
    """A file named by an option: its absolute path, size and modification time."""
    if path is None:
        return None
    path = Path(path).expanduser().resolve()
    return [str(path), _identity(path)]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _installed() -> dict[str, Any]:
    """Every installed distribution and its version (the ``*.dist-info`` names of each folder
    on ``sys.path``), and the modification time of those folders (a package installed,
    upgraded or removed there adds or drops an entry, even at the same version)."""
    found: dict[str, Any] = {}
    for folder in dict.fromkeys(sys.path):
        if not _installation_folder(folder):
            continue  # a source folder (a project checkout on the path, a test runner's rootdir)
        try:
            with os.scandir(folder or ".") as entries:
                dists = sorted(e.name for e in entries if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        if dists:
            found[folder] = [_identity(Path(folder)), dists]
    return found


@functools.lru_cache(maxsize=None)
def _installation_folder(folder: str) -> bool:
    """Whether ``folder`` is inside this Python's installation or the user's site
    (where distributions are installed), not a source folder someone put on the path:
    a checkout with an ``*.egg-info`` of its own is on a test runner's path and not on
    the CLI's, and must not make their digests differ."""
    import site

    try:
        path = Path(folder or ".").resolve()
    except OSError:
        return False
    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, site.getuserbase()) if p}
    return any(path == root or root in path.parents for root in roots)


def environment() -> dict[str, Any]:
    """What of the machine decides a build's outputs, cheaply: the Python, the libraries'
    versions (all installed distributions: manim, manimpango, PyAV, piper... and their
    dependencies) and folders, the fonts and manim's configuration files."""
    home = lambda p: Path(p).expanduser()  # noqa: E731
    return {
        "python": [sys.version, sys.executable],
        "installed": _installed(),
        "fonts": font_state(),
        "manim_cfg": {c: _sha(home(c).read_bytes()) if home(c).is_file() else None for c in MANIM_CONFIGS},
    }


@dataclass(frozen=True)
class BuildInputs:
    """Everything a ``dayinlife build`` is given that changes what it writes.

    ``options`` holds the plain options (quality, aspect, fps, cfr, voice,
    lang, tld, rate, slow, loudness...); files named by options come apart so
    that their content counts too.  Workers, the cluster and ``--watch``
    change how a build runs, not what it makes, and are left out.
    """

    scripts: tuple[Path, ...]
    options: dict[str, Any]
    scenes: Path | None = None
    music: Path | None = None
    piper_model: Path | None = None
    out: Path | None = None
    out_dir: Path | None = None
    media_dir: Path | None = None

    @property
    def media(self) -> Path:
        return Path(self.media_dir) if self.media_dir is not None else default_media_dir()


def input_digest(inputs: BuildInputs, scripts: Sequence[Script], outs: Sequence[Path]) -> str:
    """A hash of everything that decides the outputs of the build ``inputs`` describes (see the module)."""
    piper = inputs.piper_model
    payload = {
        "format": STAMP_FORMAT,
        "scripts": [[str(Path(s.path).resolve()), s.sha256] for s in scripts],
        "outs": [str(Path(o).resolve()) for o in outs],
        "media": str(inputs.media.resolve()),
        "options": inputs.options,
        "scenes": None if inputs.scenes is None else [
            str(Path(inputs.scenes).resolve()),
            {rel: _sha(data) for rel, data in sorted(module_sources(Path(inputs.scenes)).items())},
        ],
        "music": _file(inputs.music),
        "piper_model": None if piper is None else [_file(piper), _file(Path(f"{piper}.json"))],
        "package": sources_fingerprint(PACKAGE_DIR),
        "environment": environment(),
    }
    return _sha(json.dumps(payload, sort_keys=True, default=str).encode())


def stamp_path(media: Path, script: Script) -> Path:
    return Path(media) / script.slug / STAMP_NAME


@dataclass
class Snapshot:
    """The inputs of one build, taken before it starts; checks and writes its stamps."""

    inputs: BuildInputs
    scripts: list[Script]
    outs: list[Path]
    digest: str | None  # None: an input could not be read (the build itself will say why)

    @classmethod
    def take(cls, inputs: BuildInputs) -> "Snapshot":
        """Read the inputs now (before the build reads them: an edit made during the build
        then shows as a change next time).  Raises :class:`UserError` for bad scripts or outputs."""
        scripts = [load_script(path) for path in inputs.scripts]
        outs = output_paths(scripts, inputs.out, inputs.out_dir, inputs.media)
        try:
            digest = input_digest(inputs, scripts, outs)
        except (OSError, ValueError):
            digest = None
        return cls(inputs, scripts, outs, digest)

    def up_to_date(self) -> list[Path] | None:
        """The outputs, when every script's stamp matches these inputs and its outputs are as
        written; else None (build as usual)."""
        if self.digest is None:
            return None
        voice = self.inputs.options.get("voice")
        for script, out in zip(self.scripts, self.outs):
            out = Path(out).resolve()
            try:
                stamp = json.loads(stamp_path(self.inputs.media, script).read_text(encoding="utf-8"))
                if stamp.get("format") != STAMP_FORMAT or stamp.get("inputs") != self.digest:
                    return None
                outputs = stamp["outputs"]
                if any(outputs.get(str(f)) is None for f in side_files(out)):
                    return None  # the video, captions, chapters and page must all be there
                if any(_identity(Path(f)) != ident for f, ident in outputs.items()):
                    return None
                if voice == "auto" and _auto_choice(stamp["lang"], self.inputs.options.get("tld", "com")) != stamp["voice"]:
                    return None  # the network came or went: auto would speak with another voice
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                return None
        return list(self.outs)

    def record(self, voice: str, lang: str) -> list[Path]:
        """Write the stamp of every script after a successful build (``voice`` spoke it in ``lang``)."""
        written: list[Path] = []
        if self.digest is None:
            return written
        for script, out in zip(self.scripts, self.outs):
            outputs = {str(f): _identity(f) for f in output_files(Path(out).resolve())}
            stamp = {"format": STAMP_FORMAT, "inputs": self.digest, "voice": voice, "lang": lang, "outputs": outputs}
            path = stamp_path(self.inputs.media, script)
            try:
                atomic_write_text(path, json.dumps(stamp, indent=1, sort_keys=True) + "\n")
            except OSError:
                continue  # no stamp (a read-only media folder, say): the next build checks the long way
            written.append(path)
        return written


def _auto_choice(lang: str, tld: str) -> str:
    from ..voices import auto_choice

    return auto_choice(lang, tld)
