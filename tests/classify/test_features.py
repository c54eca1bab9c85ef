"""The text the classifiers see: the administration that brings an item is not named."""

from __future__ import annotations

from kkrnlp.classify.features import item_text
from kkrnlp.schema import AgendaItem, Section


def test_the_bringing_administrations_fields_are_not_in_the_text():
    item = AgendaItem(
        "95",
        "Valg af revisor",
        recommendation_text="Kultur- og Økonomiforvaltningen indstiller, at firmaet Tal & Co "
        "antages som revision.",
        sections=[Section("Baggrund", "Social-, Sundheds- og Ældreforvaltningen har talt.")],
    )
    text = item_text(item)
    assert "Kultur" not in text and "Ældre" not in text
    assert "Forvaltningen indstiller, at firmaet Tal & Co antages som revision." in text


def test_committees_and_other_words_keep_their_names():
    item = AgendaItem(
        "3", "Ny hal", recommendation_text="Kultur- og Fritidsudvalget anbefaler en ny hal."
    )
    assert "Kultur- og Fritidsudvalget anbefaler en ny hal." in item_text(item)
