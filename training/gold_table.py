"""Per-fact precision and recall of the clinical flags against the gold annotations, by part of the split.

    python training/gold_table.py [--part reporting|tuning|all] [--min-gold 1]

Reads the summaries from ../shared, checks they read exactly as annotated, and prints the markdown table
and the issue's targets that are missed (precision >= 0.90 for facts with >= 5 gold summaries, recall >= 0.80
for the MTUS-critical ones).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imrpredict.gold.annotations import SHARED_LETTERS, check_against, read_gold, real_summaries
from imrpredict.gold.measure import gold_facts, markdown_table, score_facts, shortfalls
from imrpredict.gold.split import read_split


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="reporting", choices=["reporting", "tuning", "all"])
    ap.add_argument("--min-gold", type=int, default=1, help="hide facts with fewer gold summaries that the flags never claim")
    ap.add_argument("--letters", type=Path, default=SHARED_LETTERS)
    args = ap.parse_args()
    summaries = real_summaries(args.letters)
    mentions, hashes = read_gold()
    check_against(mentions, hashes, summaries)
    split = read_split()
    cases = sorted(c for c in hashes if args.part == "all" or split[c] == args.part)
    scores = score_facts(cases, summaries, gold_facts(mentions))
    print(f"{args.part}: {len(cases)} annotated summaries, {sum(m.case_number in set(cases) for m in mentions)} mentions\n")
    print(markdown_table(scores, args.min_gold))
    missed = shortfalls(scores)
    print("\ntargets missed: " + ("none" if not missed else "; ".join(missed)))


if __name__ == "__main__":
    main()
