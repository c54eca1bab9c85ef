"""Section headings agendas print, and the role each plays in an item.

Roles: ``background`` (what the matter is), ``recommendation`` (what the
administration proposes), ``decision`` (what the meeting decided),
``attachments`` (the list of annexes), ``other`` (economy, process, law ...).
"""

from __future__ import annotations

import re

ROLES = ("background", "recommendation", "decision", "attachments", "other")

# Heading (lower case, as printed on a line of its own, colon optional) -> role.
SECTION_ROLES: dict[str, str] = {
    # background
    "baggrund": "background", "resumé": "background", "resume": "background",
    "sagsfremstilling": "background", "sagsfremstilling og økonomi": "background",
    "sagsfremstilling og vurdering": "background", "sagsbeskrivelse": "background",
    "sagens indhold": "background", "sagen": "background", "indledning": "background",
    "problemstilling": "background", "formål": "background", "beslutningstema": "background",
    "sagsresume": "background", "sagsresumé": "background", "sagens baggrund": "background",
    "redegørelse": "background", "beskrivelse": "background", "til orientering": "background",
    "orientering": "background", "kort om sagen": "background", "anledning": "background",
    "hvad drejer sagen sig om": "background", "baggrund og vurdering": "background",
    "beskrivelse af sagen": "background", "beskrivelse af alternativ indstilling": "background",
    # recommendation
    "indstilling": "recommendation", "indstillinger": "recommendation",
    "administrativ indstilling": "recommendation", "forslag": "recommendation",
    "forslag til beslutning": "recommendation", "direktionens indstilling": "recommendation",
    "forvaltningens indstilling": "recommendation",
    "administrationens indstilling": "recommendation",
    "indstilling og beslutning": "recommendation", "det indstilles": "recommendation",
    "hovedindstilling": "recommendation",
    # decision
    "beslutning": "decision", "beslutninger": "decision", "afgørelse": "decision",
    "protokol": "decision", "protokollat": "decision", "referat": "decision",
    "konklusion": "decision", "åben beslutning": "decision",
    "lukket beslutning": "decision", "udvalgets beslutning": "decision",
    "byrådets beslutning": "decision",
    # attachments
    "bilag": "attachments", "vedlagte bilag": "attachments", "bilagsliste": "attachments",
    "bilagsfortegnelse": "attachments", "oversigt over bilag": "attachments",
    # other
    "økonomi": "other", "økonomiske konsekvenser": "other", "bevilling": "other",
    "bevillingsmæssige konsekvenser": "other", "økonomi og finansiering": "other",
    "retsgrundlag": "other", "lovgrundlag": "other", "kompetence": "other",
    "beslutningskompetence": "other", "kompetenceforhold": "other", "høring": "other",
    "kommunikation": "other", "tidsplan": "other", "videre proces": "other", "proces": "other",
    "fremtidig proces": "other", "vurdering": "other", "opfølgning": "other",
    "supplerende oplysninger": "other", "bemærkninger": "other", "sagsgang": "other",
    "sagsgang og sagstype": "other", "sagstype": "other", "forventet sagsgang": "other",
    "sagsprocedure": "other",
    "personale": "other", "miljø": "other", "konsekvenser": "other",
    "juridiske konsekvenser": "other", "administrative konsekvenser": "other",
    "borgerinddragelse": "other", "inddragelse": "other", "politisk behandling": "other",
    "dialog": "other", "handicappolitiske konsekvenser": "other", "lovhjemmel": "other",
    "klimamæssige konsekvenser": "other", "risikovurdering": "other",
    "økonomiske og personalemæssige konsekvenser": "other", "økonomisk vurdering": "other",
    "forebyggelse": "other", "planforhold": "other", "tidligere beslutninger": "other",
    "historik": "other", "løsning": "other", "alternativer": "other",
    "tidsperspektiv": "other", "kommunikation og inddragelse": "other",
}  # fmt: skip

SECTION_NAMES: frozenset[str] = frozenset(SECTION_ROLES)

ATTACHMENT_SECTIONS = frozenset(k for k, v in SECTION_ROLES.items() if v == "attachments")

# Sections that only route the case ("Sagsgang og sagstype" / "Udvalget, Byrådet"): a
# list of bodies, never the matter a summary tells.
ROUTING_SECTIONS = frozenset({
    "sagsgang", "sagsgang og sagstype", "sagstype", "forventet sagsgang", "sagsprocedure",
    "beslutningskompetence", "kompetence", "kompetenceforhold", "hvem beslutter",
})  # fmt: skip


def section_role(heading: str) -> str:
    """The role of a section heading; named decisions ('Beslutning i Byrådet ...') too.

    >>> section_role("Indstilling")
    'recommendation'
    >>> section_role("Beslutning i Økonomiudvalget den 15-06-2015")
    'decision'
    >>> section_role("Beslutningstema")
    'background'
    """
    low = heading.strip().rstrip(":").strip().lower()
    if low in SECTION_ROLES:
        return SECTION_ROLES[low]
    if re.search(
        r",\s*\d{2}-\d{2}-\d{4},\s*pkt\.\s*\d|s\s+(?:beslutning\s+\w+\s+)?møde[t]?\s+den\s+\d", low
    ):
        return "decision"  # "Teknik- og Vejudvalget, 06-03-2025, pkt. 176" heads the decision
    if low.startswith("beslutningstema"):
        return "background"
    if low.startswith(("beslutning", "afgørelse", "protokol")):
        return "decision"
    if low.startswith(("indstilling", "forslag til")):
        return "recommendation"
    if low.startswith("bilag"):
        return "attachments"
    if low.startswith(("sagsfremstilling", "baggrund", "resum")):
        return "background"
    return "other"


# A short line inside an item's text that opens the next section (where the parser
# left the section unsplit): a decision's text ends there.
SECTION_LINE_START_RE = re.compile(
    r"^(?:beslutningstema|sagsfremstilling|sagens indhold|baggrund|resumé|resume|indstilling"
    r"|bilag|kompetence|økonomi|lovgrundlag|retsgrundlag|høring|fraværende|afbud|tidligere"
    r"|behandling|sagsnr|dokumentnr)\b",
    re.IGNORECASE,
)

# A section heading run into the first sentence under it ("SagsfremstillingUdvalget
# besøger ...", "Sagsfremstilling Udsat med ..."): the heading, then a capital.
GLUED_HEADING_RE = re.compile(
    r"^(?i:sagsfremstilling|sagsresum[eé]|resum[eé]|beslutningstema|sagens indhold)"
    r"\s*(?=[A-ZÆØÅ][a-zæøå])"
)

# A line that is only a heading or a label ("Sagsfremstilling", "Mødedato:"), not text.
BARE_HEADING_LINE_RE = re.compile(
    r"^(?:resum[eé]|sagsfremstilling|behandling|mødedato|beslutning|indstilling|bilag|tekst"
    r"|referat|sagsnr\.?|dokumentnr\.?)\s*:?$",
    re.IGNORECASE,
)


def is_decision_heading(heading: str) -> bool:
    """A heading over the meeting's own decision, in the narrow printed forms.

    Narrower than ``section_role(...) == "decision"`` on purpose: dated committee
    headings ("Udvalget, 17-04-2015, pkt. 18") carry dates a summary must not take.

    >>> is_decision_heading("Beslutning i Byrådet den 3. maj"), is_decision_heading("Protokol")
    (True, False)
    """
    low = heading.lower().strip()
    return low == "beslutning" or low.startswith(("beslutning i ", "beslutning:", "beslutning den"))
