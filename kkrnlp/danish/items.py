"""Words around an agenda item's title: type labels, access markers, formalia titles.

Kept apart from the title as data: the tagger reads the item type, a
publishing system reads the access marker.
"""

from __future__ import annotations

import re

from kkrnlp.danish.calendar import MONTH_NAMES, WEEKDAY_NAMES

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
    r"|bemærkninger til dagsorden|møde i .* den|møderække|(?:åben|åbent) dagsorden"
    r"|valg af (?:dirigent|referent|mødeleder|ordstyrer)\b"
    r"|(?:fastlæggelse|fastsættelse) af (?:møder|mødeplan|mødedatoer|mødekalender)\b)"
    r"|godkendelse af (?:dagsorden|dagorden|referat)|siden sidst|eventuelt|næste møde"
    r"|meddelelser|meddelelse fra formand|mødekalender|mødeplan|orientering fra formand",
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

# A decision of one word printed right under a title ("Godkendt", "ok"): never the
# title's second line, even in lower case.
SHORT_VERDICTS = frozenset({
    "ok", "o.k", "godkendt", "vedtaget", "tiltrådt", "drøftet", "udsat", "intet", "ingen",
})  # fmt: skip

# Points of a meeting's own business that minutes fill in after a colon on the heading
# line ("1. Fraværende: Ole Dam", "6. Næste møde: 3. maj kl. 19"): the title is the key.
VALUE_TITLES = frozenset({
    "fraværende", "afbud", "til stede", "deltagere", "referent", "ordstyrer", "dirigent",
    "mødeleder", "valg af referent", "valg af ordstyrer", "valg af dirigent",
    "valg af mødeleder", "næste møde", "ny mødedato", "mødedato", "næste mødedato",
})  # fmt: skip

# How a title opens, not a sentence: a verbal noun and its preposition ("Godkendelse af",
# "Ændring af", "Orientering om", "Valg af"). Minutes end such titles with a full stop
# too ("3. Godkendelse af referat fra de sidste to møder.").
TITLE_OPENING_RE = re.compile(
    r"^(?:[A-ZÆØÅ][a-zæøå]*(?:else|ing|tion|sion)|Valg|Forslag|Status|Opfølgning)"
    r"[ \t]+(?:af|til|om|for|fra|med|på|vedr\.?|vedrørende)\b"
)

# Nouns an ordinal goes with: "2. behandling af budgettet", "3. kvartal" at the start of a
# line are no lower-case item titles.
ORDINAL_NOUNS = frozenset({
    "behandling", "behandlingen", "kvartal", "halvår", "halvdel", "etape", "fase", "gang",
    "udgave", "runde", "del", "sal", "klasse", "klassetrin", "plads", "version", "division",
    "prioritet", "suppleant", "stedfortræder", "viceborgmester", "næstformand", "sektion",
    "afsnit", "kapitel", "led", "stk", "pkt", "punkt", "trin", "år", "måned", "uge", "dag",
})  # fmt: skip

# Who presents a point, named by role after "v." or "v/" ("Orientering v/formanden").
PRESENTER_ROLES = (
    "formanden", "næstformanden", "præsterne", "præsten", "sekretariatet", "forvaltningen",
    "administrationen", "direktøren", "direktionen", "kassereren", "borgmesteren", "ledelsen",
    "skolelederen", "centerlederen", "kirkeværgen", "udvalgsformanden", "sekretæren",
)  # fmt: skip

# Key lines whose value stands on the next line ("Sagen afgøres i" / "Byrådet").
KEY_LINE_STARTS = (
    "sagen afgøres i", "sagen behandles i", "sagen afgøres af", "beslutningskompetence",
)  # fmt: skip


# Lines of a meeting's header, never an item's title: the part labels ("Åben dagsorden"),
# the header's keys ("Mødested:", "Medlemmer:"), the document kind with the meeting's
# date ("Referat • 17. juni 2025 kl. 15.30") and the meeting's date with its hour.
MEETING_PART_LABELS = frozenset({
    "åben dagsorden", "lukket dagsorden", "åbent møde", "lukket møde", "åbne punkter",
    "lukkede punkter", "åbne dagsordenspunkter", "lukkede dagsordenspunkter",
})  # fmt: skip
_HEADER_KEY_RE = re.compile(
    r"^(?:mødested|mødedato|mødetidspunkt|mødelokale|medlemmer|udvalg|starttidspunkt"
    r"|sluttidspunkt|tid og sted)\s*:",
    re.IGNORECASE,
)
_KIND_LINE_RE = re.compile(
    r"^(?:dagsorden|referat|beslutningsprotokol|tillægsdagsorden|tillægsreferat)\b[^\w]*(?:\d.*)?$",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(r"\bkl\.?\s*\d{1,2}[.:]\d{2}\b", re.IGNORECASE)
_DATE_WORD_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:"
    + "|".join(sorted({*MONTH_NAMES, *WEEKDAY_NAMES}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def is_meeting_header_line(line: str) -> bool:
    """Whether a line belongs to the meeting's header rather than to an item.

    >>> [is_meeting_header_line(s) for s in ("Referat • 3. maj 2024 kl. 9.00", "Åben dagsorden",
    ...     "Mødested: Rådhuset", "Fredag den 3. maj 2024 kl. 16:30", "03.05.2024 kl. 16:30")]
    [True, True, True, True, True]
    >>> [is_meeting_header_line(s) for s in ("Dagsorden godkendt", "Budget 2025 - 2. behandling",
    ...     "Møde med skolebestyrelsen den 3. maj 2024", "Referat af mødet i Grønt Råd")]
    [False, False, False, False]
    """
    plain = line.strip()
    low = plain.lower().rstrip(":")
    if low in MEETING_PART_LABELS or _HEADER_KEY_RE.match(plain) or _KIND_LINE_RE.match(plain):
        return True
    return bool(_CLOCK_RE.search(plain) and _DATE_WORD_RE.search(plain))
