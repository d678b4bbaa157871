"""Is a model calibrated on a small real sample? Tests that separate miscalibration from sampling noise.

With 267 items and 32 positives, ECE is noisy: even outcomes drawn from the model's own probabilities give an
ECE well above 0. So beside ECE we report (a) where the observed ECE falls among ECEs of outcomes simulated from
the probabilities themselves (the noise floor), and (b) the logistic recalibration of the calibration hierarchy
(Van Calster et al. 2016): the intercept with logit(p) as offset (calibration in the large, 0 when the mean is
right) and the slope of logit(p) (1 when the spread is right; below 1 means too extreme), with letter-bootstrap
intervals.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit

from imrpredict.evaluation.bootstrap import letter_resamples
from imrpredict.modeling.metrics import expected_calibration_error


def _logit(p: np.ndarray) -> np.ndarray:
    return logit(np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6))


def recalibration(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """(intercept with logit(p) as offset, slope of logit(p)) by maximum likelihood (Newton steps; both concave)."""
    x = _logit(p)
    y = np.asarray(y, dtype=float)
    a = 0.0
    for _ in range(100):  # intercept only, slope fixed at 1
        q = expit(a + x)
        step = (y - q).sum() / max(1e-12, (q * (1 - q)).sum())
        a += step
        if abs(step) < 1e-10:
            break
    beta = np.zeros(2)
    design = np.column_stack([np.ones_like(x), x])
    for _ in range(100):  # intercept and slope
        q = expit(design @ beta)
        hessian = design.T @ (design * (q * (1 - q))[:, None]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, design.T @ (y - q))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return float(a), float(beta[1])


def ece_noise_floor(y: np.ndarray, p: np.ndarray, reps: int = 2000, seed: int = 0) -> dict[str, float]:
    """The observed ECE beside ECEs of outcomes drawn from ``p`` itself: mean, 95th percentile, and the share of
    draws at least as large as the observed one (a p-value for "calibrated")."""
    rng = np.random.default_rng(seed)
    p = np.asarray(p, dtype=float)
    observed = expected_calibration_error(np.asarray(y), p)
    sims = np.array([expected_calibration_error((rng.random(len(p)) < p).astype(int), p) for _ in range(reps)])
    return {
        "ece": observed,
        "floor_mean": float(sims.mean()),
        "floor_p95": float(np.percentile(sims, 95)),
        "p_value": float((sims >= observed).mean()),
    }


def recalibration_with_ci(y: np.ndarray, p: np.ndarray, groups: np.ndarray, reps: int = 1000, seed: int = 0) -> dict[str, dict[str, float]]:
    """Intercept and slope of :func:`recalibration`, each with a 95% interval from resampling letters."""
    intercept, slope = recalibration(y, p)
    d = np.asarray([recalibration(y[idx], p[idx]) for idx in letter_resamples(y, groups, reps, seed)])
    lo, hi = np.percentile(d, [2.5, 97.5], axis=0)
    return {
        "intercept": {"value": intercept, "ci_low": float(lo[0]), "ci_high": float(hi[0])},
        "slope": {"value": slope, "ci_low": float(lo[1]), "ci_high": float(hi[1])},
    }
