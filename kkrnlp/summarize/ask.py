"""The ask or decision sentence: what the meeting is asked to do, or what it decided.

``"Det indstilles, at KKR Fyn godkender planen."`` becomes ``"KKR Fyn skal
godkende planen."``; a decision ``"Godkendt."`` in the minutes becomes
``"KKR Fyn godkendte planen."``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kkrnlp.danish import MONTH_NAMES
from kkrnlp.danish.recommendation import REC_VERBS, infinitive, past_tense
from kkrnlp.danish.sections import SECTION_LINE_START_RE, is_decision_heading
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.compress import (
    _cut_tail,
    _drop_parentheticals,
    _end,
    _join_parts,
    _n_words,
    _sentence_case,
    compress,
)
from kkrnlp.summarize.fluency import is_attachment_text
from kkrnlp.summarize.sentences import normalize_space, split_units

_PASSIVE_SKIP = {"proces", "status", "kurses", "adresses"}


def _is_verb(word: str) -> bool:
    return word.lower().strip(",.:;") in REC_VERBS


def _is_passive(word: str) -> bool:
    low = word.lower().strip(",.:;")
    return (
        len(low) > 4
        and low.endswith("es")
        and low not in _PASSIVE_SKIP
        and low.isalpha()
        and word[:1].islower()  # "Kommunes" is a genitive, not a passive
    )


# --- the "what is asked" part ---------------------------------------------------


@dataclass
class _Ask:
    subject: str
    parts: list[tuple[str, str]]  # (verb present tense or "" for passive clause, rest)
    passive: bool = False


def _split_clause(clause: str, default_subject: str | None) -> tuple[str, str, str] | None:
    """Split "KKR Hovedstaden godkender X" into (subject, verb, rest)."""
    words = clause.split()
    for i, word in enumerate(words[:14]):
        if _is_verb(word) and (i > 0 or default_subject):
            subject = " ".join(words[:i]) or default_subject or ""
            return subject, word.strip(",.:;"), " ".join(words[i + 1 :])
        if 0 < i < 10 and _is_passive(word):
            return " ".join(words[:i]), "", " ".join(words[i:])
    return None


def _all_text(item: AgendaItem) -> str:
    """The item's text, or its sections' text when the parser kept no plain text."""
    return item.text or "\n".join(sec.text for sec in item.sections)


def _recommendation(item: AgendaItem) -> str | None:
    rec = item.recommendation_text or item.section_by_role("recommendation", first=True)
    if rec and rec.strip():
        return rec
    for unit in split_units(_all_text(item)):
        if re.search(r"\bindstilles,? at\b|^indstilling om,? at\b", unit.text, re.IGNORECASE):
            return unit.text
    return None


# "Forvaltningen indstiller til Udvalget, at ...", "Direktøren indstiller at:" + bullets:
# the one who recommends is not the one asked; the recipient ("til X") is
_LEAD_RE = re.compile(
    r"^(?P<who>.{0,120}?)\b(?:indstiller|indstilles|foreslår|foreslås|indstilling om)\b,?\s*"
    r"(?P<after>.*)$",
    re.I | re.S,
)
_LEAD_TO_RE = re.compile(
    r"^til\s+(?P<to>.+?)\s*[,:]?\s*(?:\bat\b\s*:?\s*(?P<rest>.*))?$", re.I | re.S
)
_LEAD_PLAIN_RE = re.compile(r"^[,:]?\s*(?:\bat\b\s*[,:]?\s*(?P<rest>.*))?$", re.I | re.S)
# "Områdechefen indstiller udviklingen af X til drøftelse."
_LEAD_FOR_RE = re.compile(r"^(?P<obj>.+?)\s+til\s+(?P<what>drøftelse|godkendelse)\.?$", re.I | re.S)
_FOR_VERB = {"drøftelse": "drøfter", "godkendelse": "godkender"}


def _lead_in(text: str) -> tuple[str | None, str, tuple[str, str] | None] | None:
    """Split a recommendation's lead-in: (recipient, the clause after it, a verb and object
    for "indstiller X til drøftelse"), or None when the line is no lead-in."""
    m = _LEAD_RE.match(text)
    if not m or re.search(r"\bat\b", m.group("who"), re.I):
        return None  # "Det indstilles, at KKR indstiller et medlem": the verb is the ask
    after = m.group("after").strip()
    to = _LEAD_TO_RE.match(after)
    if to and _n_words(to.group("to")) <= 12:
        return to.group("to").strip(" ,:"), (to.group("rest") or "").strip(), None
    plain = _LEAD_PLAIN_RE.match(after)
    if plain:
        return None, (plain.group("rest") or "").strip(), None
    what = _LEAD_FOR_RE.match(after)
    if what:
        return None, "", (_FOR_VERB[what.group("what").lower()], what.group("obj").strip())
    return None


def _parse_ask(rec: str, body: str | None) -> _Ask | None:
    units = [u for u in split_units(rec) if not u.heading or u.text.lower().startswith("at ")]
    if not units:
        return None
    subject: str | None = None
    recipient: str | None = None
    lead = None
    for k, unit in enumerate(units[:3]):
        lead = _lead_in(normalize_space(unit.text).rstrip("."))
        if lead is not None:
            # "Sagen behandles i X." before the lead-in is a remark, not the ask
            units = units[k:]
            break
    lead_part: tuple[str, str] | None = None
    if lead is not None:
        recipient, rest, lead_part = lead
        # "At A, At B" printed on one line are two bullets
        pieces = [p for p in re.split(r",\s+(?=At\s)", rest) if p.strip()]
        units = [replace(units[0], text=p, bullet=True) for p in pieces] + units[1:]
        body = body or recipient
        if lead_part and not units:
            return _Ask(meeting_subject(None, body), [lead_part])
        if not units:
            return None
    parts: list[tuple[str, str]] = []
    passive = False
    for unit in units:
        text = _drop_parentheticals(normalize_space(unit.text)).rstrip(".;")
        text = re.sub(r"^\d{1,2}\.\s+(?=[a-zæøå])", "", text)  # "1. planen godkendes"
        m = re.search(r"\b(?:indstille[rs],?|^indstilling om,?)\s+at\s+(.*)$", text, re.IGNORECASE)
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
        if subject is None and verb:
            subject = subj  # a passive clause's subject ("sagen drøftes") is no body
        if not verb:
            passive = True
            parts.append(("", f"{subj} {rest}".strip()))
        else:
            parts.append((verb, rest))
    if not parts:
        return None
    if passive and any(v for v, _ in parts):
        # "A holdes" + "udvalget drøfter B" cannot share one subject: keep the first kind
        first_passive = not parts[0][0]
        parts = [p for p in parts if (not p[0]) == first_passive]
        passive = first_passive
    return _Ask(meeting_subject(subject, body), parts, passive)


_NOT_THE_MEETING_RE = re.compile(
    r"sekretariat|administration|forvaltning|fagenhed|centret\b|\bcenter\b|afdeling|embedsværk"
    r"|direktør\b|direktøren\b|chefen\b|chef\b",
    re.IGNORECASE,
)


def clean_body(body: str | None) -> str | None:
    """The body without a secretariat glued to it (``KD-Net Sekretariatet`` -> ``KD-Net``)."""
    if not body:
        return None
    words = [w for w in body.split() if not _NOT_THE_MEETING_RE.search(w)]
    out = " ".join(words).strip(" ,-–")
    return out or None


_NO_BODY = "Mødet"  # a placeholder: rendered as a passive, never printed


def meeting_subject(subject: str | None, body: str | None) -> str:
    """Who the ask is addressed to: the body that meets, never a secretariat."""
    body = clean_body(body)
    if subject and not _NOT_THE_MEETING_RE.search(subject):
        return subject
    return body or _NO_BODY


def title_object(title: str | None) -> str | None:
    """The title as the object of an ask (``Medlemskab af X`` -> ``medlemskab af X``)."""
    title = re.sub(r"\s*\((?:[A-ZÆØÅ]|Åben|Lukket)\)\s*$", "", (title or "").strip()).rstrip(" .:")
    title = re.sub(
        r"^(?:godkendelse|drøftelse|orientering|beslutning)\s*(?:af|om|:|-|–)\s*",
        "",
        title,
        flags=re.I,
    )
    if not title or len(title.split()) > 14:
        return None
    first = title.split()[0]
    if first.isupper() or any(ch.isdigit() for ch in first) or re.search(r"[A-ZÆØÅ]", first[1:]):
        return title
    return title[:1].lower() + title[1:]


def _verbs_in_rest(rest: str, tense) -> str:
    """Change coordinated present-tense verbs ("... og giver input") to ``tense``."""

    def repl(m: re.Match) -> str:
        return f"{m.group(1)} {tense(m.group(2))}"

    return re.sub(
        r"\b(og|samt|eller)\s+(" + "|".join(sorted(REC_VERBS, key=len, reverse=True)) + r")\b",
        repl,
        rest,
    )


_SUBJECT_ADVERBIAL_RE = re.compile(
    r"^(\S+(?:\s+og\s+\S+)?),?\s+((?:på baggrund af|på grundlag af|ud fra|efter|med)\s+.+)$",
    re.IGNORECASE,
)


def _render_ask(
    ask: _Ask, budget: int, *, past: bool = False, fallback_object: str | None = None
) -> str:
    """Render the ask as "<subject> skal <verb> ..." (or past tense for a decision)."""
    # "Det blev besluttet at godkende ..." keeps the infinitive
    tense = past_tense if past and ask.subject != _NO_BODY else infinitive
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
            if not rest and fallback_object and verb.lower() not in ("tager", "drøfter"):
                # "KD-Net godkender." says nothing: the title names what is approved
                rest = fallback_object
            pieces.append(f"{tense(verb)} {rest}".strip())
        prev_verb = verb
    # keep within budget: drop trailing parts, then cut the last one's tail
    while len(pieces) > 1 and _n_words(" ".join(pieces)) + 3 > budget:
        pieces.pop()
    if ask.passive and not any(v for v, _ in ask.parts):
        text = _join_parts(pieces)
        text = re.sub(
            r"^(.*?)\s+([a-zæøå]\w+es)\b",
            lambda m: f"{m.group(1)} skal {m.group(2)}",
            text,
            count=1,
        )
        return _cut_tail(_end(_sentence_case(text)), budget)
    joined = _join_parts(pieces)
    if ask.subject == _NO_BODY:
        # no body in the header or the recommendation: say what is asked, not who is asked
        text = f"Det blev besluttet at {joined}" if past else f"Det indstilles at {joined}"
    else:
        subject, adverbial = ask.subject, ""
        m = _SUBJECT_ADVERBIAL_RE.match(subject)
        if m and not past and _n_words(m.group(2)) >= 3:
            # "udvalget på baggrund af X prioriterer" -> "Udvalget skal på baggrund af X prioritere"
            subject, adverbial = m.group(1), m.group(2).rstrip(",") + " "
        text = f"{subject} {joined}" if past else f"{subject} skal {adverbial}{joined}"
    return _cut_tail(_end(_sentence_case(text)), budget)


_TITLE_ASK = (
    (
        re.compile(r"\btil orientering\b|\(O\)\s*$|^orientering\b", re.I),
        "tage orienteringen til efterretning",
    ),
    (re.compile(r"\btil drøftelse\b|\(D\)\s*$|^drøftelse\b", re.I), "drøfte sagen"),
    (re.compile(r"\btil (?:beslutning|godkendelse)\b|\([BG]\)\s*$", re.I), "træffe beslutning"),
)


# the same asks without a body: "Mødet skal ..." names no one, a passive names no one honestly
_TITLE_ASK_PASSIVE = {
    "tage orienteringen til efterretning": "Orienteringen skal tages til efterretning",
    "drøfte sagen": "Sagen skal drøftes",
    "træffe beslutning": "Der skal træffes beslutning i sagen",
}


def _title_ask(item: AgendaItem, subject: str | None) -> str | None:
    for pattern, phrase in _TITLE_ASK:
        if pattern.search(item.title):
            return f"{subject} skal {phrase}." if subject else f"{_TITLE_ASK_PASSIVE[phrase]}."
    m = re.match(r"godkendelse af (.+)$", item.title.strip(), re.IGNORECASE)
    if m:
        what = m.group(1).rstrip(".")
        if subject:
            return f"{subject} skal godkende {what}."
        return _end(_sentence_case(what) + " skal godkendes")
    return None


# --- decisions --------------------------------------------------------------------

_APPROVED_RE = re.compile(
    r"^(?:indstillingen\s+(?:blev\s+)?)?(?:godkendt|godkendes|godkender|tiltrådt|tiltrådte"
    r"|vedtaget|som indstillet|indstillingen tiltrådt)\.?$",
    re.IGNORECASE,
)
_NOTED_RE = re.compile(
    r"^(?:orienteringen\s+)?(?:blev\s+)?(?:taget|taget til efterretning|tages til efterretning)"
    r"(?:\s+til efterretning)?\.?$",
    re.IGNORECASE,
)
_APPROVED_LEAD_RE = re.compile(
    r"^(?:indstillingen\s+(?:blev\s+)?)?(?:godkendt|tiltrådt|vedtaget)\b(.*)$", re.IGNORECASE
)
# "KKR Fyn godkendte indstillingen, idet ..." names no more than "Godkendt." does
_SUBJECT_APPROVED_RE = re.compile(
    r"^(?:[\w-]+\s+){0,5}?(?:godkendte|tiltrådte|vedtog)\s+indstillingen\b(.*)$", re.IGNORECASE
)
_RECOMMENDED_RE = re.compile(
    r"^(?:indstillingen\s+)?(?:indstilles|anbefales|anbefalet)(?:\s+(?:over for|til)\s+(.+?))?\.?$",
    re.IGNORECASE,
)
_ABSENT_RE = re.compile(r"^(?:fraværende|afbud|fravær)\b|\bvar fraværende\b|\bdeltog ikke\b", re.I)
_DISCUSSED_RE = re.compile(r"^(?:sagen\s+)?(?:blev\s+)?drøftet\.?$", re.IGNORECASE)


# "Udvalget for Vækst, 17-04-2015, pkt. 18": the minutes' heading over one body's decision
DATED_ORGAN_LINE_RE = re.compile(
    r"^(?P<organ>[^\n]{3,80}?),\s*(?P<date>\d{1,2}-\d{1,2}-\d{4}),\s*pkt\.\s*\d+\.?$"
)


def _inline_decision(text: str) -> tuple[str | None, str | None]:
    """A ``Beslutning`` heading line inside the item text and the lines under it."""
    lines = [line.strip() for line in (text or "").split("\n")]
    for i, line in enumerate(lines):
        dated = DATED_ORGAN_LINE_RE.match(line)
        if dated:
            line = f"Beslutning i {dated.group('organ')} den {dated.group('date')}"
        elif not is_decision_heading(line.rstrip(":")) or len(line.split()) > 12:
            continue
        body = []
        for nxt in lines[i + 1 :]:
            if SECTION_LINE_START_RE.match(nxt) and len(nxt.split()) <= 6:
                break
            if nxt:
                body.append(re.sub(r"^at\s+\d+\s*:\s*", "", nxt, flags=re.IGNORECASE))
        if body:
            return line.rstrip(":"), "\n".join(body)
    return None, None


_DECISION_OPEN_RE = re.compile(
    r"^(?:indstillingen\s+blev\s+(?:godkendt|forkastet|vedtaget|tiltrådt|taget)"
    r"|(?:forslaget|sagen)\s+blev\s+(?:godkendt|forkastet|vedtaget|tilbagevist)"
    r"|godkendt\b|vedtaget\b|taget til efterretning\b)",
    re.IGNORECASE,
)


def _decision_sentences(text: str) -> str | None:
    """The decision as printed in running text ("Indstillingen blev godkendt ...") and
    the sentence after it, when the parser found no decision section."""
    # a bracketed line before it ("(Økonomiudvalget)") is glued on by the splitter
    units = [
        re.sub(r"^\([^()]{1,60}\)\s*", "", u.text) for u in split_units(text or "") if not u.heading
    ]
    for i, unit in enumerate(units):
        if _DECISION_OPEN_RE.match(unit):
            return "\n".join(units[i : i + 2])
    return None


def _decision_section(item: AgendaItem) -> tuple[str | None, str | None]:
    """Heading and text of the (last) decision section, or a decision heading in the text."""
    heading = None
    text = item.decision_text
    for sec in item.sections:
        if is_decision_heading(sec.heading) and sec.text.strip():
            heading = sec.heading
            if not item.decision_text:
                text = sec.text
    if not text and not heading:
        # a parser that missed the section leaves "Beslutning" as a line of the text
        heading, text = _inline_decision(_all_text(item))
    if not text and not heading:
        text = _decision_sentences(_all_text(item))
    if text:
        # "At 1: Godkendt." answers the numbered recommendation; the number says nothing
        text = re.sub(r"(?m)^\s*at\s+\d+\s*:\s*", "", text, flags=re.IGNORECASE)
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
        month = MONTH_NAMES[int(d.group(2)) - 1]
        date = f"{int(d.group(1))}. {month} {d.group(3)}"
    else:
        d2 = re.search(r"\d{1,2}\.\s+\w+\s+\d{4}", heading)
        date = d2.group(0) if d2 else None
    return organ, date


# passive present -> past participle for the verbs recommendations use
_PARTICIPLE = {
    "godkendes": "godkendt",
    "drøftes": "drøftet",
    "tages": "taget",
    "vedtages": "vedtaget",
    "videreføres": "videreført",
    "besluttes": "besluttet",
    "udpeges": "udpeget",
    "sendes": "sendt",
    "fastsættes": "fastsat",
    "bevilges": "bevilget",
    "tiltrædes": "tiltrådt",
    "igangsættes": "igangsat",
    "behandles": "behandlet",
    "frigives": "frigivet",
    "afsættes": "afsat",
    "nedsættes": "nedsat",
    "anbefales": "anbefalet",
    "forlænges": "forlænget",
    "holdes": "holdt",
    "afholdes": "afholdt",
    "prioriteres": "prioriteret",
}


def _passive_decided(ask: _Ask, budget: int, first: str) -> str:
    """``"planen godkendes"`` + ``"Godkendt."`` -> ``"Planen blev godkendt."``; a longer
    decision line stays as printed after the ask."""
    if not _APPROVED_RE.match(first):
        return f"{_render_ask(ask, budget)} {_end(_sentence_case(first))}"
    text = _join_parts([rest for _, rest in ask.parts])
    m = re.search(r"\b(" + "|".join(_PARTICIPLE) + r")\b", text)
    if m:
        text = text[: m.start()] + "blev " + _PARTICIPLE[m.group(1)] + text[m.end() :]
        return _cut_tail(_end(_sentence_case(text)), budget)
    return _cut_tail(_end(f"Det blev besluttet, at {text[:1].lower()}{text[1:]}"), budget)


def _decision_sentence(
    item: AgendaItem,
    ask: _Ask | None,
    body: str | None,
    budget: int,
    fallback_object: str | None = None,
) -> str | None:
    """What the meeting decided, as one or two sentences within ``budget`` words."""
    heading, text = _decision_section(item)
    if not text or not text.strip():
        return None
    organ, date = _heading_organ_date(heading)
    subject = organ or (ask.subject if ask else None) or clean_body(body) or _NO_BODY
    if subject == _NO_BODY:
        subject = ""  # a passive below: "Indstillingen blev godkendt."
    when = f" den {date}" if date else ""
    units = [
        u.text
        for u in split_units(text)
        if not u.heading and not _ABSENT_RE.search(u.text) and not is_attachment_text(u.text)
    ]
    if not units:
        return None
    first = normalize_space(units[0])
    rest = [compress(u) for u in units[1:]]
    has_verbs = bool(ask and any(v for v, _ in ask.parts))
    lead = _APPROVED_LEAD_RE.match(first) or _SUBJECT_APPROVED_RE.match(first)
    core: str
    passive = bool(ask and ask.passive and ask.parts)
    if _APPROVED_RE.match(first) or (lead and (has_verbs or passive) and not organ):
        if ask and has_verbs and not organ:
            core = _render_ask(ask, budget, past=True, fallback_object=fallback_object)
            tail = lead.group(1).strip(" .,") if lead else ""
            if tail and re.match(r"(?:med|uden|idet|dog|således)\b", tail):
                core = core.rstrip(".") + f", {tail}"
            core = core.rstrip(".") + when + "."
        elif ask and passive and not organ:
            # "Indstilling om, at planen godkendes." + "Indstillingen blev godkendt ...":
            # what was asked, then the decision as printed
            core = _passive_decided(ask, budget, first)
        else:
            core = (
                f"{subject} godkendte indstillingen{when}."
                if subject
                else f"Indstillingen blev godkendt{when}."
            )
    elif _RECOMMENDED_RE.match(first):
        # a committee passing the case on: "Indstilles til Byrådets godkendelse."
        m = _RECOMMENDED_RE.match(first)
        who = organ or clean_body(body) or "Udvalget"
        to = f" til {m.group(1).strip()}" if m.group(1) else ""
        core = f"{who} anbefalede indstillingen{to}{when}."
    elif _NOTED_RE.match(first):
        core = (
            f"{subject} tog orienteringen til efterretning{when}."
            if subject
            else f"Orienteringen blev taget til efterretning{when}."
        )
    elif _DISCUSSED_RE.match(first):
        core = f"{subject} drøftede sagen{when}." if subject else f"Sagen blev drøftet{when}."
    else:
        m = re.match(r"^(\w+)\s+(.*)$", first)
        if subject and m and _is_verb(m.group(1)) and m.group(1)[:1].isupper():
            core = f"{subject} {past_tense(m.group(1))} {m.group(2).rstrip('.')}{when}."
        else:
            core = compress(first)
    out = [core]
    for extra in rest:
        if _n_words(" ".join(out)) + _n_words(extra) <= budget:
            out.append(extra)
    return _cut_tail(" ".join(out), budget)
