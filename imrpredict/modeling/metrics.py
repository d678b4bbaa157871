"""Metrics for rare-positive probability predictions: discrimination, calibration and the threshold."""

from __future__ import annotations

from typing import Any

import numpy as np


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10, order: np.ndarray | None = None) -> float:
    """Mean |observed rate - mean probability| over equal-count bins, weighted by bin size. ``order``: ``p``'s stable
    argsort, when the caller scores many outcome vectors against the same probabilities."""
    order = np.argsort(p, kind="stable") if order is None else order
    chunks = np.array_split(order, min(bins, len(p)))
    return float(sum(len(c) * abs(y[c].mean() - p[c].mean()) for c in chunks if len(c)) / len(p))


def threshold_metrics(y: np.ndarray, p: np.ndarray, threshold: float | np.ndarray) -> dict[str, float]:
    """Recall, precision, balanced accuracy and share flagged at ``threshold`` (a number, or one per row)."""
    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    return {
        "recall": tp / max(1.0, float((y == 1).sum())),
        "precision": tp / max(1.0, float(pred.sum())),
        "balanced_accuracy": 0.5 * (tp / max(1.0, float((y == 1).sum())) + float((~pred & (y == 0)).sum()) / max(1.0, float((y == 0).sum()))),
        "flagged_share": float(pred.mean()),
    }


def fast_roc_pr_auc(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """ROC-AUC and average precision from one sort, ties handled as scikit-learn does (bootstrap speed)."""
    order = np.argsort(-p, kind="mergesort")
    ys, ps = y[order], p[order]
    distinct = np.flatnonzero(np.diff(ps)) if len(ps) > 1 else np.array([], dtype=int)
    cut = np.r_[distinct, len(ys) - 1]
    tps = np.cumsum(ys)[cut].astype(float)
    fps = (cut + 1) - tps
    pos, neg = tps[-1], fps[-1]
    if pos == 0 or neg == 0:
        return float("nan"), float("nan")
    tpr = np.r_[0.0, tps / pos]
    fpr = np.r_[0.0, fps / neg]
    roc = float(np.trapezoid(tpr, fpr))
    precision = tps / (tps + fps)
    recall_steps = np.diff(np.r_[0.0, tps / pos])
    return roc, float(np.sum(recall_steps * precision))


def binary_metrics(y: np.ndarray, p: np.ndarray, threshold: float | np.ndarray | None = None) -> dict[str, float]:
    """ROC-AUC, PR-AUC, Brier, ECE and base rate; plus recall/precision/balanced accuracy at ``threshold``."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    roc, ap = fast_roc_pr_auc(y, p)
    out = {
        "n": float(len(y)),
        "base_rate": float(y.mean()),
        "roc_auc": roc,
        "pr_auc": ap,
        "brier": float(np.mean((p - y) ** 2)),
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


def chance_auc_sd(n_positive: int, n_negative: int) -> float:
    """Standard deviation of ROC-AUC for scores with no signal (Hanley & McNeil 1982, at AUC = 0.5).

    With few positives a model's ROC-AUC swings widely by chance alone: 32 overturns among 267 items
    give 0.5 +/- 0.055, so a CV ROC-AUC below about 0.61 cannot be told apart from no signal.
    """
    if n_positive < 1 or n_negative < 1:
        return float("nan")
    return float(np.sqrt((n_positive + n_negative + 1) / (12.0 * n_positive * n_negative)))


def above_chance(roc_auc: float, chance_sd: float) -> bool:
    """True when ROC-AUC lies more than two no-signal standard deviations above 0.5."""
    return bool(roc_auc > 0.5 + 2.0 * chance_sd)


def chance_warning(metrics: dict[str, Any], n_items: int) -> str | None:
    """Why a model whose grouped-CV ROC-AUC is within chance should not be trusted (None when it is above)."""
    auc, sd = metrics.get("cv_roc_auc"), metrics.get("cv_roc_auc_chance_sd")
    if auc is None or sd is None or above_chance(float(auc), float(sd)):
        return None
    return (
        f"this model's grouped-CV ROC-AUC ({auc:.3f}) is not above chance: with {n_items} training items "
        f"a model with no signal scores 0.5 +/- {sd:.3f}, and {auc:.3f} is not more than two sd above 0.5. "
        "Its probabilities carry no more information than the base rate; train on more labelled letters."
    )
