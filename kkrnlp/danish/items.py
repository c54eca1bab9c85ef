"""Words around an agenda item's title: type labels, access markers, formalia titles.

Kept apart from the title as data: the tagger reads the item type, a
publishing system reads the access marker. The wordings of formal items
("Godkendelse af dagsorden", "Eventuelt") are not here but in labels.toml, the
file a user edits to change tagging; :func:`is_formalia_title` reads them there.
"""

from __future__ import annotations

import re

from kkrnlp.danish.calendar import MONTH_NAMES, WEEKDAY_NAMES
from kkrnlp.taxonomy import Taxonomy, match_cues, packaged_taxonomy

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

# Letters some councils print after a title for who decides it ("Titel (C)": the item
# goes on to the council), not what kind of item it is; dropped from the title, no type.
# Capitals only: "(B)", "(O)", "(D)" above give a type.
COMPETENCE_LETTERS = ("A", "C")

# Access markers: "(Åben)", "(Lukket punkt)", "- Åben sag", "Lukket sag".
ACCESS_WORDS: dict[str, str] = {
    "åben": "åben", "åbent": "åben", "lukket": "lukket",
    # "(for lukkede døre)", "(for åbne døre)" after a title
    "åbne": "åben", "lukkede": "lukket",
}  # fmt: skip

# Headings that may stand alone as a whole line in flattened text ("4. Eventuelt Intet."
# is cut after "Eventuelt"): the cleaner looks whole words up in this short, exact list
# (ingest/clean/reline.py). A different job from deciding whether an item is formalia
# (is_formalia_title, cues in labels.toml): it includes "orientering" and "orienteringer",
# which stand alone as headings but name no formal item, and it must stay a closed set of
# exact wordings for the cleaner's linear word scan, so it is not derived from the cues.
FORMALIA_TITLES = (
    "godkendelse af dagsorden", "godkendelse af dagsordenen", "godkendelse af referat",
    "godkendelse af referatet", "meddelelser", "eventuelt", "siden sidst", "orientering",
    "orienteringer", "gensidig orientering", "næste møde", "evt.", "evt",
)  # fmt: skip

# The formal items that ask the meeting to approve its agenda or its last minutes: which
# of the formalia items the summarizer words as an approval (not whether an item is formal).
APPROVAL_TITLE_RE = re.compile(
    r"(?:godkendelse af|beslutning(?:er)? om) (?:dagsorden|dagorden|referat)", re.IGNORECASE
)
# Minutes of a small council print the verdict on a formal item as its whole text, with no
# decision heading: "Godkendt", "Referatet godkendt.", "Dagsorden godkendt og referat
# godkendt.", "BeslutningGodkendt." (a heading glued to it). Matches up to "godkendt".
VERDICT_IN_BODY_RE = re.compile(
    r"^(?:beslutning:?\s*)?(?:(?:dagsorden(?:en)?|referat(?:et|erne)?|begge referater)\s+"
    r"(?:er\s+|blev\s+)?)?(?=godkendt\b)",
    re.IGNORECASE,
)
# Minutes' prose that already tells what the meeting did ("Rådet godkendte planen",
# "Formanden orienterede om ...", "blev taget til efterretning"): no ask guessed from the
# title ("skal godkendes") belongs after it.
PAST_OUTCOME_RE = re.compile(
    r"\b(?:godkendte|vedtog|besluttede|tiltrådte|orienterede|drøftede"
    r"|blev\s+(?:godkendt|vedtaget|besluttet|drøftet)|tog\s+(?:\w+\s+){0,3}til efterretning"
    r"|taget til efterretning)\b",
    re.IGNORECASE,
)
# What a page's header gives for the body that is no body to name in an ask: a breadcrumb
# ("Lokalrådet > Referater"), a site's menu ("Dagsordener og referater ..."), a
# greeting, an attendance line ("Mødt: Bestyrelsen"), a code ("K01") or a genitive
# left from a cut name ("Kommunes Byråd").
NOT_A_BODY_RE = re.compile(
    r"[>|:()\d]|\b(?:dagsorden\w*|referat\w*|velkommen|ikon|mødt)\b|^(?:kommunes|regionens)\b",
    re.IGNORECASE,
)
# Words of a web page's furniture after a body's name on one line ("Udvalg Ikon",
# "Byrådet Vis medlemmer Rss-feed Udskriv"): the name ends before them.
BODY_FURNITURE_WORDS = frozenset({
    "ikon", "hent", "vis", "rss", "rss-feed", "udskriv", "print", "funktioner", "abonnér",
    "abonner", "del",
})  # fmt: skip
# A line made of these words alone is a table's column heads, not a name
# ("Udvalg Dato Type Hent", "Titel Udvalg Funktioner").
BODY_TABLE_WORDS = frozenset({
    "udvalg", "dato", "type", "hent", "titel", "funktioner", "ikon", "punkt", "tekst", "side",
    "møde", "tidspunkt", "sted", "status",
})  # fmt: skip
# Words that name no one body on their own ("Byråd og udvalg" in a site's menu).
GENERIC_BODY_WORDS = frozenset({
    "udvalg", "byråd", "råd", "nævn", "samråd", "og", "politik", "politiske", "fora", "forum",
})  # fmt: skip
# A site's list of meetings, not a meeting: "Dagsordener og referater fra udvalg ...",
# "Se alle dagsordener ...".
BODY_LISTING_RE = re.compile(r"(?:dagsordener|referater|mødekalender|se alle)", re.I)
# An item that elects people ("Valg af formand og kasserer", "Valg af referent",
# "Konstituering"): its text is often the names alone.
ELECTION_TITLE_RE = re.compile(r"^(?:valg af|valg til|konstituering)\b", re.IGNORECASE)
# An aside in brackets that a sentence is untrue without: a negation or a change of plan
# ("(genopstiller ikke)", "(nu flyttet til 7. maj)", "(aflyst)"); not "ændres",
# which rule changes print in every aside.
PAREN_KEEP_RE = re.compile(
    r"\b(?:ikke|ingen|intet|aldrig|flyttet|flyttes|aflyst|aflyses|udsat"
    r"|udskudt|erstatter|i stedet)\b",
    re.IGNORECASE,
)
# A pointer to a list or table left out of a summary: "med disse tilføjelser",
# "med følgende ændringer", "jf. nedenstående".
LIST_POINTER_RE = re.compile(r"\b(?:disse|følgende|nedenstående|ovenstående)\b", re.IGNORECASE)
# Item types a parser may give a formal item.
FORMALIA_ITEM_TYPES = frozenset({"formal", "formalia", "procedural"})
# The policy area whose title_cues / group_cues in labels.toml name the formal items.
FORMALIA_AREA = "formalia"

