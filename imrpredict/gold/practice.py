"""What the flags read in practice sentences: sentences written from practice, each labelled with the gold fact and
polarity it states ("+" the fact, "-" its explicit absence) or, polarity "0", a fact it must not be read as (a trap).

The sets live in ``tests/fixtures/practice_sentences*.tsv`` (columns sentence, fact, polarity, number, read, and for
the held-out set part). They are how the flags are judged on prose no letter shows: the real summaries are few,
and reading them again is tuning on them.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from imrpredict.features.flags import THERAPY_KINDS, find_flags, flag_values
from imrpredict.gold.annotations import MTUS_CRITICAL
from imrpredict.gold.measure import facts_of_features

_NUMBER_FEATURE = {"pain_score": "pain_max", "medication_duration": "duration_months", **{f"prior_{k}": f"sessions_{k}" for k in THERAPY_KINDS}}


@dataclass(frozen=True)
class PracticeSentence:
    sentence: str
    fact: str
    polarity: str  # "+", "-" or "0" (a trap)
    number: str  # the count, score or months the sentence states, when it is part of the fact
    part: str  # "tuning" or "reporting" for a held-out set split in halves, else ""
    read: str  # what the flags made of it when the fixture was last written: "yes" / "no", or "no" / "misread" for a trap


def read_practice(path: Path) -> list[PracticeSentence]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            PracticeSentence(r["sentence"], r["fact"], r["polarity"], r.get("number") or "", r.get("part") or "", r.get("read") or "")
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def practice_reading(text: str, fact: str, polarity: str, number: str) -> str:
    """What the flags make of one practice sentence, in the fixtures' words: "yes" / "no" for a statement (with the
    number too, when one is given), "misread" / "no" for a trap (read as its fact, in either polarity)."""
    values = flag_values(find_flags(text))
    facts = facts_of_features(values)
    if polarity == "0":
        return "misread" if any(f == fact for f, _ in facts) else "no"
    read = (fact, polarity) in facts
    if read and number:
        key = _NUMBER_FEATURE.get(fact)
        read = key is not None and values.get(key) == float(number)
    return "yes" if read else "no"


def tally(rows: list[PracticeSentence]) -> dict[tuple[str, str], tuple[int, int]]:
    """(group, kind) -> (read, of): group "MTUS-critical" or "others"; kind "statements", "absences" (read) or
    "traps" (misread), under the current flags."""
    out: Counter[tuple[str, str, bool]] = Counter()
    for r in rows:
        group = "MTUS-critical" if r.fact in MTUS_CRITICAL else "others"
        kind = {"+": "statements", "-": "absences", "0": "traps"}[r.polarity]
        got = practice_reading(r.sentence, r.fact, r.polarity, r.number)
        out[(group, kind, got in ("yes", "misread"))] += 1
    return {
        (g, k): (out[(g, k, True)], out[(g, k, True)] + out[(g, k, False)])
        for g in ("MTUS-critical", "others")
        for k in ("statements", "absences", "traps")
    }
