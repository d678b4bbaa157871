"""Dates as letters and case summaries write them (sentences here are our own wording)."""

from __future__ import annotations

from datetime import date

import pytest

from imrpredict.dates import injury_date_in, latest_date_in, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("04/10/2015", date(2015, 4, 10)),
        ("4/11/03", date(2003, 4, 11)),
        ("12-31-99", date(1999, 12, 31)),
        ("January 5, 2017", date(2017, 1, 5)),
        ("Sept. 30 2016", date(2016, 9, 30)),
        ("JANUARY 5, 2017", date(2017, 1, 5)),  # header fields are matched case-insensitively
        ("13/01/2015", None),
        ("02/30/2016", None),
        ("Smarch 3, 2016", None),
        ("", None),
    ],
)
def test_parse_date(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("A 47-year-old cook who sustained an industrial injury on 3-14-12 while lifting.", date(2012, 3, 14)),
        ("The worker was injured at work on 08/02/2010. Report of 01/04/2017 notes pain.", date(2010, 8, 2)),
        ("She has a date of injury of June 3, 2014 and a follow-up on 11/30/2016.", date(2014, 6, 3)),
        ("DOI: 5/6/2015. Seen again 12/1/2016.", date(2015, 5, 6)),
        ("He has an occupational claim from 10/31/2016.", date(2016, 10, 31)),
        ("Seen on 12/01/2016 for low back pain; no date of the injury is given.", None),
    ],
)
def test_injury_date_in_summary(summary: str, expected: date | None) -> None:
    assert injury_date_in(summary) == expected


def test_latest_date_is_the_most_recent_record() -> None:
    text = "Injured on 3/2/2015. Progress note dated 11/28/2016; UR of December 9, 2016 denied it. Doses 5/325 twice daily."
    assert latest_date_in(text) == date(2016, 12, 9)  # "5/325" is a dose, not a date
    assert latest_date_in("Pain 7/10 with 2/3 relief.") is None
