"""Write an evaluation as report.md + report.html with PNG plots, and log it to MLflow."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np

from imrpredict.evaluation.calibration_checks import calibration_text
from imrpredict.evaluation.evaluate import MODEL, Evaluation
from imrpredict.reporting.plots import feature_plot, pr_plot, reliability_plot, roc_plot

METRIC_LABELS = {
    "roc_auc": "ROC-AUC",
    "pr_auc": "PR-AUC",
    "brier": "Brier score",
    "ece": "Calibration error (ECE)",
    "balanced_accuracy": "Balanced accuracy @thr",
    "recall": "Recall @thr",
    "precision": "Precision @thr",
}


def _fmt(m: dict[str, float]) -> str:
    if m["value"] != m["value"]:
        return "n/a"
    return f"{m['value']:.3f} ({m['ci_low']:.3f}-{m['ci_high']:.3f})"


def metrics_rows(ev: Evaluation) -> list[list[str]]:
    """Rows of metric, model, each baseline: value (95% CI)."""
    names = list(ev.metrics)
    rows = [["metric", *names]]
    for key, label in METRIC_LABELS.items():
        rows.append([label, *[_fmt(ev.metrics[n][key]) if key in ev.metrics[n] else "-" for n in names]])
    return rows


def _md_table(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _html_table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def no_signal_text(sd: float) -> str:
    """The ROC-AUC band of a model with no signal on the same items (Hanley-McNeil sd)."""
    return f"0.5 +/- {sd:.3f} (1 sd)"


def chance_text(chance: dict[str, Any]) -> str:
    """One line: the shuffled-label ROC-AUC distribution and where the model's CV ROC-AUC falls in it."""
    return (
        f"ROC-AUC {chance['null_roc_auc_mean']:.3f} +/- {chance['null_roc_auc_sd']:.3f} over {chance['permutations']} shuffles; "
        f"the model's {chance['observed_roc_auc']:.3f} has p = {chance['p_value']:.3f}"
    )


def write_report(ev: Evaluation, out: Path, title: str) -> list[Path]:
    """Plots and both report files in ``out``; returns every file written."""
    out.mkdir(parents=True, exist_ok=True)
    y = ev.y
    plots = [
        roc_plot(y, ev.predictions, out / "roc.png"),
        pr_plot(y, ev.predictions, out / "pr.png"),
        reliability_plot(y, ev.predictions[MODEL], out / "reliability.png"),
    ]
    if len(ev.importance):
        signed = np.where(ev.importance["direction"] == "towards Overturned", 1, -1) * ev.importance["mean_abs_contribution"].to_numpy()
        plots.append(
            feature_plot(ev.importance["label"].tolist(), signed, out / "top_features.png", "Top features: mean |contribution|, signed by direction")
        )
    n_letters = len(np.unique(ev.groups))
    mode = {
        "holdout": "saved model on held-out items",
        "cv": f"{ev.info.get('repeats')}x repeated {ev.info.get('folds')}-fold CV grouped by letter",
        "time-split": f"time split at {ev.info.get('split_date')} by {ev.info.get('split_column')}",
    }[ev.mode]
    summary = [
        ["items", str(len(y))],
        ["letters", str(n_letters)],
        ["overturn base rate", f"{y.mean():.3f}"],
        ["evaluation", mode],
        ["model threshold (mean)", f"{float(np.mean(ev.threshold)):.3f}"],
    ]
    if "roc_auc_no_signal_sd" in ev.info:
        summary.append(["ROC-AUC with no signal (Hanley-McNeil)", no_signal_text(ev.info["roc_auc_no_signal_sd"])])
    if "chance" in ev.info:
        summary.append(["chance level (labels shuffled)", chance_text(ev.info["chance"])])
    if "calibration" in ev.info:
        summary.append(["model calibration, beyond noise?", calibration_text(ev.info["calibration"])])
    cat = ev.per_category.copy()
    cat_rows = [list(cat.columns)] + [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row] for row in cat.itertuples(index=False)]
    feat_rows = [["feature", "mean abs contribution", "direction"]] + [
        [r.label, f"{r.mean_abs_contribution:.4f}", r.direction] for r in ev.importance.itertuples(index=False)
    ]
    notes = (
        "Values are point estimates with 95% intervals from resampling letters (items of one letter move together). "
        "Baselines are fitted on the same training data as the model. Accuracy is not reported: with ~90% Upheld, "
        "predicting Upheld always is ~90% accurate and useless."
    )
    md = [
        f"# {title}",
        "",
        _md_table([["", ""], *summary]),
        "",
        "## Metrics (95% CI)",
        "",
        _md_table(metrics_rows(ev)),
        "",
        notes,
        "",
        "## Per item category (model)",
        "",
        _md_table(cat_rows),
        "",
        "## Top features",
        "",
        _md_table(feat_rows),
        "",
        *[f"![{p.stem}]({p.name})" for p in plots],
        "",
    ]
    (out / "report.md").write_text("\n".join(md), encoding="utf-8")
    style = (
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px}img{max-width:48%;margin:4px}"
    )
    page = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{style}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        _html_table([["", ""], *summary]),
        "<h2>Metrics (95% CI)</h2>",
        _html_table(metrics_rows(ev)),
        f"<p>{html.escape(notes)}</p>",
        "<h2>Plots</h2>",
        *[f"<img src='{p.name}' alt='{p.stem}'>" for p in plots],
        "<h2>Per item category (model)</h2>",
        _html_table(cat_rows),
        "<h2>Top features</h2>",
        _html_table(feat_rows),
        "</body></html>",
    ]
    (out / "report.html").write_text("\n".join(page), encoding="utf-8")
    return [out / "report.md", out / "report.html", *plots]


def log_evaluation(ev: Evaluation, files: list[Path], tracking_uri: str, run_name: str) -> str:
    """An MLflow run in the experiment imrpredict-evaluation with every metric and the report files."""
    import warnings

    import mlflow

    from imrpredict.modeling.tracking import setup

    setup(tracking_uri)
    experiment = mlflow.get_experiment_by_name("imrpredict-evaluation")
    exp_id = (
        experiment.experiment_id
        if experiment
        else mlflow.create_experiment(
            "imrpredict-evaluation",
            artifact_location=(Path(mlflow.get_experiment_by_name("imrpredict").artifact_location.removeprefix("file://"))).as_uri(),
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with mlflow.start_run(experiment_id=exp_id, run_name=run_name) as run:
            mlflow.set_tags({"mode": ev.mode, **{k: str(v) for k, v in ev.info.items() if not isinstance(v, dict)}})
            if "chance" in ev.info:
                mlflow.log_metrics({f"chance_{k}": float(v) for k, v in ev.info["chance"].items()})
            for name, metrics in ev.metrics.items():
                prefix = "model" if name == MODEL else name.split()[0].lower().replace("-", "")
                for key, m in metrics.items():
                    if m["value"] == m["value"] and key not in ("n", "base_rate"):
                        mlflow.log_metric(f"{prefix}_{key}", m["value"])
            mlflow.log_metric("base_rate", float(ev.y.mean()))
            for f in files:
                mlflow.log_artifact(str(f), artifact_path="report")
    return run.info.run_id
