"""Cluster vs local, in one run on the same data: ingest M letters and score N items.

* ingest: `dataset.ingest` (all cores) vs `cluster.ingest_cluster` on a LocalCluster of 2 and of 1 worker(s);
* score: `score_table` (all cores) vs `cluster.score_cluster` on the same clusters;
each cluster time excludes starting the cluster (printed apart), and each cluster output is checked equal to the local one.

    python bench/bench_cluster.py [--items 200000] [--letters 5000] [--reasons 0] [--model models/latest]

The issue's targets are --items 1000000 --letters 20000. Ends with an estimate (stated as one) of the whole DWC
archive on N workers, from the 2-worker rates measured here.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=200_000)
    ap.add_argument("--letters", type=int, default=5_000)
    ap.add_argument("--reasons", type=int, default=0, help="top reasons per item (0 = throughput of the model alone)")
    ap.add_argument("--chunk-rows", type=int, default=5000)
    ap.add_argument("--model", type=Path, default=Path("models/latest"))
    ap.add_argument("--workers", type=int, nargs="+", default=[2, 1], help="LocalCluster sizes to run (1 gives the scaling)")
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    from imrpredict.cluster import ingest_cluster, read_parts, score_cluster
    from imrpredict.dataset import ingest
    from imrpredict.modeling.bundle import resolve_bundle
    from imrpredict.scoring.batch import score_table
    from imrpredict.synth.corpus import write_corpus

    bundle = resolve_bundle(args.model)
    cores = os.cpu_count() or 1
    print(f"{cores} cores; model {bundle}; {args.letters} letters to ingest, {args.items} items to score (reasons={args.reasons})")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        write_corpus(root / "corpus", args.letters, seed=3)
        print(f"wrote {args.letters} synthetic letters in {time.perf_counter() - t:.1f} s")
        letters = [root / "corpus" / "letters"]

        times: dict[str, float] = {}
        t = time.perf_counter()
        ingest(letters, root / "local.parquet")
        times["ingest local"] = time.perf_counter() - t
        local_items = pq.read_table(root / "local.parquet")

        items = local_items.to_pandas()
        reps = -(-args.items // len(items))
        big = pd.concat([items] * reps, ignore_index=True).head(args.items)
        big.to_parquet(root / "score-in.parquet", index=False)
        t = time.perf_counter()
        score_table(root / "score-in.parquet", bundle, root / "scores-local.parquet", chunk_rows=args.chunk_rows, reasons_k=args.reasons)
        times["score local"] = time.perf_counter() - t
        local_scores = pq.read_table(root / "scores-local.parquet")

        for n in args.workers:
            t = time.perf_counter()
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, Client(cluster) as client:
                print(f"LocalCluster({n} worker(s)) started in {time.perf_counter() - t:.1f} s")
                t = time.perf_counter()
                ingest_cluster(letters, root / f"parts-{n}", client)
                times[f"ingest cluster {n}w"] = time.perf_counter() - t
                assert read_parts(root / f"parts-{n}").equals(local_items), "cluster ingest differs from local"
                t = time.perf_counter()
                out = root / f"scores-{n}.parquet"
                score_cluster(root / "score-in.parquet", bundle, out, client, chunk_rows=args.chunk_rows, reasons_k=args.reasons)
                times[f"score cluster {n}w"] = time.perf_counter() - t
                assert pq.read_table(out).equals(local_scores), "cluster scores differ from local"

    print(f"\n{'step':<22}{'seconds':>10}{'rate':>14}")
    for name, s in times.items():
        n = args.letters if name.startswith("ingest") else args.items
        unit = "letters/s" if name.startswith("ingest") else "items/s"
        print(f"{name:<22}{s:>10.1f}{n / s:>10,.0f} {unit}")
    for step in ("ingest", "score"):
        local = times[f"{step} local"]
        for n in args.workers:
            print(f"{step}: cluster {n}w / local = {times[f'{step} cluster {n}w'] / local:.2f}x time")
        if {1, 2} <= set(args.workers):
            print(f"{step}: cluster 1w / 2w = {times[f'{step} cluster 1w'] / times[f'{step} cluster 2w']:.2f}x time")
    print("outputs: cluster == local for ingest and score (checked)")
    if {1, 2} <= set(args.workers):
        print(archive_estimate(args.letters, args.items, times))


# The DWC archive: about 2,000,000 final determination letters since 2014 (130,000-185,000 a year), 1.55-1.89
# services per letter (../shared/facts/imr-published-stats.md: [S3] [S6] [S21]).
ARCHIVE_LETTERS = 2_000_000
ARCHIVE_ITEMS = int(ARCHIVE_LETTERS * 1.85)


def _duration(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


def archive_estimate(letters: int, items: int, times: dict[str, float]) -> str:
    """An ESTIMATE, not a measurement: ingest and score the whole archive on N workers of this machine's speed,
    from the 2-worker rates, assuming each worker adds what one did here (the measured 1 -> 2 worker efficiency
    is printed beside it)."""
    eff = {step: times[f"{step} cluster 1w"] / times[f"{step} cluster 2w"] / 2 for step in ("ingest", "score")}
    letters_per_s_2w, items_per_s_2w = letters / times["ingest cluster 2w"], items / times["score cluster 2w"]
    lines = [
        f"estimate, whole DWC archive (~{ARCHIVE_LETTERS:,} letters, ~{ARCHIVE_ITEMS:,} items), N workers of this speed; "
        f"measured 1 -> 2 worker efficiency: ingest {eff['ingest']:.0%}, score {eff['score']:.0%}"
    ]
    for n in (2, 8, 32, 128):
        ingest_s = ARCHIVE_LETTERS / (letters_per_s_2w / 2 * n)
        score_s = ARCHIVE_ITEMS / (items_per_s_2w / 2 * n)
        lines.append(f"  {n:>4} workers: ingest ~{_duration(ingest_s)}, score ~{_duration(score_s)} (no reasons)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
