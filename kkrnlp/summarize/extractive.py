"""The default summarizer: select and compress the item's own sentences.

A summary has two parts, as the reference summaries do (see the labelling
guidelines): what the matter is, taken from the best one or two sentences of
the background, and what the meeting is asked to do (agendas) or what it
decided (minutes and council cases), rewritten from the recommendation
("Det indstilles, at KKR Hovedstaden godkender ..." -> "KKR Hovedstaden skal
godkende ...") or the decision. It needs no model weights and costs a few
milliseconds per item. Every summary is checked with
:func:`~kkrnlp.summarize.faithfulness.check_faithfulness`; when a rewrite
step produced an unsupported fact, the plain extract is used instead.

>>> from kkrnlp.schema import AgendaItem, Section
>>> item = AgendaItem("3.1", "Status for klimaprojekter", sections=[
...     Section("Baggrund", "KKR vedtog syv klimaprojekter i 2020. Status er god."),
...     Section("Indstilling", "Det indstilles, at KKR Fyn tager orienteringen til efterretning.")],
...     recommendation_text="Det indstilles, at KKR Fyn tager orienteringen til efterretning.")
>>> ExtractiveSummarizer().summarize(item).text
'KKR vedtog syv klimaprojekter i 2020. KKR Fyn skal tage orienteringen til efterretning.'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.faithfulness import MONTHS, check_faithfulness
from kkrnlp.summarize.sentences import Unit, normalize_space, split_units

logger = logging.getLogger(__name__)


@dataclass
class Summary:
    """A summary of one item; ``unsupported`` lists facts not found in the item's text."""

    text: str
    method: str = "extractive"
    faithful: bool = True
    unsupported: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "method": self.method,
            "faithful": self.faithful,
            "unsupported": list(self.unsupported),
        }


@dataclass
class ExtractiveSettings:
    """Settings of :class:`ExtractiveSummarizer`.

    ``encoder`` (a hub id, a local directory or ``"default"``) turns on
    ranking by similarity to the title and recommendation with
    :class:`kkrnlp.encoder.Encoder`; the default ranks without a model.
    """

    max_words: int = 80
    max_sentences: int = 3
    max_matter_sentences: int = 2
    max_list_items: int = 5
    max_list_item_words: int = 10
    min_sentence_words: int = 5
    second_sentence_min_score: float = 0.75
    encoder: str | None = None
    encoder_weight: float = 1.0


# --- verbs of recommendations -------------------------------------------------

# present tense -> (infinitive, past tense); regular verbs are handled by rule
_IRREGULAR = {
    "tager": ("tage", "tog"),
    "giver": ("give", "gav"),
    "vedtager": ("vedtage", "vedtog"),
    "tiltræder": ("tiltræde", "tiltrådte"),
    "kommer": ("komme", "kom"),
    "træffer": ("træffe", "traf"),
    "afgiver": ("afgive", "afgav"),
    "fastholder": ("fastholde", "fastholdt"),
    "igangsætter": ("igangsætte", "igangsatte"),
    "nedsætter": ("nedsætte", "nedsatte"),
    "afsætter": ("afsætte", "afsatte"),
    "sender": ("sende", "sendte"),
    "godkender": ("godkende", "godkendte"),
    "deltager": ("deltage", "deltog"),
    "gør": ("gøre", "gjorde"),
    "ser": ("se", "så"),
    "får": ("få", "fik"),
    "går": ("gå", "gik"),
    "står": ("stå", "stod"),
    "er": ("være", "var"),
    "har": ("have", "havde"),
}
_REC_VERBS = {
    "tager",
    "drøfter",
    "godkender",
    "udpeger",
    "giver",
    "indstiller",
    "tiltræder",
    "vedtager",
    "anbefaler",
    "beslutter",
    "bemyndiger",
    "behandler",
    "sender",
    "kommer",
    "afgiver",
    "fastholder",
    "træffer",
    "noterer",
    "tilslutter",
    "bakker",
    "bevilger",
    "igangsætter",
    "orienterer",
    "opretter",
    "fremsender",
    "prioriterer",
    "vælger",
    "konstituerer",
    "udtaler",
    "peger",
    "understøtter",
    "deltager",
    "nedsætter",
    "afsætter",
    "forelægger",
    "fastsætter",
    "afgør",
    "gør",
    "udtrykker",
    "støtter",
    "opfordrer",
    "udsætter",
    "ændrer",
    "accepterer",
    "meddeler",
    "overdrager",
    "indgår",
    "bevilliger",
    "afviser",
    "sikrer",
    "forlænger",
    "genudpeger",
}
_PASSIVE_SKIP = {"proces", "status", "kurses", "adresses"}


