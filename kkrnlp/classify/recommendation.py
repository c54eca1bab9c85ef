"""What is the meeting asked to do? Rules over the Danish wording first.

The recommendation ("Det indstilles, at KKR ... godkender ...") says it in so
many words, so a rule reads it; the guidelines' precedence decides between
several verbs. Without a recommendation text the title and group heading decide
("Siden sidst" is orientering, a group "Udpegninger" holds appointments), then
the decision of minutes ("Godkendt.", "Taget til efterretning."), and only when
none says anything does a trained model guess. Every prediction
says which of these decided (``source``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy, compile_cues, load_taxonomy

ORIENTERING, GODKENDELSE, DROEFTELSE, UDPEGNING = (
    "orientering",
    "godkendelse",
    "drøftelse",
    "udpegning",
)

# Every wording lives in labels.toml; taxonomy.compile_cues compiles each tuple once.


def _search(patterns: tuple[str, ...], text: str | None) -> re.Match | None:
    regex = compile_cues(patterns)
    return regex.search(text) if regex is not None and text else None


@dataclass
class RecommendationPrediction:
    """Main type (None when the item asks nothing), all types, scores, and who decided."""

    label: str | None
    labels: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    # what decided: indstilling | punkttype | titel | gruppe | beslutning | model | tom | ingen
    source: str = "ingen"


def _cue_positions(text: str, taxonomy: Taxonomy, field: str = "cues") -> dict[str, int]:
    """First position of each label's wording (``field`` of the label) in ``text``."""
    found: dict[str, int] = {}
    for label in taxonomy.recommendations:
        regex = compile_cues(getattr(label, field))
        if regex is None:
            continue
        match = regex.search(text)
        if match:
            found[label.name] = match.start()
    return found


def ask_part(text: str, taxonomy: Taxonomy) -> str:
    """The recommendation without the decision of minutes (or the next section) after it.

    Pages print "Indstilling og beslutning" as one block: "... indstiller, at sagen
    tages til efterretning. Udvalget den 6. maj 2024: Drøftet." The guidelines label
    what was asked, so the text ends where a ``decision_start`` wording begins.
    """
    regex = compile_cues(taxonomy.rule("decision_start"))
    if regex is None:
        return text
    for match in regex.finditer(text):
        if match.start() > 0 and text[: match.start()].strip():
            return text[: match.start()]
    return text


def _mask_frame(text: str, taxonomy: Taxonomy) -> tuple[str, bool]:
    """``text`` with its first proposal frame ("Direktionen anbefaler, at") blanked out,
    and whether it had one. Blanking keeps positions, so the order of verbs stands."""
    match = _search(taxonomy.rule("proposal_frame"), text)
    if match is None:
        return text, False
    blank = " " * (match.end() - match.start())
    return text[: match.start()] + blank + text[match.end() :], True


def _is_appointment_item(item: AgendaItem, taxonomy: Taxonomy) -> bool:
    """The item exists to seat someone: its title or group says so, and the title does
    not ask for an approval of something else ("Godkendelse af aftale og udpegning")."""
    title = item.title or ""
    if _search(taxonomy.rule("appointment_group"), item.group):
        return True
    if not _search(taxonomy.rule("appointment_title"), title):
        return False
    return not _search(taxonomy.rule("approval_title"), title)


def _rank(found: dict[str, int], appointment: bool) -> list[str]:
    """Main type first by the guidelines' precedence, the others in order of wording."""
    order = sorted(found, key=found.get)
    if UDPEGNING in found and appointment:
        main = UDPEGNING  # the item exists to seat someone, however it is worded
        # "tager partiets indstilling til efterretning" is how the seat is taken, not a note.
        found.pop(ORIENTERING, None)
        order = [label for label in order if label in found]
    elif GODKENDELSE in found:
        main = GODKENDELSE  # a decision outweighs talk, notes and attached appointments
    elif UDPEGNING in found:
        main = UDPEGNING
    else:
        # "drøfter ... og tager orienteringen til efterretning" is drøftelse and
        # "tager orienteringen til efterretning og giver input" orientering:
        # the verb the meeting is asked for first is the main one.
        main = order[0]
    return [main] + [label for label in order if label != main]


