"""Synthetic corpus throughput: letters/s writing text letters on all cores, at 10k and 100k letters.

python bench/bench_synth.py [--letters 10000 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from imrpredict.synth.corpus import offset_for, write_corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--letters", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    offset_for(0.11)  # solved once per process; not part of the per-letter rate
    for n in args.letters:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            s = write_corpus(Path(tmp), n, seed=1, workers=args.workers)
            dt = time.perf_counter() - t0
            print(
                f"{n:7d} letters, {s.items:7d} items: {dt:6.1f}s  {n / dt:6.0f} letters/s  "
                f"overturn {s.overturn_rate:.3f}  Bayes ROC-AUC {s.bayes_roc_auc:.3f}"
            )


if __name__ == "__main__":
    main()
