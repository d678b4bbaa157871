"""The ``imrpredict`` command line: ingest, synth, train (and later evaluate, score, predict)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from imrpredict.console import console, progress

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.callback()
def main() -> None:
    """Predict IMR outcomes per disputed item: ingest letters, synthesise data, train, evaluate, score."""


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Letter files (.pdf, .txt) or folders, read recursively")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Items table: .parquet, .csv or .jsonl")],
    workers: Annotated[int, typer.Option(help="Parallel processes (0 = all cores)")] = 0,
) -> None:
    """Read determination letters into one row per disputed item; failures go to OUT.errors.csv."""
    from imrpredict.dataset import ingest as run_ingest
    from imrpredict.letters.read import iter_letter_files
    from imrpredict.tables import TableFormatError, table_format

    try:
        table_format(out)
    except TableFormatError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from exc
    total = len(iter_letter_files(paths))
    with progress() as bar:
        task = bar.add_task("Reading letters", total=total)
        summary = run_ingest(paths, out, workers=workers or None, on_file=lambda: bar.advance(task))
    table = Table(title="ingest summary", show_header=False)
    table.add_row("letters read", str(summary.letters))
    table.add_row("items found", str(summary.items))
    table.add_row("files failed", str(len(summary.failed)))
    table.add_row("items table", str(out))
    table.add_row("errors file", str(summary.errors_path))
    console.print(table)
    for source, reason in summary.failed[:20]:
        console.print(f"[red]failed[/red] {source}: {reason}")
    if len(summary.failed) > 20:
        console.print(f"... and {len(summary.failed) - 20} more in {summary.errors_path}")
    if summary.letters == 0:
        console.print("[red]No letter could be read.[/red]")
        raise typer.Exit(code=1)
