"""Web-page furniture in agenda text: buttons, menus, breadcrumbs, banners, footers.

Pages saved from many municipal publishing systems carry the words of their
user interface along with the agenda ("Til toppen", "Kopier link til punktet",
"Fold alle punkter", "Se alle bilag", a cookie banner, a breadcrumb trail, a
"Størrelse: px ... Download ... Transkript" viewer). They are found by what
they are, not by which site printed them:

- a line that *is* a UI label from :data:`UI_LINES` (buttons and links read
  out as text), or starts with one from :data:`UI_PREFIXES` glued to real text
  ("fold dette punkt ind Resume" keeps "Resume");
- a line shaped like a menu (four or more short cells between ``|``), a
  breadcrumb (starts at the home page and steps through ``>``, ``»``, ``/`` or
  an arrow's alt text), a logo's alt text, a cookie banner, a download viewer;
- the site footer's contact block at the very end (telephone, CVR/EAN,
  "Følg os", privacy statements).

Agenda text is never removed on a guess: a label must stand alone on its line
(capitalised, no full stop after it), and words an agenda prints as headings
("Referat", "Indholdsfortegnelse", "Bilag") are not in the vocabulary.
Every test is a set lookup, ``startswith`` or an anchored pattern: linear.
"""

from __future__ import annotations

import re

from kkrnlp.danish import TAIL_FURNITURE_LINES, WEB_FORM_NOTICE_RE, WEB_FURNITURE_LINES

# Whole lines that are UI labels (lower case, without trailing ':' or '.').
UI_LINES: frozenset[str] = frozenset(
    {
        # back to top / navigation inside the page
        "til toppen", "til top", "til toppen af siden", "tilbage til toppen", "gå til toppen",
        "til indholdsfortegnelse", "tilbage til indholdsfortegnelse", "tilbage", "gå tilbage",
        "gå til indhold", "gå til hovedindhold", "spring til indhold", "spring til hovedindhold",
        "spring navigation over", "you are here", "du er her", "skip to content", "til forsiden",
        "forside", "forsiden", "menu", "luk menu", "åbn menu", "hovedmenu", "luk",
        # fold / unfold items
        "fold alle punkter", "fold alle punkter ud", "fold alle punkter ind", "udfold alle punkter",
        "udfold alle", "udfold", "fold ud", "fold ind", "luk alle punkter", "åbn alle punkter",
        "vis alle punkter", "skjul alle punkter", "fold dette punkt ud", "fold dette punkt ind",
        "vis mere", "vis mindre", "læs mere", "se mere",
        # links and sharing
        "kopier link", "kopiér link", "kopier link til punktet", "kopiér link til punktet",
        "kopier link til dette punkt", "kopier linket", "link kopieret", "del", "del siden",
        "del denne side", "del punktet", "del på facebook", "del på linkedin", "del på twitter",
        "del på x", "del via e-mail", "del via mail", "send til en ven", "facebook", "linkedin",
        "twitter", "instagram", "youtube",
        # attachments and downloads
        "se alle bilag", "vis alle bilag", "skjul bilag", "vis bilag", "hent som fil",
        "hent som pdf", "hent dagsorden", "hent referat", "hent hele dagsordenen",
        "hent hele referatet", "download", "download som pdf", "download pdf", "udskriv",
        "udskriv punkt", "udskriv dagsorden", "udskriv referat", "print", "print siden",
        "åbn i nyt vindue",
        # document viewers ("Størrelse: px / Starte visningen fra side: / Transkript")
        "størrelse: px", "starte visningen fra side", "transkript", "save this pdf as",
        "gem denne pdf som",
        # search boxes
        "søg", "søg her", "søg på siden", "søgefelt", "indtast søgeord", "søg i dagsordener",
        "søg efter dagsordener", "nulstil", "nulstil søgning", "vælg udvalg",
        "vælg dit udvalg herunder", "vælg år", "vælg møde",
        # cookie banner buttons
        "accepter cookies", "accepter alle cookies", "accepter alle", "afvis cookies", "afvis alle",
        "tillad alle cookies", "tillad alle", "tillad valgte", "kun nødvendige cookies",
        "nej tak til cookies", "cookieindstillinger", "cookie-indstillinger", "rediger samtykke",
        "skift samtykke", "læs mere om cookies", "se vores cookiepolitik", "jeg accepterer",
        # reading aids and site tools
        "lyt", "læs op", "lyt til siden", "hjælp", "sitemap", "log ind", "log af", "english",
        "deutsch", "tilgængelighedserklæring", "privatlivspolitik", "cookiepolitik",
        "abonner", "abonnér", "rss", "følg os", "genveje", "relaterede links", "log på",
        "skip to main content", "gå til navigation", "spring til navigation", "tekststørrelse",
        "skift kontrast", "på denne side", "sidens indhold", "send som e-mail", "send link",
        "udskriv siden", "print denne side", "fandt du det, du søgte?", "fandt du, hvad du søgte?",
        "var siden nyttig?", "var denne side nyttig?", "giv feedback",
        "hjælp os med at blive bedre",
        "abonner på dagsordener", "tilmeld nyhedsbrev", "læs også", "se også", "relateret indhold",
        "vælg", "hjem", "printvenlig version", "printvenlig udgave", "udskriftsvenlig version",
        "åbn punkt", "luk punkt", "vis punkt", "skjul punkt", "vis detaljer", "skjul detaljer",
        "lyt til teksten", "læs højt", "læs siden op", "top", "til sidens top", "tilbage til top",
        "gå til top", "om cookies", "cookieerklæring", "cookie-erklæring", "del på sociale medier",
        "del dette", "del artiklen", "pdf",
    }
)  # fmt: skip

