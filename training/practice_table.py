"""What the flags read in the practice sets, by set and (for the held-out set) by half.

    python training/practice_table.py [--update-fixtures]

``--update-fixtures`` rewrites each fixture's ``read`` column with what the flags read now, for review with
``git diff`` after a change to the flags (the tests compare every sentence with that column).

The first set (tests/fixtures/practice_sentences.tsv) is a tuning set: rules were written from its misses. The
held-out set (practice_sentences_2.tsv) was split in halves before any change; rules come from its tuning half
only, and its reporting half is the figure for prose the flags were not written from. The third set
(practice_sentences_3.tsv, 2026-12-02f) was written in the register of IMR case summaries and split the same way;
its reporting half was read for rules once its reading had been recorded, so both its halves are tuning sets now.
Set 4 (practice_sentences_4.tsv, 2026-12-02f), in the same register, was held out through two rounds of rules and then
read for a third; each later set was written during a round, held out through it, then read for the next: set 5 for
the fourth round, set 6 for the fifth, set 7 for the sixth. Set 8 (practice_sentences_8.tsv), written during the
sixth, was read for no rule: it is the held-out set now.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import asdict
from pathlib import Path

from imrpredict.gold.practice import practice_reading, read_practice, tally

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
FIXTURE_NAMES = ("practice_sentences.tsv", *(f"practice_sentences_{n}.tsv" for n in range(2, 9)))


def update_fixture(path: Path) -> int:
    """Rewrite the ``read`` column of one fixture; the number of sentences whose reading changed."""
    rows = read_practice(path)
    with path.open(newline="", encoding="utf-8") as fh:
        fields = next(csv.reader(fh, delimiter="\t"))
    changed = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=fields, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        out.writeheader()
        for r in rows:
            read = practice_reading(r.sentence, r.fact, r.polarity, r.number)
            changed += read != r.read
            out.writerow({**asdict(r), "read": read})
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update-fixtures", action="store_true", help="rewrite the fixtures' read column with the current flags")
    args = ap.parse_args()
    if args.update_fixtures:
        for name in FIXTURE_NAMES:
            print(f"{name}: {update_fixture(FIXTURES / name)} readings changed")
    sets = [("first set (tuning)", read_practice(FIXTURES / FIXTURE_NAMES[0]))]
    for n, name in enumerate(FIXTURE_NAMES[1:], start=2):
        rows = read_practice(FIXTURES / name)
        label = "held-out set" if n == 2 else f"set {n} (IMR register)"
        sets += [(f"{label}, {p} half", [r for r in rows if r.part == p]) for p in ("tuning", "reporting")]
    print("| practice sentences | facts | statements of the fact read | statements of its absence read | traps misread |")
    print("|---|---|---|---|---|")
    for name, rows in sets:
        t = tally(rows)
        for group in ("MTUS-critical", "others"):
            cells = " | ".join(f"{t[(group, k)][0]} of {t[(group, k)][1]}" for k in ("statements", "absences", "traps"))
            print(f"| {name} ({len(rows)}) | {group} | {cells} |")


if __name__ == "__main__":
    main()
