"""Map raw LightGBM scores to calibrated probabilities: isotonic or sigmoid (Platt), chosen by grouped CV."""

from __future__ import annotations

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import GroupKFold


class Calibrator:
    """A fitted one-dimensional calibration map; ``method`` is "isotonic" or "sigmoid"."""

    def __init__(self, method: str) -> None:
        if method not in ("isotonic", "sigmoid"):
            raise ValueError(f"unknown calibration method {method!r}")
        self.method = method

    def fit(self, scores: np.ndarray, y: np.ndarray) -> Calibrator:
        s = np.asarray(scores, dtype=float).reshape(-1, 1)
        if self.method == "isotonic":
            self.model_ = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(s.ravel(), y)
        else:
            self.model_ = LogisticRegression(C=1e4).fit(s, y)
        return self

    def predict(self, scores: np.ndarray) -> np.ndarray:
        s = np.asarray(scores, dtype=float)
        p = self.model_.predict(s) if self.method == "isotonic" else self.model_.predict_proba(s.reshape(-1, 1))[:, 1]
        return np.clip(p, 1e-4, 1 - 1e-4)


def choose_calibrator(
    scores: np.ndarray, y: np.ndarray, groups: np.ndarray, methods: list[str], folds: int = 5
) -> tuple[Calibrator, dict[str, float]]:
    """Fit each method on out-of-fold scores with grouped CV; keep the lowest Brier, refit it on all scores."""
    n_splits = min(folds, len(np.unique(groups)))
    briers: dict[str, float] = {}
    for method in methods:
        p = np.empty(len(y))
        for tr, te in GroupKFold(n_splits=n_splits).split(scores, y, groups):
            p[te] = Calibrator(method).fit(scores[tr], y[tr]).predict(scores[te])
        briers[method] = float(brier_score_loss(y, p))
    best = min(briers, key=briers.__getitem__)
    return Calibrator(best).fit(scores, y), briers
