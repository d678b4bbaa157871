"""Batch scoring: stream an items table (or letters) through the model in chunks, on all cores.

Guarantees:
* every input row comes out exactly once, scored or with an ``error`` (row order kept, ``row_number`` = input position);
* memory is bounded by the chunk size times the chunks in flight, whatever the input size;
* each finished chunk is written atomically to ``OUT.parts/``; ``resume=True`` continues a killed run from the
  chunks already written, and the final file (written to a temp name, then renamed) equals an uninterrupted run's.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from imrpredict.features.items import item_facts
from imrpredict.features.request import COLUMN as SERVICES_COLUMN
from imrpredict.features.request import given_counts, own_service, request_hashes, request_id, request_key_column, services_from_keys
from imrpredict.modeling.explain import Evidence, Reason
from imrpredict.scoring.core import clean_summary, item_error
from imrpredict.tables import FORMATS, TableWriter, table_format, write_parquet_atomic

# Columns carried beside the results when the input is letters (the items table is then ours, not the user's).
LETTER_ID_COLUMNS = ("case_number", "letter_id", "item_no", "source_file")
OPTIONAL_INPUTS = ("partial", "date_of_injury", "date_assigned", "ur_denial_date", "application_received", "age", "sex", SERVICES_COLUMN)
MODEL_INPUTS = ("item", "summary", *OPTIONAL_INPUTS)  # what the model reads; every other input column is carried through
RESULT_FIELDS = [
    pa.field("probability_overturn", pa.float64()),
    pa.field("predicted", pa.string()),
    pa.field("risk_band", pa.string()),
    pa.field("reasons", pa.string()),
    pa.field("evidence", pa.string()),
    pa.field("error", pa.string()),
]


class ScoreInputError(ValueError):
    """The input file as a whole cannot be scored (missing columns, not UTF-8, unreadable)."""


@dataclass
class ScoreSummary:
    rows: int = 0
    scored: int = 0
    errors: int = 0
    chunks: int = 0
    resumed_chunks: int = 0


RESULT_NAMES = frozenset({"row_number", *(f.name for f in RESULT_FIELDS)})


def output_schema(carried: list[pa.Field]) -> pa.Schema:
    """row_number, the carried input columns (input order, input types), then the results."""
    return pa.schema([pa.field("row_number", pa.int64()), *carried, *RESULT_FIELDS])


def carried_fields(path: Path, columns: list[str], carry: list[str] | None) -> list[pa.Field]:
    """The input columns the model does not read, to be written back under their own names.

    Parquet keeps each column's type; CSV and JSONL columns come back as text, exactly as written (a claim
    number "00123" keeps its zeros). ``carry`` (the ids of letters read for scoring) comes back as text.
    """
    names = [c for c in columns if c not in MODEL_INPUTS and c != "ingest_error"] if carry is None else [c for c in carry if c in columns]
    clash = sorted(RESULT_NAMES.intersection(names))
    if clash:
        raise ScoreInputError(f"{path}: input column(s) {clash} have the names of result columns; rename them before scoring")
    if carry is None and table_format(path) == "parquet":
        schema = pq.ParquetFile(path).schema_arrow
        return [schema.field(c) for c in names]
    return [pa.field(c, pa.string()) for c in names]


def check_utf8(path: Path) -> None:
    """Raise ScoreInputError naming the byte offset of the first invalid UTF-8 sequence."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                raise ScoreInputError(f"{path}: not valid UTF-8 at byte {offset + exc.start}; re-save it as UTF-8 or pass --encoding cp1252") from exc
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise ScoreInputError(f"{path}: ends inside a multi-byte character (truncated UTF-8)") from exc


def input_columns(path: Path, encoding: str) -> list[str]:
    fmt = table_format(path)
    try:
        if fmt == "parquet":
            return list(pq.ParquetFile(path).schema_arrow.names)
        if fmt == "csv":
            return list(pd.read_csv(path, nrows=0, encoding=encoding).columns)
        first = next(pd.read_json(path, lines=True, chunksize=1, dtype=False, encoding=encoding))
        return list(first.columns)
    except (OSError, ValueError, StopIteration, pa.ArrowException) as exc:
        raise ScoreInputError(f"{path}: cannot read as {fmt} ({exc})") from exc


