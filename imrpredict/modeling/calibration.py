"""Map raw LightGBM scores to calibrated probabilities, chosen by grouped CV.

Methods: ``isotonic`` (non-decreasing steps), ``sigmoid`` (Platt: a*score + b), ``shift`` (score + b: keeps the
model's own scale, only corrects the base rate; robust with few positives). None can reverse the ranking:
a Platt fit with a negative slope falls back to ``shift``.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import GroupKFold


class Calibrator:
    """A fitted one-dimensional calibration map; ``method`` is "isotonic" or "sigmoid"."""

    def __init__(self, method: str) -> None:
        if method not in ("isotonic", "sigmoid", "shift"):
            raise ValueError(f"unknown calibration method {method!r}")
        self.method = method

    def fit(self, scores: np.ndarray, y: np.ndarray) -> Calibrator:
        s = np.asarray(scores, dtype=float).reshape(-1, 1)
        if self.method == "isotonic":
            self.model_ = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(s.ravel(), y)
        elif self.method == "sigmoid":
            self.model_ = LogisticRegression(C=1e4).fit(s, y)
            if self.model_.coef_[0, 0] <= 0:
                # A calibrator must never reverse the model's ranking: fall back to a pure shift.
                self.method = "shift"
                return self.fit(scores, y)
        else:
            self.model_ = fit_shift(s.ravel(), np.asarray(y, dtype=float))
        return self

    def predict(self, scores: np.ndarray) -> np.ndarray:
        s = np.asarray(scores, dtype=float)
        if self.method == "isotonic":
            p = self.model_.predict(s)
        elif self.method == "sigmoid":
            # what LogisticRegression.predict_proba computes for one feature, to the bit, without its input
            # validation (0.39 -> 0.006 ms a call: a request to the page calls it twice)
            p = expit(s * self.model_.coef_[0, 0] + self.model_.intercept_[0])
        else:
            p = 1.0 / (1.0 + np.exp(-(s + self.model_)))
        return np.clip(p, 1e-4, 1 - 1e-4)


def fit_shift(scores: np.ndarray, y: np.ndarray) -> float:
    """The intercept b maximising the likelihood of y under sigmoid(score + b) (Newton steps; concave)."""
    b = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(scores + b)))
        step = (y - p).sum() / max(1e-9, (p * (1 - p)).sum())
        b += step
        if abs(step) < 1e-10:
            break
    return float(b)


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
