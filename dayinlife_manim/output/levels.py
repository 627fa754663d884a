"""The soundtrack's loudness targets (no imports: the options and the CLI read them at start)."""

DEFAULT_TARGET = -16.0  # LUFS integrated: podcasts and most players; video sites use about -14
DEFAULT_CEILING = -1.0  # dBTP: headroom for lossy encoders