def iter_chunks(
    path: Path, chunk_rows: int, encoding: str, text_columns: tuple[str, ...] = (), columns: list[str] | None = None
) -> Iterator[tuple[int, pa.RecordBatch | pd.DataFrame]]:
    """(first row number, rows) per chunk of ``chunk_rows``. Parquet stays Arrow (cheap to send to workers).

    ``text_columns`` of a CSV are read as the text written (no number parsing); ``columns`` reads only those."""
    fmt = table_format(path)
    if fmt == "parquet":
        pieces: Iterator[pa.RecordBatch | pd.DataFrame] = pq.ParquetFile(path).iter_batches(batch_size=chunk_rows, columns=columns)
    elif fmt == "csv":
        dtype = dict.fromkeys(("item", "summary", *text_columns), str)
        pieces = iter(
            pd.read_csv(path, chunksize=chunk_rows, encoding=encoding, dtype=dtype, keep_default_na=False, na_values=[""], usecols=columns)
        )
    else:
        frames = pd.read_json(path, lines=True, chunksize=chunk_rows, dtype=False, encoding=encoding)
        pieces = (f[[c for c in columns if c in f.columns]] for f in frames) if columns is not None else iter(frames)
    start = 0
    for piece in pieces:
        yield start, piece
        start += piece.num_rows if isinstance(piece, pa.RecordBatch) else len(piece)


