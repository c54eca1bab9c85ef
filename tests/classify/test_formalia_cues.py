"""Formalia titles in the shapes seen on pages nobody tuned on (titles invented)."""

from __future__ import annotations

import pytest

from kkrnlp.classify.policy import formalia_rule
from kkrnlp.config import DEFAULT_MODEL_DIR, LABELS_FILE
from kkrnlp.danish import is_formalia_title
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import load_taxonomy

FORMAL = [
    "Beslutningssag: Godkendelse af dagsorden",
    "Orienteringssag - Godkendelse af referat",
    "Åben dagsorden - godkendelse",
    "Meddelelse fra formanden",
    "Meddelelser",
    "Formandens meddelelser",
    "Meddelelser til udvalgets medlemmer - maj 2027",
    "Byrådet. Mødeplan 2027",
    "Møderække for 2027",
    "Fastlæggelse af møder i 2027",
    "Valg af referent",
    "Valg af dirigent og referent",
    "Velkomst ved rådets formand",
    "Spørgetid for borgerne",
    "Kort nyt fra skolelederen",
    "Information fra forpersonerne",
    "Indkaldelse af stedfortræder for et medlem",
    "Godkendelse af stedfortræder",
    "Orientering om ny udvalgsbesættelse",
    "Beslutning om forretningsorden",
    "Forretningsorden for Havneudvalget",
    "Godkendelse af revideret forretningsorden",
]
NOT_FORMAL = [
    "Orienteringssag: Status på arbejdsmiljøet i kommunen",
    "Meddelelse om tilsyn med plejecentrene",
    "Meddelelser - Status på den nye patientjournal",
    "Meddelelser – Likviditet ved udgangen af første kvartal",
    "Valg af leverandør til madservice",
    "Dagsordener for skolebestyrelser",
    "Beslutningssag: Ny skolestruktur",
    "Velkomstpakke til nye tilflyttere",
    "Information fra kommunen om vejarbejdet",
    "Nye forretningsgange i borgerservice",
]


@pytest.fixture(scope="module", params=["package", "shipped model"])
def taxonomy(request):
    path = LABELS_FILE if request.param == "package" else DEFAULT_MODEL_DIR / "labels.toml"
    return load_taxonomy(path)


@pytest.mark.parametrize("title", FORMAL)
def test_formal_titles(taxonomy, title):
    assert formalia_rule(AgendaItem("1", title), taxonomy)
    assert is_formalia_title(title)


@pytest.mark.parametrize("title", NOT_FORMAL)
def test_titles_about_a_matter_are_not_formal(taxonomy, title):
    assert not formalia_rule(AgendaItem("1", title), taxonomy)


def test_model_and_package_share_the_formalia_cues():
    package = load_taxonomy(LABELS_FILE).policy_area("formalia")
    shipped = load_taxonomy(DEFAULT_MODEL_DIR / "labels.toml").policy_area("formalia")
    assert package.title_cues == shipped.title_cues
