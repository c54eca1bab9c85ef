"""Candidate sentences of an item, their features, and the rule-based score.

Every candidate carries the same features for the rule-based score (the
baseline) and for the learned :class:`~kkrnlp.summarize.scorer.SentenceScorer`
(weights fitted to which sentences the reference summaries draw on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kkrnlp.danish import MONTH_STEMS
from kkrnlp.danish.recommendation import REC_START_RE
from kkrnlp.danish.sections import ROUTING_SECTIONS
from kkrnlp.danish.sentences import NEVER_LAST_WORDS, is_finite_verb
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.compress import (
    _content_keys,
    _drop_parentheticals,
    _end,
    _join_parts,
    _n_words,
    compress,
)
from kkrnlp.summarize.fluency import dangling_anaphor, is_attachment_text
from kkrnlp.summarize.sentences import Unit, normalize_space, split_sentences, split_units

_BOILERPLATE_RE = re.compile(
    r"læses her|kan ses her|(?<!\w)link|vedlagt|vedhæftet|bilag|fremgår af|fremgår herunder"
    r"|se (?:mere|nedenfor|oversigt)|^under dette punkt|nedenfor|følgende tabel|hjemmeside"
    # a lead-in to a list that is not in the summary: "Status ... er følgende."
    r"|(?:er|ser) (?:ud )?(?:som )?følgende\s*[.:]?$|\bfølgende\s*[.:]$",
    re.IGNORECASE,
)
# the meeting's own header repeated in the item ("Udvalgets møde den 3. maj 2024.")
_HEADER_LINE_RE = re.compile(
    r"^[^.]{0,60}\bmøde(?:t)?\s+(?:den|d\.)\s+\d{1,2}\.\s*[a-zæøå]+\.?\s+\d{4}[.:]?$", re.IGNORECASE
)
# a lead-in to a list or table the summary leaves out says nothing on its own
_LEAD_IN_RE = re.compile(
    r"(?:\bfølgende|\bnedenfor|\bnedenstående)(?:\s+[a-zæøå]+){0,2}\s*[.:,]?$", re.IGNORECASE
)
# a web page's pointer to its own links ("Læs dagsordener og referater her på siden")
_WEB_POINTER_RE = re.compile(
    r"^(?:læs|se|klik|find|hent)\b.{0,100}\bher(?:\s+på\s+(?:siden|hjemmesiden))?\s*[.!]?$",
    re.IGNORECASE,
)
# a letter's writer speaking ("Jeg vil gerne, at ..."): a summary reports, never quotes
_FIRST_PERSON_RE = re.compile(r"^(?:jeg|mig)\b", re.IGNORECASE)
# who wrote the case, and what a standing point is for ("Hvis der er meddelelser, tages de
# op under dette punkt."): notes on the page itself, never the matter
# a legend of abbreviations ("BY=Byråd, ØK=Økonomiudvalg, ..."), and a line of a case's
# history ("19.11.2018 Udvalget for teknik og miljø."): neither is a sentence about the matter
_LEGEND_RE = re.compile(r"(?:\b[A-ZÆØÅ]{2,5}=\w+.*?){3}")
_DATED_LINE_RE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\s+(?P<rest>.+)$")


def _history_line(raw: str) -> bool:
    m = _DATED_LINE_RE.match(raw.strip())
    return bool(m) and not any(is_finite_verb(w) for w in m.group("rest").split())


# minutes' "Ad 1." before the answer to point 1, split off as a sentence of its own
_POINT_REF_RE = re.compile(r"^(?:ad|at|pkt)\.?\s*\d{1,2}\s*[.:]?$", re.IGNORECASE)
_PAGE_NOTE_RE = re.compile(
    r"\bhar udarbejdet (?:sagsfremstillingen|dagsordenspunktet|dette dagsordenspunkt)\b"
    r"|^hvis der er\b.{0,120}\bunder dette punkt\.?$",
    re.IGNORECASE,
)
# the heading over a body's decision in minutes ("Udvalget for X, 17-04-2015, pkt. 18",
# "Økonomiudvalget, 14. maj 2019, pkt. 88:")
_DATED_ORGAN_RE = re.compile(
    r"^[^\n]{3,80}?,\s*\d{1,2}(?:-\d{1,2}-\d{4}|\.\s*[a-zæøå]+\s+\d{4}),\s*pkt\."
)
# "Fritidsudvalget beslutter." names who decides, before the matter: no sentence of it
_COMPETENCE_RE = re.compile(r"^(?:\S+\s+){1,5}(?:beslutter|orienteres)\.?$", re.IGNORECASE)
_FIGURE_RE = re.compile(
    r"\d[\d.,]*\s*(?:mio|mia|mrd|kr|pct|%|procent|millioner|milliarder)", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}\.\s*(?:{'|'.join(MONTH_STEMS)})|\b(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"(?<=\s)[A-ZÆØÅ][\wæøå-]+")

# section role -> weight: the background and a text without sections hold the matter,
# the "other" sections (economy, process, law ...) rarely do
_ROLE_WEIGHT = {"background": 0.8, "other": 0.3, "text": 0.6}
# sections that hold no matter sentences: the ask, the decision and the annexes
_SKIP_ROLES = {"recommendation", "decision", "attachments"}


@dataclass
class SelectionSettings:
    """How candidate sentences are formed, and the rule-based baseline's weights."""

    max_list_items: int = 5
    max_list_item_words: int = 10
    min_sentence_words: int = 5
    long_sentence_words: int = 45
    title_weight: float = 0.8
    ask_weight: float = 0.3
    fact_weight: float = 0.08
    short_penalty: float = 1.0
    long_penalty: float = 0.3
    boilerplate_penalty: float = 0.8
    repeat_penalty: float = 1.0
    anaphor_penalty: float = 0.6


