"""A title that names a matter of one area: "Forslag til lokalplan 12", "Kloakering ved skolen".

The head reads the whole item, so a local plan whose case text is about a protected
newt, or a sewer project at a school, can score an area the matter is not about.
Some words in a title name a matter that belongs to one area whatever the case text
says: a lokalplan is planlægning, spildevand is klima, a plejebolig is sundhed. The
words are the ``title_cues`` of each area in labels.toml (formalia's title cues are
its own structure rule, policy.py).

A title naming the matters of one area takes that area; one naming those of several
("Lokalplan for en ny daginstitution") lets the head choose among them. A title
naming none ("Udvalgets opgaver") is read through its recommendation's words
("at der holdes en temadrøftelse om kommuneplanlægning"), which may only choose among
the head's three most likely areas (a long recommendation names other matters in
passing) and only when it names the matters of one area; when neither names a matter,
the head's prediction stands. A structure or committee rule's
decision (``source == "rules"``) stands.
"""

from __future__ import annotations

from kkrnlp.classify.policy import FORMALIA, PolicyPrediction
from kkrnlp.danish.items import title_without_labels
from kkrnlp.schema import AgendaItem
from kkrnlp.taxonomy import Taxonomy, match_cues

SOURCE = "titel"


def title_areas(title: str | None, taxonomy: Taxonomy) -> list[str]:
    """The areas (file order) whose ``title_cues`` a title matches; formalia is not one.

    >>> from kkrnlp.taxonomy import load_taxonomy
    >>> title_areas("Forslag til lokalplan 7 for Engvej", load_taxonomy())
    ['planlægning']
    """
    text = (title or "").strip()
    if not text:
        return []
    texts = dict.fromkeys((text, title_without_labels(text)))
    return [
        label.name
        for label in taxonomy.policy_areas
        if label.name != FORMALIA and any(match_cues(label.title_cues, t) for t in texts)
    ]


def matter_rule(
    item: AgendaItem, prediction: PolicyPrediction, taxonomy: Taxonomy
) -> PolicyPrediction:
    """The prediction, or the area the title's matter names (main; the head's others after)."""
    if prediction.source == "rules":
        return prediction
    areas = [a for a in title_areas(item.title, taxonomy) if a in prediction.scores]
    if not areas:  # "Udvalgets opgaver": the recommendation may name the matter instead,
        # but a long recommendation mentions other matters in passing ("... og tages med i
        # næste revision af kommuneplanen"), so its matter only chooses among the head's
        # three best
        likely = sorted(prediction.scores, key=prediction.scores.get, reverse=True)[:3]
        named = title_areas(item.recommendation_text, taxonomy)
        # points naming matters of several areas ("botilbud", then "renovation"): a
        # composite such as a budget report, whose matter the head judges better
        areas = [a for a in named if a in likely] if len(named) == 1 else []
    if not areas:
        return prediction
    # several areas named: the one the head finds most likely (file order on ties)
    main = max(areas, key=lambda a: prediction.scores.get(a, 0.0))
    if main == prediction.label:
        return prediction
    return prediction.promoted(main, SOURCE)
