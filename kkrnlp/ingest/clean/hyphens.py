"""Bullets and words broken by a hyphen at a line end (also PDFium's U+FFFE marks).

Patterns start at a word boundary or are anchored, so none rescans a long
word from every position inside it: linear in the line's length.
"""

from __future__ import annotations

import re

# Bullet glyphs seen in extracted agendas, incl. the Symbol/Wingdings
# private-use code points that PDF and Word extraction leave behind.
BULLET_CHARS = "•●◦▪■□▫➢➤►▶✓✔·∙\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071"
BULLET = re.compile(rf"^(?:[{BULLET_CHARS}]\s*|[-–—*+]\s+)(?=\S)")
LONE_BULLET = re.compile(rf"^[{BULLET_CHARS}\-–—*+]$")
RULE = re.compile(r"^(?:[-*_]\s*){3,}$")

# PDFium marks a hyphen it removed at a line end with U+FFFE (get_text_range)
# or U+0002 (get_text_bounded) and puts both halves of the word on one line.
# "(?<!\w)" makes a match start only at a word's start.
_PDFIUM_MARKS = "\ufffe\x02"
_PDFIUM_HYPHEN = re.compile(r"(?<!\w)(\w+)[\ufffe\x02](\S*)")

# After these words a hyphen at the line end marks a suspended compound
# ("erhvervs- og ferieturisme"), not a broken word.
SUSPENSION_WORDS = {"og", "eller", "samt", "til", "el", "som", "men", "and", "or"}

_SPACED_HYPHEN = re.compile(r"(?<=[a-zæøåéü])- (?=([a-zæøåéü]+))")
_WORDS = re.compile(r"\w+")
_WORD_START = re.compile(r"\w[\w-]*")


def hyphen_join(left: str, right: str) -> str | None:
    """How to join a word broken as ``left-`` + ``right``; None to leave it broken."""
    if not left or not right:
        return None
    if right.lower().rstrip(".,") in SUSPENSION_WORDS:
        return None
    if left[-1].isdigit() or right[0].isdigit() or (left.isupper() and len(left) <= 6):
        return f"{left}-{right}"  # "2024-27", "KKR-mødet", "CO2-udledning"
    if right[0].islower():
        return left + right
    return None


def split_page_end_marks(pages: list[str]) -> list[str]:
    """Undo PDFium gluing a page's footer onto a word broken at the page's last line.

    When the last text line of a page ends in a hyphen, PDFium joins the next
    text it meets on that page, the footer ("ak\\ufffeKKR Region | side 2"),
    while the word goes on at the top of the next page ("tiviteter ...").
    The footer is put back on a line of its own after the broken word, so the
    footer step can remove it and the hyphen step can mend the word.
    """
    out = list(pages)
    for k in range(len(out) - 1):
        page = out[k].rstrip()
        nxt = out[k + 1].lstrip()
        mark = max(page.rfind(m, page.rfind("\n") + 1) for m in _PDFIUM_MARKS)
        if mark <= 0 or not page[mark - 1].isalnum() or not nxt[:1].islower():
            continue
        tail = page[mark + 1 :].strip()
        if not tail or tail[:1].islower():
            continue  # the rest of the word, not a footer
        trailing = out[k][len(page) :]  # the line break before the page break
        out[k] = f"{page[:mark]}\ufffe\n{tail}{trailing}"
    return out


def mend_pdfium_marks(text: str) -> str:
    """Join the two halves PDFium left around its hyphen mark, or keep a hyphen."""
    if not any(mark in text for mark in _PDFIUM_MARKS):
        return text
    return _PDFIUM_HYPHEN.sub(
        lambda m: hyphen_join(m.group(1), m.group(2)) or f"{m.group(1)}-{m.group(2)}", text
    )


def _join_spaced_hyphens(line: str, known: set[str]) -> str:
    """Join 'uddan- nelse' (a line break the extractor turned into a space) within a line.

    Kept: a suspended compound ("social- og sundhed"), a truncated one at the
    end of the text ("Plan- o"), and a capitalised word before a dash written
    without its first space ("Gentofte Kommune- fase 3") unless the joined word
    occurs elsewhere in the document (``known``).
    """
    out: list[str] = []
    last = 0
    for match in _SPACED_HYPHEN.finditer(line):
        right = match.group(1)
        start = match.start()
        while start > last and line[start - 1].isalnum():
            start -= 1  # back to the start of the word before the hyphen
        left = line[start : match.start()]
        keep = right in SUSPENSION_WORDS
        if not keep and match.end() + len(right) == len(line.rstrip()):
            keep = any(word.startswith(right) for word in SUSPENSION_WORDS)  # "Plan- o" at the end
        if not keep and left[:1].isupper():
            keep = (left + right).lower() not in known
        out.append(line[last : match.start()])
        out.append("- " if keep else "")
        last = match.end()
    out.append(line[last:])
    return "".join(out)


def _last_word_before_hyphen(line: str) -> int | None:
    """Start of the word that ``line`` ends with before a final ``-``; None if none."""
    if not line.endswith("-"):
        return None
    end = len(line) - 1
    start = end
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    return start if start < end else None


def dehyphenate(lines: list[str]) -> list[str]:
    """Mend words broken by a hyphen at a line end, keeping the line structure.

    The second half of the word moves up; the rest of the next line stays put,
    so headings and paragraph breaks are not disturbed.

    >>> dehyphenate(["møde i KKR Ho-", "vedstaden den 3. maj."])
    ['møde i KKR Hovedstaden', 'den 3. maj.']
    >>> dehyphenate(["erhvervs-", "og ferieturisme", "en uddan- nelse"])
    ['erhvervs-', 'og ferieturisme', 'en uddannelse']
    """
    known: set[str] = set()
    if any("- " in line for line in lines):
        known = {word.lower() for line in lines for word in _WORDS.findall(line)}
    lines = [_join_spaced_hyphens(line, known) if "- " in line else line for line in lines]
    out: list[str] = []
    if not lines:
        return out
    current = lines[0]
    for nxt in lines[1:]:
        # One pass: ``current`` absorbs the start of ``nxt`` while it ends in a
        # broken word, and is handed on once it does not.
        start = _last_word_before_hyphen(current)
        if nxt is lines[-1] and any(w.startswith(nxt.strip()) for w in SUSPENSION_WORDS):
            start = None  # "Plan-" + "o" where the text is cut off: "Plan- og ..."
        if start is not None and nxt and not BULLET.match(nxt):
            first, _, rest = nxt.partition(" ")
            word = _WORD_START.match(first)
            joined = hyphen_join(current[start:-1], word.group(0)) if word else None
            if word is not None and joined is not None:
                current = current[:start] + joined + first[word.end() :]
                if rest.strip():
                    out.append(current)
                    current = rest.strip()
                continue  # with nothing left of ``nxt``, the joined line may break again
        out.append(current)
        current = nxt
    out.append(current)
    return out
