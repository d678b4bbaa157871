"""Load on `imrpredict serve`, loopback only, bounded in count and time.

0. ``--sequential`` requests (default 300) one at a time: latency and the server's CPU per request (its whole
   process tree, from /proc), the cost that decides latency under load.
1. ``--clients`` concurrent clients (default 32) for ``--seconds`` (default 60) on POST /v1/predict with
   real-length summaries (synthetic summaries within the real letters' interquartile range, 1,058-1,894
   characters) and 1-3 items each. Each client is a reviewer or a queue worker: after each answer it pauses
   ``--think-ms`` on average (exponential) before its next request. Reports errors, throughput, p50/p95/p99
   latency, and the server's RSS (whole process tree) after the first 10 s and at the end.
2. A ``--batch-rows`` (default 100,000) batch through POST /v1/batches: every row must come back exactly once.

The server runs as its own process (`python -m imrpredict serve`), as a user would start it.

    python bench/bench_serve.py --model models/latest [--clients 32 --seconds 60 --think-ms 500 --workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from procstat import tree_cpu_s, tree_rss_mb  # bench/ is on sys.path when a bench runs as a script

TARGETS = {"p50_ms": 25.0, "p99_ms": 250.0, "rss_growth": 0.10}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def workload(n: int = 5000, seed: int = 0) -> tuple[list[str], list[str]]:
    """Distinct real-length summaries (enough that most requests bring a summary the server has not read yet) and
    the items requested in the same synthetic letters."""
    from imrpredict.default_data import default_items_table
    from imrpredict.tables import read_table

    items = read_table(default_items_table(), columns=["item", "summary"])
    lengths = items["summary"].str.len()
    pool = items[(lengths >= 1058) & (lengths <= 1894)].drop_duplicates("summary").sample(n, random_state=seed)
    return pool["summary"].tolist(), items["item"].sample(2000, random_state=seed).tolist()


async def run_clients(base: str, clients: int, seconds: float, think_ms: float, summaries: list[str], items: list[str], pid: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    rss_at_10 = [0.0]
    deadline = time.monotonic() + seconds
    start = time.monotonic()

    async def client(i: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(i)
        await asyncio.sleep(rng.random() * think_ms / 1000)  # clients do not start in lockstep
        while time.monotonic() < deadline:
            body = {"summary": rng.choice(summaries), "items": rng.sample(items, rng.randint(1, 3))}
            t = time.perf_counter()
            try:
                r = await http.post(f"{base}/v1/predict", json=body)
                if r.status_code != 200:
                    errors.append(f"HTTP {r.status_code}: {r.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append((time.perf_counter() - t) * 1000)
            await asyncio.sleep(rng.expovariate(1000 / think_ms) if think_ms > 0 else 0)

    async def sample_rss() -> None:
        await asyncio.sleep(10)
        rss_at_10[0] = tree_rss_mb(pid)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        await asyncio.gather(sample_rss(), *(client(i, http) for i in range(clients)))
    elapsed = time.monotonic() - start
    lat = np.asarray(latencies)
    return {
        "requests": len(lat),
        "errors": len(errors),
        "first_errors": errors[:3],
        "per_s": len(lat) / elapsed,
        "p50_ms": float(np.percentile(lat, 50)),
        "p95_ms": float(np.percentile(lat, 95)),
        "p99_ms": float(np.percentile(lat, 99)),
        "max_ms": float(lat.max()),
        "rss_10s_mb": rss_at_10[0],
        "rss_end_mb": tree_rss_mb(pid),
    }


def sequential(base: str, n: int, summaries: list[str], items: list[str], pid: int) -> dict:
    """``n`` requests one after another (1-3 items, summaries not sent before): latency and server CPU per request."""
    import httpx

    rng = random.Random(7)
    fresh = summaries[-n:]  # the load phase and the warm-up draw from the same pool; these are each sent once here
    latencies = []
    with httpx.Client(timeout=30) as http:
        cpu = tree_cpu_s(pid)
        for summary in fresh:
            t = time.perf_counter()
            http.post(f"{base}/v1/predict", json={"summary": summary, "items": rng.sample(items, rng.randint(1, 3))}).raise_for_status()
            latencies.append((time.perf_counter() - t) * 1000)
        cpu = tree_cpu_s(pid) - cpu
    return {"p50_ms": float(np.percentile(latencies, 50)), "cpu_ms": cpu / len(fresh) * 1000}


def batch_round_trip(base: str, rows: int, summaries: list[str], items: list[str]) -> dict:
    import httpx

    rng = np.random.default_rng(1)
    table = pd.DataFrame(
        {
            "row_id": np.arange(rows),
            "item": np.asarray(items, dtype=object)[rng.integers(0, len(items), rows)],
            "summary": np.asarray(summaries, dtype=object)[rng.integers(0, len(summaries), rows)],
        }
    )
    buf = io.BytesIO()
    table.to_parquet(buf, index=False)
    t = time.perf_counter()
    with httpx.Client(timeout=120) as http:
        created = http.post(f"{base}/v1/batches", files={"file": ("batch.parquet", buf.getvalue())})
        created.raise_for_status()
        batch_id = created.json()["id"]
        last = -1
        while True:
            st = http.get(f"{base}/v1/batches/{batch_id}").json()
            if st["rows_done"] != last:
                print(f"  batch {st['state']}: {st['rows_done']:,} of {st['rows_total'] or '?'} rows", flush=True)
                last = st["rows_done"]
            if st["state"] in ("done", "failed"):
                break
            time.sleep(2)
        if st["state"] != "done":
            raise SystemExit(f"batch failed: {st.get('error')}")
        result = http.get(f"{base}/v1/batches/{batch_id}/result")
        result.raise_for_status()
    seconds = time.perf_counter() - t
    out = pd.read_parquet(io.BytesIO(result.content))
    counts = out["row_id"].value_counts()
    return {
        "rows_in": rows,
        "rows_out": len(out),
        "each_exactly_once": bool(len(out) == rows and counts.max() == 1 and set(out["row_id"]) == set(range(rows))),
        "scored": int(out["error"].isna().sum()),
        "seconds": seconds,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=Path("models/latest"))
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think-ms", type=float, default=500.0)
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    ap.add_argument("--batch-rows", type=int, default=100_000)
    ap.add_argument("--sequential", type=int, default=300, help="requests sent one at a time first (0: none)")
    args = ap.parse_args()

    summaries, items = workload()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as work:
        cmd = [sys.executable, "-m", "imrpredict", "serve", "--model", str(args.model), "--port", str(port), "--workers", str(args.workers)]
        server = subprocess.Popen([*cmd, "--work-dir", work], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            import httpx

            for _ in range(120):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            else:
                raise SystemExit(f"server did not start: {server.stderr.read().decode() if server.stderr else ''}")
            for s in summaries[:20]:  # warm each worker's first-call paths
                httpx.post(f"{base}/v1/predict", json={"summary": s, "items": items[:2]}, timeout=30)
            if args.sequential:
                seq = sequential(base, args.sequential, summaries, items, server.pid)
                print(f"/v1/predict one at a time: {args.sequential} requests, p50 {seq['p50_ms']:.1f} ms, ", end="")
                print(f"server CPU {seq['cpu_ms']:.1f} ms per request")
            print(f"server: {args.workers} process(es); {args.clients} clients for {args.seconds:.0f} s, mean pause {args.think_ms:.0f} ms")
            load = asyncio.run(run_clients(base, args.clients, args.seconds, args.think_ms, summaries, items, server.pid))
            growth = load["rss_end_mb"] / load["rss_10s_mb"] - 1
            print(
                f"/v1/predict: {load['requests']:,} requests ({load['per_s']:.0f}/s), {load['errors']} errors; "
                f"latency p50 {load['p50_ms']:.1f} ms, p95 {load['p95_ms']:.1f} ms, p99 {load['p99_ms']:.1f} ms, max {load['max_ms']:.0f} ms; "
                f"RSS {load['rss_10s_mb']:.0f} MB after 10 s, {load['rss_end_mb']:.0f} MB at the end ({growth:+.1%})"
            )
            for e in load["first_errors"]:
                print("  error:", e)
            ok = (
                load["errors"] == 0
                and load["p50_ms"] <= TARGETS["p50_ms"]
                and load["p99_ms"] <= TARGETS["p99_ms"]
                and abs(growth) <= TARGETS["rss_growth"]
            )
            print(f"targets (0 errors, p50 <= 25 ms, p99 <= 250 ms, RSS within 10%): {'met' if ok else 'NOT met'}")
            if args.batch_rows:
                b = batch_round_trip(base, args.batch_rows, summaries, items)
                print(
                    f"batch: {b['rows_in']:,} rows in, {b['rows_out']:,} out, each exactly once: {b['each_exactly_once']}, "
                    f"{b['scored']:,} scored, {b['seconds']:.0f} s upload-to-download ({b['rows_in'] / b['seconds']:,.0f} rows/s)"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
