"""Tags: everything the tagger says about one item, typed; ``to_record()`` for JSON/CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _rounded(scores: dict[Any, float]) -> dict[str, float]:
    return {str(label): round(float(score), 4) for label, score in scores.items()}


@dataclass
class Tags:
    """Policy area (KL), CAP major topic and recommendation type of one item.

    Empty items carry no area or recommendation (``policy_area`` and ``recommendation`` None).
    ``*_source`` says what decided: ``rules`` / a head's kind for the area,
    ``indstilling`` / ``punkttype`` / ``titel`` / ``gruppe`` / ``beslutning`` / ``model`` /
    ``bruger`` for the recommendation, ``model`` / ``titel`` for the CAP topic (``titel``:
    the title names no matter, "Lukket punkt", so 0, not codable). The CAP topic is
    read from the title alone, so an empty item with a title has one too.
    """

    policy_area: str | None = None
    policy_areas: list[str] = field(default_factory=list)
    policy_area_scores: dict[str, float] = field(default_factory=dict)
    policy_area_source: str | None = None
    recommendation: str | None = None
    recommendations: list[str] = field(default_factory=list)
    recommendation_scores: dict[str, float] = field(default_factory=dict)
    recommendation_source: str | None = None
    cap_major: int | None = None
    cap_major_name: str | None = None
    cap_major_scores: dict[int, float] = field(default_factory=dict)
    cap_major_source: str | None = None

    @property
    def confidence(self) -> float | None:
        """The lower of the main area's and the main recommendation type's score."""
        values = []
        if self.policy_area is not None:
            values.append(self.policy_area_scores.get(self.policy_area, 0.0))
        if self.recommendation is not None:
            values.append(self.recommendation_scores.get(self.recommendation, 0.0))
        return round(min(values), 4) if values else None

    def to_record(self) -> dict[str, Any]:
        """The record fields (scores rounded; CAP score keys as strings, as JSON keeps them)."""
        return {
            "policy_area": self.policy_area,
            "policy_areas": list(self.policy_areas),
            "policy_area_scores": _rounded(self.policy_area_scores),
            "policy_area_source": self.policy_area_source,
            "recommendation": self.recommendation,
            "recommendations": list(self.recommendations),
            "recommendation_scores": _rounded(self.recommendation_scores),
            "recommendation_source": self.recommendation_source,
            "cap_major": self.cap_major,
            "cap_major_name": self.cap_major_name,
            "cap_major_scores": _rounded(self.cap_major_scores),
            "cap_major_source": self.cap_major_source,
        }
