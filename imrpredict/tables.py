"""Read and write tables by file extension: Parquet (default), CSV, JSONL. Writers stream and are atomic."""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class TableFormatError(ValueError):
    pass


def table_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise TableFormatError(f"{path}: unknown table extension {path.suffix!r}; use .parquet, .csv or .jsonl")
    return fmt


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


class TableWriter:
    """Append batches of rows to a table; the file appears under its name only on a clean close."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = Path(path)
        self.schema = schema
        self.format = table_format(self.path)
        self.rows_written = 0
        self._tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self._writer: Any = None
        self._fh: Any = None

    def __enter__(self) -> TableWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            self._writer = pq.ParquetWriter(self._tmp, self.schema, compression="zstd")
        elif self.format == "csv":
            self._fh = open(self._tmp, "wb")
            self._writer = pacsv.CSVWriter(self._fh, self.schema)
        else:
            self._fh = open(self._tmp, "w", encoding="utf-8")
        return self

    def write_rows(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if self.format == "jsonl":
            self._fh.write("".join(json.dumps(r, default=_json_default, ensure_ascii=False) + "\n" for r in rows))
        else:
            self._writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
        self.rows_written += len(rows)

    def write_table(self, table: pa.Table) -> None:
        """Append an Arrow table with this writer's columns (fast path: no per-row Python objects)."""
        if table.num_rows == 0:
            return
        table = table.select(self.schema.names).cast(self.schema)
        if self.format == "jsonl":
            for batch in table.to_batches(max_chunksize=10_000):
                self._fh.write(batch.to_pandas(integer_object_nulls=True).to_json(orient="records", lines=True, date_format="iso", force_ascii=False))
        else:
            self._writer.write_table(table)
        self.rows_written += table.num_rows

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._fh is not None:
            self._fh.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)


def write_parquet_atomic(table: pa.Table, path: Path, compression: str = "zstd") -> None:
    """Write ``table`` to ``path`` whole or not at all: under a unique temporary name, then renamed, so a task
    retried while an earlier attempt still runs replaces the file and never leaves half of one."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, compression=compression)
    os.replace(tmp, path)


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Load a table written by TableWriter (or any Parquet/CSV/JSONL) as a DataFrame."""
    path = Path(path)
    fmt = table_format(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if fmt == "parquet":
        return pq.read_table(path, columns=columns).to_pandas()
    if fmt == "csv":
        df = pd.read_csv(path, dtype_backend="pyarrow", encoding_errors="replace")
    else:
        df = pd.read_json(path, lines=True, dtype=False, encoding_errors="replace")
    return df[columns] if columns else df
