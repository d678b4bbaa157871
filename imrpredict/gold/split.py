"""Split real letters into a tuning part and a reporting part, by letter, with a fixed seed.

Patterns are changed only after looking at tuning letters; figures are reported on the reporting letters,
which nobody reads while writing rules. The split is made once (``data/gold/split.csv``) and never redrawn.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import numpy as np

SPLIT_SEED = 12
REPORTING_LETTERS = 40
SPLIT_FILE = Path(__file__).resolve().parents[2] / "data" / "gold" / "split.csv"


def split_letters(case_numbers: Iterable[str], seed: int = SPLIT_SEED, reporting: int = REPORTING_LETTERS) -> dict[str, str]:
    """case number -> "tuning" or "reporting": a seeded permutation of the sorted case numbers."""
    cases = sorted(set(case_numbers))
    if reporting > len(cases):
        raise ValueError(f"{reporting} reporting letters asked of {len(cases)} letters")
    order = np.random.default_rng(seed).permutation(len(cases))
    chosen = {cases[i] for i in order[:reporting]}
    return {c: ("reporting" if c in chosen else "tuning") for c in cases}


def read_split(path: Path = SPLIT_FILE) -> dict[str, str]:
    """The committed split: case number -> part."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["case_number"]: row["part"] for row in csv.DictReader(fh)}


def write_split(parts: dict[str, str], path: Path = SPLIT_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case_number", "part"])
        w.writerows(sorted(parts.items()))
