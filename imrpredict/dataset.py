"""Stage 1: letters -> items table. Reads letter files in parallel and streams items to a table.

Every input file ends up either as items in the table or as one row of the errors file beside it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from imrpredict.letters.errors import LetterError
from imrpredict.letters.parse import ParsedLetter, parse_letter
from imrpredict.letters.read import iter_letter_files, read_letter_text
from imrpredict.schema import ARROW_SCHEMA, ItemRecord
from imrpredict.tables import FORMATS, TableWriter, read_table

ERRORS_SCHEMA = pa.schema([pa.field("source_file", pa.string()), pa.field("error", pa.string())])


def letter_items(letter: ParsedLetter, source: str, letter_id: str | None = None) -> list[ItemRecord]:
    """Flatten a parsed letter into one record per disputed item."""
    lid = letter_id or letter.case_number or Path(source).stem
    return [
        ItemRecord(
            letter_id=lid,
            case_number=letter.case_number,
            source_file=source,
            layout=letter.layout,
            item_no=it.item_no,
            item=it.item,
            item_heading=it.item_heading,
            partial=it.partial,
            original_request=it.original_request,
            authorized_portion=it.authorized_portion,
            summary=letter.summary,
            date_assigned=letter.date_assigned,
            date_of_injury=letter.date_of_injury,
            ur_denial_date=letter.ur_denial_date,
            application_received=letter.application_received,
            priority=letter.priority,
            age=letter.age,
            sex=letter.sex,
            claims_admin_guideline=it.claims_admin_guideline,
            decision=it.decision,
            decision_date=letter.decision_date,
            reviewer_licensure=letter.reviewer_licensure,
            reviewer_specialty=letter.reviewer_specialty,
            reviewer_guideline=it.reviewer_guideline,
            rationale=it.rationale,
        )
        for it in letter.items
    ]


def read_letter_file(path: Path) -> list[ItemRecord]:
    """One letter file -> its items. Raises LetterError with the file and the reason."""
    text = read_letter_text(path)
    return letter_items(parse_letter(text, str(path)), str(path))


def read_letter_rows(path: Path) -> tuple[str, list[dict[str, object]] | None, str | None]:
    try:
        return str(path), [r.as_dict() for r in read_letter_file(path)], None
    except LetterError as exc:
        return str(path), None, exc.reason
    except Exception as exc:
        return str(path), None, f"unexpected {type(exc).__name__}: {exc}"


def parse_files(paths: list[Path], workers: int) -> Iterator[tuple[str, list[dict[str, object]] | None, str | None]]:
    """Yield (file, item rows or None, error or None) per file, in input order, parsed in parallel."""
    if workers <= 1 or len(paths) < 8:
        yield from map(read_letter_rows, paths)
        return
    ctx = mp.get_context("forkserver" if os.name != "nt" else "spawn")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(read_letter_rows, paths, chunksize=max(1, min(32, len(paths) // (workers * 8))))


@dataclass
class IngestSummary:
    files: int = 0
    letters: int = 0
    items: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    errors_path: Path | None = None


def load_items(
    paths: list[Path], workdir: Path | None = None, on_file: Callable[[], None] | None = None
) -> tuple[pd.DataFrame, IngestSummary | None]:
    """Items from one table (.parquet/.csv/.jsonl) or from letter files/folders (ingested on the way)."""
    if len(paths) == 1 and paths[0].suffix.lower() in FORMATS:
        return read_table(paths[0]), None
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        out = Path(tmp) / "items.parquet"
        summary = ingest(paths, out, on_file=on_file)
        return (read_table(out) if summary.letters else pd.DataFrame(columns=list(ARROW_SCHEMA.names))), summary


def errors_path_for(out: Path) -> Path:
    return out.with_name(out.name.rsplit(".", 1)[0] + ".errors.csv")


def ingest(
    inputs: list[Path],
    out: Path,
    workers: int | None = None,
    batch_rows: int = 2000,
    on_file: Callable[[], None] | None = None,
) -> IngestSummary:
    """Read every letter under ``inputs`` into the items table ``out`` and the errors file beside it."""
    files = iter_letter_files(inputs)
    summary = IngestSummary(files=len(files), errors_path=errors_path_for(out))
    workers = workers or os.cpu_count() or 1
    batch: list[dict[str, object]] = []
    with TableWriter(out, ARROW_SCHEMA) as writer, TableWriter(summary.errors_path, ERRORS_SCHEMA) as errors:
        for source, rows, error in parse_files(files, workers):
            if rows is None:
                summary.failed.append((source, error or "unknown error"))
                errors.write_rows([{"source_file": source, "error": error}])
            else:
                summary.letters += 1
                summary.items += len(rows)
                batch.extend(rows)
                if len(batch) >= batch_rows:
                    writer.write_rows(batch)
                    batch = []
            if on_file:
                on_file()
        writer.write_rows(batch)
    return summary
