"""ingest/score on a dask.distributed cluster give the local rows, whatever the workers, a killed worker included."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

try:
    import distributed  # noqa: F401
except ImportError:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("dask.distributed is missing in CI: install imrpredict[dask] so the cluster tests run", pytrace=False)
    pytest.skip("dask.distributed not installed (pip install -e '.[dask]')", allow_module_level=True)

from imrpredict.cli import app
from imrpredict.cluster import ingest_cluster, read_parts, score_cluster
from imrpredict.dataset import errors_path_for, ingest
from imrpredict.scoring.batch import score_table

CHUNK = 400
REASONS = 2


@pytest.fixture(scope="module")
def client():
    """One 2-worker cluster (processes, one thread each) for the module: starting workers is the slow part."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def score_input(synth_items: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few thousand items with a carried id column (leading zeros) and some rows that must come out as errors."""
    cols = ["item", "summary", "partial", "date_of_injury", "date_assigned", "ur_denial_date", "application_received", "age", "sex", "letter_id"]
    df = synth_items[[c for c in cols if c in synth_items.columns]].copy()
    df = pd.concat([df, df.head(1000)], ignore_index=True)  # a few thousand rows, several chunks
    df["claim_id"] = [f"{i:07d}" for i in range(len(df))]
    df.loc[df.index % 97 == 5, "summary"] = ""
    df.loc[df.index % 211 == 7, "item"] = None
    path = tmp_path_factory.mktemp("cluster-score") / "items.parquet"
    df.to_parquet(path, index=False)
    return path


@pytest.fixture(scope="module")
def local_scores(score_input: Path, small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cluster-local") / "scores.parquet"
    score_table(score_input, small_bundle, out, chunk_rows=CHUNK, workers=1, reasons_k=REASONS)
    return out


def _same_table(a: Path, b: Path) -> None:
    ta, tb = pq.read_table(a), pq.read_table(b)
    assert ta.schema.equals(tb.schema), (ta.schema, tb.schema)
    assert ta.num_rows == tb.num_rows
    assert ta.equals(tb)


def test_base_install_does_not_import_dask() -> None:
    code = "import sys, imrpredict.cli, imrpredict.cluster; assert 'distributed' not in sys.modules and 'dask' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_score_matches_local_on_two_workers(client, score_input, small_bundle, local_scores, tmp_path) -> None:
    out = tmp_path / "scores.parquet"
    seen: list[int] = []
    summary = score_cluster(score_input, small_bundle, out, client, chunk_rows=CHUNK, reasons_k=REASONS, on_rows=seen.append)
    _same_table(out, local_scores)
    table = pq.read_table(out)
    assert summary.rows == table.num_rows == sum(seen) == pq.ParquetFile(score_input).metadata.num_rows
    assert summary.errors > 0 and table.column("error").null_count < table.num_rows
    assert table.column("claim_id").to_pylist()[:2] == ["0000000", "0000001"]
    assert table.column("row_number").to_pylist() == list(range(table.num_rows))


def test_score_matches_local_on_one_worker_csv(score_input, small_bundle, tmp_path) -> None:
    """local:1 (a LocalCluster started for the run) on CSV input: carried columns come back as the text written."""
    csv = tmp_path / "items.csv"
    pd.read_parquet(score_input).to_csv(csv, index=False)
    local, remote = tmp_path / "local.csv", tmp_path / "remote.csv"
    score_table(csv, small_bundle, local, chunk_rows=CHUNK, workers=1, reasons_k=REASONS)
    score_cluster(csv, small_bundle, remote, "local:1", chunk_rows=CHUNK, reasons_k=REASONS)
    assert remote.read_bytes() == local.read_bytes()


def test_score_cli_on_cluster(client, score_input, small_bundle, local_scores, tmp_path) -> None:
    out = tmp_path / "scores.parquet"
    args = ["score", str(score_input), "--model", str(small_bundle), "--out", str(out), "--chunk-rows", str(CHUNK), "--reasons", str(REASONS)]
    result = CliRunner().invoke(app, [*args, "--cluster", client.scheduler.address])
    assert result.exit_code == 1, result.output  # some rows carry an error, as locally
    _same_table(out, local_scores)


def _local_ingest(paths: list[Path], tmp: Path) -> tuple[Path, Path]:
    out = tmp / "local.parquet"
    ingest(paths, out, workers=2)
    return out, errors_path_for(out)


def _assert_ingest_same(client, paths: list[Path], tmp: Path, per_task: int) -> None:
    local, local_errors = _local_ingest(paths, tmp)
    out_dir = tmp / "cluster"
    summary = ingest_cluster(paths, out_dir, client, letters_per_task=per_task)
    assert read_parts(out_dir).equals(pq.read_table(local))
    assert (out_dir / "errors.csv").read_bytes() == local_errors.read_bytes()
    assert len(list(out_dir.glob("part-*.parquet"))) == summary.parts
    assert not list(tmp.glob(".cluster*"))


def test_ingest_matches_local_on_synthetic_and_broken(client, tmp_path) -> None:
    from imrpredict.synth.corpus import write_corpus

    write_corpus(tmp_path / "corpus", 200, seed=7, workers=2)
    letters = tmp_path / "corpus" / "letters"
    (letters / "zz-empty.txt").write_text("")
    (letters / "zz-not-a-letter.txt").write_text("Dear friend, this is a grocery list: eggs, milk, bread.\n")
    _assert_ingest_same(client, [letters], tmp_path, per_task=37)
    errors = pd.read_csv(tmp_path / "cluster" / "errors.csv")
    assert len(errors) == 2


def test_ingest_matches_local_on_real_letters(client, letters_dir, tmp_path) -> None:
    _assert_ingest_same(client, [letters_dir / "pdf"], tmp_path, per_task=25)


def test_unreachable_scheduler_exits_2_and_writes_nothing(score_input, small_bundle, tmp_path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    work = tmp_path / "work"
    work.mkdir()
    runner = CliRunner()
    out = work / "scores.parquet"
    result = runner.invoke(
        app, ["score", str(score_input), "--model", str(small_bundle), "--out", str(out), "--cluster", address, "--cluster-timeout", "1"]
    )
    assert result.exit_code == 2, result.output
    assert address in result.output and "cannot reach" in result.output
    out_dir = work / "items"
    result = runner.invoke(app, ["ingest", str(score_input.parent), "--out", str(out_dir), "--cluster", address, "--cluster-timeout", "1"])
    assert result.exit_code == 2, result.output
    assert address in result.output
    assert list(work.iterdir()) == []


def test_killed_worker_still_every_row_once(client, score_input, small_bundle, local_scores, tmp_path) -> None:
    """SIGKILL a worker once the first chunk is back (others still running): retried chunks land in their place."""
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: list[int] = []

    def kill_once(rows: int) -> None:
        if not killed:
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    out = tmp_path / "scores.parquet"
    summary = score_cluster(score_input, small_bundle, out, client, chunk_rows=CHUNK, reasons_k=REASONS, on_rows=kill_once)
    assert killed
    _same_table(out, local_scores)
    assert summary.rows == pq.read_table(out).num_rows
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()
