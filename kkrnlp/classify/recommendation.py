"""What is the meeting asked to do? Rules over the Danish wording first.

The recommendation ("Det indstilles, at KKR ... godkender ...") says it in so
many words, so a rule reads it; the guidelines' precedence decides between
several verbs. Without a recommendation text the title and group heading decide
("Siden sidst" is orientering, a group "Udpegninger" holds appointments), and
only when neither says anything does a trained model guess. Every prediction
says which of these decided (``source``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy

ORIENTERING, GODKENDELSE, DROEFTELSE, UDPEGNING = (
    "orientering",
    "godkendelse",
    "drøftelse",
    "udpegning",
)

# Wordings in the recommendation text, beyond the cues users keep in labels.toml.
_PATTERNS: dict[str, list[str]] = {
    ORIENTERING: [
        r"til\s+efterretning",
        r"\borienter(?:es|er)\b",
        r"tager\s+orienteringen",
        r"\bnoterer\b",
    ],
    GODKENDELSE: [
        r"\bgodkend\w*",
        r"\btiltræd\w*",
        r"\bvedtag\w*",
        r"\bbeslut(?:ter|tes|te)\b",
        r"\bbevilg\w*",
        r"\banbefal\w*",
        r"\bgiver\s+(?:sin\s+)?(?:tilslutning|opbakning)",
        r"\bfastsætter\b",
        r"\bindarbejdes\b",
        r"\btil\s+beslutning\b",
    ],
    DROEFTELSE: [
        r"\bdrøft\w*",
        r"\bgiver\s+(?:sit\s+|sine\s+)?input",
        r"\bkommer\s+med\s+(?:input|bemærkninger)",
        r"\bgiver\s+bemærkninger",
        r"\bbidrager\s+med\s+input",
        r"\bmeldinger\s+til\b",
    ],
    UDPEGNING: [
        r"\budpeg\w*",
        r"\bindstiller\s+(?:et\s+|to\s+|\w+\s+)?(?:nyt?\s+)?(?:medlem|suppleant|repræsentant)",
        r"\bindstilling\s+af\s+(?:nyt?\s+)?(?:medlem|suppleant|repræsentant)",
        r"\bvælger\s+(?:et\s+)?(?:nyt\s+)?medlem",
        r"\bsom\s+(?:nyt\s+)?(?:medlem|suppleant)\s+(?:af|til|i)\b",
        r"\bbemyndiger\b.{0,80}\budpege",
    ],
}
# "... forelægges kommunalbestyrelserne til orientering" is about forwarding, so it
# counts only when nothing stronger is asked.
_WEAK_ORIENTERING = re.compile(r"til\s+orientering|orientering\s+om", re.I)
_DECISION_PACKAGE = re.compile(r"^\s*at\s+følgende\s+besluttes", re.I)
_APPOINTMENT_TITLE = re.compile(
    r"udpeg|indstilling\s+af\s+(?:nyt?\s+)?(?:medlem|suppleant|repræsentant)|valg\s+af\s+"
    r"(?:medlem|repræsentant|formand|næstformand)|nyt\s+medlem|suppleant|repræsentant(?:er)?\s+til",
    re.I,
)
_TITLE_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^siden\s+sidst|^meddelelser|^nyt\s+fra|^orientering(?:\s|$)|"
                r"^punkter\s+til\s+(?:næste|kommende)\s+møde|^næste\s+møde|^status\b|"
                r"^mødekalender|^mødeplan|^opfølgning\s+på", re.I), ORIENTERING),
    (re.compile(r"^godkendelse\s+af|^vedtagelse\s+af|^godkend", re.I), GODKENDELSE),
    (re.compile(r"^(?:tema)?drøftelse\s+af|^temadrøftelse|^drøftelse\b", re.I), DROEFTELSE),
]  # fmt: skip
_GROUP_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"udpegning|valg\b", re.I), UDPEGNING),
    (re.compile(r"til\s+beslutning|beslutningssager", re.I), GODKENDELSE),
    (re.compile(r"til\s+drøftelse|drøftelsessager|temadrøftelse", re.I), DROEFTELSE),
    (re.compile(r"til\s+orientering|orienteringssager|meddelelser|punkter\s+til\s+næste", re.I),
     ORIENTERING),
]  # fmt: skip


@dataclass
class RecommendationPrediction:
    """Main type (None when the item asks nothing), all types, scores, and who decided."""

    label: str | None
    labels: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    source: str = "ingen"  # indstilling | titel | gruppe | model | tom | ingen


def _cue_positions(text: str, taxonomy: Taxonomy | None) -> dict[str, int]:
    """First position of each label's wording in ``text``; absent labels left out."""
    lowered = text.lower()
    found: dict[str, int] = {}
    for label, patterns in _PATTERNS.items():
        for pattern in patterns:
            match = re.search(pattern, lowered)
            if match:
                found[label] = min(found.get(label, match.start()), match.start())
    if taxonomy is not None:
        for label in taxonomy.recommendations:
            for cue in label.cues:
                pos = lowered.find(cue.lower())
                if pos >= 0:
                    found[label.name] = min(found.get(label.name, pos), pos)
    return found


def _is_appointment_item(item: AgendaItem) -> bool:
    return bool(_APPOINTMENT_TITLE.search(item.title)) or bool(
        item.group and re.search(r"udpegning", item.group, re.I)
    )


def rank_from_recommendation(
    text: str, item: AgendaItem, taxonomy: Taxonomy | None = None
) -> list[str]:
    """Types asked for in a recommendation text, main first, by the guidelines' precedence."""
    if _DECISION_PACKAGE.match(text):
        return [GODKENDELSE]  # "At følgende besluttes ..." is a decision whatever follows
    found = _cue_positions(text, taxonomy)
    if not found and _WEAK_ORIENTERING.search(text):
        found[ORIENTERING] = 0
    if not found:
        return []
    order = sorted(found, key=found.get)
    main: str
    if UDPEGNING in found and _is_appointment_item(item):
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


def _rule_from_title(item: AgendaItem) -> tuple[str | None, str]:
    if _is_appointment_item(item):
        return UDPEGNING, "titel"
    for pattern, label in _TITLE_RULES:
        if pattern.search(item.title.strip()):
            return label, "titel"
    if item.group:
        for pattern, label in _GROUP_RULES:
            if pattern.search(item.group):
                return label, "gruppe"
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
    """Recommendation type for each item: recommendation text, then title, then model.

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
        label, source = _rule_from_title(item)
        if label in names:
            results.append(
                RecommendationPrediction(label, [label], _rule_scores([label], names), source)
            )
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
