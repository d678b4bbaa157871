"""Scoring speed and memory, all measured in one run on the same items.

* throughput of `score_table` with 2 processes (main + 1 pool worker) without reasons and with top-5 reasons (items/s);
* WHOLE PROCESSES on the same Parquet file: `imrpredict score in.parquet --model M --out out.parquet` (default top-5
  reasons, and --reasons 0) against a script that loads a pickled, pre-fitted scikit-learn TF-IDF(1,2) +
  LogisticRegression pipeline, reads the Parquet, predicts and writes the probabilities to Parquet; each timed from
  process start (interpreter, imports, model load) to exit, and the ratio printed;
* single-item latency (p50, p95) in a warm process;
* peak RSS while scoring --memory-items items (default 1M) without reasons, main process and workers.

    python bench/bench_score.py [--items 60000] [--memory-items 1000000]

--items defaults to 60,000 so that the items carry more than 30,000 distinct summaries (1.85 items per letter).
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

MEMORY_CHILD = """
import os, sys, threading, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from procstat import tree_rss_mb  # the benches' one copy
from imrpredict.scoring.batch import score_table

peak = [0.0]
stop = threading.Event()
def sample():
    while not stop.is_set():
        peak[0] = max(peak[0], tree_rss_mb(os.getpid()))
        time.sleep(0.2)
threading.Thread(target=sample, daemon=True).start()
t = time.perf_counter()
s = score_table(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), chunk_rows=5000, workers=2, reasons_k=0)
dt = time.perf_counter() - t
stop.set()
print(s.rows, dt, peak[0])
"""


SKLEARN_CHILD = """
import pickle, sys
import pandas as pd
with open(sys.argv[1], "rb") as fh:
    pipe = pickle.load(fh)
items = pd.read_parquet(sys.argv[2], columns=["item", "summary"])
text = (items["item"].fillna("") + " " + items["summary"].fillna("")).tolist()
pd.DataFrame({"probability_overturn": pipe.predict_proba(text)[:, 1]}).to_parquet(sys.argv[3], index=False)
"""


def whole_process_rate(command: list[str], n: int) -> float:
    """Items per second of one child process, timed from its start to its exit (start-up, imports, load, I/O)."""
    t = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, text=True)
    return n / (time.perf_counter() - t)


def imrpredict_command() -> list[str]:
    """The ``imrpredict`` console script of this interpreter's environment (as a user runs it)."""
    script = Path(sys.executable).with_name("imrpredict")
    if script.exists():
        return [str(script)]
    found = shutil.which("imrpredict")
    return [found] if found else [sys.executable, "-c", "import sys; from imrpredict.cli import app; sys.argv[0] = 'imrpredict'; app()"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=60_000)
    ap.add_argument("--memory-items", type=int, default=1_000_000)
    ap.add_argument("--train-letters", type=int, default=6000)
    args = ap.parse_args()

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from imrpredict.dataset import ingest
    from imrpredict.modeling.bundle import load_bundle, save_bundle
    from imrpredict.modeling.config import load_config
    from imrpredict.modeling.train import train_model
    from imrpredict.scoring.batch import score_table
    from imrpredict.synth.corpus import write_corpus
    from imrpredict.tables import read_table

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "train", args.train_letters, seed=1)
        ingest([root / "train" / "letters"], root / "train.parquet")
        train = read_table(root / "train.parquet")
        result = train_model(train, load_config())
        save_bundle(result.model, root / "model", load_config(), result.metrics)
        letters = int(args.items / 1.85) + 200
        write_corpus(root / "score", letters, seed=2)
        ingest([root / "score" / "letters"], root / "score.parquet")
        items = read_table(root / "score.parquet").head(args.items)
        items.to_parquet(root / "items.parquet")
        n = len(items)
        distinct = items["summary"].nunique()
        print(f"items to score: {n} ({distinct} distinct summaries); model trained on {len(train)} items")
        if distinct < 30_000:
            print(f"note: only {distinct} distinct summaries; pass --items 60000 or more for 30,000+")

        timings = {}
        for label, k in (("no reasons", 0), ("top-5 reasons", 5)):
            t = time.perf_counter()
            score_table(root / "items.parquet", root / "model", root / f"out-{k}.parquet", workers=2, reasons_k=k)
            timings[label] = n / (time.perf_counter() - t)
            print(f"imrpredict score, 2 processes, {label}: {timings[label]:,.0f} items/s (start-up and output file included)")

        pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=50_000, sublinear_tf=True), LogisticRegression(max_iter=1000))
        text = lambda df: (df["item"].fillna("") + " " + df["summary"].fillna("")).tolist()  # noqa: E731
        pipe.fit(text(train), (train["decision"] == "Overturned").astype(int))
        with open(root / "sklearn.pkl", "wb") as fh:
            pickle.dump(pipe, fh)
        # Whole processes, same input file, each writes its results to Parquet.
        score = [*imrpredict_command(), "score", str(root / "items.parquet"), "--model", str(root / "model")]
        imr = whole_process_rate([*score, "--out", str(root / "cli-5.parquet")], n)
        imr0 = whole_process_rate([*score, "--out", str(root / "cli-0.parquet"), "--reasons", "0"], n)
        sk_child = [sys.executable, "-c", SKLEARN_CHILD, str(root / "sklearn.pkl"), str(root / "items.parquet"), str(root / "sk.parquet")]
        sk = whole_process_rate(sk_child, n)
        print(f"whole process, imrpredict score (default top-5 reasons, 2 processes): {imr:,.0f} items/s")
        print(f"whole process, imrpredict score --reasons 0: {imr0:,.0f} items/s")
        print(f"whole process, scikit-learn TF-IDF(1,2) + LogisticRegression pipeline (pickled, 1 process): {sk:,.0f} items/s")
        print(f"ratio imrpredict score (top-5 reasons) / scikit-learn pipeline, whole processes: {imr / sk:.2f}x (without reasons: {imr0 / sk:.2f}x)")

        model = load_bundle(root / "model")
        one = items.head(200)
        model.predict_proba(one.head(1))
        lat = []
        for i in range(200):
            t = time.perf_counter()
            model.explain(one.iloc[[i]], top_k=5)
            lat.append((time.perf_counter() - t) * 1000)
        print(f"single item with reasons, warm process: p50 {np.percentile(lat, 50):.1f} ms, p95 {np.percentile(lat, 95):.1f} ms")

        if args.memory_items:
            reps = -(-args.memory_items // n)
            big = pd.concat([items] * reps, ignore_index=True).head(args.memory_items)
            big.to_parquet(root / "big.parquet", row_group_size=50_000)
            del big
            out = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    MEMORY_CHILD,
                    str(root / "big.parquet"),
                    str(root / "model"),
                    str(root / "big-out.parquet"),
                    str(Path(__file__).parent),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            rows, seconds, peak_mb = int(out[0]), float(out[1]), float(out[2])
            print(
                f"{rows:,} items without reasons: {seconds:.0f}s ({rows / seconds:,.0f} items/s); "
                f"peak RSS of the whole process tree (main, which scores too, the forkserver and 1 pool worker): {peak_mb / 1024:.2f} GB"
            )


if __name__ == "__main__":
    main()
