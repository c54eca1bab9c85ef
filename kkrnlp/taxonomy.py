"""The label sets read from ``labels.toml``: names, Danish descriptions, CAP codes, cues.

Every wording a rule looks for lives in labels.toml (``cues``, ``title_cues``,
``group_cues``, ``item_types``, ``decision_cues``, ``body_cues`` per label, and the
``[rules]`` table), so a user's
edit of that file changes what the rules do. Cues are regular expressions matched
case-insensitively.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kkrnlp.errors import DataError


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    cap_major: tuple[int, ...] = ()
    cues: tuple[str, ...] = ()
    title_cues: tuple[str, ...] = ()
    group_cues: tuple[str, ...] = ()
    item_types: tuple[str, ...] = ()
    decision_cues: tuple[str, ...] = ()
    # words of a committee's name that point to this area ("Børne- og Skoleudvalget")
    body_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class CapMajor:
    """A Comparative Agendas Project major topic: code, Danish name, keyword stems."""

    code: int
    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Both label sets. ``policy_areas`` and ``recommendations`` keep file order."""

    policy_areas: tuple[Label, ...]
    recommendations: tuple[Label, ...]
    cap_majors: tuple[CapMajor, ...] = ()
    rules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = field(default="", compare=False)

    def rule(self, name: str) -> tuple[str, ...]:
        """The patterns of one entry of the ``[rules]`` table (empty when absent)."""
        return dict(self.rules).get(name, ())

    @property
    def cap_codes(self) -> list[int]:
        return [m.code for m in self.cap_majors]

    def areas_for_cap(self, code: int) -> list[str]:
        """The policy areas whose ``cap_major`` lists ``code``."""
        return [label.name for label in self.policy_areas if code in label.cap_major]

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
                "title_cues": list(label.title_cues),
                "group_cues": list(label.group_cues),
                "item_types": list(label.item_types),
                "decision_cues": list(label.decision_cues),
                "body_cues": list(label.body_cues),
            }

        return {
            "policy_area": [dump(x) for x in self.policy_areas],
            "recommendation": [dump(x) for x in self.recommendations],
            "cap_major": [
                {"code": m.code, "name": m.name, "keywords": list(m.keywords)}
                for m in self.cap_majors
            ],
            "rules": {k: list(v) for k, v in self.rules},
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
                        cues=_patterns(entry.get("cues"), source, name),
                        title_cues=_patterns(entry.get("title_cues"), source, name),
                        group_cues=_patterns(entry.get("group_cues"), source, name),
                        item_types=tuple(str(c) for c in entry.get("item_types") or []),
                        decision_cues=_patterns(entry.get("decision_cues"), source, name),
                        body_cues=_patterns(entry.get("body_cues"), source, name),
                    )
                )
            if not labels:
                raise DataError(f"{source or 'labels'}: no [[{key}]] labels defined")
            return tuple(labels)

        majors = []
        for entry in data.get("cap_major") or []:
            try:
                code = int(entry["code"])
            except (KeyError, TypeError, ValueError) as exc:
                where = source or "labels"
                raise DataError(f"{where}: a [[cap_major]] has no integer code") from exc
            majors.append(
                CapMajor(
                    code=code,
                    name=str(entry.get("name", "")).strip() or str(code),
                    keywords=tuple(str(k).lower() for k in entry.get("keywords") or []),
                )
            )
        if len({m.code for m in majors}) != len(majors):
            raise DataError(f"{source or 'labels'}: a [[cap_major]] code appears twice")
        rules = tuple(
            (str(k), _patterns(v if isinstance(v, list) else [v], source, f"rules.{k}"))
            for k, v in (data.get("rules") or {}).items()
        )
        return cls(
            build("policy_area"),
            build("recommendation"),
            cap_majors=tuple(majors),
            rules=rules,
            source=source,
        )


def _patterns(values: object, source: str, where: str) -> tuple[str, ...]:
    """Cue strings, checked to be valid regular expressions."""
    out = []
    for value in values or []:  # type: ignore[attr-defined]
        try:
            re.compile(str(value))
        except re.error as exc:
            raise DataError(f"{source or 'labels'}: {where}: bad pattern {value!r}: {exc}") from exc
        out.append(str(value))
    return tuple(out)


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


@lru_cache(maxsize=1)
def packaged_taxonomy() -> Taxonomy:
    """The package's own ``labels.toml``, read once per process (on first call, not on import).

    For code that has no Taxonomy handed to it (the summarizer, the digest) but must
    read the same cues as the tagger, e.g. the formalia title cues.

    >>> packaged_taxonomy() is packaged_taxonomy()
    True
    """
    return load_taxonomy()


@lru_cache(maxsize=256)
def compile_cues(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One case-insensitive regex for a tuple of cues (None for none), compiled once."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def match_cues(patterns: tuple[str, ...], text: str | None) -> bool:
    """Whether any of the cues is found in ``text``.

    >>> match_cues(("^eventuelt",), "Eventuelt"), match_cues((), "Eventuelt")
    (True, False)
    """
    regex = compile_cues(patterns)
    return bool(regex is not None and text and regex.search(text))
