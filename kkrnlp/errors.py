"""Errors a user can act on.

Every error raised for bad input derives from ``KkrnlpError`` and carries a
one-line message; the CLI prints it as ``error: <message>`` and exits non-zero
without a traceback.
"""


class KkrnlpError(Exception):
    """Base class for errors with a one-line, user-facing message."""


class InputError(KkrnlpError):
    """An input file is missing, empty, unreadable or not an agenda."""


class ModelError(KkrnlpError):
    """A model directory or model id cannot be loaded or used."""


class DataError(KkrnlpError):
    """Labelled data or gold data is malformed."""