def _as_frame(start: int, piece: pa.RecordBatch | pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    if isinstance(piece, pa.RecordBatch):
        piece = piece.select([c for c in keep if c in piece.schema.names]).to_pandas()
    else:
        piece = piece[[c for c in keep if c in piece.columns]].reset_index(drop=True)
    piece.insert(0, "row_number", np.arange(start, start + len(piece), dtype=np.int64))
    return piece


def _id_text(value: object) -> str | None:
    """Id values as text; a whole float (an int column that held a missing value) prints as an integer."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _row_error(item: object, summary: object, upstream: object = None) -> str | None:
    if isinstance(upstream, str) and upstream:
        return upstream
    return item_error(item, summary)


_MODEL: Any = None


def _load_model(bundle: str, threads: int = 0) -> None:
    """Load the bundle as this process's model (the main process and each pool worker hold one).

    ``threads`` LightGBM threads per prediction; 0 = all cores, for a process scoring alone.
    """
    global _MODEL
    import warnings

    from imrpredict.modeling.bundle import load_bundle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _MODEL = load_bundle(Path(bundle), with_baselines=False)
    _MODEL.predict_threads = threads


def _release_model() -> None:
    """Drop this process's model after a run, so a long-lived caller does not keep it in memory."""
    global _MODEL
    _MODEL = None


def _format_reasons(reasons: list[Reason]) -> str:
    return "; ".join(f"{r.text} ({r.contribution:+.2f})" for r in reasons)


def _format_evidence(ev: list[Evidence]) -> str:
    return " | ".join(f"{e.reason}: {e.sentence}" for e in ev)


def score_frame(model: Any, chunk: pd.DataFrame, reasons_k: int) -> pd.DataFrame:
    """Score one chunk (row_number and the results); rows that cannot be scored get an error, never an exception."""
    out = pd.DataFrame({"row_number": chunk["row_number"].to_numpy(dtype=np.int64)})
    if "summary" in chunk:
        chunk = chunk.assign(summary=chunk["summary"].map(clean_summary))
    items = chunk["item"].tolist() if "item" in chunk else [None] * len(chunk)
    summaries = chunk["summary"].tolist() if "summary" in chunk else [None] * len(chunk)
    upstream = chunk["ingest_error"].tolist() if "ingest_error" in chunk else [None] * len(chunk)
    errors = [_row_error(i, s, u) for i, s, u in zip(items, summaries, upstream, strict=True)]
    out["probability_overturn"] = np.nan
    out["predicted"] = out["risk_band"] = out["reasons"] = out["evidence"] = None
    out["error"] = errors
    ok = np.array([e is None for e in errors])
    if ok.any():
        valid = chunk.loc[ok]
        try:
            _fill(model, valid, out, ok, reasons_k)
        except Exception:
            for pos in np.flatnonzero(ok):
                single = np.zeros(len(ok), dtype=bool)
                single[pos] = True
                try:
                    _fill(model, chunk.loc[single], out, single, reasons_k)
                except Exception as exc:
                    out.loc[pos, "error"] = f"could not be scored: {type(exc).__name__}: {exc}"[:300]
    return out


def _fill(model: Any, valid: pd.DataFrame, out: pd.DataFrame, mask: np.ndarray, reasons_k: int) -> None:
    from imrpredict.modeling.model import risk_band

    if reasons_k > 0:
        explained = model.explain(valid, top_k=reasons_k)
        p = explained["probability_overturn"].to_numpy()
        out.loc[mask, "reasons"] = [_format_reasons(r) for r in explained["reasons"]]
        out.loc[mask, "evidence"] = [_format_evidence(e) for e in explained["evidence"]]
    else:
        p = model.predict_proba(valid)
    out.loc[mask, "probability_overturn"] = p
    out.loc[mask, "predicted"] = np.where(p >= model.threshold, "Overturned", "Upheld")
    out.loc[mask, "risk_band"] = [risk_band(v) for v in p]


def _carried_column(piece: pa.RecordBatch | pd.DataFrame, field: pa.Field) -> pa.Array:
    if isinstance(piece, pa.RecordBatch) and not (field.type == pa.string() and piece.schema.field(field.name).type != pa.string()):
        return piece.column(field.name).cast(field.type)
    if isinstance(piece, pa.RecordBatch):
        return pa.array([_id_text(v) for v in piece.column(field.name).to_pylist()], type=pa.string())
    return pa.array([_id_text(v) for v in piece[field.name].tolist()], type=pa.string())


def scored_table(frame: pd.DataFrame, piece: pa.RecordBatch | pd.DataFrame, carried: list[pa.Field]) -> pa.Table:
    """The results of one chunk with the carried input columns put back beside them, values untouched."""
    table = pa.Table.from_pandas(frame, schema=output_schema([]), preserve_index=False)
    for i, field in enumerate(carried):
        table = table.add_column(1 + i, field, _carried_column(piece, field))
    return table


def score_chunk(model: Any, start: int, piece: pa.RecordBatch | pd.DataFrame, keep: list[str], carried: list[pa.Field], reasons_k: int) -> pa.Table:
    """One input chunk (first row number ``start``) scored, as output rows: the unit of work locally and on a cluster."""
    return scored_table(score_frame(model, _as_frame(start, piece, keep), reasons_k), piece, carried)


def _part_path(parts: Path, index: int) -> Path:
    return parts / f"part-{index:06d}.parquet"


def write_score_part(table: pa.Table, parts: Path, index: int) -> None:
    """Chunk ``index``'s output rows as ``parts/part-<index>.parquet``, atomically; uncompressed, since a part is
    temporary and the joined output is compressed once (``join_score_parts``)."""
    write_parquet_atomic(table, _part_path(parts, index), compression="none")


def score_part_indexes(parts: Path) -> list[int]:
    return sorted(int(p.stem.split("-")[1]) for p in parts.glob("part-*.parquet"))


def join_score_parts(parts: Path, out: Path, schema: pa.Schema) -> ScoreSummary:
    """Write the parts in chunk order into ``out`` (the local output, row for row) and count their rows."""
    summary = ScoreSummary()
    with TableWriter(out, schema) as writer:
        for index in score_part_indexes(parts):
            table = pq.read_table(_part_path(parts, index))
            summary.rows += table.num_rows
            summary.errors += table.num_rows - table.column("error").null_count
            summary.chunks += 1
            writer.write_table(table)
    summary.scored = summary.rows - summary.errors
    return summary


def _score_task(args: tuple[int, int, pa.RecordBatch | pd.DataFrame, list[str], list[pa.Field], int, str]) -> int:
    """Score one chunk and write it to its part file; return the number of rows."""
    index, start, piece, keep, carried, reasons_k, parts = args
    table = score_chunk(_MODEL, start, piece, keep, carried, reasons_k)
    write_score_part(table, Path(parts), index)
    return table.num_rows


def _shared_run(executor: ProcessPoolExecutor, tasks: Iterator[Any], fn: Callable[[Any], int], window: int) -> Iterator[int]:
    """Run ``fn`` over ``tasks`` on the pool AND in this process, yielding each task's result as it finishes.

    This process keeps one task in hand; the next ones go to the pool while it has fewer than ``window``
    queued, and when it is full this process runs the task in hand. So a one-chunk input never starts the
    pool, and this process works while pool workers are still importing their libraries (~1.7 s each).
    At most ``window + 2`` chunks are in memory, whatever the input size.
    """
    pending: deque[Future[int]] = deque()
    in_hand: Any = None
    for arg in tasks:
        while pending and pending[0].done():
            yield pending.popleft().result()
        if in_hand is None:
            in_hand = arg
        elif len(pending) < window:
            pending.append(executor.submit(fn, arg))
        else:
            yield fn(in_hand)
            in_hand = arg
    if in_hand is not None:
        yield fn(in_hand)
    while pending:
        yield pending.popleft().result()


def _fingerprint(input_path: Path, bundle: Path, chunk_rows: int, reasons_k: int) -> dict[str, Any]:
    st = input_path.stat()
    from imrpredict.modeling.bundle import manifest_sha256

    manifest = manifest_sha256(bundle)
    return {
        "input": str(input_path.resolve()),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "model_manifest_sha256": manifest,
        "chunk_rows": chunk_rows,
        "reasons": reasons_k,
    }


def request_services(path: Path, chunk_rows: int, encoding: str, columns: list[str]) -> np.ndarray:
    """``services_in_request`` for every input row, counted over the whole table: a request's rows may fall in
    different chunks, and a row's score must not depend on how the table was cut (features/request.py)."""
    key = request_key_column(columns)
    if key != "summary":  # the summaries, the bulk of a table, are read only when some row has no id to group by
        by_id = _count_services(path, chunk_rows, encoding, columns, key, with_summaries=False)
        if by_id is not None:
            return by_id
    return _count_services(path, chunk_rows, encoding, columns, key, with_summaries=True)


def _count_services(path: Path, chunk_rows: int, encoding: str, columns: list[str], key: str, with_summaries: bool) -> np.ndarray | None:
    """The counts, from the summaries or (``with_summaries=False``) from the ids alone: None if a row has no id."""
    read = list(dict.fromkeys(c for c in ("item", key, *(("summary",) if with_summaries else ()), SERVICES_COLUMN) if c in columns))
    hashes: list[np.ndarray] = []
    own: list[np.ndarray] = []
    given: list[np.ndarray] = []
    for _, piece in iter_chunks(path, chunk_rows, encoding, (key,) if key != "summary" else (), read):
        frame = piece.to_pandas() if isinstance(piece, pa.RecordBatch) else piece.reset_index(drop=True)
        items = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in frame["item"].tolist()]
        if not with_summaries:
            if not all(request_id(v) for v in frame[key].tolist()):
                return None
            frame = frame.assign(summary="")  # every row has its id: summaries are never compared
        hashes.append(request_hashes(frame))
        own.append(own_service(items, [item_facts(i).category for i in items]))
        counts = given_counts(frame)
        given.append(counts if counts is not None else np.full(len(frame), np.nan))
    if not hashes:
        return np.zeros(0, dtype=np.float32)
    return services_from_keys(np.concatenate(hashes), np.concatenate(own), np.concatenate(given))


