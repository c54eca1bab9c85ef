"""How a recommendation is worded: its opening phrases and the verbs that carry the ask.

"Det indstilles, at KKR godkender planen": the opening says a recommendation starts,
the verb (``godkender``) says what the meeting is asked to do; its infinitive and
past tense turn the ask into "KKR skal godkende" or, in minutes, "KKR godkendte".
"""

from __future__ import annotations

import re

# A line or sentence that opens a recommendation: "Det indstilles, at ...",
# "Indstilling: ...", "At følgende besluttes:", "Forvaltningen indstiller til
# Udvalget, at ...". Matched from the start.
REC_START_RE = re.compile(
    r"^(?:(?:det\s+)?indstilles|indstilling(?:en)?\b|at\s+følgende\s+besluttes"
    r"|(?:forvaltningen|administrationen|sekretariatet)\s+indstiller"
    r"|(?:\S+\s+){1,6}indstiller\b(?:\s+til\s+[^:]{3,80}?)?\s*[,:]?\s*at\b)",
    re.IGNORECASE,
)

# Present tense -> (infinitive, past tense); regular verbs are handled by rule.
IRREGULAR_VERBS = {
    "tager": ("tage", "tog"),
    "giver": ("give", "gav"),
    "vedtager": ("vedtage", "vedtog"),
    "tiltræder": ("tiltræde", "tiltrådte"),
    "kommer": ("komme", "kom"),
    "træffer": ("træffe", "traf"),
    "afgiver": ("afgive", "afgav"),
    "fastholder": ("fastholde", "fastholdt"),
    "igangsætter": ("igangsætte", "igangsatte"),
    "nedsætter": ("nedsætte", "nedsatte"),
    "afsætter": ("afsætte", "afsatte"),
    "sender": ("sende", "sendte"),
    "godkender": ("godkende", "godkendte"),
    "deltager": ("deltage", "deltog"),
    "gør": ("gøre", "gjorde"),
    "ser": ("se", "så"),
    "får": ("få", "fik"),
    "går": ("gå", "gik"),
    "står": ("stå", "stod"),
    "er": ("være", "var"),
    "har": ("have", "havde"),
    "vælger": ("vælge", "valgte"),
    "genvælger": ("genvælge", "genvalgte"),
    "fastsætter": ("fastsætte", "fastsatte"),
    "udsætter": ("udsætte", "udsatte"),
    "sætter": ("sætte", "satte"),
    "afgør": ("afgøre", "afgjorde"),
    "indgår": ("indgå", "indgik"),
    "forelægger": ("forelægge", "forelagde"),
    "lægger": ("lægge", "lagde"),
    "meddeler": ("meddele", "meddelte"),
    "afviser": ("afvise", "afviste"),
    "udtrykker": ("udtrykke", "udtrykte"),
    "udtaler": ("udtale", "udtalte"),
    "overdrager": ("overdrage", "overdrog"),
    "følger": ("følge", "fulgte"),
    "beder": ("bede", "bad"),
    "siger": ("sige", "sagde"),
}
# The verbs an ask is built on: "at KKR godkender ...", "at udvalget drøfter ...".
REC_VERBS = {
    "tager",
    "drøfter",
    "godkender",
    "udpeger",
    "giver",
    "indstiller",
    "tiltræder",
    "vedtager",
    "anbefaler",
    "beslutter",
    "bemyndiger",
    "behandler",
    "sender",
    "kommer",
    "afgiver",
    "fastholder",
    "træffer",
    "noterer",
    "tilslutter",
    "bakker",
    "bevilger",
    "igangsætter",
    "orienterer",
    "opretter",
    "fremsender",
    "prioriterer",
    "vælger",
    "konstituerer",
    "udtaler",
    "peger",
    "understøtter",
    "deltager",
    "nedsætter",
    "afsætter",
    "forelægger",
    "fastsætter",
    "afgør",
    "gør",
    "udtrykker",
    "støtter",
    "opfordrer",
    "udsætter",
    "ændrer",
    "accepterer",
    "meddeler",
    "overdrager",
    "indgår",
    "bevilliger",
    "afviser",
    "sikrer",
    "forlænger",
    "genudpeger",
}


def infinitive(verb: str) -> str:
    """The infinitive of a present-tense verb.

    >>> infinitive("godkender"), infinitive("tager")
    ('godkende', 'tage')
    """
    low = verb.lower()
    if low in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[low][0]
    return low[:-1] if low.endswith("er") else low.rstrip("r")


def past_tense(verb: str) -> str:
    """The past tense of a present-tense verb.

    >>> past_tense("drøfter"), past_tense("vedtager")
    ('drøftede', 'vedtog')
    """
    low = verb.lower()
    if low in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[low][1]
    stem = low[:-2] if low.endswith("er") else low.rstrip("r")
    return stem + "ede"


# Participles whose s-passive is not "-t" -> "-es" / "-et" -> "-es": "valgt" -> "vælges".
_IRREGULAR_PASSIVES = {"lagt": "lægges", "valgt": "vælges", "solgt": "sælges", "sat": "sættes"}
# Words after "bliver" that are no participle: "det bliver godt", "bliver sent".
_NOT_PARTICIPLES = frozenset({"godt", "bedst", "størst", "mindst", "let", "ret", "tæt", "sent"})
_BLIVER_RE = re.compile(r"\b(?:bliver|blive)\s+(?P<p>[a-zæøå]{2,}t)\b")


def s_passive(text: str) -> str:
    """Plain-language passives "bliver <participle>" -> the s-passive the ask is built on.

    Recommendations written in plain Danish say "at planen bliver sendt i høring" where
    others say "at planen sendes i høring"; the ask reads one form.

    >>> s_passive("sammenfatningen bliver taget til efterretning")
    'sammenfatningen tages til efterretning'
    >>> s_passive("der bliver meddelt afslag"), s_passive("et medlem bliver udpeget")
    ('der meddeles afslag', 'et medlem udpeges')
    >>> s_passive("arealet bliver solgt"), s_passive("stien bliver godt brugt")
    ('arealet sælges', 'stien bliver godt brugt')
    """

    def repl(m: re.Match) -> str:
        p = m.group("p")
        if p in _NOT_PARTICIPLES:
            return m.group(0)
        for end, passive in _IRREGULAR_PASSIVES.items():
            if p == end or (len(end) > 2 and p.endswith(end)):
                return p[: len(p) - len(end)] + passive
        return p[:-1] + "s" if p.endswith("et") else p[:-1] + "es"

    return _BLIVER_RE.sub(repl, text)
