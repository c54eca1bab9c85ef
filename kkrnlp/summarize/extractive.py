"""The default summarizer: select and compress the item's own sentences.

A summary has two parts, as the reference summaries do (see the labelling
guidelines): what the matter is, taken from the best one or two sentences of
the item (chosen by a scorer learned from the reference summaries, or by the
rule-based baseline), and what the meeting is asked to do (agendas) or what
it decided (minutes and council cases), rewritten from the recommendation
("Det indstilles, at KKR Hovedstaden godkender ..." -> "KKR Hovedstaden skal
godkende ...") or the decision. It costs a few milliseconds per item. Every
summary is cut to the hard limits and checked for faithfulness and fluency;
when a rewrite fails a check, a plainer variant is used instead.

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
from pathlib import Path
from typing import Any

from kkrnlp.danish import (
    APPROVAL_TITLE_RE,
    ELECTION_TITLE_RE,
    FORMALIA_ITEM_TYPES,
    VERDICT_STARTS,
    is_formalia_group,
    is_formalia_title,
)
from kkrnlp.schema import AgendaItem
from kkrnlp.summarize.ask import (
    _parse_ask,
    _recommendation,
    _render_ask,
    _title_ask,
    clean_body,
    title_object,
)
from kkrnlp.summarize.compress import (
    _content_keys,
    _cut_tail,
    _end,
    _n_words,
)
from kkrnlp.summarize.decision import (
    _decision_section,
    _decision_sentence,
)
from kkrnlp.summarize.faithfulness import check_ask_body, check_faithfulness
from kkrnlp.summarize.fluency import check_fluency
from kkrnlp.summarize.limits import finish
from kkrnlp.summarize.minutes import (
    formalia_approval,
    formalia_decided,
    nil_labels,
    outcome_told,
    short_text,
    verdict_in_body,
)
from kkrnlp.summarize.scorer import SentenceScorer
from kkrnlp.summarize.selection import (
    Candidate,
    SelectionSettings,
    _overlap,
    candidates,
    compute_features,
    encoder_similarity,
    rule_scores,
    title_echo,
)
from kkrnlp.summarize.sentences import (
    clean_markup,
    normalize_space,
    split_sentences,
)
from kkrnlp.summarize.summary import Summary

logger = logging.getLogger(__name__)


@dataclass
class ExtractiveSettings:
    """Settings of :class:`ExtractiveSummarizer`.

    ``scorer``: ``"default"`` (the shipped weights learned from the reference
    summaries), a directory saved by :class:`SentenceScorer`, or ``None`` for
    the rule-based baseline. ``encoder`` (a hub id, a local directory or
    ``"default"``) adds similarity to the title and ask to the score.
    """

    max_words: int = 80
    max_sentences: int = 3
    max_matter_sentences: int = 2
    # rule-based baseline: a second matter sentence needs at least this score
    second_sentence_min_score: float = 0.75
    # learned scorer: a second matter sentence needs at least this probability
    second_sentence_min_prob: float = 0.15
    scorer: str | None = "default"
    encoder: str | None = None
    encoder_weight: float = 1.0
    selection: SelectionSettings = field(default_factory=SelectionSettings)


def source_text(item: AgendaItem, body: str | None = None) -> str:
    """The text a summary of ``item`` may draw facts from: title, text, sections, body."""
    parts = [item.title or "", item.text or ""]
    parts += [f"{s.heading}\n{s.text}" for s in item.sections]
    parts += [item.recommendation_text or "", item.decision_text or "", body or ""]
    parts += [item.group or "", item.presenter or ""]
    # the text as the sentences are read from it: a word glued to a figure ("19.25MFA")
    # is a word of its own there
    parts.append(clean_markup(item.text or ""))
    return "\n".join(p for p in parts if p)


def _default_scorer_dir() -> Path:
    from kkrnlp.config import SENTENCE_SCORER_DIR

    return SENTENCE_SCORER_DIR


def check_summary(
    text: str, item: AgendaItem, body: str | None, method: str, *, max_words: int = 80
) -> Summary:
    """Run the faithfulness and fluency checks on a finished summary text."""
    check = check_faithfulness(text, source_text(item, body))
    unsupported = list(check.unsupported) + check_ask_body(text, clean_body(body))
    fluency = check_fluency(text, max_words=max_words)
    return Summary(text, method, not unsupported, unsupported, fluency)


# An ask or decision this long stands without a sentence that only repeats the title.
_ECHO_NEEDS_WORDS = 5
# How many words a matter sentence may add to the ask it holds and still stand for it.
_FULLER_ASK_EXTRA_WORDS = 12


def _ask_told_in_full(cands: list[Candidate], ask_text: str) -> Candidate | None:
    """The first matter sentence that opens like a one-sentence ask, holds all its content
    words and a few more (the resume's "Udvalget skal godkende X til Y" for the ask
    "Udvalget skal godkende X")."""
    said = _content_keys(ask_text)
    if len(said) < 3 or len(split_sentences(ask_text)) != 1:
        return None
    numbers = set(re.findall(r"\d[\d.,/-]*\d|\d", ask_text))  # "2024-27" too
    opening = ask_text.lower().split()[:3]  # "Udvalget skal godkende": the same ask
    for c in cands:
        extra = _n_words(c.text) - _n_words(ask_text)
        if (
            0 <= extra <= _FULLER_ASK_EXTRA_WORDS
            and c.text.lower().split()[:3] == opening
            and said <= _content_keys(c.text)
            and numbers <= set(re.findall(r"\d[\d.,/-]*\d|\d", c.text))
        ):
            return c
    return None


class ExtractiveSummarizer:
    """Select and compress an item's own sentences into 1-3 Danish sentences.

    >>> ExtractiveSummarizer().summarize(AgendaItem("7", "Eventuelt", empty=True)).method
    'empty'
    """

    def __init__(
        self,
        settings: ExtractiveSettings | None = None,
        encoder: Any = None,
        scorer: SentenceScorer | None = None,
    ):
        self.settings = settings or ExtractiveSettings()
        self._encoder = encoder
        self.scorer = scorer if scorer is not None else self._load_scorer()

    def _load_scorer(self) -> SentenceScorer | None:
        name = self.settings.scorer
        if not name:
            return None
        path = _default_scorer_dir() if name == "default" else Path(name)
        if not (path / "weights.json").is_file():
            logger.warning("no sentence scorer at %s; using the rule-based selection", path)
            return None
        return SentenceScorer.from_pretrained(path)

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
        s = self.settings
        first: Summary | None = None
        variants, tail = self._build(item, kind, body)
        for variant in variants:
            text = finish(variant, max_words=s.max_words, max_sentences=s.max_sentences, tail=tail)
            if not text:
                continue
            result = check_summary(text, item, body, "extractive", max_words=s.max_words)
            if result.faithful and result.fluent:
                return result
            first = first or result
        if first is None:
            return Summary("", method="empty", faithful=True)
        logger.warning(
            "item %s: summary fails checks: %s", item.number, first.unsupported + first.fluency
        )
        return first

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

    def ask_text(self, item: AgendaItem, kind: str, body: str | None) -> tuple[str, str, bool]:
        """(ask or decision sentence, the plain recommendation line, is a decision)."""
        s = self.settings
        rec = _recommendation(item)
        subject_body = clean_body(body)
        ask = _parse_ask(rec, subject_body) if rec else None
        obj = title_object(item.title)
        # a parser that types items (``item_type``) is believed; else title and group decide
        item_type = str(getattr(item, "item_type", "") or "").lower()
        formalia = (
            item_type in FORMALIA_ITEM_TYPES
            or is_formalia_title(item.title)
            or is_formalia_group(item.group)
        )
        approval_formalia = bool(APPROVAL_TITLE_RE.search(item.title or ""))
        budget = max(12, s.max_words // 2)
        decision = None
        # a past participle under "Godkendelse af dagsorden" ("Godkendt") is a recorded
        # decision whatever the header said the document was
        recorded = approval_formalia and verdict_in_body(item) is not None
        if kind in ("referat", "sag") or recorded:
            if approval_formalia:
                decision = formalia_decided(item)
            decision = decision or _decision_sentence(item, ask, subject_body, budget, obj)
        if not decision and not ask and formalia:
            decision = nil_labels(item)  # "Fraværende: Ingen." says more than the title
        if decision and decision.strip(" .").lower() in ("intet", "ingen", "intet nyt"):
            # "Intet." names nothing without its title: "Meddelelser: Intet."
            decision = f"{(item.title or '').strip().rstrip('.:')}: {decision.strip()}"
        if decision:
            return decision, decision, True
        text = ""
        if ask:
            if formalia and approval_formalia:
                text = formalia_approval(ask) or _render_ask(ask, budget, fallback_object=obj)
            else:
                text = _render_ask(ask, budget, fallback_object=obj)
                if formalia and re.search(r"orientering(en)? til efterretning", text):
                    text = ""  # "Siden sidst", "Næste møde": the ask adds nothing
        else:
            text = _title_ask(item, subject_body) or ""
            if text and outcome_told(item, kind, text):
                text = ""  # minutes tell what was done; an ask guessed from the title is wrong
        plain = normalize_space(rec.split("\n")[0]) if rec else text
        return text, plain, False

    def score(self, cands: list[Candidate], item: AgendaItem, ask_text: str) -> None:
        """Set ``score`` on every candidate: learned when a scorer is loaded, else the rules."""
        s = self.settings
        compute_features(cands, item, ask_text, s.selection)
        if self.scorer is not None:
            scores = self.scorer.score_dicts([c.features for c in cands])
        else:
            scores = rule_scores(cands, s.selection)
        if s.encoder and cands:  # pragma: no cover - needs the encoder weights
            sims = encoder_similarity(self._get_encoder(), cands, f"{item.title}. {ask_text}")
            scores = [a + s.encoder_weight * b for a, b in zip(scores, sims, strict=True)]
        for c, value in zip(cands, scores, strict=True):
            c.score = value

    def _build(self, item: AgendaItem, kind: str, body: str | None) -> tuple[list[str], int]:
        """Variants from best to plainest (compressed, plain extract, the ask alone)
        and how many sentences at the end are the ask or decision."""
        s = self.settings
        ask_text, plain_ask, is_decision = self.ask_text(item, kind, body)
        ask_sentences = split_sentences(ask_text)[: s.max_sentences - 1 or 1]
        ask_text = " ".join(ask_sentences)
        cands = candidates(item, s.selection)
        if is_decision:
            # the decision sentence already says what a decision line of the text says
            _, decided = _decision_section(item)
            said = _content_keys(f"{decided or ''} {ask_text}")
            cands = [c for c in cands if _overlap(_content_keys(c.text), said) <= 0.8]
        elif ask_text and (fuller := _ask_told_in_full(cands, ask_text)) is not None:
            # "Udvalget skal godkende X til Y." in the resume, the ask "Udvalget skal godkende
            # X." after it: the resume's sentence is the ask, told with more
            ask_text = fuller.text
            ask_sentences = [ask_text]
            said = _content_keys(ask_text)
            cands = [
                c for c in cands if c is not fuller and _overlap(_content_keys(c.text), said) <= 0.8
            ]
        elif ask_text:
            # a matter sentence the ask says again in full ("Efter behandlingen oversendes
            # forslaget til ..." before "Udvalget skal ... oversende forslaget til ...")
            # A sentence of under six content words overlaps a long ask by chance (a
            # name, "nyt medlem"): it keeps its fact, else a longer, weaker one takes over.
            said = _content_keys(ask_text)
            cands = [
                c
                for c in cands
                if len(_content_keys(c.text)) < 6 or _overlap(_content_keys(c.text), said) <= 0.8
            ]
        if _n_words(ask_text) >= _ECHO_NEEDS_WORDS:
            # "Evt. bemærkninger til dagsordenen." under that title says nothing the
            # decision does not; before a bare "Intet at bemærke." it names the matter
            cands = [c for c in cands if not title_echo(c.raw, item.title or "")]
        self.score(cands, item, ask_text)
        budget = s.max_words - _n_words(ask_text)
        max_matter = min(s.max_matter_sentences, s.max_sentences - len(ask_sentences))
        if APPROVAL_TITLE_RE.search(item.title or "") and ask_text:
            max_matter = 0
        chosen = self._select(cands, budget, max_matter)
        if not chosen and not ask_text and cands:
            chosen = sorted(cands, key=lambda c: -c.score)[:1]
            budget = s.max_words
        matter = self._fit([c.text for c in chosen], budget)
        compressed = normalize_space(" ".join([*matter, ask_text]))
        plain = normalize_space(" ".join([*(c.raw for c in chosen), plain_ask]))
        variants = [compressed, plain]
        if ask_text:
            variants.append(ask_text)
        short = short_text(item)
        if short:
            # a minutes line under its title ("Høring om X: Forslaget anbefales.") says more
            # than the title alone; a bare verdict ("Gennemgået og godkendt.", "Intet.")
            # names nothing without it
            titled = f"{item.title.strip().rstrip('.:')}: {short}"
            bare = _n_words(short) <= 5 and short.lower().startswith(VERDICT_STARTS)
            # names alone ("John og Lise.") say nothing without the election they won
            elected = bool(ELECTION_TITLE_RE.match(item.title.strip()))
            if (bare or elected) and not ask_text:
                variants.insert(0, titled)
            else:
                variants.append(titled)
        variants.append(_end(item.title))
        return [v for v in variants if v], len(ask_sentences)

    def _select(self, cands: list[Candidate], budget: int, max_matter: int) -> list[Candidate]:
        if max_matter <= 0 or budget < 6:
            return []
        threshold = (
            self.settings.second_sentence_min_prob
            if self.scorer is not None
            else self.settings.second_sentence_min_score
        )
        ranked = sorted(cands, key=lambda c: -c.score)
        chosen: list[Candidate] = []
        used = 0
        for c in ranked:
            if len(chosen) >= max_matter:
                break
            n = _n_words(c.text)
            if chosen and c.score < threshold:
                break
            if chosen and n < self.settings.selection.min_sentence_words:
                continue  # a fragment adds nothing a second sentence should
            keys = _content_keys(c.text)
            if any(_overlap(keys, _content_keys(o.text)) > 0.7 for o in chosen):
                continue  # says again what a chosen sentence says
            if chosen and used + n > budget:
                shortened = _cut_tail(c.text, budget - used)
                if _n_words(shortened) > budget - used:
                    continue
            chosen.append(c)
            used += n
        chosen.sort(key=lambda c: c.order)
        # an opening pronoun needs its antecedent: keep it only right after a chosen sentence
        keep: list[Candidate] = []
        for c in chosen:
            follows = bool(keep) and keep[-1].order == (c.order[0], c.order[1] - 1)
            if c.anaphor and not follows:
                continue
            keep.append(c)
        return keep

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
