"""Every tuned weight of the segmenter in one place.

The weights were set by hand while reading the seed documents and the real pages
(which sites: see scripts/eval_parse.py); none is fitted to one document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentSettings:
    """Evidence weights for item headings and the numbering chain."""

    # A numbered line's score (evidence that it is an item heading).
    base: float = 1.0
    bold: float = 1.0
    inline_recommendation: float = 2.0  # "*Det indstilles ...*" on the title line
    structure_follows: float = 2.5  # case number, section heading or recommendation soon after
    structure_window: int = 4  # non-blank lines looked at for that structure
    toc_agrees: float = 2.5  # the list at the top prints the same number and title
    toc_number_only: float = 0.5  # the list has the number but another title
    toc_missing: float = -1.5  # there is a list and it lacks this number
    toc_title_similarity: float = 0.6  # difflib ratio for "the same title"
    sentence: float = -1.5  # ends in a full stop after more than 7 words
    long_line: float = -1.0  # over 160 characters
    comma_fragment: float = -1.0  # a short wrapped line that ends in a comma
    group_heading: float = 2.5  # its first sub-item follows at once (3 -> 3.1)
    letter_run: float = 2.5  # "a) ... b) ..." right under a numbered heading (3 -> 3.a)
    tight_list: float = -2.0  # 1., 2., 3. on consecutive lines restarting at 1
    # Numbering chain.
    step_penalty: float = 1.2  # per skipped number (3 -> 5 costs 1.2)
    max_step: int = 3  # larger jumps are no continuation
    implied_parent: float = 0.3  # 3.8 -> 4.1 with no "4." printed
    start_penalty: float = 1.5  # a chain that starts at a number other than 1 ...
    start_penalty_per_number: float = 0.0  # ... plus this per unit of the first number
    # Unnumbered items (pages that print no numbers).
    title_max_chars: int = 160
    title_lookback: int = 8  # non-blank lines looked back from a section for the title


DEFAULT_SETTINGS = SegmentSettings()
