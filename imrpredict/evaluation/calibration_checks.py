"""Is a model calibrated on a small real sample? Tests that separate miscalibration from sampling noise.

With 267 items and 32 positives, ECE is noisy: even outcomes drawn from the model's own probabilities give an
ECE well above 0. So beside ECE we report (a) where the observed ECE falls among ECEs of outcomes simulated from
the probabilities themselves (the noise floor), and (b) the logistic recalibration of the calibration hierarchy
(Van Calster et al. 2016): the intercept with logit(p) as offset (calibration in the large, 0 when the mean is
right) and the slope of logit(p) (1 when the spread is right; below 1 means too extreme), with letter-bootstrap
intervals.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import expit, logit

from imrpredict.evaluation.bootstrap import letter_resamples
from imrpredict.modeling.calibration import fit_shift
from imrpredict.modeling.metrics import expected_calibration_error


def _logit(p: np.ndarray) -> np.ndarray:
    return logit(np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6))


def recalibration(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """(intercept with logit(p) as offset, slope of logit(p)) by maximum likelihood. The intercept is the ``shift``
    calibrator's own fit; the slope comes from Newton steps on intercept and slope (a concave likelihood)."""
    x = _logit(p)
    y = np.asarray(y, dtype=float)
    beta = np.zeros(2)
    design = np.column_stack([np.ones_like(x), x])
    for _ in range(100):
        q = expit(design @ beta)
        hessian = design.T @ (design * (q * (1 - q))[:, None]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, design.T @ (y - q))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return fit_shift(x, y), float(beta[1])


def ece_noise_floor(y: np.ndarray, p: np.ndarray, reps: int = 2000, seed: int = 0) -> dict[str, float]:
    """The observed ECE beside ECEs of outcomes drawn from ``p`` itself: mean, 95th percentile, and the share of
    draws at least as large as the observed one (a p-value for "calibrated")."""
    rng = np.random.default_rng(seed)
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")  # the same bins in every draw: only the outcomes change
    observed = expected_calibration_error(np.asarray(y), p, order=order)
    sims = np.array([expected_calibration_error((rng.random(len(p)) < p).astype(int), p, order=order) for _ in range(reps)])
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


def calibration_summary(y: np.ndarray, p: np.ndarray, groups: np.ndarray, reps: int = 1000, seed: int = 0) -> dict[str, Any]:
    """Both checks for one model's probabilities: the noise floor of its ECE and the recalibration fit with intervals."""
    return {"noise_floor": ece_noise_floor(y, p, reps=reps, seed=seed), **recalibration_with_ci(y, p, groups, reps=reps, seed=seed)}


def calibration_text(summary: dict[str, Any]) -> str:
    """One line a reader can act on: is the ECE more than noise, and is the mean or the spread off?"""
    floor, a, b = summary["noise_floor"], summary["intercept"], summary["slope"]
    return (
        f"ECE {floor['ece']:.3f}; a calibrated model on these items scores {floor['floor_mean']:.3f} on average "
        f"(95th percentile {floor['floor_p95']:.3f}; p = {floor['p_value']:.2f}); recalibration intercept {a['value']:+.2f} "
        f"({a['ci_low']:+.2f} to {a['ci_high']:+.2f}, 0 if the mean is right), slope {b['value']:.2f} "
        f"({b['ci_low']:.2f} to {b['ci_high']:.2f}, 1 if the spread is right, below 1 if too extreme)"
    )
