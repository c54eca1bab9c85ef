"""The typed result of every summarizer: text, method and the checks it passed.

>>> Summary("KKR skal godkende planen.").to_record()["summary_method"]
'extractive'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Summary:
    """A summary of one item.

    ``unsupported`` lists facts not found in the item's text (faithfulness);
    ``fluency`` lists reading problems (a dangling ``Dette``, a stray bracket,
    an attachment name) that survived every repair. Both empty is the normal case.
    """

    text: str
    method: str = "extractive"
    faithful: bool = True
    unsupported: list[str] = field(default_factory=list)
    fluency: list[str] = field(default_factory=list)

    @property
    def fluent(self) -> bool:
        return not self.fluency

    @property
    def n_words(self) -> int:
        return len(self.text.split())

    def to_record(self) -> dict[str, Any]:
        """The fields ``kkrnlp summarize`` adds to an item record."""
        return {
            "summary": self.text,
            "summary_method": self.method,
            "summary_faithful": self.faithful,
            "summary_unsupported": list(self.unsupported),
            "summary_fluent": self.fluent,
            "summary_fluency_issues": list(self.fluency),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "method": self.method,
            "faithful": self.faithful,
            "unsupported": list(self.unsupported),
            "fluency": list(self.fluency),
        }