# UI labels that precede real text on the same line ("fold dette punkt ind Resume").
UI_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "fold dette punkt ind", "fold dette punkt ud", "fold punktet ind", "fold punktet ud",
            "luk alle punkter", "åbn alle punkter", "fold alle punkter", "udfold alle punkter",
            "kopier link til punktet", "kopiér link til punktet",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

# Phrases that only ever occur in notices of the site itself, anywhere in a short line.
_SITE_NOTICE = re.compile(
    r"""(?:\b(?:vi|siden|hjemmesiden|hjemmeside|websitet|websted|webstedet|sitet)\s
          (?:bruger|anvender)\scookies\b
       | ^(?:sidst|senest)\s(?:opdateret|redigeret|ændret)\b.{0,40}$
       | ^(?:du\skan|her\skan\sdu)\s.{0,200}\b(?:herunder|nedenfor|linket|søge\sherunder)\b
       | \baccepter(?:er)?\s(?:alle\s|vores\s|brugen\saf\s)?cookies\b
       | \bnej\stak\stil\scookies\b
       | \bse\svores\s\W?cookie\s?politik
       | \bsamtykke\stil\s(?:brug\saf\s)?cookies\b
       | \bkunne\sikke\sindlæse\s(?:data|indhold|siden)\b
       | \bgå\sikke\sglip\saf\s(?:vigtig\s)?digital\spost\b
       | \bjavascript\s(?:er\s)?(?:slået\sfra|deaktiveret|skal\svære\saktiveret)
       | \bstarte\svisningen\sfra\sside\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A fold-out or read-more link read out after a title, glued or not.
_UI_SUFFIX = re.compile(
    r"\s?(?:Klik|klik) her for at (?:folde|fold|åbne|lukke|læse|se|vise)\b.{0,400}$"
    r"|(?<=[a-zæøå)\d])(?:Klik her|Læs mere|Vis mere|Fold ud|Åbn/luk punkt|Åbn/luk)$"
)
_UI_SUFFIX_CUES = ("lik", "luk", "mere", "Fold ud")
# A viewer's save-as buttons read out: "WORD  PNG  TXT  JPG".
_FORMAT_BUTTONS = re.compile(
    r"^(?:(?:word|png|txt|jpe?g|pdf|docx?|epub|html?|xlsx?|odt|rtf)(?:\s+|$)){2,}$", re.IGNORECASE
)
_DOWNLOAD_TITLE = re.compile(r'^download\s*["“”«].{0,300}["“”»]$', re.IGNORECASE)
_BREADCRUMB = re.compile(
    r"^(?:du\ser\sher:?\s{0,3})?(?:forside|forsiden|hjem|hjemmeside|start|startside|home)"
    r"\s{0,3}(?:pil|>|»|›|/|→|\\|\|)",
    re.IGNORECASE,
)
# An arrow image's alt text glued between crumbs: "ForsidepilPolitikpilReferater".
_ARROW_CRUMB = re.compile(r"[a-zæøå]pil[A-ZÆØÅ]")
_GLUED_HOME_SUFFIX = re.compile(r"\S(?:til forsiden|gå til forsiden)$", re.IGNORECASE)
_LOGO = re.compile(
    r"^.{0,80}(?:\b(?:kommunes?|regionens?|regions?|kkr)\slogo|\blogo,?\slink\stil\sforsiden)\b.{0,40}$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:[-•*·]\s+|\*\*)")

# A site footer's contact block: lines like these at the very end of the page.
_CONTACT = re.compile(
    r"""^(?:(?:tlf|telefon|fax|mobil)\.?:?\s*\+?[\d ]{8,}
       | (?:cvr|ean|se)(?:-?nr\.?)?:?\s*[\d ]{8,}
       | e-?mail:?\s*\S+@\S+ | \S+@\S+\.\w{2,4}
       | åbningstider.{0,80} | følg\sos.{0,60} | privatlivspolitik | tilgængelighedserklæring
       | cookiepolitik | persondatapolitik | kontakt\sos | telefontider.{0,80}
       | .{0,60}\b\d{4}\s[A-ZÆØÅ][a-zæøå]+(?:\s[A-ZÆØÅ]?[a-zæøå]+)?$
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_FOOTER_ANCHOR = re.compile(
    r"^(?:(?:cvr|ean)\b|følg\sos|privatlivspolitik|tilgængelighedserklæring|cookiepolitik"
    r"|åbningstider|persondatapolitik)",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    """A line as the vocabulary spells it: no bullet, emphasis or end punctuation, lower case."""
    core = _LEAD.sub("", line.strip())
    core = core.rstrip(" :.!|*").lstrip("*").strip()
    return " ".join(core.lower().split())


def _is_label_shaped(line: str, key: str) -> bool:
    """A UI label ends without a full stop; a one-word label stands capitalised, unbulleted."""
    core = line.strip().strip("*").strip()
    if not core or (core.endswith((".", ",")) and not core.endswith("...")):
        return False
    if " " not in key:
        return not _LEAD.match(line.strip()) and core[:1].isupper()
    return True


def _is_menu(line: str) -> bool:
    """Four or more short cells between '|': a site menu read out as text."""
    if line.count("|") < 3:
        return False
    cells = [cell.strip() for cell in line.split("|")]
    cells = [cell for cell in cells if cell]
    if len(cells) < 4:
        return False
    return all(len(cell) <= 40 and len(cell.split()) <= 5 for cell in cells[:-1]) and not any(
        cell.endswith((".", ",")) for cell in cells
    )


def is_furniture_line(line: str) -> bool:
    """Whether a whole line is web-page furniture (see the module docstring)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 600:
        return False
    key = _key(stripped)
    if _is_label(key) and _is_label_shaped(stripped, key):
        return True
    if len(stripped) <= 300 and WEB_FORM_NOTICE_RE.search(stripped):
        return True
    if len(stripped) <= 120 and _all_labels(stripped):
        return True
    if _SITE_NOTICE.search(stripped) or _DOWNLOAD_TITLE.match(stripped):
        return True
    if _FORMAT_BUTTONS.match(stripped):
        return True
    if _BREADCRUMB.match(stripped) or _LOGO.match(stripped) or _is_menu(stripped):
        return True
    if len(_ARROW_CRUMB.findall(stripped)) >= 2:
        return True
    return len(stripped) <= 80 and bool(_GLUED_HOME_SUFFIX.search(stripped))


_LABEL_SEPARATOR = re.compile(r"\s+[-–|·/]\s+")


def _all_labels(line: str) -> bool:
    """Several UI labels on one line: 'Kopier link til punktet - Print'."""
    parts = _LABEL_SEPARATOR.split(line)
    return len(parts) >= 2 and all(_is_label(_key(part)) for part in parts)


def _is_label(key: str) -> bool:
    return key in UI_LINES or key in WEB_FURNITURE_LINES


def strip_ui_suffix(line: str) -> str:
    """Drop a fold-out link glued after a title: 'TitelKlik her for at folde ud ...' -> 'Titel'."""
    if not any(cue in line for cue in _UI_SUFFIX_CUES):
        return line
    match = _UI_SUFFIX.search(line)
    return line[: match.start()].rstrip() if match and match.start() > 0 else line


def strip_ui_prefix(line: str) -> str:
    """Drop a UI label glued in front of text: 'fold dette punkt ind Resume' -> 'Resume'."""
    stripped = _LEAD.sub("", line.strip())
    low = stripped.lower()
    for prefix in UI_PREFIXES:
        if low.startswith(prefix) and len(low) > len(prefix) and low[len(prefix)] == " ":
            return stripped[len(prefix) :].strip()
    return line


def _footer_block_start(lines: list[str]) -> int:
    """Index where a trailing site-footer block starts, or len(lines) when there is none."""
    start = len(lines)
    anchored = contact = 0
    i = len(lines) - 1
    while i >= 0 and len(lines) - i <= 25:
        line = lines[i].strip()
        if len(line) > 300:
            break
        if not line:
            i -= 1
            continue
        if _CONTACT.match(line) or _key(line) in UI_LINES:
            contact += 1
            anchored += bool(_FOOTER_ANCHOR.match(line))
            start = i
            i -= 1
            continue
        if len(line) <= 40 and not line.endswith(".") and i >= 1 and start - i <= 2:
            i -= 1  # a name or address line inside the block
            continue
        break
    return start if anchored and contact >= 3 else len(lines)


def _tail_run_start(lines: list[str], end: int) -> int:
    """Where a run of furniture lines ending the page (before ``end``) starts, or ``end``.

    The run is kept unless it holds a comment-form line or a label that is furniture
    only here ("Skriv", "udskriv"): a page that merely ends on "Til toppen" is handled
    line by line already. Labels count here in any case (a lower-case "udskriv").
    """
    start = end
    anchored = False
    i = end - 1
    while i >= 0 and end - i <= 25:
        line = lines[i].strip()
        if not line:
            i -= 1
            continue
        key = _key(line)
        tail_word = key in TAIL_FURNITURE_LINES and not line.endswith((".", ","))
        if not (tail_word or _is_label(key) or is_furniture_line(line)):
            break
        anchored = anchored or tail_word or key in WEB_FURNITURE_LINES
        anchored = anchored or bool(WEB_FORM_NOTICE_RE.search(line))
        start = i
        i -= 1
    return start if anchored else end


def remove_web_furniture(lines: list[str], removed: list[str]) -> list[str]:
    """Drop furniture lines (kept in ``removed``) and UI labels glued to text."""
    out: list[str] = []
    tail = _tail_run_start(lines, _footer_block_start(lines))
    for i, line in enumerate(lines):
        if i >= tail and line.strip():
            removed.append(line.strip())
            continue
        if is_furniture_line(line):
            removed.append(line.strip())
            continue
        out.append(strip_ui_suffix(strip_ui_prefix(line)) if line.strip() else line)
    return out
