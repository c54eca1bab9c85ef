"""Put line breaks back into PDF text flattened into very long lines.

Text saved from a web viewer of a PDF ("Transkript") or pasted from a PDF
often holds a whole page, or the whole document, on one line. The segmenter
finds headings line by line, so this module breaks such lines where a heading
starts (a "transcript" of page paragraphs is turned back into pages first, by
:mod:`kkrnlp.ingest.clean.transcript`):

- before an item number that follows a sentence end (``... godkendt. 2.
  Godkendelse ...``) or continues a run of numbers (a table of contents
  ``1. A 2. B 3. C``);
- around a section name from :data:`kkrnlp.danish.SECTION_NAMES` printed in
  capitals, or capitalised and followed by a capitalised word or a number
  (``Sagsfremstilling På baggrund ...`` -> two lines);
- before a run of case-number fields (``Sagsnr.: ... Dok.nr.: ...``).

One scan over the words of a line with set lookups and anchored patterns:
linear in the line's length.
"""

from __future__ import annotations

import itertools
import re

from kkrnlp.danish import (
    ATTACHMENT_SECTIONS,
    FORMALIA_TITLES,
    SECTION_NAMES,
)
from kkrnlp.danish.sentences import ABBREVIATIONS, opens_statement

# A line at least this long is treated as flattened wherever it appears.
LONG_LINE = 600
_SIDE_OF_START = re.compile(r"^((?:Side|SIDE) \d{1,4} af \d{1,4}) (?=\S)")
# Lines this long are searched for a list of numbered entries on one line.
_LIST_LINE = 60
_SIDE_OF = re.compile(r"(?<=\S) (Side \d{1,4} af \d{1,4})(?= |$)")
_WORD = re.compile(r"\S+")
_ITEM_NUMBER = re.compile(r"(\d{1,3})\.$")
_WORDED_NUMBER = re.compile(r"^(\d{1,3})[.:]?$")
_ITEM_WORDS = frozenset({"punkt", "pkt.", "pkt", "sag"})
_CASE_LABEL = re.compile(
    r"^(?:dok\.?-?nr|sags?-?nr|sagsid|j\.-?nr|journalnr|sag\snr)\.?:?$|^(?:dok|sags?|j)\.?nr\.?:",
    re.IGNORECASE,
)
# Abbreviations whose full stop ends no sentence: "stk. 2. Det ..." is no item 2.
_ABBREVIATIONS = frozenset(f"{a}." for a in ABBREVIATIONS)
# Words before a number that make it a reference, not a heading ("Bilag 1.", "punkt 3.").
_NUMBER_PREFIXES = frozenset(
    {"bilag", "punkt", "pkt.", "pkt", "nr.", "nr", "side", "sag", "§", "stk.", "kapitel", "afsnit"}
)
_SENTENCE_END = (".", "!", "?", ":", ";", ")", "”", '"')
# A section name right after one of these is part of a sentence ("i Økonomi og ...").
_FUNCTION_WORDS = frozenset(
    {
        "i", "af", "til", "om", "for", "med", "på", "fra", "under", "og", "eller", "samt",
        "ved", "den", "det", "en", "et", "jf.", "jf", "vedr.", "vedrørende", "at", "som",
        "der", "de", "hvor", "over", "efter", "mellem", "uden",
    }
)  # fmt: skip
_GLUED_LABEL = re.compile(
    r"^((?:\*\*)?(?:indholdsfortegnelse|indholdsliste|dagsordenspunkter|punkter)(?:\*\*)?:?)(?=\d)",
    re.IGNORECASE,
)
# "Ulla Vang (F)Indholdsfortegnelse": a list label glued to the end of the line before.
_GLUED_BEFORE_LABEL = re.compile(
    r"(?<=[)\w])(?=(?:Indholdsfortegnelse|Indholdsliste|Dagsordenspunkter)\b)"
)
# "... foreningerne:1. Orientering": an entry glued to a colon.
_GLUED_COLON_NUMBER = re.compile(r"(?<=\S):(?=\d{1,3}\.\s[A-ZÆØÅ])")
# "... (mon det gik galt?). 1. Godkendelse af referat:": the first entry glued to the end
# of the prose above a list whose entry 2 starts a line of its own below.
_GLUED_FIRST_ENTRY = re.compile(r"(?<=[.?!)])[ \t]+(?=1\.[ \t]+[A-ZÆØÅ])")
_SECOND_ENTRY = re.compile(r"^2\.[ \t]+[A-ZÆØÅ]")
# "Sager til behandling: 24. Titel": a short label, then the first entry.
_LABEL_THEN_ENTRY = re.compile(
    r"^((?:\*\*)?[A-ZÆØÅ][^.:\d]{2,60}:(?:\*\*)?)\s*(?=\d{1,3}\.\s+[A-ZÆØÅ])"
)
_HEADING_START = re.compile(r"^\d{1,3}\.\s+[A-ZÆØÅ]")
_BARE_HEADING_START = re.compile(r"^\d{1,3}\s+[A-ZÆØÅ]")
_TOC_ENTRY = re.compile(r"^\d{1,3}\.?\s+\S")
_LEADER_END = re.compile(r"(?:\.{4,}|…{2,}|_{4,})\s*\d{1,4}$")
_TOC_LABELS = frozenset({"indholdsfortegnelse", "indholdsliste", "dagsordenspunkter"})
# Headings that stand alone: section names and the meeting's own business ("Eventuelt").
_FORMALIA = frozenset(FORMALIA_TITLES)
_HEADING_NAMES = SECTION_NAMES | _FORMALIA
_MAX_NAME_WORDS = max(len(name.split()) for name in _HEADING_NAMES)