def _infinitive(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low][0]
    return low[:-1] if low.endswith("er") else low.rstrip("r")


def _past(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low][1]
    stem = low[:-2] if low.endswith("er") else low.rstrip("r")
    return stem + "ede"


def _is_verb(word: str) -> bool:
    return word.lower().strip(",.:;") in _REC_VERBS


def _is_passive(word: str) -> bool:
    low = word.lower().strip(",.:;")
    return len(low) > 4 and low.endswith("es") and low not in _PASSIVE_SKIP and low.isalpha()


# --- text clean-up helpers ------------------------------------------------------

_CONNECTIVES = (
    "derudover",
    "endvidere",
    "desuden",
    "herudover",
    "samtidig",
    "ligeledes",
    "derfor",
    "således",
    "dertil",
    "yderligere",
    "endelig",
    "herefter",
    "i øvrigt",
)
_V2_SUBJECTS = {"der", "det", "den", "de", "vi", "man", "han", "hun", "kl", "kkr"}
_PAREN_RE = re.compile(r"\s*\((?![A-ZÆØÅ]{1,2}\))[^()]*\)")
_BOILERPLATE_RE = re.compile(
    r"læses her|kan ses her|(?<!\w)link|vedlagt|vedhæftet|bilag|fremgår af|fremgår herunder"
    r"|se (?:mere|nedenfor|oversigt)|^under dette punkt|nedenfor|følgende tabel|hjemmeside"
    # a lead-in to a list that is not in the summary: "Status ... er følgende."
    r"|(?:er|ser) (?:ud )?(?:som )?følgende\s*[.:]?$|\bfølgende\s*[.:]$",
    re.IGNORECASE,
)
_REC_START_RE = re.compile(r"^(?:det\s+)?indstilles|^indstilling\b", re.IGNORECASE)
_TAIL_MARKERS = (
    ", hvilket ",
    ", idet ",
    ", herunder ",
    " – ",
    "; ",
    ", hvor ",
    ", som ",
    ", der ",
    ", men ",
    ", da ",
    ", og ",
    " med henblik på ",
    " for at ",
)
_STOP_WORDS = (
    "og i at på til af for med om er det den de en et som der fra ved har kan skal vil blev"
    " bliver være sig sin sine hvor hvad også samt eller men ikke nu så efter under over"
    " mellem denne dette disse alle flere mere mest meget andre anden andet"
)
_STOP = frozenset(_STOP_WORDS.split())
_FORMALIA_RE = re.compile(
    r"godkendelse af (?:dagsorden|dagorden|referat)|siden sidst|eventuelt|næste møde"
    r"|^møde i .* den|meddelelser|mødekalender|mødeplan|orientering fra formand",
    re.IGNORECASE,
)
_APPROVAL_FORMALIA_RE = re.compile(r"godkendelse af (?:dagsorden|dagorden|referat)", re.I)


def _words(text: str) -> list[str]:
    return text.split()


def _n_words(text: str) -> int:
    return len(text.split())


