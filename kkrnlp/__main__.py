"""``python -m kkrnlp`` runs the command line, as the ``kkrnlp`` script does."""

from kkrnlp.cli import app

app(prog_name="kkrnlp")