def scoring_chunks(path: Path, plan: InputPlan, chunk_rows: int, encoding: str) -> Iterator[tuple[int, pa.RecordBatch | pd.DataFrame]]:
    """The input's chunks as scoring reads them (local and cluster): each with its rows' ``services_in_request``."""
    services = request_services(path, chunk_rows, encoding, plan.columns)
    for start, piece in iter_chunks(path, chunk_rows, encoding, plan.text_columns):
        n = piece.num_rows if isinstance(piece, pa.RecordBatch) else len(piece)
        counts = services[start : start + n]
        if isinstance(piece, pa.RecordBatch):
            if SERVICES_COLUMN in piece.schema.names:
                piece = piece.drop_columns([SERVICES_COLUMN])
            piece = piece.append_column(SERVICES_COLUMN, pa.array(counts, type=pa.float32()))
        else:
            piece = piece.assign(**{SERVICES_COLUMN: counts})
        yield start, piece


@dataclass(frozen=True)
class InputPlan:
    """What scoring an items table reads and writes: checked once, used by the local and the cluster paths."""

    carried: list[pa.Field]  # input columns written back beside the results
    schema: pa.Schema  # of the output
    keep: list[str]  # input columns the scoring reads
    text_columns: tuple[str, ...]  # CSV columns read as written
    columns: list[str]  # every input column


