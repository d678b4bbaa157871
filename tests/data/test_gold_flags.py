"""The clinical flags against the gold annotations of the 130 real summaries (text read from ../shared).

The figures asserted here are those measured on the REPORTING letters, which no pattern was written from
(data/gold/split.csv was committed before any pattern changed). A change that loses precision or recall there
fails; one that gains must update the known shortfalls below (and the README table).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from imrpredict.gold.annotations import ANNOTATIONS_FILE, FACTS, check_against, read_gold, real_summaries
from imrpredict.gold.measure import gold_facts, score_facts, shortfalls
from imrpredict.gold.split import read_split, split_letters

# What the targets still miss on the reporting letters (fact+polarity and measure).
KNOWN_SHORTFALLS = {"prior_surgery+ recall"}


@pytest.fixture(scope="module")
def summaries(letters_dir: Path) -> dict[str, str]:
    return real_summaries(letters_dir / "pdf")


@pytest.fixture(scope="module")
def gold():
    return read_gold()


def test_every_annotated_summary_reads_exactly_as_annotated(summaries, gold) -> None:
    mentions, hashes = gold
    assert len(hashes) == 130 and len(mentions) >= 1000
    check_against(mentions, hashes, summaries)  # raises on a changed summary or a span off the text


def test_the_gold_file_holds_references_only() -> None:
    with open(ANNOTATIONS_FILE, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        assert next(reader) == ["case_number", "fact", "status", "start", "end", "number"]
        for case, fact, status, start, end, number in reader:
            assert case.startswith("CM1") and fact in FACTS and status.isalpha() or "_" in status
            assert start.isdigit() and end.isdigit() and (number == "" or float(number) >= 0)


def test_split_is_reproducible_and_by_letter(summaries) -> None:
    split = read_split()
    assert split == split_letters(summaries)
    assert sorted(split.values()).count("reporting") == 40


def test_flags_meet_their_measured_precision_and_recall_on_reporting_letters(summaries, gold) -> None:
    mentions, hashes = gold
    split = read_split()
    cases = sorted(c for c in hashes if split[c] == "reporting")
    scores = score_facts(cases, summaries, gold_facts(mentions))
    missed = {" ".join(m.split()[:2]) for m in shortfalls(scores)}
    assert missed <= KNOWN_SHORTFALLS, f"new shortfalls: {missed - KNOWN_SHORTFALLS}"
    critical = [s for s in scores if s.critical]
    tp = sum(s.true_positive for s in critical)
    precision = tp / sum(s.flagged for s in critical)
    recall = tp / sum(s.gold for s in critical)
    # MTUS-critical facts, micro-averaged over (fact, polarity) x summary
    assert precision >= 0.949 and recall >= 0.869, (precision, recall)  # 0.950 (113 of 119), 0.869 (113 of 130) (0.948, 0.846 before this round (2026-12-02b); 0.939, 0.831 before 2026-12-02; original flags 0.777, 0.615)
    by_key = {(s.fact, s.polarity): s for s in scores}
    assert by_key[("prior_physical_therapy", "+")].recall >= 0.95  # was 0.14 before the ConText modifiers
    assert by_key[("off_work", "+")].precision == 1.0
    assert by_key[("pain_relief", "+")].recall >= 0.83  # 5 of 6 (4 of 6 before this round (2026-12-02b), 2 of 6 before 2026-12-02)
    assert by_key[("adl_limitations", "+")].precision == 1.0  # 0.67 before: work restrictions are not limitations
    assert by_key[("radicular", "+")].precision >= 0.93 and by_key[("radicular", "+")].recall >= 0.93  # 15 of 16, recall 15 of 16 (2026-12-02b: 14 of 15 and 14 of 16; 0.88 before 12-02: pain "to the foot", radiation to the trunk)
    assert by_key[("radicular", "-")].recall >= 0.87 and by_key[("radicular", "-")].precision == 1.0  # 7 of 8 (6 of 8 before 2026-12-02b, 0.62 before 12-02)