def rank_from_recommendation(
    text: str, item: AgendaItem, taxonomy: Taxonomy | None = None
) -> list[str]:
    """Types asked for in a recommendation text, main first, by the guidelines' precedence.

    A proposal ("indstiller, at ...", "1. at ...") that names none of the types'
    wordings asks for a decision, so it is godkendelse.
    """
    taxonomy = taxonomy or load_taxonomy()
    text = ask_part(text, taxonomy)
    if _search(taxonomy.rule("decision_package"), text.lstrip()):
        return [GODKENDELSE]  # "At følgende besluttes ..." is a decision whatever follows
    masked, framed = _mask_frame(text, taxonomy)
    found = _cue_positions(masked, taxonomy)
    if found and not found.keys() & {GODKENDELSE, UDPEGNING}:
        # next to notes and talk only: beside an appointment the uncued points are how
        # the seat is taken ("- 1. stedfortræder indkaldes"), not a decision of their own
        bare = _bare_proposal(masked, taxonomy)
        if bare is not None:
            found[GODKENDELSE] = bare
    if not found and _search(taxonomy.rule("weak_orientering"), text):
        found[ORIENTERING] = 0
    if not found and (framed or _search(taxonomy.rule("proposal"), text)):
        found[GODKENDELSE] = 0
    if not found:
        return []
    appointment = _is_appointment_item(item, taxonomy)
    if (
        appointment
        and UDPEGNING not in found
        and _search(taxonomy.rule("appointment_seat"), item.title)
    ):
        # the title names the seat ("valg af formand"): udpegning, whatever verb the
        # recommendation uses ("Til beslutning.", "godkender")
        found = {UDPEGNING: -1, **found}
    ranked = _rank(found, appointment)
    if (
        ranked[:1] == [ORIENTERING]
        and DROEFTELSE in found
        and _DISCUSSION_TITLE.match((item.title or "").strip())
    ):
        # "Drøftelse af ..." asking to note a report and to discuss a question: the title
        # (read second, GUIDELINES) says which of the two the item is for
        ranked = [DROEFTELSE] + [label for label in ranked if label != DROEFTELSE]
    return ranked


# Where one point of a recommendation starts: a line opened by "at", a bullet or a
# number, or "..., og at" / "; at" inside a line (not a bare ", at", which opens a clause
# under the point: "drøfter, hvordan ..., at der ikke er afsat midler").
_POINT = re.compile(
    r"(?:^|\n)[ \t]*(?:[-•–*][ \t]+|\d{1,2}[.)][ \t]*)?(?=at\b)|(?:^|\n)[ \t]*"
    r"(?:[-•–*][ \t]+|\d{1,2}[.)][ \t]*)|(?:[,;]?[ \t]+og[ \t]+|;[ \t]*)(?=at\b)",
    re.IGNORECASE,
)
_MIN_POINT_WORDS = 3


def _bare_proposal(masked: str, taxonomy: Taxonomy) -> int | None:
    """Where a point proposes something in none of the types' wordings, next to points that
    do ("at orienteringen tages til efterretning, og at kommunen fører sagen videre").

    Such a point asks the meeting to decide (as a bare proposal alone does), and a
    decision outweighs notes and talk (GUIDELINES). A point that forwards the case "til
    orientering" is no decision.
    """
    starts = sorted({m.end() for m in _POINT.finditer(masked)})
    bounds = [*starts, len(masked)]
    for start, end in pairwise(bounds):
        point = masked[start:end].strip()
        words = re.findall(r"\w+", point)
        if len(words) <= _MIN_POINT_WORDS or not re.match(r"(?i)at\b|\w", point):
            continue
        if _cue_positions(point, taxonomy) or _search(taxonomy.rule("weak_orientering"), point):
            continue
        return start
    return None


# A title that names the item a discussion: "Drøftelse af ...", "Temadrøftelse - ...".
_DISCUSSION_TITLE = re.compile(r"^(?:\w+:\s*)?(?:tema)?drøftelse(?:ssag)?\b", re.I)


def rank_from_decision(text: str, item: AgendaItem, taxonomy: Taxonomy | None = None) -> list[str]:
    """Types a decision of minutes states ("Godkendt.", "Drøftet og taget til efterretning."),
    main first; nothing when it only says the recommendation was followed."""
    taxonomy = taxonomy or load_taxonomy()
    if _search(taxonomy.rule("decision_neutral"), text):
        return []
    found = _cue_positions(text, taxonomy, "decision_cues")
    return _rank(found, _is_appointment_item(item, taxonomy)) if found else []


