"""How often each fact is stated in real summaries (gold set) and how often the flags read it in real and in
synthetic summaries: the generator's "firing rates within a factor of 2 of the real rates" check.

    python training/fact_rates.py [--synthetic items.parquet] [--letters N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imrpredict.default_data import default_items_table
from imrpredict.gold.annotations import FACTS, SHARED_LETTERS, read_gold, real_summaries
from imrpredict.gold.measure import flag_facts, gold_facts
from imrpredict.tables import read_table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=Path, default=None)
    ap.add_argument("--letters", type=int, default=5000, help="synthetic letters to read")
    args = ap.parse_args()
    real = real_summaries(SHARED_LETTERS)
    mentions, hashes = read_gold()
    gold = gold_facts(mentions)
    synth = read_table(args.synthetic or default_items_table()).drop_duplicates("letter_id")["summary"].head(args.letters).tolist()
    real_read = [flag_facts(real[c]) for c in hashes]
    synth_read = [flag_facts(t) for t in synth]
    rows = []
    for fact in FACTS:
        for pol in ("+", "-"):
            g = sum((fact, pol) in gold.get(c, set()) for c in hashes) / len(hashes)
            r = sum((fact, pol) in s for s in real_read) / len(real_read)
            y = sum((fact, pol) in s for s in synth_read) / len(synth_read)
            if max(g, r, y) < 0.02:
                continue
            ratio = y / g if g else float("inf")
            within = "yes" if g and 0.5 <= ratio <= 2 else ("-" if g < 0.05 else "no")
            rows.append((fact, "asserted" if pol == "+" else "absent", f"{g:.1%}", f"{r:.1%}", f"{y:.1%}", within))
    header = ["fact", "polarity", "real summaries (gold)", "flags on real", "flags on synthetic", "synthetic within 2x of gold"]
    print(f"real: {len(hashes)} summaries; synthetic: {len(synth)} summaries\n")
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
