"""Errors that the CLI reports as one line, without a traceback."""


class UserError(Exception):
    """A mistake in what the user gave us (a bad script, a missing file, an option)."""

    exit_code = 2


class VoiceError(UserError):
    """A voice backend could not synthesize (no network for gTTS, missing model...)."""

    exit_code = 1


class MachineError(UserError):
    """The machine failed the build: no space left, a folder that cannot be written, a file that vanished."""

    exit_code = 1
