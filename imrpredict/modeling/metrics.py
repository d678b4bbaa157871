"""Metrics for rare-positive probability predictions: discrimination, calibration and the threshold."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, balanced_accuracy_score, brier_score_loss, roc_auc_score


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Mean |observed rate - mean probability| over equal-count bins, weighted by bin size."""
    order = np.argsort(p, kind="stable")
    chunks = np.array_split(order, min(bins, len(p)))
    return float(sum(len(c) * abs(y[c].mean() - p[c].mean()) for c in chunks if len(c)) / len(p))


def threshold_metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    return {
        "recall": tp / max(1.0, float((y == 1).sum())),
        "precision": tp / max(1.0, float(pred.sum())),
        "balanced_accuracy": float(balanced_accuracy_score(y, pred)) if len(np.unique(y)) > 1 else float("nan"),
        "flagged_share": float(pred.mean()),
    }


def binary_metrics(y: np.ndarray, p: np.ndarray, threshold: float | None = None) -> dict[str, float]:
    """ROC-AUC, PR-AUC, Brier, ECE and base rate; plus recall/precision/balanced accuracy at ``threshold``."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    both = len(np.unique(y)) > 1
    out = {
        "n": float(len(y)),
        "base_rate": float(y.mean()),
        "roc_auc": float(roc_auc_score(y, p)) if both else float("nan"),
        "pr_auc": float(average_precision_score(y, p)) if both else float("nan"),
        "brier": float(brier_score_loss(y, p)),
        "ece": expected_calibration_error(y, p),
    }
    if threshold is not None:
        out.update(threshold_metrics(y, p, threshold))
    return out


def best_threshold(y: np.ndarray, p: np.ndarray, beta: float = 2.0) -> float:
    """The probability cut that maximises F-beta (beta > 1 weighs recall: pre-screening should miss few overturns)."""
    y = np.asarray(y, dtype=int)
    candidates = np.unique(np.round(p, 4))
    best, best_score = 0.5, -1.0
    positives = max(1, int(y.sum()))
    for t in candidates:
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        if tp == 0:
            continue
        precision, recall = tp / pred.sum(), tp / positives
        score = (1 + beta**2) * precision * recall / (beta**2 * precision + recall)
        if score > best_score:
            best, best_score = float(t), score
    return best
