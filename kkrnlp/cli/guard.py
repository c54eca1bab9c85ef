"""How a command ends: user errors as one ``error:`` line and an exit status.

Every command body runs inside :func:`_guard`, so no user ever sees a traceback
unless ``--verbose`` asks for one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable

import typer

from kkrnlp.errors import KkrnlpError

log = logging.getLogger("kkrnlp")


def _one_line(message: str) -> str:
    # A file name may hold a line break; the error must still be one line.
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)
    raise typer.Exit(code)


def _error(message: str) -> None:
    typer.echo(f"error: {_one_line(message)}", err=True)


def _guard(func: Callable[[], int]) -> None:
    """Run a command body; user errors become one line and exit status 1."""
    try:
        failures = func()
    except KkrnlpError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; stop quietly as other Unix tools do.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except MemoryError:
        _fail("out of memory; split the input or lower KKRNLP_MAX_CHARS", 1)
    except typer.Exit:
        raise
    except Exception as exc:
        if log.isEnabledFor(logging.INFO):
            raise  # --verbose: the developer wants the traceback
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        _fail(f"unexpected failure ({reason}); rerun with --verbose for details", 2)
    if failures:
        raise typer.Exit(1)
