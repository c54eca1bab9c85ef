"""Entry point of the ``kkrnlp`` command and of ``python -m kkrnlp``."""

from __future__ import annotations

import logging
import os
import sys


def main() -> None:
    """Run the command line, then leave without tearing the loaded models down.

    Freeing the encoder's tokenizer (250,002 vocabulary pieces, each its own
    allocation) takes 0.2-0.5 s at exit, longer than embedding a whole agenda;
    the operating system reclaims the memory at once. Output files are written
    atomically and closed before this point; the standard streams are flushed here.
    """
    from kkrnlp.cli import app

    code: int
    try:
        app(prog_name="kkrnlp")
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # a message, as sys.exit("...") would print it
            print(exc.code, file=sys.stderr)
            code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to deliver
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    main()
