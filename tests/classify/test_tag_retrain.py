"""Retraining takes corrections: export, correct six labels, import, train, tag again."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from kkrnlp.cli import app
from kkrnlp.io import read_jsonl

# An invented committee agenda in the shape of municipal pages (our own words).
AGENDA = """DAGSORDEN

Teknik- og Fritidsudvalget, Søby Kommune

Dato: 04-03-2027 kl. 16:00

1. Godkendelse af dagsorden

Indstilling

Forvaltningen indstiller, at dagsordenen godkendes.

2. Ny belysning på stien langs åen

Baggrund

Stien langs åen er mørk om vinteren. Forvaltningen har fået et tilbud på 14 nye
lamper med LED til 0,6 mio. kr.

Indstilling

Forvaltningen indstiller, at udvalget godkender projektet og frigiver 0,6 mio. kr.

3. Status på omlægning af hallens tag

Baggrund

Tagets første halvdel er lagt om. Arbejdet er to uger forsinket på grund af regn.

Indstilling

Forvaltningen indstiller, at orienteringen tages til efterretning.

4. Tilskud til foreningernes udstyr

Baggrund

Puljen til udstyr i foreningerne har 200.000 kr. til fordeling. Der er kommet 11 ansøgninger.

Indstilling

Forvaltningen indstiller, at udvalget fordeler puljen som foreslået.

5. Fremtidens genbrugsplads

Baggrund

Genbrugspladsen på Møllevej er for lille. Forvaltningen skitserer tre muligheder for en ny plads.

Indstilling

Forvaltningen indstiller, at udvalget drøfter de tre muligheder.

6. Parkering ved stationen

Baggrund

Pendlerne fylder pladsen ved stationen fra kl. 7. Der foreslås to timers parkering
på den nordlige del.

Indstilling

Forvaltningen indstiller, at forslaget sendes i høring hos naboerne.

7. Vinterbadernes nye bro

Baggrund

Vinterbaderne ønsker en ny bro ved stranden. Klubben betaler halvdelen af de 300.000 kr.

Indstilling

Forvaltningen indstiller, at udvalget giver tilsagn om kommunens halvdel.

8. Tal for brug af hallerne

Baggrund

Hallerne blev brugt 11 procent mere end året før. Mest i weekenderne.

Indstilling

Forvaltningen indstiller, at udvalget tager tallene til efterretning.
"""


def _read_sheet(path):
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _write_sheet(path, rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


@pytest.mark.slow
def test_six_corrections_take_effect_and_nothing_else_moves(tmp_path):
    runner = CliRunner()
    doc = tmp_path / "tfu-2027-03-04.md"
    doc.write_text(AGENDA, encoding="utf-8")
    sheet = tmp_path / "labels.csv"
    before_file = tmp_path / "before.jsonl"
    res = runner.invoke(app, ["tag", str(doc), "--out", str(before_file)])
    assert res.exit_code == 0, res.output
    before = {r["number"]: r for r in read_jsonl(before_file)}
    assert len(before) == 8
    res = runner.invoke(app, ["labels", "export", str(doc), "--out", str(sheet)])
    assert res.exit_code == 0, res.output
    rows = _read_sheet(sheet)
    assert all(r["confidence"] for r in rows)

    # Six corrections, three of each kind, each to a label the model did not give.
    areas = ["kultur", "trafik", "planlægning", "klima"]
    recs = ["orientering", "drøftelse", "godkendelse", "udpegning"]
    wanted: dict[str, tuple[str, str]] = {}
    for number, kind in (("2", "area"), ("4", "area"), ("7", "area"),
                         ("3", "rec"), ("5", "rec"), ("6", "rec")):  # fmt: skip
        row = next(r for r in rows if r["number"] == number)
        if kind == "area":
            new = next(a for a in areas if a != row["policy_area"])
            row["policy_area"], row["policy_areas"] = new, new
            wanted[number] = ("policy_area", new)
        else:
            new = next(r for r in recs if r != row["recommendation"])
            row["recommendation"], row["recommendations"] = new, new
            wanted[number] = ("recommendation", new)
    _write_sheet(sheet, rows)

    labelled = tmp_path / "labelled.jsonl"
    res = runner.invoke(app, ["labels", "import", str(sheet), "--out", str(labelled)])
    assert res.exit_code == 0, res.output
    model = tmp_path / "model"
    res = runner.invoke(app, ["train", "--data", str(labelled), "--out", str(model)])
    assert res.exit_code == 0, res.output
    after_file = tmp_path / "after.jsonl"
    res = runner.invoke(app, ["tag", str(doc), "--model", str(model), "--out", str(after_file)])
    assert res.exit_code == 0, res.output
    after = {r["number"]: r for r in read_jsonl(after_file)}

    taken = sum(1 for n, (field, value) in wanted.items() if after[n][field] == value)
    assert taken >= 5
    for number, record in after.items():
        for field in ("policy_area", "recommendation"):
            if wanted.get(number, (None,))[0] != field:
                assert record[field] == before[number][field], (number, field)
