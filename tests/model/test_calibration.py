"""Calibration maps never reverse the model's ranking and get the base rate right."""

from __future__ import annotations

import numpy as np
import pytest

from imrpredict.modeling.calibration import Calibrator, choose_calibrator


@pytest.mark.parametrize("method", ["isotonic", "sigmoid", "shift"])
def test_calibrated_probabilities_are_non_decreasing_in_the_score(method: str) -> None:
    rng = np.random.default_rng(0)
    s = rng.normal(size=2000)
    y = (rng.random(2000) < 1 / (1 + np.exp(-(2 * s - 2)))).astype(int)
    cal = Calibrator(method).fit(s, y)
    grid = np.linspace(-4, 4, 200)
    assert np.all(np.diff(cal.predict(grid)) >= -1e-12)
    assert abs(cal.predict(s).mean() - y.mean()) < 0.01


def test_negative_platt_slope_falls_back_to_a_shift_that_keeps_the_ranking() -> None:
    rng = np.random.default_rng(1)
    s = rng.normal(size=300)
    y = (rng.random(300) < 1 / (1 + np.exp(-(-1.5 * s - 2)))).astype(int)  # labels anti-correlated with scores
    cal = Calibrator("sigmoid").fit(s, y)
    assert cal.method == "shift"
    p = cal.predict(s)
    assert np.array_equal(np.argsort(p, kind="stable"), np.argsort(s, kind="stable"))
    assert abs(p.mean() - y.mean()) < 0.02


def test_choose_calibrator_reports_each_method_and_picks_the_lowest_brier() -> None:
    rng = np.random.default_rng(2)
    s = rng.normal(size=3000)
    y = (rng.random(3000) < 1 / (1 + np.exp(-(1.5 * s - 2.5)))).astype(int)
    cal, briers = choose_calibrator(s, y, np.arange(3000) // 2, ["isotonic", "sigmoid", "shift"])
    assert set(briers) == {"isotonic", "sigmoid", "shift"}
    assert cal.method == min(briers, key=briers.__getitem__)


def test_sigmoid_predicts_what_logistic_regression_predicts_to_the_bit() -> None:
    rng = np.random.default_rng(11)
    s = rng.normal(size=4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(1.4 * s - 2.2)))).astype(int)
    cal = Calibrator("sigmoid").fit(s, y)
    assert cal.method == "sigmoid"
    np.testing.assert_array_equal(cal.predict(s), np.clip(cal.model_.predict_proba(s.reshape(-1, 1))[:, 1], 1e-4, 1 - 1e-4))