# the features of a candidate, in the order the learned scorer's weights use
FEATURES = (
    "role_weight",
    "inv_position",
    "first_in_section",
    "first_section",
    "title_overlap",
    "ask_overlap",
    "repeats_ask",
    "figures",
    "numbers",
    "dates",
    "names",
    "words",
    "short",
    "long",
    "boilerplate",
    "anaphor",
    "listed",
)


@dataclass
class Candidate:
    """One sentence (or an intro with its short list inlined) that may enter the summary."""

    text: str
    raw: str
    role: str
    position: int
    order: tuple[int, int]
    listed: bool = False
    anaphor: bool = False
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def section_weight(self) -> float:
        return _ROLE_WEIGHT.get(self.role, 0.3)


def _list_case(point: str) -> str:
    """Lower-case a list point's first word when it is plainly not a name ("Rekruttering til")."""
    words = point.split()
    if len(words) >= 2 and words[1][:1].islower() and not words[0].isupper():
        return words[0][:1].lower() + point[1:]
    return point


def _inline_list(intro: Unit, bullets: list[Unit], settings: SelectionSettings) -> str | None:
    items = [_drop_parentheticals(b.text).rstrip(" .;,") for b in bullets]
    if any(is_attachment_text(i) for i in items):
        return None  # an attachment list never enters a summary
    short = [i for i in items if i and _n_words(i) <= settings.max_list_item_words]
    # a list of long points does not fit a summary; a few long ones can be left out
    if len(short) < max(2, (len(items) + 1) // 2):
        return None
    items = [_list_case(i) for i in short[: settings.max_list_items]]
    head = intro.text.rstrip()
    if re.search(r"(?:herunder|bl\.a\.|blandt andet|fx|f\.eks\.)\s*:$", head, re.IGNORECASE):
        head = head[:-1].rstrip()
    return f"{head} {_join_parts(items)}."


_FUNCTION_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:og|eller|samt|i|på|til|af|for|med|om|at|der|som|de|den|det|en|et|fra|ved"
    r"|henblik|hvor|hvis|men|så|da|når|end|både))+$",
    re.IGNORECASE,
)


# Endings of whole Danish words (nouns, verbs, participles); a stem cut at a page or
# excerpt end rarely stops on one ("lånedis", "forvaltnin", "overensstemmels").
# Participles and adverbs in -t ("godkendt", "muligt") and words like "spørgsmål" end
# minutes' unpunctuated lines as often as the nouns do.
_WHOLE_WORD_END_RE = re.compile(
    r"(?:e|er|ion|hed|ing|en|et|dt|gt|nt|st|rt|lt|ig|sk|mål)$", re.IGNORECASE
)
# an abbreviation or initials in capitals ("PS", "DBU"): never a stem cut by an excerpt
_CAPITALS_RE = re.compile(r"^[A-ZÆØÅ]{2,5}$")


