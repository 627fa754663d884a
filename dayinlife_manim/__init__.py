"""dayinlife-manim: turn a narration script into a narrated, animated Manim video."""

__version__ = "0.1.0"

import warnings as _warnings

# pydub looks for an ffmpeg binary on import; we never need one (WAV is read
# natively and everything else goes through PyAV), so its warning is noise.
_warnings.filterwarnings("ignore", message="Couldn't find ffmpeg", category=RuntimeWarning)