# What a page prints before a title that is no part of what the item is about: an item-type
# label ("Beslutningssag: "), an access marker ("Lukket punkt - ", "Åben - ") or the short
# name of the body in capitals ("KB - ", "BSU - "), then a colon, a dash or a full stop.
# "LUKKET PUNKT - Salg af jord" is about land, not formalia, so cues are tried without it.
_ACCESS_WORDS_RE = "|".join(sorted(ACCESS_WORDS, key=len, reverse=True))
_ACCESS_PREFIX = r"(?i:" + _ACCESS_WORDS_RE + r")(?:\s+(?i:punkt|sag|møde))?"
_TITLE_LABEL_RE = re.compile(
    r"^\W*(?:(?i:"
    + "|".join(re.escape(k) for k in sorted(ITEM_TYPE_LABELS, key=len, reverse=True) if len(k) > 1)
    + r")|(?:"
    + _ACCESS_PREFIX
    + r"|[A-ZÆØÅ]{2,6})(?:\s+(?:"
    + _ACCESS_PREFIX
    + r"|[A-ZÆØÅ]{2,6})){0,2})\s*[:.–-]\s*(?=\w)"
)

_LEADING_MARKS_RE = re.compile(r"^[^\w(]+")


def title_without_labels(title: str) -> str:
    """The title without the labels a page prints before it (type, access, the body's initials).

    >>> title_without_labels("Beslutningssag: Godkendelse af dagsorden")
    'Godkendelse af dagsorden'
    >>> [title_without_labels(t) for t in ("LUKKET PUNKT - Salg af jord", "KB - Eventuelt")]
    ['Salg af jord', 'Eventuelt']
    >>> title_without_labels("Budget 2026 - 2. behandling")
    'Budget 2026 - 2. behandling'
    """
    bare = _LEADING_MARKS_RE.sub("", title.strip())  # "- Eventuelt", "... Meddelelser"
    for _ in range(2):  # "Lukket punkt - BSU - Eventuelt"
        stripped = _TITLE_LABEL_RE.sub("", bare, count=1)
        if stripped == bare:
            break
        bare = stripped
    return bare