def split_glued_labels(lines: list[str]) -> list[str]:
    """Break lines where a list label and an entry were glued together.

    'Indholdsfortegnelse1. Titel', 'Ulla Vang (F)Indholdsfortegnelse', 'Sager til
    behandling: 24. Titel' and '... foreningerne:1. Orientering' each become two lines.
    """
    out: list[str] = []
    for idx, line in enumerate(lines):
        line = _GLUED_BEFORE_LABEL.sub("\n", line)
        line = _GLUED_COLON_NUMBER.sub(":\n", line)
        glued = _GLUED_FIRST_ENTRY.search(line)
        if glued and len(line) - glued.end() <= 100 and _second_entry_below(lines, idx):
            line = f"{line[: glued.start()].rstrip()}\n{line[glued.end() :]}"
        for part in line.split("\n"):
            match = _GLUED_LABEL.match(part.strip()) or _LABEL_THEN_ENTRY.match(part.strip())
            if match:
                out += [match.group(1), part.strip()[match.end() :].strip()]
            else:
                out.append(part)
    return out


def _second_entry_below(lines: list[str], idx: int) -> bool:
    """Does one of the next few non-blank lines open with entry 2 ("2. Titel")?"""
    below = [line.strip() for line in lines[idx + 1 : idx + 12] if line.strip()][:4]
    return any(_SECOND_ENTRY.match(line) for line in below)


def join_wrapped_toc_entries(lines: list[str]) -> list[str]:
    """Join a table-of-contents entry wrapped onto a second line that carries its leader.

    '30. Stier langs fjorden og adgang for' + 'kørestolsbrugere........ 19'
    -> one entry, as the segmenter reads a table of contents line by line.
    """
    out: list[str] = []
    entry = -1  # index in ``out`` of the last numbered entry without a leader
    for line in lines:
        stripped = line.strip()
        if not stripped:
            out.append(line)
            continue
        if entry >= 0 and stripped[:1].islower() and _LEADER_END.search(stripped):
            out[entry] = f"{out[entry].rstrip()} {stripped}"
            del out[entry + 1 :]  # only blank lines stood between them
            entry = -1
            continue
        numbered = _TOC_ENTRY.match(stripped) and not _LEADER_END.search(stripped)
        entry = len(out) if numbered else -1
        out.append(line)
    return out


# ---------------------------------------------------------------- relining


def reline(line: str, runs_only: bool = False) -> list[str]:
    """Split one flattened line before headings (see the module docstring).

    ``runs_only``: split only before runs of consecutive item numbers (a list
    on one line), as for a line of ordinary length.
    """
    if not runs_only:
        line = _SIDE_OF.sub(lambda m: "\n" + m.group(1) + "\n", line)
    out: list[str] = []
    for part in line.split("\n"):
        out += _split_headings(part, runs_only) if part.strip() else []
    return out