def _normalise_type(value: str) -> str:
    return re.sub(r"[\s()\[\].:-]+", " ", value).strip().lower()


def _rule_from_item_type(item: AgendaItem, taxonomy: Taxonomy) -> str | None:
    """The item-type label the page prints (Beslutningssag, (O), Temadrøftelse ...)."""
    item_type = getattr(item, "item_type", None)
    if not item_type:
        return None
    value = _normalise_type(str(item_type))
    for label in taxonomy.recommendations:
        if value in {_normalise_type(t) for t in label.item_types}:
            return label.name
    return None


def _rule_from_title(item: AgendaItem, taxonomy: Taxonomy) -> tuple[str | None, str]:
    if _is_appointment_item(item, taxonomy):
        return UDPEGNING, "titel"
    title = (item.title or "").strip()
    found = {}
    for label in taxonomy.recommendations:
        match = _search(label.title_cues, title)
        if match:
            found[label.name] = match.start()
    if found:  # "Drøftelse og godkendelse af ..." is a decision, as in the text
        return _rank(found, False)[0], "titel"
    for label in taxonomy.recommendations:
        if _search(label.group_cues, item.group):
            return label.name, "gruppe"
    return None, "ingen"


def _rule_scores(labels: list[str], names: Sequence[str]) -> dict[str, float]:
    scores = dict.fromkeys(names, 0.0)
    for rank, label in enumerate(labels):
        scores[label] = 1.0 if rank == 0 else max(0.5, 0.8 - 0.1 * rank)
    return scores


FallbackModel = Callable[[list[AgendaItem]], list[dict[str, float]]]


def classify_recommendations(
    items: list[AgendaItem],
    taxonomy: Taxonomy,
    fallback: FallbackModel | None = None,
) -> list[RecommendationPrediction]:
    """Recommendation type for each item: recommendation text, item type, title, group,
    the decision of minutes, then the model.

    ``fallback`` maps items to score dicts (a trained head); it is asked only for
    the items the rules leave undecided.

    >>> from kkrnlp.taxonomy import load_taxonomy
    >>> item = AgendaItem("3.1", "Status", recommendation_text="Det indstilles, at KKR drøfter "
    ...                   "sagen og tager orienteringen til efterretning.")
    >>> classify_recommendations([item], load_taxonomy())[0].labels
    ['drøftelse', 'orientering']
    """
    names = taxonomy.recommendation_names
    results: list[RecommendationPrediction | None] = []
    undecided: list[int] = []
    for i, item in enumerate(items):
        if item.empty:
            results.append(RecommendationPrediction(None, [], dict.fromkeys(names, 0.0), "tom"))
            continue
        labels: list[str] = []
        if item.recommendation_text:
            ranked = rank_from_recommendation(item.recommendation_text, item, taxonomy)
            labels = [x for x in ranked if x in names]
            if labels:
                scores = _rule_scores(labels, names)
                results.append(RecommendationPrediction(labels[0], labels, scores, "indstilling"))
                continue
        label = _rule_from_item_type(item, taxonomy)
        source = "punkttype"
        if label is None or _is_appointment_item(item, taxonomy):
            label, source = _rule_from_title(item, taxonomy)
        if label in names:
            results.append(
                RecommendationPrediction(label, [label], _rule_scores([label], names), source)
            )
            continue
        if item.decision_text:  # minutes without the ask: what was decided says it
            labels = [
                x for x in rank_from_decision(item.decision_text, item, taxonomy) if x in names
            ]
            if labels:
                scores = _rule_scores(labels, names)
                results.append(RecommendationPrediction(labels[0], labels, scores, "beslutning"))
                continue
        results.append(None)
        undecided.append(i)
    if undecided and fallback is not None:
        probas = fallback([items[i] for i in undecided])
        for i, scores in zip(undecided, probas, strict=True):
            ranked = sorted(scores, key=scores.get, reverse=True)
            main = ranked[0] if ranked else None
            labels = [main] if main else []
            results[i] = RecommendationPrediction(main, labels, dict(scores), "model")
    return [
        r if r is not None else RecommendationPrediction(None, [], dict.fromkeys(names, 0.0))
        for r in results
    ]
