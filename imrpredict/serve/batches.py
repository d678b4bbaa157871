"""Batch jobs of the HTTP API: an uploaded items table scored by ``score_table`` in a child process.

Each batch lives in its own folder under the server's work directory, named by a random id (never by the
client's file name): ``input.<fmt>``, ``status.json`` (rewritten atomically as rows finish, so any server process
can answer for it) and ``result.<fmt>``. One batch runs at a time, in a child process, so a long batch neither
blocks the event loop nor holds the GIL the API requests need.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from imrpredict.tables import FORMATS

BATCH_ID_CHARS = 32


def sniff_table_format(head: bytes) -> str:
    """parquet / jsonl / csv from the first bytes of an upload (the client's file name is not trusted)."""
    if head.startswith(b"PAR1"):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    return "csv"


def _write_status(folder: Path, **fields: Any) -> None:
    path = folder / "status.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    current.update(fields)
    tmp = folder / f".status.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(current))
    os.replace(tmp, path)


def read_status(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "status.json").read_text())


def _count_rows(path: Path, fmt: str) -> int:
    import pyarrow.parquet as pq

    if fmt == "parquet":
        return int(pq.ParquetFile(path).metadata.num_rows)
    from imrpredict.scoring.batch import iter_chunks

    return sum(piece.num_rows if hasattr(piece, "num_rows") else len(piece) for _, piece in iter_chunks(path, 20_000, "utf-8"))


def run_batch(folder: str, bundle: str, fmt: str, reasons: int) -> None:
    """Child process: count the rows, score them with progress in status.json, write result.<fmt>."""
    from imrpredict.scoring.batch import score_table

    root = Path(folder)
    src = root / f"input.{fmt}"
    done = 0
    last = 0.0

    def on_rows(n: int) -> None:
        nonlocal done, last
        done += n
        if time.monotonic() - last > 0.5:
            last = time.monotonic()
            _write_status(root, rows_done=done)

    try:
        _write_status(root, state="running", rows_total=_count_rows(src, fmt), started=time.time())
        summary = score_table(src, Path(bundle), root / f"result.{fmt}", workers=1, reasons_k=reasons, on_rows=on_rows)
        _write_status(root, state="done", rows_done=summary.rows, scored=summary.scored, errors=summary.errors, finished=time.time())
    except Exception as exc:  # the child reports every failure in its status; the server reads it
        _write_status(root, state="failed", error=f"{type(exc).__name__}: {exc}"[:500], finished=time.time())
    finally:
        src.unlink(missing_ok=True)


class BatchRunner:
    """Queue of batches for one server process; a thread starts one child process per batch, in turn."""

    def __init__(self, root: Path, bundle: Path, reasons: int = 5) -> None:
        self.root = root
        self.bundle = bundle
        self.reasons = reasons
        self._queue: queue.Queue[tuple[Path, str]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._child: Any = None

    def folder(self, batch_id: str) -> Path | None:
        """The batch's folder, or None for an id that is malformed or unknown."""
        if len(batch_id) != BATCH_ID_CHARS or not all(c in "0123456789abcdef" for c in batch_id):
            return None
        path = self.root / batch_id
        return path if (path / "status.json").exists() else None

    def new(self) -> tuple[str, Path]:
        batch_id = secrets.token_hex(BATCH_ID_CHARS // 2)
        folder = self.root / batch_id
        folder.mkdir(parents=True)
        return batch_id, folder

    def submit(self, folder: Path, fmt: str) -> None:
        if fmt not in set(FORMATS.values()):
            raise ValueError(f"unknown table format {fmt}")
        _write_status(folder, state="queued", rows_done=0, rows_total=None, result_format=fmt, created=time.time())
        self._queue.put((folder, fmt))
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="imrpredict-batches", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        ctx = mp.get_context("spawn")
        while True:
            try:
                folder, fmt = self._queue.get(timeout=1.0)
            except queue.Empty:
                return
            self._child = ctx.Process(target=run_batch, args=(str(folder), str(self.bundle), fmt, self.reasons), daemon=True)
            self._child.start()
            self._child.join()
            if read_status(folder).get("state") not in ("done", "failed"):  # killed before it could say so
                _write_status(folder, state="failed", error=f"the scoring process ended with exit code {self._child.exitcode}")
            self._child = None

    def stop(self) -> None:
        child = self._child
        if child is not None and child.is_alive():
            child.terminate()
