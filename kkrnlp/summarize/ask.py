"""The ask sentence: what the meeting is asked to do.

``"Det indstilles, at KKR Fyn godkender planen."`` becomes ``"KKR Fyn skal
godkende planen."``; with no recommendation the title's marker (``til
orientering``, ``(B)``) gives the ask. The decision sentence of the minutes
(``decision``) renders a decided ask with the same parts, in the past tense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kkrnlp.danish import NOT_A_BODY_RE
from kkrnlp.danish.recommendation import REC_VERBS, infinitive, past_tense, s_passive
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.compress import (
    _cut_tail,
    _drop_parentheticals,
    _end,
    _join_parts,
    _n_words,
    _sentence_case,
)
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


@dataclass
class _Ask:
    subject: str
    parts: list[tuple[str, str]]  # (verb present tense or "" for passive clause, rest)
    passive: bool = False
    # "indstiller til X at anbefale Y, at ...": X is asked to recommend the points to Y
    recommend_to: str = ""
    # parts whose capital is the writer's ("at Forvaltningens forslag godkendes": a name)
    named: frozenset[str] = frozenset()


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


_INFINITIVES = {infinitive(verb): verb for verb in REC_VERBS}


def _present_of(clause: str) -> str | None:
    """The present tense of the verb an infinitive clause opens with: "udpege X" -> "udpeger"."""
    first = clause.split(None, 1)[0].lower().strip(",.:;") if clause.strip() else ""
    return _INFINITIVES.get(first)


def _clause_case(text: str) -> str:
    """A point printed as a sentence, set after "at": "Evalueringen drøftes" -> "evalueringen
    drøftes"; a name ("Ida Holm vælges") or an acronym keeps its capital."""
    words = text.split()
    if len(words) > 1 and words[0][1:].islower() and (_is_verb(words[1]) or _is_passive(words[1])):
        return text[:1].lower() + text[1:]
    return text


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
    r"^(?:til|over\s*for)\s+(?P<to>.+?)\s*[,:]?\s*(?:\bat\b\s*:?\s*(?P<rest>.*))?$", re.I | re.S
)
# "... til Udvalget at anbefale (over for) Byrådet, at:" + points: a recommendation passed on
_RECOMMEND_TO_RE = re.compile(
    r"^anbefale\s+(?:over\s*for\s+)?(?P<to>[^,:]+?)\s*[,:]?\s*(?:\bat\b\s*[,:]?\s*(?P<rest>.*))?$",
    re.I | re.S,
)
# ", jf. bilag 3": a pointer to an attachment the reader of the summary does not have
_ATTACHMENT_REF_RE = re.compile(
    r",?\s*\b(?:jf\.|jævnfør|se)\s+(?:vedlagte\s+)?bilag\s*"
    r"(?:\d+(?:\s*(?:,|og|-|–)\s*\d+)*|\"[^\"]{1,80}\"|“[^”]{1,80}”)",
    re.I,
)
# a point printed as a capitalised infinitive: "1. Godkende flytning af klinikken"
_INFINITIVE_POINT_RE = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?P<verb>[A-ZÆØÅ][a-zæøå]+)\s+\S")
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


# what follows a verb when it is a sentence of its own, not the verb's object:
# a capitalised word and a finite verb ("Referatet blev godkendt")
_OWN_SENTENCE_RE = re.compile(
    r"^,?\s*[A-ZÆØÅ][a-zæøå]+\s+(?:blev|bliver|er|var|har|havde|skal|kan|vil)\b"
)


