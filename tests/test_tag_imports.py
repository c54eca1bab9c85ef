"""Tagging with a saved model needs numpy, not scikit-learn (the encoder helper's constraint)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kkrnlp.classify.cap import CapHead
from kkrnlp.classify.tagger import Tagger
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[1]

_ROWS = [
    ("Busser og tog i regionen", "trafik"), ("Ny cykelsti ved skolen", "trafik"),
    ("Letbane og veje", "trafik"), ("Museer og biblioteker", "kultur"),
    ("Idræt og foreninger", "kultur"), ("Musik og kulturaftale", "kultur"),
    ("Affald og genbrug", "klima"), ("Spildevand og grundvand", "klima"),
    ("Klimaplan og CO2", "klima"), ("Godkendelse af dagsorden", "formalia"),
]  # fmt: skip


def test_predicting_with_a_saved_model_imports_no_sklearn(tmp_path):
    tax = load_taxonomy()
    items = [AgendaItem(str(i), t) for i, (t, _) in enumerate(_ROWS)]
    labels = [{"policy_area": a, "recommendation": "godkendelse"} for _, a in _ROWS]
    tagger = Tagger(tax, head="tfidf").fit(items, labels, metrics=False)
    tagger.cap_head_ = CapHead().fit([t for t, _ in _ROWS], [10] * 3 + [23] * 3 + [7] * 3 + [20],
                                     tax.cap_majors)  # fmt: skip
    tagger.save_pretrained(tmp_path / "model")
    code = (
        "import sys\n"
        "from kkrnlp.schema import AgendaItem\n"
        "from kkrnlp.classify.predict import load_tagger, tag_items\n"
        f"t = load_tagger({str(tmp_path / 'model')!r})\n"
        "r = tag_items([AgendaItem('1', 'Nye busser til byen', text='Det indstilles, at "
        "udvalget godkender købet.')], t)[0]\n"
        "assert r['policy_area'] == 'trafik' and r['cap_major'] == 10, r\n"
        "assert r['recommendation'] == 'godkendelse', r\n"
        "bad = [m for m in ('sklearn', 'torch', 'transformers') if m in sys.modules]\n"
        "print('IMPORTED', bad)\n"
    )
    env = {"PYTHONPATH": str(REPO), "PATH": ""}
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, check=False
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "IMPORTED []" in res.stdout
