"""Danish words that tell a sentence of minutes' prose from a title.

A title is a noun phrase ("Orientering om vandværkets drift", "Økonomi"); the text
minutes write after it is a declarative sentence, and a Danish declarative sentence
puts its finite verb second ("Vi må afvente", "Der er enkelte ...", "Søren Dam
meddelte, at ..."). The words here let the parser find that verb.
"""

from __future__ import annotations

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

# Words a question opens with: "Hvordan får vi ...?" is a title's second half, not text.
QUESTION_WORDS = frozenset({
    "hvad", "hvem", "hvor", "hvordan", "hvornår", "hvorfor", "hvilke", "hvilken", "hvilket",
    "hvis",
})  # fmt: skip

# A capitalised word that opens the text glued to a title when the line break between
# them was lost ("EventueltIntet", "VandværkshavenIkke den store ..."): subjects and
# the decisions minutes open with.
GLUED_OPENERS = frozenset({
    "ikke", "intet", "ingen", "taget", "godkendt", "vedtaget", "tiltrådt", "drøftet",
    "udsat", "der", "det", "den", "de", "vi", "man", "han", "hun", "jeg", "alle",
    "bestyrelsen", "formanden", "referatet", "dagsordenen", "orienteringen", "punktet",
})  # fmt: skip

_WORD_STRIP = ".,;:!?()\"'”“"


def is_finite_verb(word: str) -> bool:
    """A lower-case word that is a finite verb ('har', 'orienterede', 'godkendes')."""
    word = word.strip(_WORD_STRIP)
    if not word or not word.islower():
        return False
    if word in FINITE_VERBS or _PAST_RE.match(word):
        return True
    return bool(_PASSIVE_RE.match(word)) and word not in _NOT_PASSIVE


def opens_statement(text: str, max_subject_words: int = 3) -> bool:
    """Text that opens with a declarative sentence: a finite verb after a short subject.

    >>> opens_statement("Vi må afvente svar fra kommunen")
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
    if first in QUESTION_WORDS or first in FINITE_VERBS:
        return False  # a question ("Hvordan får vi ...", "Er der ...")
    if text.rstrip().endswith("?"):
        return False
    return any(is_finite_verb(w) for w in words[1 : max_subject_words + 1])
