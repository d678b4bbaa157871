"""Training time and peak memory on synthetic items: 10k, 30k and 100k by default.

Each size is trained in a fresh child process (default config: 5 grouped folds + final fit) so that
peak RSS is that run's own.

    python bench/bench_train.py [--items 10000 30000 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import sys, time, resource
from imrpredict.modeling.config import load_config
from imrpredict.modeling.train import train_model
from imrpredict.tables import read_table
items = read_table(sys.argv[1]).head(int(sys.argv[2]))
t = time.perf_counter()
r = train_model(items, load_config())
dt = time.perf_counter() - t
print(len(items), dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, r.metrics["cv_roc_auc"])
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    args = ap.parse_args()
    from imrpredict.dataset import ingest
    from imrpredict.synth.corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        letters = int(max(args.items) / 1.85) + 500
        t = time.perf_counter()
        write_corpus(root, letters, seed=7)
        ingest([root / "letters"], root / "items.parquet")
        print(f"corpus: {letters} letters generated and ingested in {time.perf_counter() - t:.0f}s")
        for n in args.items:
            out = subprocess.run([sys.executable, "-c", CHILD, str(root / "items.parquet"), str(n)], check=True, capture_output=True, text=True)
            items, seconds, peak_mb, auc = out.stdout.split()
            print(
                f"{int(items):7d} items: train {float(seconds):6.1f}s  peak RSS {float(peak_mb) / 1024:5.2f} GB  grouped-CV ROC-AUC {float(auc):.3f}"
            )


if __name__ == "__main__":
    main()
