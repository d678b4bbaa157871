"""Confidence intervals by resampling letters (items of one letter are not independent)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from imrpredict.modeling.metrics import binary_metrics


def letter_members(groups: np.ndarray) -> list[np.ndarray]:
    """Row indices of each letter: the unit every resample draws."""
    codes = np.unique(groups, return_inverse=True)[1]
    order = np.argsort(codes, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(codes[order])) + 1)


def letter_resamples(y: np.ndarray, groups: np.ndarray, reps: int, seed: int) -> Iterator[np.ndarray]:
    """Row indices of ``reps`` resamples of whole letters (with replacement); a resample with one class only, where
    ranking and calibration metrics are undefined, is skipped."""
    members = letter_members(groups)
    order = np.concatenate(members)
    sizes = np.array([len(m) for m in members])
    starts = np.cumsum(sizes) - sizes
    rng = np.random.default_rng(seed)
    for _ in range(reps):
        pick = rng.integers(0, len(members), len(members))
        # the rows of the picked letters, in pick order: what concatenating members[pick] gives, 30x faster at 30k letters
        size = sizes[pick]
        offset = np.repeat(starts[pick] - (np.cumsum(size) - size), size)
        idx = order[offset + np.arange(int(size.sum()))]
        if y[idx].min() != y[idx].max():
            yield idx


def letter_bootstrap(
    y: np.ndarray, p: np.ndarray, groups: np.ndarray, threshold: float | np.ndarray | None = None, reps: int = 1000, seed: int = 0
) -> dict[str, dict[str, float]]:
    """Each metric's value on all items and the 2.5-97.5 percentile interval over ``reps`` letter resamples."""
    point = binary_metrics(y, p, threshold)
    samples: dict[str, list[float]] = {k: [] for k in point}
    for idx in letter_resamples(y, groups, reps, seed):
        t = threshold[idx] if isinstance(threshold, np.ndarray) else threshold
        for k, v in binary_metrics(y[idx], p[idx], t).items():
            samples[k].append(v)
    out = {}
    for k, v in point.items():
        s = np.asarray(samples[k], dtype=float)
        s = s[~np.isnan(s)]
        lo, hi = np.percentile(s, [2.5, 97.5]) if len(s) else (np.nan, np.nan)
        out[k] = {"value": float(v), "ci_low": float(lo), "ci_high": float(hi)}
    return out


def paired_auc_difference(y: np.ndarray, p_a: np.ndarray, p_b: np.ndarray, groups: np.ndarray, reps: int = 1000, seed: int = 0) -> dict[str, float]:
    """ROC-AUC of ``p_a`` minus that of ``p_b`` on the same items, with a 95% interval from resampling letters
    (both scores move together in each resample, so the interval is for the difference itself)."""
    from sklearn.metrics import roc_auc_score

    diffs = []
    for idx in letter_resamples(y, groups, reps, seed):
        diffs.append(roc_auc_score(y[idx], p_a[idx]) - roc_auc_score(y[idx], p_b[idx]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    d = np.asarray(diffs)
    value = float(roc_auc_score(y, p_a) - roc_auc_score(y, p_b))
    return {"value": value, "ci_low": float(lo), "ci_high": float(hi), "share_above_0": float((d > 0).mean())}
