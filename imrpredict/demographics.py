"""Age and sex as a case summary states them, shared by the parser and the feature builder.

Summaries open with the worker ("a 47-year-old female", "a male cook, 55 years old"); a pasted summary
carries no other source of either.
"""

from __future__ import annotations

import re

_NOUN = r"(female|male|woman|man|gentleman|lady)"
_AGE_THEN_SEX = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b(?:\s+[a-z-]+){0,3}?\s+" + _NOUN + r"\b", re.I)
_AGE_ALONE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b", re.I)
_SEX_NOUN = re.compile(r"\b" + _NOUN + r"\b", re.I)
_FEMALE = frozenset({"female", "woman", "lady"})
_HEAD = 600  # the worker is introduced in the opening sentences; later ones speak of others ("his wife")


def age_sex_in(summary: str) -> tuple[int | None, str | None]:
    """(age, "F"/"M") from the opening of a summary; None for what it does not state."""
    head = summary[:_HEAD]
    m = _AGE_THEN_SEX.search(head)
    a = m or _AGE_ALONE.search(head)
    age = int(a.group(1)) if a and 14 <= int(a.group(1)) <= 100 else None
    noun = m.group(2) if m else None
    if noun is None:
        n = _SEX_NOUN.search(head)
        noun = n.group(1) if n else None
    sex = None if noun is None else ("F" if noun.lower() in _FEMALE else "M")
    return age, sex