def _whole_last_word(raw: str, context: str) -> bool:
    """Whether the last word of an unpunctuated sentence is a whole word, so that the
    sentence merely lacks its full stop (minutes often print none)."""
    words = raw.split()
    if len(words) < 6 or not raw.rstrip()[-1:].isalpha():
        return False  # "Nævnet vurderer", "... ikke godkendes,": plainly unfinished
    last = words[-1]
    low = last.lower()
    if _CAPITALS_RE.match(last):
        return True
    if (
        len(last) < 4
        or not last.replace("-", "").isalpha()
        or low in NEVER_LAST_WORDS
        or _FUNCTION_TAIL_RE.search(f" {low}")
    ):
        return False
    if _WHOLE_WORD_END_RE.search(low):
        return True
    # a word printed whole elsewhere in the item ("spørgsmål", a place name); not an
    # abbreviation ("korr.") that a cut stem may equal
    if len(last) < 5:
        return False
    text = context.lower().rstrip(" .")
    seen = len(re.findall(rf"(?<!\w){re.escape(low)}(?![\w.])", text))
    return seen >= 2 or (seen == 1 and not text.endswith(low))


def _cut_off_sentence(raw: str, context: str = "") -> str:
    """A sentence the text stops in the middle of (an excerpt, a page break), made whole.

    The last word may be cut (``"... med henblik på a"``): it goes, and so do the
    function words left dangling; fewer than six words left means nothing is kept.
    A whole last word (``"... svar på opklarende spørgsmål"``) stays: the line only
    lacks its full stop. ``context`` is the item's text, where a whole word may recur.

    >>> _cut_off_sentence("Udvalget bad foreningen om et oplæg til en strategi med henblik på a")
    'Udvalget bad foreningen om et oplæg til en strategi.'
    >>> _cut_off_sentence("Rådet fik svar på sine spørgsmål fra en engageret bestyrelse")
    'Rådet fik svar på sine spørgsmål fra en engageret bestyrelse.'
    >>> _cut_off_sentence("Den årlige optælling af fugle i mosen er blevet fo")
    ''
    >>> _cut_off_sentence("Planen blev vist for rådet på mødet den 3. maj, hvor rådet s")
    'Planen blev vist for rådet på mødet den 3. maj.'
    >>> _cut_off_sentence("Stien blev lagt om i foråret efter et møde med ejerne, at rådet orie")
    'Stien blev lagt om i foråret efter et møde med ejerne.'
    """
    clause = _SUBJECT_ONLY_CLAUSE_RE.search(raw)
    if clause and not is_finite_verb(clause.group(1)):
        # ", at udvalget orie": a clause's subject, then no verb; the clause was cut
        head = raw[: clause.start()].rstrip(" ,;:–-")
        return _end(head) if _n_words(head) >= 6 else ""
    if _whole_last_word(raw, context):
        return _end(raw.rstrip(" ,;:–-"))
    words = raw.split()[:-1]
    head = _FUNCTION_TAIL_RE.sub("", " ".join(words)).rstrip(" ,;:–-")
    last = head.split()[-1].lower() if head.split() else ""
    if last in NEVER_LAST_WORDS or last in _AUXILIARY_PARTICIPLES:
        return ""  # "... regnskaber er blevet kon": the verb the sentence needs is cut
    # ", hvor udvalget s": a clause that lost its verb goes back to its comma
    head = _DANGLING_CLAUSE_RE.sub("", head)
    return _end(head) if _n_words(head) >= 6 else ""


# A last clause of a subordinator, one word of subject and one more word: that word
# must be the clause's verb ("..., at udvalget godkender"), else the clause is cut.
_SUBJECT_ONLY_CLAUSE_RE = re.compile(
    r",[ \t]*(?:at|hvor|som|når|hvis|da|fordi|mens|idet)[ \t]+[a-zæøå]\w*[ \t]+(\S+)$", re.I
)
_DANGLING_CLAUSE_RE = re.compile(
    r",[ \t]*(?:hvor|som|der|at|når|hvis|da|fordi|mens|idet|så)(?:[ \t]+\S+){0,2}$", re.I
)
# Participles of the auxiliaries: "er blevet", "har været" want the verb after them.
_AUXILIARY_PARTICIPLES = frozenset({"blevet", "været", "haft"})


def _next_numbers(number: str) -> set[str]:
    """The numbers the next item may carry: ``3.2`` -> {``3.3``, ``4``, ``4.1``}."""
    parts = [p for p in str(number or "").split(".") if p]
    if not parts or not all(p.isdigit() for p in parts):
        return set()
    out = set()
    for k in range(len(parts)):
        bumped = [*parts[:k], str(int(parts[k]) + 1)]
        out.add(".".join(bumped))
        out.add(".".join([*bumped, "1"]))
    return out