def _split_headings(line: str, runs_only: bool = False) -> list[str]:
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(line)]
    cuts: set[int] = set()  # character offsets where a new line starts
    run_cuts: set[int] = set()  # those vouched for by a run of numbers
    previous: tuple[int, int] | None = None  # the last item number seen: value, word index
    run: list[tuple[int, int]] = []  # consecutive numbers close together: value, word index
    bare: list[tuple[int, int]] = []  # the same for numbers without a full stop ("1 Titel")
    bare_runs: dict[int, list[tuple[int, int]]] = {}  # such runs by the number they need next
    named: list[tuple[int, int]] = []  # the same for "Punkt 1:" / "Pkt. 1"
    last_end = -1  # word index of the last sentence end
    last_case_label = -100
    k = 0
    while k < len(words):
        pos, word = words[k]
        prev = words[k - 1][1] if k else ""
        number = _ITEM_NUMBER.match(word)
        if number and k + 1 < len(words) and words[k + 1][1][:1].isupper():
            value = int(number.group(1))
            sentence_end = prev.endswith(_SENTENCE_END) and prev.lower() not in _ABBREVIATIONS
            # The first "1." of a page may follow the meeting header without a full stop.
            first = value == 1 and previous is None and prev.lower() not in _NUMBER_PREFIXES
            # "ÅBNE BESLUTNINGSSAGER 74. Titel": a group heading in capitals before the number.
            # (Bare words only: "(FOR LUKKEDE DØRE) 28." is an access marker on entry 27.)
            caps = k >= 2 and _is_caps_word(prev) and _is_caps_word(words[k - 2][1])
            # "Side 3 2. Titel": a page's printed number before the item's
            paged = k >= 2 and prev.isdigit() and words[k - 2][1].lower() == "side"
            if k == 0 or sentence_end or first or caps or paged:
                cuts.add(pos)
                if caps:
                    start = k - 2
                    while start > 0 and _is_caps_word(words[start - 1][1]):
                        start -= 1
                    cuts.add(words[start][0])
                if previous is not None and previous[0] == value - 1:
                    cuts.add(words[previous[1]][0])  # "... Hansen 1. A ... slut. 2. B"
            # "1. A 2. B 3. C" without full stops: a table of contents on one line.
            close = run and run[-1][0] == value - 1 and k - run[-1][1] <= 25
            run = [*run, (value, k)] if close and last_end < run[-1][1] else [(value, k)]
            if len(run) >= 3:
                run_cuts.update(words[j][0] for _, j in run)
            previous = (value, k)
            k += 1
            continue
        worded = _WORDED_NUMBER.match(words[k + 1][1]) if k + 2 < len(words) else None
        if word.lower() in _ITEM_WORDS and worded and words[k + 2][1][:1].isupper():
            # "Punkt 1: A Punkt 2: B Punkt 3: C": a list on one line, numbered in words
            value = int(worded.group(1))
            close = named and named[-1][0] == value - 1 and k - named[-1][1] <= 40
            named = [*named, (value, k)] if close else [(value, k)]
            if len(named) >= 3:
                run_cuts.update(words[j][0] for _, j in named)
            k += 2
            continue
        if word.isdigit() and len(word) <= 3 and k + 1 < len(words):
            following = words[k + 1][1][:1]
            value = int(word)
            # "Dagsorden: 1 valg af dirigent 2 spørgsmål fra salen ...": a list right after its
            # label may print its entries in lower case; the run must start there at 1.
            lower = following.islower() and (
                (value == 1 and prev.endswith(":")) or _labelled_run(bare_runs.get(value), words)
            )
            if following.isupper() or following in "(0123456789" or lower:
                # "1 Meddelelser 2 Forslag til ... 3 Lokalplan ...": a flattened list;
                # "1 Titel (Beslutning) 4 2 Titel ...": page numbers stand between the
                # entries, so a run waits (by the number it needs next) past them.
                waiting = bare_runs.pop(value, None)
                if waiting and k - waiting[-1][1] <= 40:
                    bare = [*waiting, (value, k)]
                elif following.isupper() or following == "(" or lower:
                    bare = [(value, k)]  # "1 Titel", "1 (Åben) Titel", "Dagsorden: 1 titel"
                else:
                    bare = []  # "4 2 Titel": a page number starts no run
                if bare:
                    bare_runs[value + 1] = bare
                if len(bare) >= 3:
                    run_cuts.update(words[j][0] for _, j in bare)
        # "31. marts", "2. behandling": an ordinal, not the end of a sentence
        ordinal = number is not None
        if word.endswith((".", "!", "?")) and word.lower() not in _ABBREVIATIONS and not ordinal:
            last_end = k
        if word.lower().rstrip(":") in _TOC_LABELS:
            # "Indholdsfortegnelse Side 1. Titel": the label (and its page column) alone
            cuts.add(pos)
            end = k + 1
            if end < len(words) and words[end][1].lower() in ("side", "sidetal", "side:"):
                end += 1
            if end < len(words):
                cuts.add(words[end][0])
            k = end
            continue
        if _CASE_LABEL.match(word):
            if k - last_case_label > 4:
                cuts.add(pos)
            last_case_label = k
            k += 1
            continue
        size = _section_name_at(words, k)
        if size and not _ITEM_NUMBER.match(prev) and prev.lower() not in _FUNCTION_WORDS:
            end = k + size
            upper = all(_is_upper(w) for _, w in words[k:end])
            if upper:
                # "BAGGRUND FOR SAGENS FREMLÆGGELSE", up to the next section name
                while (
                    end < len(words)
                    and _is_upper(words[end][1])
                    and not (
                        _section_name_at(words, end)
                        and words[end - 1][1].lower() not in _FUNCTION_WORDS
                    )
                ):
                    end += 1
            following = words[end][1] if end < len(words) else ""
            # A number may follow only an attachment heading ("Bilag 1. Notat"), not
            # "Forslag 4 ..." where the next entry of a list begins.
            numbered = following[:1].isdigit() and _is_attachment(words, k, size)
            if upper or not following or following[:1].isupper() or numbered:
                # "35 Godkendelse af dagsorden": a bare item number stays on its heading
                bare_item = prev.isdigit() and len(prev) <= 3 and _formalia_at(words, k) == size
                cuts.add(words[k - 1][0] if bare_item else pos)
                if end < len(words) and not following[:1].isdigit():
                    cuts.add(words[end][0])  # "Bilag 1. Notat" stays one line
                k = end
                continue
        k += 1
    cuts = run_cuts if runs_only else cuts | run_cuts
    cuts.discard(0)
    bounds = [0, *sorted(cuts), len(line)]
    # "1. A • 2. B • 3. C": the bullet before the next entry stays with neither entry.
    parts = (line[a:b].strip().rstrip(" \t•·▪◦").strip() for a, b in itertools.pairwise(bounds))
    out: list[str] = []
    for part in parts:
        if part:
            out += split_title(part)
    return out


