"""The model card (README.md of a model directory), rendered from a template."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kkrnlp.classify.tagger import Tagger


def model_card(tagger: Tagger, metrics: dict[str, Any]) -> str:
    """README.md text for ``tagger`` with its training ``metrics``."""
    import jinja2

    import kkrnlp

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kkrnlp", "templates"),
        autoescape=False,  # Markdown, not HTML
        keep_trailing_newline=True,
    )
    pol = metrics.get("policy_area", {})
    rec = metrics.get("recommendation", {})
    rows = []
    for task, entry in (("policy_area", pol), ("recommendation", rec)):
        for key, val in entry.items():
            if key.startswith("cv_") and isinstance(val, dict):
                for variant, m in val.items():
                    rows.append({"task": task, "head": key[3:], "variant": variant, **m})
    return env.get_template("model_card.md.j2").render(
        encoder=tagger.encoder,
        settings=tagger.encoder_settings,
        head=tagger.head,
        rec_head="embedding" if tagger.head == "embedding" else "tfidf",
        has_cap=getattr(tagger, "cap_head_", None) is not None,
        has_cap_layers=getattr(tagger, "cap_layers_", None) is not None,
        cap_layers=getattr(getattr(tagger, "cap_layers_", None), "settings", None)
        and tagger.cap_layers_.settings.layers,
        n_user_examples=len(getattr(tagger, "user_examples_", []) or []),
        seed=tagger.seed,
        version=kkrnlp.__version__,
        data=metrics.get("data") or {},
        pol=pol,
        rec=rec,
        cap=metrics.get("cap_major", {}),
        areas=tagger.taxonomy.policy_areas,
        rows=rows,
        threshold=tagger.relative_threshold,
    )
