"""The committee's own business: its chair election and its own budget take its area.

"Valg af formand og næstformand" or "Budgetopfølgning 2 - forventet regnskab" says
nothing about a policy area in its words: the area is the committee's own, read from
the name of the body that meets (``Meeting.body``, "Børne- og Skoleudvalget"). The
guidelines label a committee's budget follow-up with its area and ``økonomi`` second,
and a general body's own chair ("Valg af borgmester" in the council) ``økonomi``.

Every wording is in labels.toml: ``[rules] committee_chair`` / ``committee_budget``
(titles of the committee's own business), ``[rules] general_body`` (bodies of no one
area: the council, the finance committee, KKR), and each area's ``body_cues`` (the
words of a committee's name that point to it). A body whose name points to several
areas ("Social- og Sundhedsudvalget") gets the one of them the head scores highest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kkrnlp.classify.policy import PolicyPrediction
from kkrnlp.danish.items import title_without_labels
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy, match_cues

ECONOMY = "økonomi"
CHAIR, BUDGET = "committee_chair", "committee_budget"
BODY_SOURCE = "organ"
_WORD = re.compile(r"\w+")
_COMMITTEE = re.compile(r"udvalg", re.IGNORECASE)


@dataclass(frozen=True)
class ThinItem:
    """When an item says too little for the head, and the body's name decides instead.

    ``max_words``: words of the item's own text beyond its title ("Status på
    byportalen. Formanden fortalte kort."); ``max_score``: the head's best score below
    which it is taken as unsure. Both must hold.
    """

    max_words: int = 60
    max_score: float = 0.25


def body_areas(body: str | None, taxonomy: Taxonomy) -> list[str]:
    """The areas a body's name points to (file order); none for a general body.

    >>> from kkrnlp.taxonomy import load_taxonomy
    >>> tax = load_taxonomy()
    >>> body_areas("Kultur- og Idrætsudvalget", tax), body_areas("Byrådet", tax)
    (['kultur'], [])
    """
    if not body or not body.strip() or match_cues(taxonomy.rule("general_body"), body):
        return []
    return [label.name for label in taxonomy.policy_areas if match_cues(label.body_cues, body)]


def committee_business(item: AgendaItem, taxonomy: Taxonomy) -> str | None:
    """``"committee_chair"``, ``"committee_budget"`` or None, from the item's title.

    The cues are tried on the title and on the title without the labels a page
    prints before it ("Beslutning: ", "Lukket punkt - ").

    >>> from kkrnlp.taxonomy import load_taxonomy
    >>> committee_business(AgendaItem("1", "Valg af næstformand"), load_taxonomy())
    'committee_chair'
    """
    title = (item.title or "").strip()
    if not title:
        return None
    titles = dict.fromkeys((title, title_without_labels(title)))
    for kind in (CHAIR, BUDGET):
        if any(match_cues(taxonomy.rule(kind), t) for t in titles):
            return kind
    return None


def committee_rule(
    item: AgendaItem, body: str | None, prediction: PolicyPrediction, taxonomy: Taxonomy
) -> PolicyPrediction:
    """The prediction, or the committee's area when the item is its own business.

    A structure rule's decision (formalia) stands. A general body's own chair (the
    council electing its mayor) is how the municipality is governed: ``økonomi``. A
    general body's budget, or a body naming no area, leaves the head's prediction alone.
    """
    if prediction.source == "rules" or not body:
        return prediction
    kind = committee_business(item, taxonomy)
    if kind is None:
        return prediction
    if kind == CHAIR and match_cues(taxonomy.rule("general_body"), body):
        # "Valg af ny formand for udvalget" names a committee of its own: the body read
        # off the page may be the council that set it up, so the committee's chair is
        # left to the head
        title = item.title or ""
        own = not _COMMITTEE.search(title) or match_cues(taxonomy.rule("general_body"), title)
        areas = [ECONOMY] if own and ECONOMY in prediction.scores else []
    else:
        areas = [a for a in body_areas(body, taxonomy) if a in prediction.scores]
    if not areas:
        return prediction
    # several areas in the name: the one the head finds most likely (file order on ties)
    main = max(areas, key=lambda a: prediction.scores.get(a, 0.0))
    labels = [main]
    if kind == BUDGET and ECONOMY in prediction.scores and main != ECONOMY:
        labels.append(ECONOMY)
    scores = {name: (1.0 if name == main else score) for name, score in prediction.scores.items()}
    return PolicyPrediction(main, labels, scores, "rules")


def thin_item_rule(
    item: AgendaItem,
    body: str | None,
    prediction: PolicyPrediction,
    taxonomy: Taxonomy,
    settings: ThinItem = ThinItem(),
) -> PolicyPrediction:
    """The prediction, or the body's area for an item too thin for the head to read.

    A few lines of minutes ("Status på projektet. Formanden orienterede.") in an
    ældreråd or a landdistriktsudvalg name no matter the head knows, and it spreads its
    scores thin over areas the words hint at; the body that meets has one field, and
    such an item is about it. An item with words enough, or one the head is sure of
    ("Ny affaldsordning i høring" in an ældreråd: klima), keeps the head's area: the area is
    the decision's, not the organisation's (GUIDELINES), whenever the item says which.
    """
    if prediction.source == "rules" or not body or not prediction.scores:
        return prediction
    if max(prediction.scores.values()) >= settings.max_score:
        return prediction
    if own_words(item) > settings.max_words:
        return prediction
    areas = [a for a in body_areas(body, taxonomy) if a in prediction.scores]
    if not areas:
        return prediction
    main = max(areas, key=lambda a: prediction.scores.get(a, 0.0))
    if main == prediction.label:
        return prediction
    return prediction.promoted(main, BODY_SOURCE)


def own_words(item: AgendaItem) -> int:
    """Words in the item's text beyond its number and title.

    >>> own_words(AgendaItem("5", "Status", text="5. Status Formanden orienterede."))
    2
    """
    text = item.text or " ".join(s.text for s in item.sections if s.text)
    head = _WORD.findall(f"{item.number or ''} {item.title or ''}")
    return max(len(_WORD.findall(text)) - len(head), 0)


def bodies_for(body: str | Sequence[str | None] | None, n: int) -> list[str | None]:
    """One body per item: a single name for all, a list as given, or none.

    >>> bodies_for("Socialudvalget", 2), bodies_for(None, 1)
    (['Socialudvalget', 'Socialudvalget'], [None])
    """
    if body is None or isinstance(body, str):
        return [body] * n
    out = list(body)
    if len(out) != n:
        raise ValueError(f"{len(out)} bodies for {n} items")
    return out
