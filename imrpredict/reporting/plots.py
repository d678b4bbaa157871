"""PNG plots of predictions: ROC, precision-recall, reliability diagram, top features."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import precision_recall_curve, roc_auc_score, roc_curve


def roc_plot(y: np.ndarray, curves: dict[str, np.ndarray], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(5, 5))
    for name, p in curves.items():
        fpr, tpr, _ = roc_curve(y, p)
        ax.plot(fpr, tpr, label=f"{name} (AUC {roc_auc_score(y, p):.3f})")
    ax.plot([0, 1], [0, 1], "k:", lw=1, label="chance")
    ax.set(xlabel="False positive rate (Upheld flagged)", ylabel="True positive rate (Overturned caught)", title="ROC")
    ax.legend(loc="lower right", fontsize=8)
    return _save(fig, path)


def pr_plot(y: np.ndarray, curves: dict[str, np.ndarray], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(5, 5))
    for name, p in curves.items():
        precision, recall, _ = precision_recall_curve(y, p)
        ax.plot(recall, precision, label=name)
    ax.axhline(float(np.mean(y)), color="k", ls=":", lw=1, label=f"base rate {np.mean(y):.3f}")
    ax.set(xlabel="Recall (Overturned caught)", ylabel="Precision", title="Precision-recall", ylim=(0, 1.02))
    ax.legend(loc="upper right", fontsize=8)
    return _save(fig, path)


def reliability_plot(y: np.ndarray, p: np.ndarray, path: Path, bins: int = 10) -> Path:
    """Observed overturn rate against mean predicted probability, in equal-count bins, with counts."""
    order = np.argsort(p, kind="stable")
    chunks = [c for c in np.array_split(order, min(bins, len(p))) if len(c)]
    mean_p = [p[c].mean() for c in chunks]
    rate = [y[c].mean() for c in chunks]
    fig, ax = plt.subplots(figsize=(5, 5))
    top = max(max(mean_p), max(rate), 0.05) * 1.1
    ax.plot([0, top], [0, top], "k:", lw=1, label="perfect calibration")
    ax.plot(mean_p, rate, "o-", label="model")
    for mp, r, c in zip(mean_p, rate, chunks, strict=True):
        ax.annotate(str(len(c)), (mp, r), textcoords="offset points", xytext=(4, -10), fontsize=7, color="gray")
    ax.set(
        xlabel="Mean predicted P(Overturned)", ylabel="Observed overturn rate", title="Reliability (equal-count bins)", xlim=(0, top), ylim=(0, top)
    )
    ax.legend(loc="upper left", fontsize=8)
    return _save(fig, path)


def feature_plot(names: list[str], values: np.ndarray, path: Path, title: str) -> Path:
    """Horizontal bars of signed mean contributions: right pushes towards Overturned."""
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(names) + 1.2))
    colors = ["tab:red" if v > 0 else "tab:blue" for v in values]
    ax.barh(range(len(names)), values, color=colors)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="k", lw=0.8)
    ax.set(xlabel="log-odds contribution (red: towards Overturned)", title=title)
    return _save(fig, path)


def _save(fig: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
