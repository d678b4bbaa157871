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


@app.command()
def synth(
    letters: Annotated[int, typer.Option("--letters", "-n", min=1, help="Number of letters")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: same seed and count, same bytes")] = 0,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (letters/ and truth.csv)")] = Path("data/generated/synth"),
    fmt: Annotated[str, typer.Option("--format", help="txt or pdf")] = "txt",
    overturn_rate: Annotated[float, typer.Option(min=0.005, max=0.9, help="Target share of Overturned items")] = 0.11,
    workers: Annotated[int, typer.Option(help="Parallel processes (0 = all cores)")] = 0,
) -> None:
    """Write a synthetic corpus of IMR letters with known true overturn probabilities."""
    from imrpredict.synth.corpus import write_corpus

    if fmt not in ("txt", "pdf"):
        raise typer.BadParameter("must be txt or pdf", param_hint="--format")
    with progress() as bar:
        task = bar.add_task("Writing letters", total=letters)
        s = write_corpus(
            out, letters, seed=seed, fmt=fmt, overturn_rate=overturn_rate, workers=workers or None, on_letters=lambda n: bar.advance(task, n)
        )
    table = Table(title="synthetic corpus", show_header=False)
    table.add_row("letters", str(s.letters))
    table.add_row("items", str(s.items))
    table.add_row("overturn rate", f"{s.overturn_rate:.3f}")
    table.add_row("Bayes-optimal ROC-AUC", f"{s.bayes_roc_auc:.3f}")
    table.add_row("folder", str(out))
    console.print(table)
    typer.echo(f"Bayes-optimal ROC-AUC (ceiling for any model): {s.bayes_roc_auc:.4f}")