def _content_keys(text: str) -> set[str]:
    """Lower-cased content-word prefixes, so inflections meet ("aftalen" ~ "aftale")."""
    keys = set()
    for w in re.findall(r"[^\W\d_]+", text.lower()):
        if len(w) >= 4 and w not in _STOP:
            keys.add(w[:6])
    return keys


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _end(text: str) -> str:
    text = text.rstrip(" ,;:–-")
    return text if text.endswith((".", "!", "?")) else text + "."


def _drop_parentheticals(text: str) -> str:
    text = _PAREN_RE.sub("", text)
    return re.sub(r"\s+([,.;:])", r"\1", text)


def _drop_connective(text: str) -> str:
    """Drop a leading connective, restoring word order ("Derudover er der" -> "Der er")."""
    low = text.lower()
    for conn in _CONNECTIVES:
        if low.startswith(conn + " ") or low.startswith(conn + ", "):
            rest = text[len(conn) :].lstrip(" ,")
            if conn == "dertil" and rest.lower().startswith("kommer, at "):
                return _sentence_case(rest[len("kommer, at ") :])
            words = rest.split(" ", 2)
            if len(words) >= 2 and words[1].lower().strip(",") in _V2_SUBJECTS:
                tail = words[2] if len(words) > 2 else ""
                subject = words[1] if words[1].isupper() else words[1].lower()
                return _sentence_case(f"{subject} {words[0]} {tail}".strip())
            return text
    return text


def _cut_tail(text: str, budget: int) -> str:
    """Cut a subordinate tail so that ``text`` fits ``budget`` words, if it can be done cleanly."""
    if _n_words(text) <= budget:
        return text
    body = text.rstrip(".")
    best = None
    for marker in _TAIL_MARKERS:
        start = 0
        while True:
            pos = body.find(marker, start)
            if pos < 0:
                break
            head = body[:pos]
            n = _n_words(head)
            if 6 <= n <= budget and (best is None or n > _n_words(best)):
                best = head
            start = pos + 1
    return _end(best) if best else text


def compress(text: str) -> str:
    """Drop parentheticals and leading connectives of one sentence."""
    out = _drop_parentheticals(normalize_space(text))
    out = _drop_connective(out)
    return _end(out) if out else out


# --- the "what is asked" part ---------------------------------------------------


@dataclass
class _Ask:
    subject: str
    parts: list[tuple[str, str]]  # (verb present tense or "" for passive clause, rest)
    passive: bool = False


def _split_clause(clause: str, default_subject: str | None) -> tuple[str, str, str] | None:
    """Split "KKR Hovedstaden godkender X" into (subject, verb, rest)."""
    words = clause.split()
    for i, word in enumerate(words[:10]):
        if _is_verb(word) and (i > 0 or default_subject):
            subject = " ".join(words[:i]) or default_subject or ""
            return subject, word.strip(",.:;"), " ".join(words[i + 1 :])
        if i > 0 and _is_passive(word):
            return " ".join(words[:i]), "", " ".join(words[i:])
    return None


def _recommendation(item: AgendaItem) -> str | None:
    rec = item.recommendation_text or item.section("Indstilling", "Indstillinger")
    if rec and rec.strip():
        return rec
    for unit in split_units(item.text or ""):
        if re.search(r"\bindstilles,? at\b", unit.text, re.IGNORECASE):
            return unit.text
    return None


