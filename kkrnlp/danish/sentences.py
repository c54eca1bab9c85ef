"""Danish words that tell a sentence of minutes' prose from a title.

A title is a noun phrase ("Orientering om vandværkets drift", "Økonomi"); the text
minutes write after it is a declarative sentence, and a Danish declarative sentence
puts its finite verb second ("Vi venter på svar", "Der er to tilbud ...", "Søren Dam
meddelte, at ..."). The words here let the parser find that verb.
"""

from __future__ import annotations

import itertools
import re

# Finite verbs minutes use most, present and past: the closed list that decides.
FINITE_VERBS = frozenset({
    "er", "var", "har", "havde", "blev", "bliver", "skal", "skulle", "kan", "kunne", "vil",
    "ville", "må", "måtte", "bør", "burde", "får", "fik", "gør", "gjorde", "går", "gik",
    "kommer", "kom", "ligger", "lå", "står", "stod", "tager", "tog", "giver", "gav",
    "holder", "holdt", "mangler", "manglede", "ønsker", "ønskede", "mener", "mente",
    "synes", "syntes", "sagde", "fortalte", "meddelte", "oplyste", "gennemgik", "fremlagde",
    "foreslog", "spurgte", "redegjorde", "bød", "takkede", "deltog", "vedtog", "besluttede",
    "orienterede", "aftalte", "drøftede", "godkendte", "følger", "fulgte", "afventer",
    "undersøger", "undersøgte", "kontakter", "kontaktede", "sender", "sendte", "laver",
    "lavede", "arbejder", "arbejdede", "checker", "chekker", "tjekker", "vides",
})  # fmt: skip
# Regular past tense ("orienterede", "konstaterede") and the s-passive ("godkendes",
# "forventes", "afholdes"): finite verbs outside the closed list.
_PAST_RE = re.compile(r"^[a-zæøå]{3,}ede$")
_PASSIVE_RE = re.compile(r"^[a-zæøå]{3,}es$")
# Words that end like the s-passive and are no verbs (possessives).
_NOT_PASSIVE = frozenset({"deres", "hendes", "andres", "ingens", "nogles", "alles"})

# Abbreviations written with a full stop, here without it ("jf. bilag 2", "kl. 19",
# "bl.a. Ole"): the full stop after them ends no sentence and is no item number.
# One list for the cleaner, the segmenter and the sentence splitter.
ABBREVIATIONS = frozenset({
    "bl.a", "bla", "f.eks", "fx", "jf", "ca", "mio", "mia", "nr", "stk", "pkt", "kl", "pr",
    "inkl", "ekskl", "evt", "dvs", "hhv", "vedr", "ift", "iht", "ifm", "mht", "pga", "ang",
    "tlf", "gl", "st", "sml", "s", "d", "afs", "adm", "dir", "sdr", "ndr", "afd", "att",
    "ref", "kr", "pct", "mv", "m.v", "m.m", "m.fl", "osv", "o.l", "o.a", "etc",
})  # fmt: skip
# Those that also end a sentence ("... veje og stier mv. Næste punkt"): the sentence
# splitter splits after them when a capital follows, and a title may end on them.
MAYBE_FINAL_ABBREVIATIONS = frozenset({
    "kr", "pct", "mv", "m.v", "m.m", "m.fl", "osv", "o.l", "o.a", "etc",
})  # fmt: skip

# Words that never end a finished sentence: auxiliaries, prepositions, determiners.
NEVER_LAST_WORDS = frozenset({
    "har", "er", "var", "blev", "bliver", "blive", "skal", "kan", "vil", "må", "kunne",
    "skulle", "ville", "være", "have", "havde", "ikke", "også", "under", "efter", "over",
    "mellem", "inden", "uden", "gennem", "omkring", "blandt", "hos", "mod", "siden", "denne",
    "dette", "disse", "deres", "hans", "hendes", "sin", "sit", "sine", "vores", "alle",
    "flere", "andre", "nogle", "mange", "hele", "samme", "anden", "andet", "hvilke", "hvilket",
})  # fmt: skip

# Words a question opens with: "Hvordan får vi ...?" is a title's second half, not text.
QUESTION_WORDS = frozenset({
    "hvad", "hvem", "hvor", "hvordan", "hvornår", "hvorfor", "hvilke", "hvilken", "hvilket",
    "hvis",
})  # fmt: skip

