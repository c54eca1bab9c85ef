"""The one place that knows default paths.

Library functions take paths as arguments; only the CLI and scripts ask this
module for defaults. Set ``KKRNLP_CACHE`` to move the cache (the default
encoder is built there on first use: about 130 MB for tagging, plus 470 MB for
the fp32 copy that fine-tuning and the reference check use).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LABELS_FILE = PACKAGE_DIR / "labels.toml"
DATA_DIR = PACKAGE_DIR / "data"
# The shipped default tagging model travels inside the package, so a wheel can tag.
DEFAULT_MODEL_DIR = PACKAGE_DIR / "models" / "kkrnlp-tagger-da-small"
# The learned sentence scorer of the extractive summarizer (package data, JSON).
SENTENCE_SCORER_DIR = PACKAGE_DIR / "models" / "sentence-scorer"


def cache_dir() -> Path:
    """Directory for converted encoders and other large derived files."""
    env = os.environ.get("KKRNLP_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "kkrnlp"
