"""Dates as letters and case summaries write them, shared by the parser and the feature builder.

A letter's header states its dates in fields; a pasted case summary states them in prose ("was injured at
work on 3/14/12", "progress report dated January 5, 2017"). Both stages read them here.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = "(?:" + "|".join(m.capitalize() for m in _MONTHS) + r")[a-z]*\.?"  # "Jan", "January", "Sept."
_NUMERIC_DATE = r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}"  # MM/DD/YYYY, M-D-YY
_NAMED_DATE = _MONTH_NAME + r"\s+\d{1,2},?\s+\d{4}"  # "January 5, 2017", "Jan. 5 2017"
DATE = f"({_NUMERIC_DATE}|{_NAMED_DATE})"
_WHOLE_DATE = re.compile(DATE, re.I)
# A date, or a month and year alone ("October 2016"): how summaries date when a medication was started
DATE_OR_MONTH = rf"(?:{_NUMERIC_DATE}|{_MONTH_NAME}\s+(?:\d{{1,2}},?\s+)?\d{{4}})"
_DATE_OR_MONTH = re.compile(DATE_OR_MONTH, re.I)
# Every date in a text, by two case-sensitive patterns: one case-insensitive alternation scanned 2.7x slower
# (0.21 vs 0.08 ms per synthetic summary).
_ANY_NUMERIC = re.compile(rf"(?<![\d/-])({_NUMERIC_DATE})(?![\d/-])")
_ANY_NAMED = re.compile(rf"\b({_NAMED_DATE})(?!\d)")
# The injury date as summaries introduce it: "injury on", "injured at work on", "date of injury of",
# "DOI:", "an occupational claim from".
_INJURY_DATE = re.compile(
    r"(?:injur(?:y|ed)|date\s+of\s+injury|\bDOI\b|\bclaim)(?:\s+[\w-]+){0,3}?\s*(?:on|of|from|dated|:)?\s*" + DATE,
    re.I,
)
_FIRST_YEAR, _LAST_YEAR = 1950, 2100


def parse_date(text: str | None) -> date | None:
    """A date as printed in letters (MM/DD/YYYY, M/D/YY, "January 5, 2017"); None when not a real date."""
    if not text:
        return None
    text = text.strip()
    if not _WHOLE_DATE.fullmatch(text):
        return None
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if text[0].isdigit():
        month, day, year = numbers
    else:
        month, (day, year) = _MONTHS.index(text[:3].lower()) + 1, numbers
    if year < 100:
        year += 2000 if year <= 40 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_or_month_in(text: str) -> date | None:
    """The first date in ``text``; a month and year alone ("October 2016") reads as the 15th, its middle."""
    m = _DATE_OR_MONTH.search(text)
    if m is None:
        return None
    found = " ".join(m.group().split())
    return parse_date(found) or parse_date(found.replace(" ", " 15, ", 1))


def injury_date_in(text: str) -> date | None:
    """The date of injury a summary states ("injured at work on 3/14/12"), if any."""
    m = _INJURY_DATE.search(text)
    return parse_date(m.group(1)) if m else None


def latest_date_in(text: str) -> date | None:
    """The latest date a summary mentions: its most recent record, which precedes the UR decision and the IMR."""
    found = (parse_date(m.group(1)) for rx in (_ANY_NUMERIC, _ANY_NAMED) for m in rx.finditer(text))
    dates = [d for d in found if d is not None and _FIRST_YEAR <= d.year <= _LAST_YEAR]
    return max(dates) if dates else None