def plan_input(input_path: Path, encoding: str, carry: list[str] | None) -> InputPlan:
    """Check an items table (UTF-8, required columns, result-name clashes) and plan its columns; ScoreInputError if bad."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and table_format(input_path) != "parquet":
        check_utf8(input_path)
    columns = input_columns(input_path, encoding)
    missing = [c for c in ("item", "summary") if c not in columns]
    if missing:
        raise ScoreInputError(
            f"{input_path}: missing required column(s) {missing}; found {columns}. "
            "An items table needs 'item' and 'summary' (optional: id, dates, age, sex)."
        )
    carried = carried_fields(input_path, columns, carry)
    keep = list(dict.fromkeys(["item", "summary", SERVICES_COLUMN, *[c for c in (*OPTIONAL_INPUTS, "ingest_error") if c in columns]]))
    return InputPlan(carried, output_schema(carried), keep, tuple(f.name for f in carried), columns)


def score_table(
    input_path: Path,
    bundle: Path,
    out: Path,
    chunk_rows: int = 5000,
    workers: int | None = None,
    reasons_k: int = 5,
    resume: bool = False,
    encoding: str = "utf-8",
    on_rows: Callable[[int], None] | None = None,
    carry: list[str] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> ScoreSummary:
    """Score an items table into ``out`` (format by extension); see the module docstring for guarantees.

    Every input column the model does not read is carried beside the results (only ``carry`` when given).
    ``pool``: the ``workers - 1`` scoring processes, already started by ``scoring.pool.start_scoring_pool``
    (the CLI starts them before its own imports); shut down here."""
    table_format(out)
    plan = plan_input(input_path, encoding, carry)
    carried, schema, keep = plan.carried, plan.schema, plan.keep
    parts = out.with_name(out.name + ".parts")
    state = _fingerprint(input_path, bundle, chunk_rows, reasons_k)
    if parts.exists():
        if not resume:
            raise ScoreInputError(f"{parts} exists from an unfinished run: add --resume to continue it, or delete it to start over")
        saved = json.loads((parts / "state.json").read_text()) if (parts / "state.json").exists() else None
        if saved != state:
            raise ScoreInputError(f"{parts}: the input, model or options changed since that run; delete it to start over")
    else:
        parts.mkdir(parents=True)
        (parts / "state.json").write_text(json.dumps(state, indent=2))
    resumed = 0
    done = set(score_part_indexes(parts))
    workers = workers or os.cpu_count() or 1

    def todo() -> Iterator[tuple[int, int, pa.RecordBatch | pd.DataFrame, list[str], list[pa.Field], int, str]]:
        nonlocal resumed
        for index, (start, piece) in enumerate(scoring_chunks(input_path, plan, chunk_rows, encoding)):
            if index in done:
                resumed += 1
                if on_rows:
                    on_rows(piece.num_rows if isinstance(piece, pa.RecordBatch) else len(piece))
                continue
            yield (index, start, piece, keep, carried, reasons_k, str(parts))

    try:
        if workers > 1 or pool is not None:
            # workers = processes that score: this one plus workers - 1 in the pool, one LightGBM thread each
            from imrpredict.scoring.pool import start_scoring_pool

            with pool if pool is not None else start_scoring_pool(str(bundle), workers - 1) as running:
                _load_model(str(bundle), threads=1)
                for rows in _shared_run(running, todo(), _score_task, window=2 * (workers - 1)):
                    if on_rows:
                        on_rows(rows)
        else:
            _load_model(str(bundle))
            for args in todo():
                rows = _score_task(args)
                if on_rows:
                    on_rows(rows)
    finally:
        _release_model()
    summary = join_score_parts(parts, out, schema)
    summary.resumed_chunks = resumed
    shutil.rmtree(parts)
    return summary


def is_letters_input(paths: list[Path]) -> bool:
    return not (len(paths) == 1 and paths[0].suffix.lower() in FORMATS)


def letters_to_table(paths: list[Path], table: Path, workers: int | None = None, on_file: Callable[[], None] | None = None) -> Path:
    """Ingest letters into an items table for scoring; each unreadable letter becomes a row with its ingest_error."""
    from imrpredict.dataset import ingest

    if table.exists():
        return table
    tmp = table.with_name(".tmp-" + table.name)
    summary = ingest(paths, tmp, workers=workers, on_file=on_file)
    items = pq.read_table(tmp).to_pandas()
    failed = pd.DataFrame(
        {"source_file": [f for f, _ in summary.failed], "ingest_error": [f"letter could not be read: {e}" for _, e in summary.failed]}
    )
    combined = pd.concat([items.assign(ingest_error=None), failed], ignore_index=True) if len(failed) else items.assign(ingest_error=None)
    combined["ingest_error"] = combined["ingest_error"].astype("string")
    combined["item_no"] = combined["item_no"].astype("Int32")
    combined.to_parquet(table, index=False)
    tmp.unlink(missing_ok=True)
    errors_file = tmp.with_name(tmp.name.rsplit(".", 1)[0] + ".errors.csv")
    errors_file.unlink(missing_ok=True)
    return table