def own_text(text: str, number: str) -> str:
    """``text`` cut before a line that opens the next item (``4. Næste punkt``).

    A segmenter that misses a heading leaves the next item's text in this one;
    a summary must never be taken from it.
    """
    wanted = _next_numbers(number)
    if not wanted or not text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^\s*(?:punkt\s+|pkt\.\s*|nr\.\s*)?(\d+(?:\.\d+)*)\.?\s+[A-ZÆØÅ]", line, re.I)
        if i and m and m.group(1) in wanted and _n_words(line) <= 14:
            return "\n".join(lines[:i])
    return text


# the markers a list point opens with, doubled when a page's bullet was kept ("- • Tekst")
LIST_MARK_RE = re.compile(r"^(?:[-–•·▪*]\s*)+")
# points run together on one line: "... den 21. februar - Logokonkurrence ..."
_RUN_ON_POINT_RE = re.compile(r"(?:\s+|(?<=\)))[-–•]\s+(?=[A-ZÆØÅ])")


def _points_as_sentences(units: list[Unit], title: str) -> list[Unit]:
    """A text that is nothing but list points (minutes' notes: "- • Regnskabet er
    revideret. Det fremlægges på generalforsamlingen."): the points are its sentences,
    since there is no intro to hang them on. Any other text is returned as it is."""
    title_key = normalize_space(title).rstrip(".:").lower()
    points = [u for u in units if u.bullet and u.text.rstrip(".:").lower() != title_key]
    # a question the points answer ("Hvorfor kom så få?") is no sentence of the matter
    prose = [u for u in units if not u.bullet and not u.heading and not u.text.endswith("?")]
    if not points or prose:
        return units
    out: list[Unit] = []
    for u in points:
        for piece in _RUN_ON_POINT_RE.split(LIST_MARK_RE.sub("", u.text)):
            out.extend(Unit(t, para=u.para, index=len(out)) for t in split_sentences(piece))
    return out


# A short sentence that only says the title again ("Evt. bemærkninger til dagsordenen."
# under "Bemærkninger/ændringer til dagsordenen") tells nothing.
_ECHO_MAX_WORDS = 6


def title_echo(raw: str, title: str) -> bool:
    keys = _content_keys(raw)
    return bool(keys) and _n_words(raw) <= _ECHO_MAX_WORDS and keys <= _content_keys(title)


_POINT_LINE_RE = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[-•·]\s*)?at\s", re.I)


def _point_key(text: str) -> str:
    """A recommendation point's words, without its number ("2. at A" == "at A.")."""
    return " ".join(re.findall(r"\w+", re.sub(r"^\s*(?:\d{1,2}[.)]|[-•·])\s*", "", text).lower()))


