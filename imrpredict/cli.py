"""The ``imrpredict`` command line: ingest, synth, train (and later evaluate, score, predict)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from imrpredict.console import console, progress
from imrpredict.synth.published import OVERALL_OVERTURN


@contextmanager
def _exit_2_on(*errors: type[Exception]) -> Iterator[None]:
    """Turn an expected error (bad bundle, unreadable letter) into its message and exit code 2."""
    try:
        yield
    except errors as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=2) from exc


app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.callback()
def main() -> None:
    """Predict IMR outcomes per disputed item: ingest letters, synthesise data, train, evaluate, score."""


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Letter files (.pdf, .txt) or folders, read recursively")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Items table: .parquet, .csv or .jsonl")],
    workers: Annotated[int, typer.Option(help="Parallel processes (0 = all cores)")] = 0,
    cluster: Annotated[
        str | None,
        typer.Option(help="Run on dask: a scheduler address, local (a worker per core) or local:N; OUT is then a folder of parts"),
    ] = None,
    cluster_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for the --cluster scheduler")] = 10.0,
    letters_per_task: Annotated[int, typer.Option(min=1, help="With --cluster: letters per task (one part file each)")] = 200,
) -> None:
    """Read determination letters into one row per disputed item; failures go to OUT.errors.csv."""
    from imrpredict.dataset import ingest as run_ingest
    from imrpredict.letters.read import iter_letter_files
    from imrpredict.tables import TableFormatError, table_format

    if cluster is not None:
        _ingest_on_cluster(paths, out, cluster, cluster_timeout, letters_per_task)
        return
    try:
        table_format(out)
    except TableFormatError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from exc
    files = iter_letter_files(paths)
    with progress() as bar:
        task = bar.add_task("Reading letters", total=len(files))
        summary = run_ingest(files, out, workers=workers or None, on_file=lambda: bar.advance(task))
    _report_ingest("ingest summary", summary.letters, summary.items, summary.failed, ("items table", str(out)), summary.errors_path)


def _report_ingest(title: str, letters: int, items: int, failed: list[tuple[str, str]], output: tuple[str, str], errors_path: Path) -> None:
    """The closing table of an ingest (local or cluster), the first failures, and exit 1 when no letter was read."""
    table = Table(title=title, show_header=False)
    table.add_row("letters read", str(letters))
    table.add_row("items found", str(items))
    table.add_row("files failed", str(len(failed)))
    table.add_row(*output)
    table.add_row("errors file", str(errors_path))
    console.print(table)
    for source, reason in failed[:20]:
        console.print(f"[red]failed[/red] {source}: {reason}")
    if len(failed) > 20:
        console.print(f"... and {len(failed) - 20} more in {errors_path}")
    if letters == 0:
        console.print("[red]No letter could be read.[/red]")
        raise typer.Exit(code=1)


def _ingest_on_cluster(paths: list[Path], out: Path, cluster: str, timeout_s: float, letters_per_task: int) -> None:
    """``ingest --cluster``: parts OUT/part-NNNNN.parquet and OUT/errors.csv; exit 2 when the cluster cannot be used."""
    from imrpredict.cluster import ClusterError, ingest_cluster
    from imrpredict.letters.read import iter_letter_files

    total = len(iter_letter_files(paths))
    with _exit_2_on(ClusterError), progress() as bar:
        task = bar.add_task(f"Reading letters on {cluster}", total=total)
        summary = ingest_cluster(paths, out, cluster, letters_per_task, on_files=lambda n: bar.advance(task, n), connect_timeout_s=timeout_s)
    _report_ingest(
        "ingest summary (cluster)", summary.letters, summary.items, summary.failed, ("items parts", f"{summary.parts} in {out}"), summary.errors_path
    )


@app.command()
def synth(
    letters: Annotated[int, typer.Option("--letters", "-n", min=1, help="Number of letters")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: same seed and count, same bytes")] = 0,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (letters/ and truth.csv)")] = Path("data/generated/synth"),
    fmt: Annotated[str, typer.Option("--format", help="txt or pdf")] = "txt",
    overturn_rate: Annotated[float, typer.Option(min=0.005, max=0.9, help="Share of Overturned items (CWCI 2016-17)")] = OVERALL_OVERTURN.value,
    workers: Annotated[int, typer.Option(help="Parallel processes (0 = all cores)")] = 0,
    layout: Annotated[str, typer.Option(help="dwc-2016, maximus-notice-2013, or mixed (a quarter in the notice layout)")] = "dwc-2016",
) -> None:
    """Write a synthetic corpus of IMR letters with known true overturn probabilities."""
    from imrpredict.synth.corpus import letter_layout, write_corpus

    if fmt not in ("txt", "pdf"):
        raise typer.BadParameter("must be txt or pdf", param_hint="--format")
    try:
        letter_layout(seed, 0, layout)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--layout") from exc
    with progress() as bar:
        task = bar.add_task("Writing letters", total=letters)
        s = write_corpus(
            out,
            letters,
            seed=seed,
            fmt=fmt,
            overturn_rate=overturn_rate,
            workers=workers or None,
            on_letters=lambda n: bar.advance(task, n),
            layout=layout,
        )
    table = Table(title="synthetic corpus", show_header=False)
    table.add_row("letters", str(s.letters))
    table.add_row("items", str(s.items))
    table.add_row("overturn rate", f"{s.overturn_rate:.3f}")
    table.add_row("Bayes-optimal ROC-AUC", f"{s.bayes_roc_auc:.3f}")
    table.add_row("folder", str(out))
    console.print(table)
    typer.echo(f"Bayes-optimal ROC-AUC (ceiling for any model): {s.bayes_roc_auc:.4f}")


def _load_items_cli(paths: list[Path]) -> tuple[object, str]:
    """Items from a table or letters, with a progress bar when letters are ingested."""
    from imrpredict.dataset import load_items
    from imrpredict.letters.read import iter_letter_files
    from imrpredict.tables import FORMATS

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(map(str, missing))}", param_hint="--data")
    if len(paths) == 1 and paths[0].suffix.lower() in FORMATS:
        items, _ = load_items(paths)
        return items, str(paths[0])
    files = iter_letter_files(paths)
    with progress() as bar:
        task = bar.add_task("Reading letters", total=len(files))
        items, summary = load_items(files, on_file=lambda: bar.advance(task))
    if summary is not None and summary.failed:
        console.print(f"[yellow]{len(summary.failed)} letter(s) could not be read[/yellow], e.g. {summary.failed[0][0]}: {summary.failed[0][1]}")
    return items, ", ".join(map(str, paths))


@app.command()
def train(
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Items table or letter files/folders (default: embedded synthetic corpus)")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="YAML config (default: training/default.yaml)")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Override a config key, e.g. --set lgbm.learning_rate=0.1")] = None,
    out: Annotated[Path | None, typer.Option(help="Bundle folder (default: models/imr-YYYYMMDD-HHMMSS)")] = None,
    tracking_uri: Annotated[str, typer.Option(help="MLflow tracking URI")] = "sqlite:///mlruns/mlflow.db",
    mlflow_log: Annotated[bool, typer.Option("--mlflow/--no-mlflow", help="Log the run to MLflow and register the model")] = True,
) -> None:
    """Train the calibrated LightGBM model; write a bundle under models/ and an MLflow run."""
    import time
    from datetime import datetime

    import numpy as np

    from imrpredict.evaluation.report import no_signal_text
    from imrpredict.modeling.bundle import save_bundle
    from imrpredict.modeling.config import ConfigError, load_config
    from imrpredict.modeling.train import TrainingDataError, train_model
    from imrpredict.reporting.plots import feature_plot, reliability_plot, roc_plot

    try:
        cfg = load_config(config, set_ or [])
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="--config/--set") from exc
    if out is not None and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise typer.BadParameter(f"{out} already exists and is not an empty folder; choose another --out", param_hint="--out")
    if data:
        items, source = _load_items_cli(data)
    else:
        from imrpredict.default_data import DEFAULT_NAME, default_items_table

        console.print(f"No --data: using the embedded synthetic corpus {DEFAULT_NAME} (generated on first use).")
        table_path = default_items_table()
        items, source = _load_items_cli([table_path])
    started = time.perf_counter()
    steps = int(cfg["cv_folds"]) + 1
    try:
        with progress() as bar:
            task = bar.add_task(f"Training ({steps - 1} grouped folds + final fit)", total=steps)
            result = train_model(items, cfg, on_step=lambda: bar.advance(task))  # type: ignore[arg-type]
    except TrainingDataError as exc:
        console.print(f"[red]Cannot train:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    seconds = time.perf_counter() - started
    model = result.model
    model.metadata["source"] = source
    name = datetime.now().strftime("imr-%Y%m%d-%H%M%S")
    bundle = out or Path("models") / name
    metrics = {**result.metrics, "train_seconds": seconds}
    save_bundle(model, bundle, cfg, metrics)
    (bundle.parent / "latest").write_text(bundle.name + "\n", encoding="utf-8")
    plots_dir = bundle.parent / f".{bundle.name}-plots"
    y, p = result.y, result.oof_probability
    names = model.builder.get_feature_names_out()
    gain = model.booster.feature_importance(importance_type="gain")
    top = np.argsort(gain)[::-1][:20]
    plots = [
        roc_plot(y, {"model (out-of-fold)": p}, plots_dir / "roc.png"),
        reliability_plot(y, p, plots_dir / "reliability.png"),
        feature_plot([str(names[i]) for i in top], gain[top] / gain.sum(), plots_dir / "feature_gain.png", "Top features by share of gain"),
    ]
    table = Table(title=f"model {bundle}", show_header=False)
    table.add_row("items / letters", f"{model.metadata['n_items']} / {model.metadata['n_letters']}")
    for key, label in [
        ("cv_base_rate", "base rate (Overturned)"),
        ("cv_roc_auc", "ROC-AUC (grouped CV)"),
        ("cv_pr_auc", "PR-AUC (grouped CV)"),
        ("cv_brier", "Brier (grouped CV)"),
        ("cv_ece", "calibration error (ECE)"),
        ("threshold", "threshold (max F2)"),
        ("cv_recall", "recall at threshold"),
        ("cv_precision", "precision at threshold"),
    ]:
        table.add_row(label, f"{metrics[key]:.4f}")
    table.add_row("ROC-AUC with no signal", no_signal_text(metrics["cv_roc_auc_chance_sd"]))
    table.add_row("calibration", model.calibrator.method)
    table.add_row("train time", f"{seconds:.1f} s")
    console.print(table)
    from imrpredict.modeling.metrics import chance_warning

    chance = chance_warning(metrics, len(y))
    if chance:
        console.print(f"[yellow]Warning:[/yellow] {chance} Check it with `imrpredict evaluate --cv 5 --permutations 40`.")
    if mlflow_log:
        from imrpredict.modeling.tracking import log_training_run

        with console.status("Logging to MLflow"):
            run_id, version = log_training_run(bundle, cfg, metrics, plots, {"data_source": source, "bundle": str(bundle)}, tracking_uri)
        console.print(f"MLflow run {run_id}, registered model imrpredict version {version} ({tracking_uri})")
    for plot in plots:
        plot.unlink(missing_ok=True)
    plots_dir.rmdir()
    typer.echo(f"Model bundle: {bundle}")


def _bundle_chance_warning(manifest: dict[str, Any]) -> str | None:
    """The chance warning for a saved model, from the metrics and item count its manifest records."""
    from imrpredict.modeling.metrics import chance_warning

    return chance_warning(manifest.get("metrics", {}), int(manifest.get("data", {}).get("n_items", 0)))


@app.command()
def evaluate(
    data: Annotated[list[Path], typer.Option("--data", "-d", help="Labelled items table or letter files/folders")],
    model: Annotated[Path | None, typer.Option("--model", "-m", help="Saved bundle (or models/latest); omit with --cv/--time-split")] = None,
    cv: Annotated[int, typer.Option("--cv", help="K-fold CV grouped by letter (trains the recipe per fold)")] = 0,
    repeats: Annotated[int, typer.Option(help="Repeats of the K-fold CV")] = 1,
    permutations: Annotated[int, typer.Option(help="With --cv: also run the CV this many times on shuffled labels (chance level, p-value)")] = 0,
    time_split: Annotated[str | None, typer.Option("--time-split", help="Train before this date (YYYY-MM-DD), test on or after")] = None,
    time_column: Annotated[str, typer.Option(help="Date column for --time-split")] = "date_assigned",
    config: Annotated[Path | None, typer.Option(help="Training config for --cv/--time-split")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Config override for --cv/--time-split")] = None,
    report: Annotated[Path | None, typer.Option(help="Write report.html, report.md and plots here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object to stdout")] = False,
    bootstrap: Annotated[int, typer.Option(help="Letter-bootstrap resamples for the 95% CIs")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed for folds and bootstrap")] = 0,
    tracking_uri: Annotated[str, typer.Option(help="MLflow tracking URI (report logged when --report is given)")] = "sqlite:///mlruns/mlflow.db",
    mlflow_log: Annotated[bool, typer.Option("--mlflow/--no-mlflow", help="Log the report to MLflow")] = True,
) -> None:
    """Metrics with letter-bootstrap 95% CIs beside the base rate and two baselines; optional report."""
    import json
    from datetime import date

    from imrpredict.evaluation import evaluate as ev_mod
    from imrpredict.evaluation.calibration_checks import calibration_text
    from imrpredict.evaluation.report import no_signal_text, write_report
    from imrpredict.modeling.bundle import BundleError, load_bundle
    from imrpredict.modeling.config import ConfigError, load_config
    from imrpredict.modeling.train import TrainingDataError

    modes = sum([model is not None, cv > 0, time_split is not None])
    if modes != 1:
        raise typer.BadParameter("give exactly one of --model, --cv K or --time-split DATE")
    if permutations and not cv:
        raise typer.BadParameter("--permutations needs --cv K", param_hint="--permutations")
    items, source = _load_items_cli(data)
    try:
        if model is not None:
            with _exit_2_on(BundleError):
                bundle = load_bundle(model)
            with console.status("Scoring and bootstrapping"):
                result = ev_mod.evaluate_model(bundle, items, reps=bootstrap, seed=seed)  # type: ignore[arg-type]
        else:
            try:
                cfg = load_config(config, set_ or [])
            except ConfigError as exc:
                raise typer.BadParameter(str(exc), param_hint="--config/--set") from exc
            if cv:
                if cv < 2:
                    raise typer.BadParameter("--cv needs at least 2 folds")
                with progress() as bar:
                    task = bar.add_task(f"{repeats}x{cv}-fold grouped CV", total=cv * (repeats + permutations))
                    result = ev_mod.cross_validate(
                        items,  # type: ignore[arg-type]
                        cfg,
                        cv,
                        repeats,
                        bootstrap,
                        seed,
                        on_fold=lambda: bar.advance(task),
                        permutations=permutations,
                    )
            else:
                try:
                    split = date.fromisoformat(str(time_split))
                except ValueError as exc:
                    raise typer.BadParameter(f"{time_split!r} is not a YYYY-MM-DD date", param_hint="--time-split") from exc
                with console.status("Training before the split, evaluating after"):
                    result = ev_mod.time_split(items, cfg, split, time_column, bootstrap, seed)  # type: ignore[arg-type]
    except (TrainingDataError, ValueError) as exc:
        console.print(f"[red]Cannot evaluate:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    result.info["data_source"] = source
    table = Table(title=f"{result.mode}: {len(result.y)} items, {len(set(result.groups))} letters, base rate {result.y.mean():.3f}")
    table.add_column("metric (95% CI)")
    for name in result.metrics:
        table.add_column(name)
    from imrpredict.evaluation.report import metrics_rows

    for row in metrics_rows(result)[1:]:
        table.add_row(*row)
    console.print(table)
    console.print(f"ROC-AUC of a model with no signal on these items: {no_signal_text(result.info['roc_auc_no_signal_sd'])}")
    console.print(f"Model calibration: {calibration_text(result.info['calibration'])}")
    if "chance" in result.info:
        from imrpredict.evaluation.report import chance_text

        console.print(f"Chance level (labels shuffled): {chance_text(result.info['chance'])}")
    if report is not None:
        files = write_report(result, report, f"imrpredict evaluation: {source}")
        console.print(f"Report: {report / 'report.html'}")
        if mlflow_log:
            from imrpredict.evaluation.report import log_evaluation

            run_id = log_evaluation(result, files, tracking_uri, f"evaluate-{result.mode}")
            console.print(f"MLflow evaluation run {run_id}")
    if as_json:
        typer.echo(json.dumps(result.to_json(), default=str))


@app.command()
def score(
    inputs: Annotated[list[Path], typer.Argument(help="Items table (.parquet/.csv/.jsonl with item and summary) or letter files/folders")],
    model: Annotated[Path, typer.Option("--model", "-m", help="Model bundle folder or models/latest")] = Path("models/latest"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Scores: .parquet, .csv or .jsonl")] = Path("scores.parquet"),
    reasons: Annotated[int, typer.Option(help="Top reasons per item (0 = none, fastest)")] = 5,
    chunk_rows: Annotated[int, typer.Option(min=1, help="Rows per chunk (memory ~ chunk x 2 x workers)")] = 5000,
    workers: Annotated[int, typer.Option(help="Processes that score, this one included (0 = one per core)")] = 0,
    resume: Annotated[bool, typer.Option("--resume", help="Continue a run that was interrupted (OUT.parts/ exists)")] = False,
    encoding: Annotated[str, typer.Option(help="Text encoding of CSV/JSONL input")] = "utf-8",
    cluster: Annotated[
        str | None, typer.Option(help="Score on dask: a scheduler address, local (a worker per core) or local:N (same output as without)")
    ] = None,
    cluster_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for the --cluster scheduler")] = 10.0,
) -> None:
    """Score every item: probability of overturn, label, risk band, reasons, evidence, or an error per row.

    Exit code 0 when every row was scored, 1 when some rows carry an error, 2 when the input cannot be read.
    """
    import os

    processes = workers or os.cpu_count() or 1
    pool = None
    if cluster is None and processes > 1 and _more_than_one_chunk(inputs, chunk_rows):
        # a large items table: start the other scoring processes first, so they import and load the model while
        # this one does (a small table is scored here alone, as before: no process started for nothing)
        from imrpredict.scoring.pool import start_scoring_pool

        pool = start_scoring_pool(str(model), processes - 1)
    try:
        _score(inputs, model, out, reasons, chunk_rows, workers, resume, encoding, cluster, cluster_timeout, pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _more_than_one_chunk(inputs: list[Path], chunk_rows: int) -> bool:
    """Is the input one items table of more than one chunk? (Parquet: its row count; CSV/JSONL: over ~2 KB a row.)"""
    if len(inputs) != 1 or not inputs[0].is_file():
        return False
    suffix = inputs[0].suffix.lower()
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(inputs[0]).metadata.num_rows > chunk_rows
        except Exception:
            return False  # the scoring path reports what is wrong with it
    return suffix in (".csv", ".jsonl", ".ndjson") and inputs[0].stat().st_size > 2_000 * chunk_rows


def _score(
    inputs: list[Path],
    model: Path,
    out: Path,
    reasons: int,
    chunk_rows: int,
    workers: int,
    resume: bool,
    encoding: str,
    cluster: str | None,
    cluster_timeout: float,
    pool: Any,
) -> None:
    from imrpredict.letters.read import iter_letter_files
    from imrpredict.modeling.bundle import BundleError, resolve_bundle, verify_bundle
    from imrpredict.scoring.batch import LETTER_ID_COLUMNS, ScoreInputError, is_letters_input, letters_to_table, score_table
    from imrpredict.tables import TableFormatError, table_format

    try:
        table_format(out)
    except TableFormatError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from exc
    bundle = resolve_bundle(model)
    with _exit_2_on(BundleError):
        manifest = verify_bundle(bundle)
    chance = _bundle_chance_warning(manifest)
    if chance:
        console.print(f"[yellow]Warning:[/yellow] {chance}")
    missing = [p for p in inputs if not p.exists()]
    if missing:
        console.print(f"[red]No such file or folder:[/red] {', '.join(map(str, missing))}")
        raise typer.Exit(code=2)
    table = inputs[0]
    if is_letters_input(inputs):
        table = out.with_name(out.name + ".letters.parquet")
        files = iter_letter_files(inputs)
        with progress() as bar:
            task = bar.add_task("Reading letters", total=len(files))
            letters_to_table(files, table, workers or None, on_file=lambda: bar.advance(task))
    try:
        import pyarrow.parquet as pq

        total = pq.ParquetFile(table).metadata.num_rows if table.suffix.lower() in (".parquet", ".pq") else None
        with progress() as bar:
            task = bar.add_task("Scoring items", total=total)
            carry = list(LETTER_ID_COLUMNS) if table != inputs[0] else None  # letters: their ids; a user's table: all its own columns
            if cluster is not None:
                from imrpredict.cluster import score_cluster

                bar.update(task, description=f"Scoring items on {cluster}")
                summary = score_cluster(
                    table, bundle, out, cluster, chunk_rows, reasons, encoding, lambda n: bar.advance(task, n), carry, cluster_timeout
                )
            else:
                summary = score_table(
                    table,
                    bundle,
                    out,
                    chunk_rows,
                    workers or None,
                    reasons,
                    resume,
                    encoding,
                    on_rows=lambda n: bar.advance(task, n),
                    carry=carry,
                    pool=pool if table == inputs[0] else None,
                )
    except ScoreInputError as exc:
        console.print(f"[red]Cannot score:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    except Exception as exc:
        from imrpredict.cluster import ClusterError

        if not isinstance(exc, ClusterError):
            raise
        if table != inputs[0]:
            table.unlink(missing_ok=True)
        console.print(f"[red]Cannot score:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    if table != inputs[0]:
        table.unlink(missing_ok=True)
    console.print(
        f"{summary.rows} rows: {summary.scored} scored, {summary.errors} with an error"
        + (f" ({summary.resumed_chunks} chunks resumed)" if summary.resumed_chunks else "")
        + f" -> {out}"
    )
    if summary.errors:
        raise typer.Exit(code=1)


@app.command()
def predict(
    item: Annotated[list[str] | None, typer.Option("--item", "-i", help="A requested item (repeat for several)")] = None,
    summary: Annotated[str | None, typer.Option(help="Clinical case summary text")] = None,
    summary_file: Annotated[Path | None, typer.Option(help="File with the clinical case summary")] = None,
    letter: Annotated[Path | None, typer.Option(help="A letter (.pdf/.txt): its summary and dates; its items when no --item")] = None,
    model: Annotated[Path, typer.Option("--model", "-m", help="Model bundle folder or models/latest")] = Path("models/latest"),
    reasons: Annotated[int, typer.Option(help="Reasons to show")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of panels")] = False,
) -> None:
    """Pre-screen one request: probability of overturn per item with the reasons and sentences behind it."""
    import json

    import pandas as pd
    from rich.panel import Panel

    from imrpredict import load_model
    from imrpredict.letters.errors import LetterError
    from imrpredict.modeling.bundle import BundleError
    from imrpredict.scoring.core import explain_rows, model_info

    given = [x is not None for x in (summary, summary_file, letter)]
    if sum(given) != 1:
        raise typer.BadParameter("give exactly one of --summary, --summary-file or --letter")
    rows: list[dict[str, object]]
    if letter is not None:
        from imrpredict.dataset import read_letter_file

        with _exit_2_on(LetterError):
            records = read_letter_file(letter)
        from imrpredict.scoring.core import LETTER_INPUTS, letter_rows

        base = {k: v for k, v in records[0].as_dict().items() if k in LETTER_INPUTS}
        rows = [{**base, "item": i} for i in item] if item else letter_rows(records)
    else:
        if not item:
            raise typer.BadParameter("give at least one --item")
        if summary_file is not None:
            from imrpredict.letters.text import decode_bytes

            if not summary_file.exists():
                raise typer.BadParameter(f"{summary_file}: no such file", param_hint="--summary-file")
            text = decode_bytes(summary_file.read_bytes())
        else:
            text = summary or ""
        if not text.strip():
            raise typer.BadParameter("the summary is empty", param_hint="--summary")
        rows = [{"item": i, "summary": text} for i in item]
    with _exit_2_on(BundleError):
        m = load_model(model)
    info = model_info(m)
    results = explain_rows(m, pd.DataFrame(rows), top_k=reasons)
    if info["chance_warning"]:
        console.print(f"[yellow]Warning:[/yellow] {info['chance_warning']}")
    if as_json:
        typer.echo(json.dumps({"model": info, "items": results}, ensure_ascii=False))
        return
    from rich.console import Console

    out = Console()
    for res in results:
        if res["error"]:
            out.print(Panel(f"[red]Not scored:[/red] {res['error']}", title=str(res["item"]), expand=False))
            continue
        lines = [
            f"[bold]P(Overturned) = {res['probability_overturn']:.1%}[/bold]   band: {res['risk_band']}   "
            f"label at threshold {m.threshold:.3f}: [bold]{res['predicted']}[/bold]",
            "",
            "[underline]Reasons[/underline] (log-odds; + towards Overturned)",
        ]
        lines += [f"  {r['contribution']:+.2f}  {r['text']}" for r in res["reasons"]]
        lines += ["", "[underline]Evidence in the summary[/underline]"]
        lines += [f'  - {e["reason"]}: "{e["sentence"]}"' for e in res["evidence"]] or ["  (no clinical flag fired)"]
        if res["not_stated"]:
            lines += ["", "[underline]Not stated[/underline] (probability if documented)"]
            lines += [
                "  - " + n["fact"] + ": " + ", ".join(f"{d['text']} {d['probability']:.1%}" for d in n["if_documented"]) for n in res["not_stated"]
            ]
        out.print(Panel("\n".join(lines), title=str(res["item"]), expand=False))


@app.command()
def serve(
    model: Annotated[Path, typer.Option("--model", "-m", help="Model bundle folder or models/latest")] = Path("models/latest"),
    host: Annotated[str, typer.Option(help="Interface to bind; 127.0.0.1 keeps it on this machine")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="IMRPREDICT_TOKEN", help="Require 'Authorization: Bearer TOKEN' on every route but /healthz")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (each loads the model)")] = 1,
    work_dir: Annotated[Path | None, typer.Option(help="Folder for batches and uploads (default: a new temporary folder)")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a request may spend scoring or reading a letter")] = 30.0,
) -> None:
    """The reviewer page (GET /) and the HTTP API (/v1/predict, /v1/letters, /v1/batches; OpenAPI at /docs)."""
    import json
    import os

    import uvicorn

    from imrpredict.modeling.bundle import BundleError, resolve_bundle, verify_bundle

    bundle = resolve_bundle(model)
    with _exit_2_on(BundleError):
        verify_bundle(bundle)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        console.print(f"[yellow]Warning:[/yellow] serving on {host} without --token: anyone who can reach this port can use it")
    os.environ["IMRPREDICT_SERVE_SETTINGS"] = json.dumps(
        {"bundle": str(bundle), "token": token, "work_dir": str(work_dir) if work_dir else None, "timeout_s": timeout}
    )
    console.print(f"imrpredict serving {bundle.name} on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(
        "imrpredict.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers, timeout_keep_alive=5, log_level="warning"
    )