def _labelled_run(run: list[tuple[int, int]] | None, words: list[tuple[int, str]]) -> bool:
    """Does a run of bare numbers start at 1 right after a label ("Dagsorden: 1 ...")?"""
    if not run or run[0][0] != 1 or run[0][1] == 0:
        return False
    return words[run[0][1] - 1][1].endswith(":")


def split_title(line: str) -> list[str]:
    """Cut a flattened heading ``N. Title Text of the item ...`` after its title.

    Danish titles are written in sentence case, so the text starts at the first
    capitalised word after a lower-case word that is not a little word ("i",
    "af", "for" ...), past a presenter ("v. Navn Navn og Navn Navn"), when a
    lower-case word follows within a few words and a full stop later (a
    sentence, not a name in the title). A formalia title ("Eventuelt") ends at
    the next capitalised word. Only lines that start with an item number are cut.
    """
    bare = _BARE_HEADING_START.match(line) is not None
    if not (_HEADING_START.match(line) or bare):
        return [line]
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(line)]
    if len(words) < 3:
        return [line]
    size = _formalia_at(words, 1)
    if size and 1 + size < len(words) and words[1 + size][1][:1].isupper():
        cut = words[1 + size][0]  # "4. Eventuelt Intet.", "15 Evt. Referat fra mødet ..."
        return [line[:cut].strip(), line[cut:].strip()]
    if bare:
        return [line]  # "8 Titel ...": only a formalia title is cut off a bare number
    k = 2
    while k < min(len(words) - 1, 30):
        prev, word = words[k - 1][1], words[k][1]
        if prev.lower() in ("v.", "ved"):
            k = max(k + 1, _past_names(words, k))  # the presenter's names stay on the heading
            # "ved" in full also names a place ("Sti ved Egely Mølle i Nordby Kommune."):
            # there the text must open with a statement, not just any phrase and a full stop.
            follows = (
                opens_statement(line[words[k][0] :])
                if prev.lower() == "ved" and k < len(words)
                else _sentence_follows(words, k)
            )
            if k < len(words) and words[k][1][:1].isupper() and follows:
                return [line[: words[k][0]].strip(), line[words[k][0] :].strip()]
            continue
        if (
            word[:1].isupper()
            and prev[:1].islower()
            and prev.isalpha()
            and prev not in _FUNCTION_WORDS
            and _sentence_follows(words, k)
        ):
            return [line[: words[k][0]].strip(), line[words[k][0] :].strip()]
        k += 1
    return [line]