def _parse_ask(rec: str, body: str | None) -> _Ask | None:
    units = [u for u in split_units(rec) if not u.heading or u.text.lower().startswith("at ")]
    if not units:
        return None
    subject: str | None = None
    parts: list[tuple[str, str]] = []
    passive = False
    for unit in units:
        text = _drop_parentheticals(normalize_space(unit.text)).rstrip(".;")
        m = re.search(r"\bindstille[rs],?\s+at\s+(.*)$", text, re.IGNORECASE)
        if m:
            text = m.group(1)
        elif re.match(r"^at\s+følgende\s+besluttes", text, re.IGNORECASE):
            continue
        elif re.match(r"^at\s+", text, re.IGNORECASE):
            stripped = re.sub(r"^at\s+", "", text, flags=re.IGNORECASE)
            # "at kommunen deltager ..." is a clause; "at fastholde ..." stays as it is
            if _split_clause(stripped, None) is not None:
                text = stripped
        elif not unit.bullet and parts:
            break  # a remark after the recommendation
        if text.endswith(":") or (not parts and _n_words(text) <= 4 and not unit.bullet):
            subject = text.rstrip(":").strip()
            # "KKR Hovedstaden godkender," + bullets "at ..."
            split = _split_clause(subject, None)
            if split and split[1]:
                subject, verb, rest = split
                parts.append((verb, rest.rstrip(",")))
            continue
        if unit.bullet and parts and parts[-1][1] == "" and parts[-1][0]:
            verb = parts.pop()[0]
            parts.append((verb, text))
            continue
        split = _split_clause(text, subject or body)
        if split is None:
            if parts and parts[-1][0]:
                # "godkender," + "– at fastholde ..." bullets
                parts.append((parts[-1][0], text))
            continue
        subj, verb, rest = split
        if subject is None:
            subject = subj
        if not verb:
            passive = True
            parts.append(("", f"{subj} {rest}".strip()))
        else:
            parts.append((verb, rest))
    if not parts:
        return None
    return _Ask(subject or body or "Mødet", parts, passive)


def _verbs_in_rest(rest: str, tense) -> str:
    """Change coordinated present-tense verbs ("... og giver input") to ``tense``."""

    def repl(m: re.Match) -> str:
        return f"{m.group(1)} {tense(m.group(2))}"

    return re.sub(
        r"\b(og|samt|eller)\s+(" + "|".join(sorted(_REC_VERBS, key=len, reverse=True)) + r")\b",
        repl,
        rest,
    )


def _join_parts(pieces: list[str]) -> str:
    if len(pieces) == 1:
        return pieces[0]
    return ", ".join(pieces[:-1]) + " og " + pieces[-1]


def _render_ask(ask: _Ask, budget: int, *, past: bool = False) -> str:
    """Render the ask as "<subject> skal <verb> ..." (or past tense for a decision)."""
    tense = _past if past else _infinitive
    pieces: list[str] = []
    prev_verb = None
    for verb, rest in ask.parts:
        rest = _verbs_in_rest(rest.strip().rstrip(",.;"), tense).lstrip(", ")
        rest = re.sub(r"^vedlagte\s+", "", rest)
        if rest.lower().startswith("at ") and pieces:
            rest = rest  # "godkende A og at B"
        if not verb:
            pieces.append(rest[:1].lower() + rest[1:] if not rest[:2].isupper() else rest)
        elif verb.lower() == (prev_verb or "").lower():
            pieces.append(rest)
        else:
            pieces.append(f"{tense(verb)} {rest}".strip())
        prev_verb = verb
    # keep within budget: drop trailing parts, then cut the last one's tail
    while len(pieces) > 1 and _n_words(" ".join(pieces)) + 3 > budget:
        pieces.pop()
    if ask.passive and not any(v for v, _ in ask.parts):
        text = _join_parts(pieces)
        text = re.sub(
            r"^(.*?)\s+(\w+es)\b", lambda m: f"{m.group(1)} skal {m.group(2)}", text, count=1
        )
        return _cut_tail(_end(_sentence_case(text)), budget)
    joined = _join_parts(pieces)
    text = f"{ask.subject} {joined}" if past else f"{ask.subject} skal {joined}"
    return _cut_tail(_end(_sentence_case(text)), budget)


_TITLE_ASK = (
    (
        re.compile(r"\btil orientering\b|\(O\)\s*$|^orientering\b", re.I),
        "tage orienteringen til efterretning",
    ),
    (re.compile(r"\btil drøftelse\b|\(D\)\s*$|^drøftelse\b", re.I), "drøfte sagen"),
    (re.compile(r"\btil (?:beslutning|godkendelse)\b|\([BG]\)\s*$", re.I), "træffe beslutning"),
)