def _parse_ask(rec: str, body: str | None) -> _Ask | None:
    # a lead-in without punctuation ("Direktøren indstiller til Udvalget") reads as a heading
    units = [
        u
        for u in split_units(rec)
        if not u.heading
        or u.text.lower().startswith("at ")
        or _lead_in(normalize_space(u.text).rstrip(".")) is not None
    ]
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
    recommend_to = ""
    if lead is not None:
        recipient, rest, lead_part = lead
        passed_on = _RECOMMEND_TO_RE.match(rest) if recipient else None
        if passed_on and _n_words(passed_on.group("to")) <= 8:
            recommend_to = passed_on.group("to").strip()
            rest = (passed_on.group("rest") or "").strip(" :")
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
    that = False  # the last lead verb ended in ", at:" and waits for its points
    infinitives = False  # the points so far were "at <infinitive> ..." of their own
    named: set[str] = set()
    for unit in units:
        capital_after_at = False
        # "at planen bliver sendt i høring" is read as "at planen sendes i høring"
        text = s_passive(_drop_parentheticals(normalize_space(unit.text)).rstrip(".;"))
        text = _ATTACHMENT_REF_RE.sub("", text).rstrip(" ,.;")
        point = _INFINITIVE_POINT_RE.match(text)
        if point and point.group("verb").lower() in _INFINITIVES:
            # "1. Godkende X" reads as "at godkende X"
            text = "at " + re.sub(r"^\d{1,2}[.)]\s+", "", text)
            text = text[:3] + text[3:4].lower() + text[4:]
        # "1. planen godkendes": a numbered point is a bullet of the ask
        bullet = unit.bullet or re.match(r"^\d{1,2}\.\s+[a-zæøå]", text) is not None
        text = re.sub(r"^\d{1,2}\.\s+(?=[a-zæøå])", "", text)
        m = re.search(r"\b(?:indstille[rs],?|^indstilling om,?)\s+at\s+(.*)$", text, re.IGNORECASE)
        if m:
            text = m.group(1)
        elif re.match(r"^at\s+følgende\s+besluttes", text, re.IGNORECASE):
            continue
        elif re.match(r"^at\s+", text, re.IGNORECASE):
            stripped = re.sub(r"^at\s+", "", text, flags=re.IGNORECASE)
            # "at kommunen deltager ..." is a clause; "at fastholde ..." stays as it is,
            # also with a clause after it ("at drøfte hvad statussen giver anledning til")
            present = _present_of(stripped)
            if _split_clause(stripped, None) is not None and not (
                present and (not parts or infinitives)
            ):
                text = stripped
                capital_after_at = stripped[:1].isupper()
            elif present and (not parts or infinitives):
                # "indstiller til udvalget, at godkende X": the recipient godkender X (not
                # "godkender," + "at fastholde X": there the points are what is approved)
                parts.append((present, stripped.split(None, 1)[1] if " " in stripped else ""))
                infinitives = True
                continue
        elif not bullet and parts:
            break  # a remark after the recommendation
        if text.endswith(":") or (not parts and _n_words(text) <= 4 and not bullet):
            subject = text.rstrip(":").strip()
            # "KKR Hovedstaden godkender," + bullets "at ..."
            split = _split_clause(subject, None)
            if split and split[1]:
                subject, verb, rest = split
                # "udvalget beslutter, at:" + points: the points are what it decides
                rest = "" if rest.strip(" ,").lower() == "at" else rest.rstrip(",")
                parts.append((verb, rest))
                that = rest == "" and split[2].strip(" ,").lower() == "at"
            continue
        if bullet and parts and parts[-1][1] == "" and parts[-1][0]:
            verb = parts.pop()[0]
            # a clause of its own ("lejen hæves med 5 %") keeps the "at" that introduced it
            clause = that and _split_clause(text, None) is not None
            parts.append((verb, f"at {_clause_case(text)}" if clause else text))
            continue
        split = _split_clause(text, subject or body)
        if split is None:
            if parts and parts[-1][0]:
                # "godkender," + "– at fastholde ..." bullets
                parts.append((parts[-1][0], text))
            continue
        subj, verb, rest = split
        if verb and _OWN_SENTENCE_RE.match(rest):
            # "Formanden indstiller, Referatet blev godkendt": a proposer with nothing
            # after it, then a sentence of its own (often the decision); no ask
            continue
        if subject is None and verb:
            subject = subj  # a passive clause's subject ("sagen drøftes") is no body
        if not verb:
            passive = True
            if capital_after_at:
                named.add(f"{subj} {rest}".strip())
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
    return _Ask(meeting_subject(subject, body), parts, passive, recommend_to, frozenset(named))


