"""Write a Taxonomy back into labels.toml syntax (for a model directory without a source file)."""

from __future__ import annotations

import json

from kkrnlp.taxonomy import Taxonomy


def _s(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_s(v) for v in values) + "]"


def taxonomy_toml(taxonomy: Taxonomy) -> str:
    """labels.toml text that loads back into an equal Taxonomy."""
    lines = ["# Label sets this model was trained with (written by kkrnlp).", ""]
    if taxonomy.rules:
        lines.append("[rules]")
        lines += [f"{name} = {_list(patterns)}" for name, patterns in taxonomy.rules]
        lines.append("")
    for key, labels in (
        ("recommendation", taxonomy.recommendations),
        ("policy_area", taxonomy.policy_areas),
    ):
        for label in labels:
            lines.append(f"[[{key}]]")
            lines.append(f"name = {_s(label.name)}")
            if label.cap_major:
                lines.append(f"cap_major = [{', '.join(str(c) for c in label.cap_major)}]")
            lines.append(f"description = {_s(label.description)}")
            for field in (
                "cues",
                "title_cues",
                "group_cues",
                "item_types",
                "decision_cues",
                "body_cues",
            ):
                values = getattr(label, field)
                if values:
                    lines.append(f"{field} = {_list(values)}")
            lines.append("")
    for major in taxonomy.cap_majors:
        lines += ["[[cap_major]]", f"code = {major.code}", f"name = {_s(major.name)}"]
        if major.keywords:
            lines.append(f"keywords = {_list(major.keywords)}")
        lines.append("")
    return "\n".join(lines)