# Which wordings make an item formal has one home: the formalia area's cues in labels.toml.
# That file, not this module, is the home because tagging must follow a user's edit of it
# (an edited labels.toml, or `kkrnlp tag --labels`), and a tagging model carries its own
# copy; the summarizer and the digest read the package's file through the same function,
# so a wording added there takes effect in tags, summaries and the digest alike. What stays
# here is the Danish of title shapes (the labels printed before a title), not the wordings.
def is_formalia_title(title: str | None, taxonomy: Taxonomy | None = None) -> bool:
    """Whether a title names the meeting's own business (agenda, minutes, "Eventuelt", ...).

    The one home of these wordings is the ``title_cues`` of the ``formalia`` area in
    labels.toml (``taxonomy``; default: the package's own file), so the tagger's
    formalia rule, the summarizer and the digest read the same cues. They are tried on
    the title and on the title without its printed labels (:func:`title_without_labels`).

    >>> is_formalia_title("Godkendelse af dagsorden"), is_formalia_title("Formandens meddelelser")
    (True, True)
    >>> is_formalia_title("KB - Godkendelse af referat"), is_formalia_title("Lukket punkt")
    (True, True)
    >>> [is_formalia_title(t) for t in ("Budget 2025 for ældreområdet", "Lukket: Salg af jord")]
    [False, False]
    """
    if not title:
        return False
    cues = _formalia_cues(taxonomy, group=False)
    plain = title.strip()
    bare = title_without_labels(plain)
    return match_cues(cues, plain) or (bare != plain and match_cues(cues, bare))


def is_formalia_group(group: str | None, taxonomy: Taxonomy | None = None) -> bool:
    """Whether a group heading holds only the meeting's own business ("Punkter til næste møde").

    The cues are the ``group_cues`` of ``formalia`` in labels.toml. A heading such as
    "Åben dagsorden" names a formal *item* when it is a title, but as a group it holds
    every item of the meeting, so groups are never read with the title cues.

    >>> is_formalia_group("Punkter til næste møde"), is_formalia_group("Åben dagsorden")
    (True, False)
    """
    return bool(group) and match_cues(_formalia_cues(taxonomy, group=True), group)


def _formalia_cues(taxonomy: Taxonomy | None, group: bool) -> tuple[str, ...]:
    try:
        label = (taxonomy or packaged_taxonomy()).policy_area(FORMALIA_AREA)
    except KeyError:  # a user's label set without formalia: nothing is formal by rule
        return ()
    return label.group_cues if group else label.title_cues


# Web-page furniture lines that are never a title ("Se alle bilag", "Til toppen").
PAGE_FURNITURE = frozenset({
    "se alle bilag", "til toppen", "udskriv", "fold alle punkter", "hent som fil", "tilbage",
    "kopier link til punktet", "luk alle punkter", "åbn alle punkter", "del", "print",
    "til indholdsfortegnelse", "du er her", "you are here", "søg", "menu", "forside",
    "indhold", "indholdsfortegnelse", "indholdsliste", "udskriv hele dagsordnen",
    "udskriv hele dagsordenen",
})  # fmt: skip

# Web-page furniture found in pages saved from blogs and association sites, as whole
# lines (lower case, without end punctuation): a blog's comment form, cookie-banner
# buttons, navigation read out as text. The cleaner drops such a line anywhere.
WEB_FURNITURE_LINES = frozenset({
    "skriv en kommentar", "skriv kommentar", "skriv et svar", "skriv svar",
    "efterlad en kommentar", "tilføj en kommentar",
    "læg en kommentar", "send kommentar", "annuller svar", "leave a reply", "leave a comment",
    "post comment", "cancel reply", "kun nødvendige", "accepter nødvendige",
    "tillad nødvendige", "kun nødvendige cookies", "kontakt os", "tilbage til indhold",
    "retur til indhold", "tilbage til hovedmenu", "retur til hovedmenu",
    "tilbage til hoved menu", "retur til hoved menu", "tilbage til menuen", "retur til menuen",
    "retur til forsiden", "tilbage til forsiden", "retur til toppen",
})  # fmt: skip

# Words that are furniture only in a run of furniture at the very end of a page (a
# comment form's field labels, a lone "Skriv" left of its button): in a sentence or
# heading earlier on they are content.
TAIL_FURNITURE_LINES = frozenset({
    "skriv", "svar", "send", "kommentar", "kommentarer", "navn", "e-mail", "email", "mail",
    "websted", "hjemmeside", "udskriv", "print", "reply", "name", "website", "comment",
})  # fmt: skip