def _title_ask(item: AgendaItem, subject: str) -> str | None:
    for pattern, phrase in _TITLE_ASK:
        if pattern.search(item.title):
            return f"{subject} skal {phrase}."
    m = re.match(r"godkendelse af (.+)$", item.title.strip(), re.IGNORECASE)
    if m:
        return f"{subject} skal godkende {m.group(1).rstrip('.')}."
    return None


# --- decisions --------------------------------------------------------------------

_APPROVED_RE = re.compile(
    r"^(?:indstillingen\s+(?:blev\s+)?)?(?:godkendt|godkendes|godkender|tiltrådt|tiltrådte"
    r"|vedtaget|anbefales|anbefalet|som indstillet|indstillingen tiltrådt)\.?$",
    re.IGNORECASE,
)
_NOTED_RE = re.compile(
    r"^(?:orienteringen\s+)?(?:blev\s+)?(?:taget|taget til efterretning|tages til efterretning)"
    r"(?:\s+til efterretning)?\.?$",
    re.IGNORECASE,
)
_DISCUSSED_RE = re.compile(r"^(?:sagen\s+)?(?:blev\s+)?drøftet\.?$", re.IGNORECASE)


def _is_decision_heading(heading: str) -> bool:
    low = heading.lower().strip()
    return low == "beslutning" or low.startswith(("beslutning i ", "beslutning:", "beslutning den"))


def _decision_section(item: AgendaItem) -> tuple[str | None, str | None]:
    """Heading and text of the (last) decision section."""
    heading = None
    text = item.decision_text
    for sec in item.sections:
        if _is_decision_heading(sec.heading) and sec.text.strip():
            heading = sec.heading
            if not item.decision_text:
                text = sec.text
    return heading, text


