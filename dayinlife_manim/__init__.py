"""dayinlife-manim: turn a narration script into a narrated, animated Manim video."""

__version__ = "0.1.0"

import warnings as _warnings

# pydub looks for an ffmpeg binary on import; we never need one (WAV is read
# natively and everything else goes through PyAV), so its warning is noise.
_warnings.filterwarnings("ignore", message="Couldn't find ffmpeg", category=RuntimeWarning)

#: The Python API (``dayinlife_manim.api``), imported on first use so that ``import dayinlife_manim`` stays cheap.
_API = ("build_video", "storyboard", "voice", "VideoResult", "StoryboardResult", "VoiceResult")
__all__ = [*_API, "load_ipython_extension"]


# By name (importlib), not ``from . import api``: every module that reads ``__version__``
# imports this package, and a static import here would count, for the layering contracts,
# as each of them importing the API (which imports every stage).
def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.api"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_ipython_extension(ipython) -> None:
    """``%load_ext dayinlife_manim``: registers the ``%%dayinlife`` cell magic (see ``dayinlife_manim.jupyter``)."""
    import importlib

    importlib.import_module(f"{__name__}.jupyter").load_ipython_extension(ipython)