def _past_names(words: list[tuple[int, str]], k: int) -> int:
    """Index after a run of names: capitalised words, joined by 'og' or commas."""
    while k < len(words):
        word = words[k][1]
        if word[:1].isupper() and (k + 1 >= len(words) or words[k + 1][1][:1].isupper()):
            k += 1
        elif word[:1].isupper() and k + 1 < len(words) and words[k + 1][1] in ("og", "&"):
            k += 2
        else:
            break
    return k


def _sentence_follows(words: list[tuple[int, str]], k: int) -> bool:
    """Text, not a name in the title: a lower-case word soon and a full stop later."""
    if not any(w[:1].islower() and w.isalpha() for _, w in words[k + 1 : k + 4]):
        return False
    # The full stop must come after the capitalised word: "Havnegade. Lokalplan til
    # endelig vedtagelse" is the rest of a title that names a place, not a sentence.
    return any(
        w.endswith((".", "!", "?")) and w.lower() not in _ABBREVIATIONS
        for _, w in words[k + 1 : k + 40]
    )


def reline_long_lines(lines: list[str]) -> tuple[list[str], bool]:
    """Reline lines of :data:`LONG_LINE` characters or more; split lists out of shorter ones."""
    out: list[str] = []
    changed = False
    for line in lines:
        if len(line) >= LONG_LINE:
            parts = reline(line)
        elif len(line) >= _LIST_LINE:
            parts = reline(line, runs_only=True)
            if len(parts) > 1:
                # A list came out of the line: the "Side 1 af 9" before it is a page header.
                parts = [q for p in parts for q in _SIDE_OF_START.sub("\\1\n", p).split("\n")]
        else:
            out.append(line)
            continue
        changed = changed or len(parts) > 1
        out += parts
    return out, changed


def _is_attachment(words: list[tuple[int, str]], k: int, size: int) -> bool:
    name = " ".join(w for _, w in words[k : k + size]).lower().rstrip(":")
    return name in ATTACHMENT_SECTIONS


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_caps_word(word: str) -> bool:
    return word.isalpha() and _is_upper(word)


def _section_name_at(words: list[tuple[int, str]], k: int) -> int:
    """How many words from ``k`` spell a heading name (0 if none); the longest wins."""
    first = words[k][1]
    if not first[:1].isupper():
        return 0
    for size in range(min(_MAX_NAME_WORDS, len(words) - k), 0, -1):
        name = " ".join(w for _, w in words[k : k + size]).lower().rstrip(":")
        if name in _HEADING_NAMES:
            last = words[k + size - 1][1]
            if size == 1 or not last.endswith((",", ".")):
                return size
    return 0


def _formalia_at(words: list[tuple[int, str]], k: int) -> int:
    """Words from ``k`` that spell a formalia title ("Eventuelt"), not a prefix ("Orientering:")."""
    for size in range(min(_MAX_NAME_WORDS, len(words) - k), 0, -1):
        last = words[k + size - 1][1]
        name = " ".join(w for _, w in words[k : k + size]).lower()
        if name in _FORMALIA and not last.endswith((":", ",")):
            return size
    return 0
