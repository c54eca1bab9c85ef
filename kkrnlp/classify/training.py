"""Training workflows: labelled files -> a fitted Tagger -> a model directory.

``train`` builds on the shipped model's training examples by default (their
embeddings and labels are saved in the model directory, so the real items it was
trained on need not be at hand; without them, the written items in kkrnlp/data) and
adds the user's rows; the user's rows are also kept as examples that outrank the rules on
(near-)identical wording, so a corrected label takes effect on that item without
moving any other. ``shipped=False`` trains on the user's rows alone.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from kkrnlp.classify.data import LabelledItem, load_labelled
from kkrnlp.classify.tagger import Tagger
from kkrnlp.encoder import EncoderSettings
from kkrnlp.errors import DataError
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy, load_taxonomy

logger = logging.getLogger(__name__)


def file_info(path: Path) -> dict[str, Any]:
    """Name and sha256 of a data file, for the model card."""
    data = Path(path).read_bytes()
    return {"file": Path(path).name, "sha256": hashlib.sha256(data).hexdigest()}


def shipped_rows(taxonomy: Taxonomy) -> list[LabelledItem]:
    """The training items written for the project (kkrnlp/data/train_items.jsonl)."""
    from kkrnlp.config import DATA_DIR

    return load_labelled(DATA_DIR / "train_items.jsonl", taxonomy=taxonomy)


def cap_area_items(
    titles: list[str], codes: list[int], taxonomy: Taxonomy
) -> tuple[list[AgendaItem], list[dict[str, Any]]]:
    """CAP-coded titles whose major maps to exactly one non-formalia policy area, as items."""
    from kkrnlp.classify.cap import clean_title

    items, labels = [], []
    for i, (title, code) in enumerate(zip(titles, codes, strict=True)):
        areas = [a for a in taxonomy.areas_for_cap(code) if a != "formalia"]
        if len(areas) == 1 and len(taxonomy.areas_for_cap(code)) == 1:
            items.append(AgendaItem(str(i + 1), clean_title(title)))
            labels.append({"policy_area": areas[0], "recommendation": None, "group": "cap"})
    return items, labels


def fit_tagger(
    rows: list[LabelledItem],
    taxonomy: Taxonomy,
    user_rows: list[LabelledItem] | None = None,
    cap_titles: list[str] | None = None,
    cap_codes: list[int] | None = None,
    extra: tuple[list[AgendaItem], list[dict[str, Any]]] | None = None,
    base_examples: dict | None = None,
    **tagger_args: Any,
) -> Tagger:
    """Fit a Tagger on labelled rows (+ CAP-derived items in ``extra``)."""
    items = [r.item for r in rows]
    labels = [{**r.labels(), "group": r.doc or "data"} for r in rows]
    if extra:
        items += extra[0]
        labels += extra[1]
    tagger = Tagger(taxonomy, **tagger_args)
    users = [(r.item, r.labels()) for r in (user_rows or [])]
    return tagger.fit(
        items, labels, cap_titles, cap_codes, user_examples=users, base_examples=base_examples
    )


def train(
    data_path: str | Path,
    out_dir: str | Path,
    head: str = "embedding",
    encoder: str = "default",
    labels_path: str | Path | None = None,
    seed: int = 0,
    docs_dir: str | Path | None = None,
    encoder_settings: EncoderSettings | None = None,
    head_params: dict[str, Any] | None = None,
    shipped: bool = True,
    cap_data: str | Path | None = None,
) -> Path:
    """Load labelled data, fit a Tagger and save it to ``out_dir``.

    ``shipped``: also train on the project's own training items (default).
    ``cap_data``: a CSV of CAP-coded titles (``text``, ``coding``) for the CAP head;
    without it the CAP head of the shipped model is kept when ``shipped``.

    >>> train("my_labels.csv", "models/my-tagger")  # doctest: +SKIP
    PosixPath('models/my-tagger')
    """
    taxonomy = load_taxonomy(labels_path)
    user = load_labelled(Path(data_path), docs_dir=docs_dir, taxonomy=taxonomy)
    if not user:
        raise DataError(f"{data_path}: no labelled rows")
    base: list[LabelledItem] = []
    base_examples = _shipped_examples(encoder, head) if shipped else {}
    if shipped and not base_examples:  # no saved examples: the written items themselves
        base = shipped_rows(taxonomy)
    cap_titles = cap_codes = None
    if cap_data is not None:
        from kkrnlp.classify.cap import read_cap_csv

        cap_titles, cap_codes = read_cap_csv(cap_data, subtopics=True)
    tagger = fit_tagger(
        base + user,
        taxonomy,
        user_rows=user,
        cap_titles=cap_titles,
        cap_codes=cap_codes,
        encoder=encoder,
        head=head,
        seed=seed,
        encoder_settings=encoder_settings,
        head_params=head_params,
        base_examples=base_examples,
    )
    if tagger.cap_head_ is None and shipped and head == "embedding" and encoder == "default":
        # the shipped CAP model reads the default encoder: only a model with it keeps it
        tagger.cap_head_, tagger.cap_layers_ = _shipped_cap_model()
    info = {**file_info(Path(data_path)), "rows": len(user)}
    if base_examples:
        n = len(base_examples.get("policy_area", ((), []))[1])
        info["builds on"] = f"the shipped model's {n} training examples (saved embeddings)"
    elif shipped:
        info["shipped training items"] = len(base)
    return tagger.save_pretrained(out_dir, data_info=info)


def _shipped_cap_model() -> tuple[Any, Any]:
    """The CAP head and fine-tuned CAP layers of the shipped model, those it has."""
    from kkrnlp import config
    from kkrnlp.classify.cap import CapHead
    from kkrnlp.classify.cap_layers import CapTopLayers

    head, layers = config.DEFAULT_MODEL_DIR / "cap", config.DEFAULT_MODEL_DIR / "cap_layers"
    return (
        CapHead.from_pretrained(head) if head.is_dir() else None,
        CapTopLayers.from_pretrained(layers) if layers.is_dir() else None,
    )


def _shipped_examples(encoder: str, head: str) -> dict:
    """The shipped model's saved training examples, when a retrain can use them."""
    import json

    from kkrnlp import config

    cfg_file = config.DEFAULT_MODEL_DIR / "config.json"
    if head != "embedding" or not cfg_file.is_file():
        return {}
    cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
    if cfg.get("encoder") != encoder or cfg.get("head") != "embedding":
        return {}
    return Tagger.training_examples(config.DEFAULT_MODEL_DIR)