_NOT_THE_MEETING_RE = re.compile(
    r"sekretariat|administration|forvaltning|fagenhed|centret\b|\bcenter\b|afdeling|embedsværk"
    r"|direktør\b|direktøren\b|chefen\b|chef\b",
    re.IGNORECASE,
)


def clean_body(body: str | None) -> str | None:
    """The body without a secretariat glued to it (``KD-Net Sekretariatet`` -> ``KD-Net``)."""
    if not body or NOT_A_BODY_RE.search(body):
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
    r"^(\S+(?:\s+og\s+\S+)?),?\s+"
    r"((?:på baggrund af|på grundlag af|ud fra|efter|med|over for)\s+.+)$",
    re.IGNORECASE,
)


def _render_ask(
    ask: _Ask, budget: int, *, past: bool = False, fallback_object: str | None = None
) -> str:
    """Render the ask as "<subject> skal <verb> ..." (or past tense for a decision)."""
    # "Det blev besluttet at godkende ..." keeps the infinitive
    tense = past_tense if past and ask.subject != _NO_BODY else infinitive
    if ask.recommend_to:
        tense = infinitive  # "anbefale Byrådet at godkende X"
    pieces: list[str] = []
    prev_verb = None
    for verb, rest in ask.parts:
        named = rest in ask.named
        rest = _verbs_in_rest(rest.strip().rstrip(",.;"), tense).lstrip(", ")
        rest = re.sub(r"^vedlagte\s+", "", rest)
        if rest.lower().startswith("at ") and pieces:
            rest = rest  # "godkende A og at B"
        if not verb:
            keep = rest[:2].isupper() or named
            pieces.append(rest if keep else rest[:1].lower() + rest[1:])
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
    if ask.recommend_to and ask.subject != _NO_BODY:
        lead = "anbefalede" if past else "skal anbefale"
        joined = _join_parts(pieces)
        # a passive point keeps its clause ("..., at planen godkendes")
        link = ", at" if ask.passive and not any(v for v, _ in ask.parts) else " at"
        text = f"{ask.subject} {lead} {ask.recommend_to}{link} {joined}"
        return _cut_tail(_end(_sentence_case(text)), budget)
    if ask.passive and not any(v for v, _ in ask.parts):
        text = _join_parts(pieces)
        text = _PASSIVE_VERB_RE.sub(_with_skal, text, count=1)
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


# The first passive verb of a clause ("fælles-skaberne" is none); a word right after a
# preposition is a noun's genitive ("periodiseringen af udvalgenes budgetter godkendes").
_PASSIVE_VERB_RE = re.compile(
    r"^(.*?)(?<!\baf)(?<!\bfor)(?<!\btil)(?<!\bi)(?<!\bpå)(?<!\bmed)(?<!\bfra)(?<!\bved)"
    r"(?<!\bom)\s+([a-zæøå]\w+es)(?![\w-])"
)
# An adverb before the passive verb goes after "skal": "der ikke afsættes" -> "der skal
# ikke afsættes", not "der ikke skal afsættes".
_ADVERB_TAIL_RE = re.compile(r"\s+(ikke|også|fortsat|ligeledes|derfor)$", re.I)


def _with_skal(m: re.Match) -> str:
    """ "<head> <passive>" -> "<head> skal <passive>", an adverb kept after "skal"."""
    head = m.group(1)
    adverb = _ADVERB_TAIL_RE.search(head)
    if adverb:
        return f"{head[: adverb.start()]} skal {adverb.group(1)} {m.group(2)}"
    return f"{head} skal {m.group(2)}"


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