def _heading_organ_date(heading: str | None) -> tuple[str | None, str | None]:
    if not heading:
        return None, None
    organ = None
    m = re.match(r"beslutning\s+i\s+(.+?)(?:\s+den\s+|\s*$)", heading, re.IGNORECASE)
    if m:
        organ = m.group(1).strip()
    date = None
    d = re.search(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", heading)
    if d and 1 <= int(d.group(2)) <= 12:
        month = next(k for k, v in MONTHS.items() if v == int(d.group(2)))
        date = f"{int(d.group(1))}. {month} {d.group(3)}"
    else:
        d2 = re.search(r"\d{1,2}\.\s+\w+\s+\d{4}", heading)
        date = d2.group(0) if d2 else None
    return organ, date


def _decision_sentence(
    item: AgendaItem, ask: _Ask | None, body: str | None, budget: int
) -> str | None:
    heading, text = _decision_section(item)
    if not text or not text.strip():
        return None
    organ, date = _heading_organ_date(heading)
    subject = organ or (ask.subject if ask else None) or body or "Mødet"
    when = f" den {date}" if date else ""
    units = [u.text for u in split_units(text) if not u.heading]
    first = normalize_space(units[0]) if units else normalize_space(text)
    rest = [compress(u) for u in units[1:]]
    core: str
    if _APPROVED_RE.match(first):
        if ask and any(v for v, _ in ask.parts) and not organ:
            core = _render_ask(ask, budget, past=True).rstrip(".") + when + "."
        else:
            core = f"{subject} godkendte indstillingen{when}."
    elif _NOTED_RE.match(first):
        core = f"{subject} tog orienteringen til efterretning{when}."
    elif _DISCUSSED_RE.match(first):
        core = f"{subject} drøftede sagen{when}."
    else:
        m = re.match(r"^(\w+)\s+(.*)$", first)
        if m and _is_verb(m.group(1)) and m.group(1)[:1].isupper():
            core = f"{subject} {_past(m.group(1))} {m.group(2).rstrip('.')}{when}."
        else:
            core = compress(first)
    out = [core]
    for extra in rest:
        if _n_words(" ".join(out)) + _n_words(extra) <= budget:
            out.append(extra)
    return _cut_tail(" ".join(out), budget)


# --- the "what the matter is" part -------------------------------------------------

_SECTION_WEIGHT = (
    (("resumé", "resume", "sammenfatning"), 1.0),
    (("beslutningstema", "baggrund", "formål"), 0.8),
    (("sagsfremstilling", "sagen", "indledning"), 0.4),
)
_SKIP_SECTIONS = (
    "indstilling",
    "administrativ indstilling",
    "administrationens indstilling",
    "bilag",
    "vedlagte bilag",
    "bevilling",
    "retsgrundlag",
    "kompetence",
    "økonomi",
    "høring",
    "lovgrundlag",
)


@dataclass
class _Candidate:
    text: str
    raw: str
    section_weight: float
    position: int
    order: tuple[int, int]
    score: float = 0.0


def _list_case(point: str) -> str:
    """Lower-case a list point's first word when it is plainly not a name ("Rekruttering til")."""
    words = point.split()
    if len(words) >= 2 and words[1][:1].islower() and not words[0].isupper():
        return words[0][:1].lower() + point[1:]
    return point


def _inline_list(intro: Unit, bullets: list[Unit], settings: ExtractiveSettings) -> str | None:
    items = [_drop_parentheticals(b.text).rstrip(" .;,") for b in bullets]
    short = [i for i in items if i and _n_words(i) <= settings.max_list_item_words]
    # a list of long points does not fit a summary; a few long ones can be left out
    if len(short) < max(2, (len(items) + 1) // 2):
        return None
    items = [_list_case(i) for i in short[: settings.max_list_items]]
    head = intro.text.rstrip()
    if re.search(r"(?:herunder|bl\.a\.|blandt andet|fx|f\.eks\.)\s*:$", head, re.IGNORECASE):
        head = head[:-1].rstrip()
    return f"{head} {_join_parts(items)}."


def _candidates(item: AgendaItem, settings: ExtractiveSettings) -> list[_Candidate]:
    sections = [(s.heading, s.text) for s in item.sections if s.text and s.text.strip()]
    weighted: list[tuple[float, str]] = []
    for heading, text in sections:
        low = heading.lower()
        if low.startswith(_SKIP_SECTIONS) or _is_decision_heading(heading):
            continue
        weight = 0.3
        for names, w in _SECTION_WEIGHT:
            if low.startswith(names):
                weight = w
                break
        weighted.append((weight, text))
    if not weighted and item.text:
        weighted.append((0.6, item.text))
    out: list[_Candidate] = []
    for s_idx, (weight, text) in enumerate(weighted):
        units = split_units(text)
        pos = 0
        i = 0
        while i < len(units):
            unit = units[i]
            if unit.heading or unit.bullet:
                i += 1
                continue
            raw = unit.text
            if unit.intro:
                j = i + 1
                bullets = []
                while j < len(units) and units[j].bullet:
                    bullets.append(units[j])
                    j += 1
                merged = _inline_list(unit, bullets, settings) if bullets else None
                if merged:
                    raw = merged
                    i = j
                else:
                    i += 1
                    if bullets:
                        pos += 1
                        continue  # an intro to a long list says little on its own
            else:
                i += 1
            if _REC_START_RE.search(raw) or raw.rstrip().endswith("?"):
                continue
            out.append(_Candidate(compress(raw), raw, weight, pos, (s_idx, unit.index)))
            pos += 1
    return out


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def _score(
    cands: list[_Candidate], item: AgendaItem, ask_text: str, settings: ExtractiveSettings
) -> None:
    title_keys = _content_keys(item.title)
    ask_keys = _content_keys(ask_text)
    for c in cands:
        keys = _content_keys(c.text)
        n = _n_words(c.text)
        score = c.section_weight + 1.0 / (1.0 + c.position)
        score += 0.8 * (len(keys & title_keys) / max(1, len(title_keys)))
        score += 0.3 * (len(keys & ask_keys) / max(1, len(ask_keys)))
        facts = len(re.findall(r"\d+", c.text)) + len(
            re.findall(r"(?<=\s)[A-ZÆØÅ][\wæøå-]+", c.text)
        )
        score += 0.08 * min(facts, 4)
        if n < settings.min_sentence_words:
            score -= 1.0
        if n > 45:
            score -= 0.3
        if _BOILERPLATE_RE.search(c.text):
            score -= 0.8
        if ask_keys and _overlap(keys, ask_keys) > 0.7:
            score -= 1.0  # says again what the ask sentence says
        c.score = score


def _encoder_scores(
    encoder: Any, cands: list[_Candidate], query: str, weight: float
) -> None:  # pragma: no cover - needs the encoder weights
    import numpy as np

    vecs = np.asarray(encoder.embed([query] + [c.text for c in cands]))
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    sims = vecs[1:] @ vecs[0]
    for c, sim in zip(cands, sims, strict=True):
        c.score += weight * float(sim)


def source_text(item: AgendaItem, body: str | None = None) -> str:
    """The text a summary of ``item`` may draw facts from: title, text, sections, body."""
    parts = [item.title or "", item.text or ""]
    parts += [f"{s.heading}\n{s.text}" for s in item.sections]
    parts += [item.recommendation_text or "", item.decision_text or "", body or ""]
    parts += [item.group or "", item.presenter or ""]
    return "\n".join(p for p in parts if p)


class ExtractiveSummarizer:
    """Select and compress an item's own sentences into 1-3 Danish sentences.

    >>> ExtractiveSummarizer().summarize(AgendaItem("7", "Eventuelt", empty=True)).method
    'empty'
    """

    def __init__(self, settings: ExtractiveSettings | None = None, encoder: Any = None):
        self.settings = settings or ExtractiveSettings()
        self._encoder = encoder

    # the encoder is optional and loaded only when asked for
    def _get_encoder(self) -> Any:  # pragma: no cover - needs the encoder weights
        if self._encoder is None and self.settings.encoder:
            from kkrnlp.encoder import Encoder

            loader = getattr(Encoder, "from_pretrained", None) or Encoder
            self._encoder = (
                loader() if self.settings.encoder == "default" else loader(self.settings.encoder)
            )
        return self._encoder

    def summarize(
        self, item: AgendaItem, *, kind: str = "dagsorden", body: str | None = None
    ) -> Summary:
        """Summarize one item of a meeting of ``kind`` held by ``body``."""
        if item.empty or not (item.text or item.sections or item.recommendation_text):
            return Summary("", method="empty", faithful=True)
        source = source_text(item, body)
        plain, compressed = self._build(item, kind, body)
        for candidate in (compressed, plain):
            check = check_faithfulness(candidate, source)
            if check.faithful:
                return Summary(candidate, "extractive", True, [])
        logger.warning("item %s: summary has unsupported facts %s", item.number, check.unsupported)
        return Summary(plain, "extractive", False, check.unsupported)

    def summarize_many(
        self,
        items: Sequence[AgendaItem],
        kinds: Sequence[str] | str = "dagsorden",
        bodies: Sequence[str | None] | str | None = None,
    ) -> list[Summary]:
        """Summarize many items; ``kinds``/``bodies`` are one per item or one for all."""
        n = len(items)
        kinds_l = [kinds] * n if isinstance(kinds, str) else list(kinds)
        bodies_l = [bodies] * n if bodies is None or isinstance(bodies, str) else list(bodies)
        return [
            self.summarize(item, kind=k, body=b)
            for item, k, b in zip(items, kinds_l, bodies_l, strict=True)
        ]

    # -- building blocks --------------------------------------------------------

    def _build(self, item: AgendaItem, kind: str, body: str | None) -> tuple[str, str]:
        """Return (plain extract, compressed summary)."""
        s = self.settings
        rec = _recommendation(item)
        ask = _parse_ask(rec, body) if rec else None
        formalia = bool(_FORMALIA_RE.search(item.title or "")) or bool(
            item.group and _FORMALIA_RE.search(item.group)
        )
        ask_budget = max(12, s.max_words // 2)
        decision = None
        if kind in ("referat", "sag"):
            decision = _decision_sentence(item, ask, body, ask_budget)
        ask_text = ""
        if decision:
            ask_text = decision
        elif ask:
            if formalia and _APPROVAL_FORMALIA_RE.search(item.title or ""):
                ask_text = self._formalia_approval(ask) or _render_ask(ask, ask_budget)
            else:
                ask_text = _render_ask(ask, ask_budget)
                if formalia and re.search(r"orientering(en)? til efterretning", ask_text):
                    ask_text = ""  # "Siden sidst", "Næste møde": the ask adds nothing
        else:
            ask_text = _title_ask(item, body or "Mødet") or ""
        plain_ask = normalize_space(rec.split("\n")[0]) if rec and not decision else ask_text

        cands = _candidates(item, s)
        _score(cands, item, ask_text, s)
        if s.encoder and cands:  # pragma: no cover - needs the encoder weights
            _encoder_scores(
                self._get_encoder(), cands, f"{item.title}. {ask_text}", s.encoder_weight
            )
        budget = s.max_words - _n_words(ask_text)
        max_matter = min(s.max_matter_sentences, s.max_sentences - (1 if ask_text else 0))
        if _APPROVAL_FORMALIA_RE.search(item.title or "") and ask_text:
            max_matter = 0
        chosen = self._select(cands, budget, max_matter)
        if not chosen and not ask_text:
            chosen = sorted(cands, key=lambda c: -c.score)[:1]
            budget = s.max_words
        matter = [c.text for c in chosen]
        matter = self._fit(matter, budget)
        compressed = " ".join([*matter, ask_text]).strip()
        plain = " ".join([*(c.raw for c in chosen), plain_ask]).strip()
        if not compressed:
            compressed = plain = _end(item.title)
        return normalize_space(plain), normalize_space(compressed)

    def _select(self, cands: list[_Candidate], budget: int, max_matter: int) -> list[_Candidate]:
        if max_matter <= 0 or budget < 6:
            return []
        ranked = sorted(cands, key=lambda c: -c.score)
        chosen: list[_Candidate] = []
        used = 0
        for c in ranked:
            if len(chosen) >= max_matter:
                break
            n = _n_words(c.text)
            if chosen and c.score < self.settings.second_sentence_min_score:
                break
            if chosen and used + n > budget:
                shortened = _cut_tail(c.text, budget - used)
                if _n_words(shortened) > budget - used:
                    continue
            chosen.append(c)
            used += n
        return sorted(chosen, key=lambda c: c.order)

    def _fit(self, matter: list[str], budget: int) -> list[str]:
        """Cut subordinate tails (longest sentence first) until the matter fits ``budget``."""
        matter = list(matter)
        for _ in range(4):
            total = sum(_n_words(m) for m in matter)
            if total <= budget or not matter:
                break
            i = max(range(len(matter)), key=lambda k: _n_words(matter[k]))
            cut = _cut_tail(matter[i], _n_words(matter[i]) - (total - budget))
            if cut == matter[i]:
                if len(matter) > 1:
                    matter.pop(i if i else len(matter) - 1)
                    continue
                break
            matter[i] = cut
        return matter

    @staticmethod
    def _formalia_approval(ask: _Ask) -> str | None:
        """ "godkender referat af møde ..." -> "Referat af møde ... forelægges til godkendelse."."""
        for verb, rest in ask.parts:
            if verb.lower() == "godkender" and rest:
                return _end(_sentence_case(rest.rstrip(".")) + " forelægges til godkendelse")
        return None