# A capitalised word that opens the text glued to a title when the line break between
# them was lost ("EventueltIntet", "HøstfestenIkke mange kom ..."): subjects and
# the decisions minutes open with.
GLUED_OPENERS = frozenset({
    "ikke", "intet", "ingen", "taget", "godkendt", "vedtaget", "tiltrådt", "drøftet",
    "udsat", "der", "det", "den", "de", "vi", "man", "han", "hun", "jeg", "alle",
    "bestyrelsen", "formanden", "referatet", "dagsordenen", "orienteringen", "punktet",
})  # fmt: skip

_WORD_STRIP = ".,;:!?()\"'”“"
# Words before an adjective in -ede ("den reviderede plan").
_DETERMINERS = frozenset({
    "den", "det", "de", "en", "et", "denne", "dette", "disse", "vores", "deres", "sin", "sit",
    "sine", "hans", "hendes", "nye", "alle", "flere",
})  # fmt: skip
# A person's name or initial ("Anne-Sofie", "N."), and the present tense in -er
# ("oplyser", "melder") with the little word that follows a verb and never a plural noun
# ("oplyser at", "melder sig"; "lokaler til" is a noun).
_NAME_RE = re.compile(r"^[A-ZÆØÅ][a-zæøå]*(?:-[A-ZÆØÅ][a-zæøå]+)?\.?$")
_PRESENT_RE = re.compile(r"^[a-zæøå]{3,}er$")
_PRONOUNS = frozenset({"vi", "han", "hun", "man", "jeg", "der"})
_AFTER_VERB = frozenset({
    "at", "sig", "ikke", "også", "nu", "gerne", "derfor",})  # fmt: skip


def is_finite_verb(word: str) -> bool:
    """A lower-case word that is a finite verb ('har', 'orienterede', 'godkendes')."""
    word = word.strip(_WORD_STRIP)
    if not word or not word.islower():
        return False
    if word in FINITE_VERBS or _PAST_RE.match(word):
        return True
    return bool(_PASSIVE_RE.match(word)) and word not in _NOT_PASSIVE


def _participle(before: str, word: str) -> bool:
    """'den reviderede plan', 'kommunens samlede udgifter': an -ede adjective, no verb."""
    word = word.strip(_WORD_STRIP)
    if word in FINITE_VERBS or not _PAST_RE.match(word):
        return False
    before = before.strip(_WORD_STRIP).lower()
    return before in _DETERMINERS or (before.endswith("s") and len(before) > 3)


def opens_statement(text: str, max_subject_words: int = 3) -> bool:
    """Text that opens with a declarative sentence: a finite verb after a short subject.

    >>> opens_statement("Vi venter på svar fra kommunen")
    True
    >>> opens_statement("Lokalplan for boliger ved Åen")
    False
    >>> opens_statement("Er der noget, vi skal ændre?")
    False
    """
    words = text.split()
    if len(words) < 3 or not words[0][:1].isupper():
        return False
    first = words[0].strip(_WORD_STRIP).lower()
    if first in QUESTION_WORDS:
        return False  # "Hvordan får vi ...": a question
    if first in FINITE_VERBS:  # (not "-ede": "Reviderede takster" opens a title)
        # "Gik rigtig godt.": minutes drop the subject; "Er der ...?" asks. The first
        # sentence's end tells them apart; none at all is no statement.
        end = re.search(r"[.?!]", text)
        return bool(end) and end.group() == "." and end.start() > len(words[0])
    if text.rstrip().endswith("?"):
        return False
    for before, word in itertools.pairwise(words[: max_subject_words + 1]):
        if is_finite_verb(word) and not _participle(before, word):
            return True
    return _present_after_name(words[: max_subject_words + 2])


def _present_after_name(words: list[str]) -> bool:
    """'Ida Dam oplyser at ...', 'Ole N. melder sig ...', 'Vi venter ...': a verb in -er."""
    if len(words) > 1 and words[0].lower() in _PRONOUNS and _PRESENT_RE.match(words[1]):
        return True
    for i in range(1, len(words) - 1):
        if not all(_NAME_RE.match(w) for w in words[:i]):
            return False
        verb, after = words[i].strip(_WORD_STRIP), words[i + 1].strip(_WORD_STRIP).lower()
        if _PRESENT_RE.match(verb) and after in _AFTER_VERB:
            return True
    return False
