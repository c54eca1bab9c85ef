"""Words around an agenda item's title: type labels, access markers, formalia titles.

Kept apart from the title as data: the tagger reads the item type, a
publishing system reads the access marker.
"""

from __future__ import annotations

import re

# Item-type labels as printed before or after a title, lower case -> normalised label.
ITEM_TYPE_LABELS: dict[str, str] = {
    "beslutningssag": "beslutning", "beslutningspunkt": "beslutning", "beslutning": "beslutning",
    "til beslutning": "beslutning", "b": "beslutning",
    "orienteringssag": "orientering", "orienteringspunkt": "orientering",
    "orientering": "orientering", "til orientering": "orientering", "o": "orientering",
    "meddelelse": "orientering", "meddelelser": "orientering",
    "drøftelsessag": "drøftelse", "drøftelsespunkt": "drøftelse", "drøftelse": "drøftelse",
    "til drøftelse": "drøftelse", "temadrøftelse": "drøftelse", "d": "drøftelse",
    "efterretningssag": "orientering", "godkendelsessag": "beslutning",
    "til godkendelse": "beslutning", "indstillingssag": "beslutning",
}  # fmt: skip

# Access markers: "(Åben)", "(Lukket punkt)", "- Åben sag", "Lukket sag".
ACCESS_WORDS: dict[str, str] = {
    "åben": "åben", "åbent": "åben", "lukket": "lukket",
    # "(for lukkede døre)", "(for åbne døre)" after a title
    "åbne": "åben", "lukkede": "lukket",
}  # fmt: skip

# Titles of the meeting's own business; they may stand alone without sections.
FORMALIA_TITLES = (
    "godkendelse af dagsorden", "godkendelse af dagsordenen", "godkendelse af referat",
    "godkendelse af referatet", "meddelelser", "eventuelt", "siden sidst", "orientering",
    "orienteringer", "gensidig orientering", "næste møde", "evt.", "evt",
)  # fmt: skip

# A title that names the meeting's own business, matched from its start
# ("Godkendelse af dagsorden", "Referat", "Evt.") or, for the phrases after the
# "|", anywhere in it ("Gensidige meddelelser", "Orientering fra formanden").
FORMALIA_TITLE_RE = re.compile(
    r"^\W*(?:dagsorden|referat|evt\.|mødedatoer|fraværende|underskrift|lukket punkt"
    r"|orientering fra (?:medlemmer|udvalgets medlemmer)|punkter til (?:næste|kommende) møde"
    r"|bemærkninger til dagsorden|møde i .* den)"
    r"|godkendelse af (?:dagsorden|dagorden|referat)|siden sidst|eventuelt|næste møde"
    r"|meddelelser|mødekalender|mødeplan|orientering fra formand",
    re.IGNORECASE,
)
# The formal items that ask the meeting to approve its agenda or its last minutes.
APPROVAL_TITLE_RE = re.compile(r"godkendelse af (?:dagsorden|dagorden|referat)", re.IGNORECASE)
# Item types a parser may give a formal item.
FORMALIA_ITEM_TYPES = frozenset({"formal", "formalia", "procedural"})


def is_formalia_title(title: str | None) -> bool:
    """Whether a title names the meeting's own business.

    >>> is_formalia_title("Godkendelse af dagsorden"), is_formalia_title("Formandens meddelelser")
    (True, True)
    >>> is_formalia_title("Budget 2025 for ældreområdet")
    False
    """
    return bool(title and FORMALIA_TITLE_RE.search(title))


# Web-page furniture lines that are never a title ("Se alle bilag", "Til toppen").
PAGE_FURNITURE = frozenset({
    "se alle bilag", "til toppen", "udskriv", "fold alle punkter", "hent som fil", "tilbage",
    "kopier link til punktet", "luk alle punkter", "åbn alle punkter", "del", "print",
    "til indholdsfortegnelse", "du er her", "you are here", "søg", "menu", "forside",
    "indhold", "indholdsfortegnelse", "indholdsliste", "udskriv hele dagsordnen",
    "udskriv hele dagsordenen",
})  # fmt: skip

# Little words a title never ends on: a heading line that ends with one goes on below
# ("Anlægsbevilling til renovering af" + "Nordskolens tag").
TITLE_OPEN_ENDINGS = frozenset({
    "af", "til", "for", "om", "med", "på", "i", "fra", "og", "eller", "samt", "ved",
    "vedr.", "vedrørende", "mellem", "under", "efter", "mod", "hos", "jf.", "en", "et",
    "den", "det", "de", "som", "at",
})  # fmt: skip

# How minutes open a decision printed right under the title ("Godkendt.", "Taget til
# efterretning."): such a line never continues the title.
VERDICT_STARTS = (
    "godkendt", "vedtaget", "tiltrådt", "drøftet", "intet", "ingen", "udsat", "taget til",
    "til efterretning", "orienteringen", "anbefales", "som indstillet", "indstillingen",
)  # fmt: skip

# Key lines whose value stands on the next line ("Sagen afgøres i" / "Byrådet").
KEY_LINE_STARTS = (
    "sagen afgøres i", "sagen behandles i", "sagen afgøres af", "beslutningskompetence",
)  # fmt: skip