# Notices of a site's comment form, anywhere in a short line ("Din e-mailadresse vil
# ikke blive publiceret", "This site uses Akismet ...", "Gem mit navn, mail og ...").
WEB_FORM_NOTICE_RE = re.compile(
    r"""\bakismet\b
      | \b(?:din|your)\se-?mail(?:-?adresse|\saddress)?\s(?:vil|will)\s(?:ikke|not)\s
        (?:blive\s)?(?:be\s)?(?:publiceret|offentliggjort|vist|published)
      | \b(?:på)?krævede\sfelter\ser\smarkeret\b | \brequired\sfields\sare\smarked\b
      | \bgem\smit\snavn,?\s(?:e-?)?mail\b | \bsave\smy\sname,?\semail\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

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
    "gennemgået",
)  # fmt: skip

# A decision of one word printed right under a title ("Godkendt", "ok"): never the
# title's second line, even in lower case.
# A committee's verdict on one point of a recommendation, printed as a numbered line
# under it ("1) Godkendt.", "2) Anbefales over for Byrådet."): never an item's title.
POINT_VERDICTS = (
    "godkendt", "vedtaget", "tiltrådt", "drøftet", "anbefales", "anbefalet",
    "taget til efterretning",
)  # fmt: skip
SHORT_VERDICTS = frozenset({
    "ok", "o.k", "godkendt", "vedtaget", "tiltrådt", "drøftet", "udsat", "intet", "ingen",
})  # fmt: skip

# How minutes name the members who were away ("Fraværende: Ida Holm", "Afbud fra: NN",
# "Ej til stede: NN"), as regular expressions: a summary of a formal item names them,
# as the reference summaries do; a decision's summary sentence leaves the line out.
ABSENTEE_LABELS = (
    r"fraværende", r"afbud(?:\s+fra)?", r"ej\s+til\s+stede", r"ikke\s+til\s+stede", r"fravær",
)  # fmt: skip

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
# Role stems a presenter may be named by, with or without the article and as the last part of
# a compound: "v. direktør", "v. bestyrelsesformand og direktør", "v/ afdelingschefen".
PRESENTER_ROLE_STEMS = (
    "formand", "direktør", "leder", "chef", "borgmester", "sekretær", "konsulent", "kasserer",
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


# Column labels of a flattened table that lists items one row at a time, the label line
# printed right above the decision column's heading ("Sagstitel" / "Beslutning"): the
# row's title is the cell under them, not the label.
TABLE_TITLE_LABELS = frozenset({"sagstitel", "sagsoverskrift", "sagens titel", "overskrift"})


# A group line of a list of item titles: "Åbne punkter", "Lukkede dagsordenspunkter",
# "Til efterretning (åbne punkter)", "Sager til beslutning". Short, with a word for items.
_ITEM_GROUP_WORD_RE = re.compile(r"\b(?:punkter|dagsordenspunkter|sager)\b", re.IGNORECASE)
MAX_ITEM_GROUP_LINE = 50


def names_item_group(line: str) -> bool:
    """Whether a short line names a group of agenda items (a list's group line).

    >>> [names_item_group(s) for s in ("Til efterretning (åbne punkter)", "Lukkede sager:",
    ...     "Sager til beslutning")]
    [True, True, True]
    >>> [names_item_group(s) for s in ("Der var 9 punkter på listen.", "Indstilling",
    ...     "Punkter til næste møde: budget og plan")]
    [False, False, False]
    """
    plain = line.strip()
    body = plain[:-1] if plain.endswith(":") else plain
    return (
        0 < len(body) <= MAX_ITEM_GROUP_LINE
        and body[:1].isupper()
        and not body.endswith((".", ",", ";"))
        and ":" not in body
        and bool(_ITEM_GROUP_WORD_RE.search(body))
    )


# Words that say nothing about what an item is about: access markers and the words of
# "Punkt 7" and "Sag nr. 24/1173". A title of these words and numbers alone (a closed
# item, a bare case number) cannot be given a topic: CAP codes it 99, "not codable".
# Not the item-type labels: coders give "Meddelelser" and "Orientering" a topic (20).
NO_MATTER_WORDS = frozenset(
    {"punkt", "punktet", "pkt", "dagsordenspunkt", "sag", "sagen", "sagsnr", "sagsnummer",
     "nr", "j", "jnr", "journalnr", "journalnummer", "fortrolig", "fortroligt", "fortrolige",
     "udgår", "udgået"}
    | set(ACCESS_WORDS)
)  # fmt: skip
_LETTER_WORD_RE = re.compile(r"[^\W\d_]+")


def names_no_matter(title: str | None) -> bool:
    """Whether a title says nothing about its matter (only markers, numbers, "Punkt", "Sag").

    >>> [names_no_matter(t) for t in ("Lukket punkt", "Sag nr. 2024-117", "7.", "Punktet udgår")]
    [True, True, True, True]
    >>> [names_no_matter(t) for t in ("Lukket punkt: Salg af grund", "Busplan 2025")]
    [False, False]
    """
    return all(w in NO_MATTER_WORDS for w in _LETTER_WORD_RE.findall((title or "").lower()))
