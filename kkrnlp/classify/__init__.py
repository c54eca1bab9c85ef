"""Tagging: recommendation rules, policy-area and CAP heads, the Tagger model directory.

``Tags`` is the typed result every tagged item carries (``item.tags``).
"""

from kkrnlp.classify.tags import Tags

__all__ = ["Tags"]
