"""The label sets read from ``labels.toml``: names, Danish descriptions, CAP codes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kkrnlp.errors import DataError


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    cap_major: tuple[int, ...] = ()
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Both label sets. ``policy_areas`` and ``recommendations`` keep file order."""

    policy_areas: tuple[Label, ...]
    recommendations: tuple[Label, ...]
    source: str = field(default="", compare=False)

    @property
    def policy_area_names(self) -> list[str]:
        return [label.name for label in self.policy_areas]

    @property
    def recommendation_names(self) -> list[str]:
        return [label.name for label in self.recommendations]

    def policy_area(self, name: str) -> Label:
        for label in self.policy_areas:
            if label.name == name:
                return label
        raise KeyError(name)

    def recommendation(self, name: str) -> Label:
        for label in self.recommendations:
            if label.name == name:
                return label
        raise KeyError(name)

    def to_dict(self) -> dict:
        def dump(label: Label) -> dict:
            return {
                "name": label.name,
                "description": label.description,
                "cap_major": list(label.cap_major),
                "cues": list(label.cues),
            }

        return {
            "policy_area": [dump(x) for x in self.policy_areas],
            "recommendation": [dump(x) for x in self.recommendations],
        }

    @classmethod
    def from_dict(cls, data: dict, source: str = "") -> Taxonomy:
        def build(key: str) -> tuple[Label, ...]:
            labels = []
            seen = set()
            for i, entry in enumerate(data.get(key) or []):
                name = str(entry.get("name", "")).strip()
                if not name:
                    raise DataError(f"{source or 'labels'}: [[{key}]] number {i + 1} has no name")
                if name in seen:
                    raise DataError(f"{source or 'labels'}: label {name!r} appears twice")
                seen.add(name)
                labels.append(
                    Label(
                        name=name,
                        description=str(entry.get("description", "")).strip() or name,
                        cap_major=tuple(int(c) for c in entry.get("cap_major") or []),
                        cues=tuple(str(c) for c in entry.get("cues") or []),
                    )
                )
            if not labels:
                raise DataError(f"{source or 'labels'}: no [[{key}]] labels defined")
            return tuple(labels)

        return cls(build("policy_area"), build("recommendation"), source=source)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a ``labels.toml``; without a path, the one shipped with the package.

    >>> load_taxonomy().recommendation_names
    ['orientering', 'godkendelse', 'drøftelse', 'udpegning']
    """
    if path is None:
        from kkrnlp.config import LABELS_FILE

        path = LABELS_FILE
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(f"label file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"label file {path} is not valid TOML: {exc}") from exc
    return Taxonomy.from_dict(data, source=str(path))