def candidates(item: AgendaItem, settings: SelectionSettings | None = None) -> list[Candidate]:
    """The candidate matter sentences of ``item``, in document order."""
    settings = settings or SelectionSettings()
    parts: list[tuple[str, str]] = []
    for sec in item.sections:
        if not sec.text or not sec.text.strip():
            continue
        role = sec.role if sec.role in _ROLE_WEIGHT else "other"
        if sec.role in _SKIP_ROLES or sec.heading.strip().rstrip(":").lower() in ROUTING_SECTIONS:
            continue
        parts.append((role, own_text(sec.text, item.number)))
    if not parts and item.text:
        parts.append(("text", own_text(item.text, item.number)))
    # the recommendation's points printed inside another section ("... indstiller til X at
    # anbefale Y" / "1. at ..."): the ask tells them, no matter sentence does
    rec_points = {
        _point_key(line)
        for line in (item.recommendation_text or "").split("\n")[1:]
        if _POINT_LINE_RE.match(line)
    }
    out: list[Candidate] = []
    for s_idx, (role, text) in enumerate(parts):
        units = _points_as_sentences(split_units(text), item.title or "")
        pos = 0
        i = 0
        prev_kept = False
        while i < len(units):
            unit = units[i]
            if unit.heading or unit.bullet:
                i += 1
                continue
            raw = unit.text
            listed = False
            if unit.intro:
                j = i + 1
                bullets = []
                while j < len(units) and units[j].bullet:
                    bullets.append(units[j])
                    j += 1
                merged = _inline_list(unit, bullets, settings) if bullets else None
                if merged:
                    raw, listed = merged, True
                    i = j
                else:
                    i += 1
                    if bullets:
                        pos += 1
                        prev_kept = False
                        continue  # an intro to a long list says little on its own
            else:
                i += 1
            cut_off = (
                s_idx == len(parts) - 1
                and i >= len(units)
                and not re.search(r"[.!?:;)\"”»]\s*$", raw)
            )
            if cut_off:
                raw = _cut_off_sentence(raw, f"{item.title}\n{item.text or text}")
            if (
                not raw
                or (rec_points and _point_key(raw) in rec_points)
                or REC_START_RE.match(raw)
                or raw.rstrip().endswith("?")
                or is_attachment_text(raw)
                or _LEAD_IN_RE.search(raw)
                or _WEB_POINTER_RE.match(raw)
                or _FIRST_PERSON_RE.match(raw)
                or _PAGE_NOTE_RE.search(raw)
                or _POINT_REF_RE.match(raw.strip())
                or _LEGEND_RE.search(raw)
                or _history_line(raw)
                or _COMPETENCE_RE.match(raw)
                or _DATED_ORGAN_RE.match(raw)
                or raw.rstrip().endswith(",")  # "Det foreslås," opens a list
                or _HEADER_LINE_RE.match(raw)
                or _n_words(raw) < 2
            ):
                pos += 1
                prev_kept = False
                continue
            anaphor = dangling_anaphor(raw, True) is not None
            cand = Candidate(compress(raw), raw, role, pos, (s_idx, unit.index), listed, anaphor)
            # an anaphor is fine right after its antecedent; remember which comes first
            cand.features["_follows"] = float(prev_kept)
            out.append(cand)
            prev_kept = True
            pos += 1
    return out


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def compute_features(
    cands: list[Candidate],
    item: AgendaItem,
    ask_text: str,
    settings: SelectionSettings | None = None,
) -> None:
    """Fill ``features`` of every candidate (see :data:`FEATURES`)."""
    settings = settings or SelectionSettings()
    title_keys = _content_keys(item.title)
    ask_keys = _content_keys(ask_text)
    first_section = min((c.order[0] for c in cands), default=0)
    for c in cands:
        keys = _content_keys(c.text)
        n = _n_words(c.text)
        c.features.update(
            {
                "role_weight": c.section_weight,
                "inv_position": 1.0 / (1.0 + c.position),
                "first_in_section": float(c.position == 0),
                "first_section": float(c.order[0] == first_section),
                "title_overlap": len(keys & title_keys) / max(1, len(title_keys)),
                "ask_overlap": len(keys & ask_keys) / max(1, len(ask_keys)),
                "repeats_ask": float(bool(ask_keys) and _overlap(keys, ask_keys) > 0.7),
                "figures": min(len(_FIGURE_RE.findall(c.text)), 3) / 3,
                "numbers": min(len(_NUMBER_RE.findall(c.text)), 4) / 4,
                "dates": min(len(_DATE_RE.findall(c.text)), 2) / 2,
                "names": min(len(_NAME_RE.findall(c.text)), 4) / 4,
                "words": min(n, 60) / 60,
                "short": float(n < settings.min_sentence_words),
                "long": float(n > settings.long_sentence_words),
                "boilerplate": float(bool(_BOILERPLATE_RE.search(c.text))),
                "anaphor": float(c.anaphor),
                "listed": float(c.listed),
            }
        )


def rule_scores(cands: list[Candidate], settings: SelectionSettings) -> list[float]:
    """The hand-set baseline score of each candidate (features must be computed)."""
    out = []
    for c in cands:
        f = c.features
        score = f["role_weight"] + f["inv_position"]
        score += settings.title_weight * f["title_overlap"]
        score += settings.ask_weight * f["ask_overlap"]
        score += settings.fact_weight * 4 * max(f["numbers"], f["names"])
        score -= settings.short_penalty * f["short"]
        score -= settings.long_penalty * f["long"]
        score -= settings.boilerplate_penalty * f["boilerplate"]
        score -= settings.repeat_penalty * f["repeats_ask"]
        score -= settings.anaphor_penalty * f["anaphor"]
        out.append(score)
    return out


def encoder_similarity(
    encoder: Any, cands: list[Candidate], query: str
) -> list[float]:  # pragma: no cover - needs the encoder weights
    """Cosine similarity of each candidate to ``query`` (title and ask)."""
    import numpy as np

    vecs = np.asarray(encoder.embed([query] + [c.text for c in cands]))
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return [float(s) for s in vecs[1:] @ vecs[0]]
