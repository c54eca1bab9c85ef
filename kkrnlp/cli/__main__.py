"""``python -m kkrnlp.cli``: the command line, as ``python -m kkrnlp`` runs it."""

from kkrnlp.cli import app

if __name__ == "__main__":  # pragma: no cover
    app()
