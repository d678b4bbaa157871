"""Metrics: the fast numpy versions equal scikit-learn's, ECE and threshold behave, bootstrap CIs cover."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import average_precision_score, balanced_accuracy_score, brier_score_loss, roc_auc_score

from imrpredict.evaluation.bootstrap import letter_bootstrap
from imrpredict.modeling.metrics import above_chance, best_threshold, binary_metrics, chance_auc_sd, expected_calibration_error


@pytest.mark.parametrize("seed", range(5))
def test_fast_metrics_equal_scikit_learn_including_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = (rng.random(3000) < 0.1).astype(int)
    p = np.round(np.clip(0.1 + 0.2 * y + rng.normal(0, 0.15, 3000), 0, 1), 2)  # rounding makes many ties
    m = binary_metrics(y, p, 0.2)
    assert m["roc_auc"] == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert m["pr_auc"] == pytest.approx(average_precision_score(y, p), abs=1e-12)
    assert m["brier"] == pytest.approx(brier_score_loss(y, p), abs=1e-12)
    assert m["balanced_accuracy"] == pytest.approx(balanced_accuracy_score(y, p >= 0.2), abs=1e-12)


def test_ece_is_zero_when_calibrated_and_large_when_not() -> None:
    rng = np.random.default_rng(1)
    p = rng.random(200_000) * 0.4
    y = (rng.random(200_000) < p).astype(int)
    assert expected_calibration_error(y, p) < 0.005
    assert expected_calibration_error(y, np.clip(p * 2, 0, 1)) > 0.15


def test_best_threshold_favours_recall() -> None:
    rng = np.random.default_rng(2)
    y = (rng.random(5000) < 0.1).astype(int)
    p = np.clip(0.1 + 0.25 * y + rng.normal(0, 0.1, 5000), 0, 1)
    t = best_threshold(y, p, beta=2.0)
    m = binary_metrics(y, p, t)
    assert m["recall"] > m["precision"]
    assert m["recall"] >= 0.7


def test_letter_bootstrap_accounts_for_items_sharing_a_letter() -> None:
    """400 letters of 10 identical items: resampling letters must give a much wider CI than resampling items."""
    rng = np.random.default_rng(3)
    y1 = (rng.random(400) < 0.15).astype(int)
    p1 = np.clip(0.12 + 0.2 * y1 + rng.normal(0, 0.12, 400), 0, 1)
    y, p = np.repeat(y1, 10), np.repeat(p1, 10)
    by_letter = letter_bootstrap(y, p, np.repeat(np.arange(400), 10), reps=300)["roc_auc"]
    by_item = letter_bootstrap(y, p, np.arange(4000), reps=300)["roc_auc"]
    assert by_letter["ci_low"] < by_letter["value"] < by_letter["ci_high"]
    assert (by_letter["ci_high"] - by_letter["ci_low"]) > 2.5 * (by_item["ci_high"] - by_item["ci_low"])


def test_chance_sd_matches_the_spread_of_roc_auc_for_scores_without_signal() -> None:
    """32 overturns among 267 items, as in the real letters: random scores give 0.5 +/- 0.0545."""
    rng = np.random.default_rng(3)
    y = np.r_[np.ones(32, dtype=int), np.zeros(235, dtype=int)]
    aucs = np.array([binary_metrics(y, rng.random(267))["roc_auc"] for _ in range(4000)])
    assert chance_auc_sd(32, 235) == pytest.approx(0.0545, abs=5e-4)
    assert aucs.std() == pytest.approx(chance_auc_sd(32, 235), rel=0.06)
    assert abs(aucs.mean() - 0.5) < 0.004
    assert chance_auc_sd(3000, 27000) < 0.006  # a large corpus: chance is a narrow band
    assert np.isnan(chance_auc_sd(0, 10))


def test_above_chance_needs_two_sd() -> None:
    assert above_chance(0.62, 0.0545)
    assert not above_chance(0.60, 0.0545)
    assert not above_chance(0.42, 0.0545)


def test_recalibration_reads_calibrated_too_extreme_and_shifted_probabilities() -> None:
    from scipy.special import expit, logit

    from imrpredict.evaluation.calibration_checks import ece_noise_floor, recalibration

    rng = np.random.default_rng(3)
    p = expit(rng.normal(-2.2, 1.0, 100_000))
    y = (rng.random(len(p)) < p).astype(int)
    intercept, slope = recalibration(y, p)
    assert abs(intercept) < 0.02 and abs(slope - 1) < 0.03
    _, slope_extreme = recalibration(y, expit(2 * logit(p)))  # twice as extreme: the slope halves
    assert abs(slope_extreme - 0.5) < 0.02
    shifted, _ = recalibration(y, expit(logit(p) + 0.7))  # every logit 0.7 too high: the intercept says -0.7
    assert abs(shifted + 0.7) < 0.03
    # outcomes drawn from p itself: the observed ECE is an ordinary draw of the noise floor
    small = p[:300]
    floor = ece_noise_floor((rng.random(300) < small).astype(int), small, reps=300)
    assert 0.01 < floor["floor_mean"] < floor["floor_p95"] < 0.1 and floor["p_value"] > 0.01
    assert ece_noise_floor(np.ones(300, dtype=int), small, reps=300)["p_value"] == 0.0


def test_fast_resampling_and_noise_floor_equal_the_plain_computation() -> None:
    from imrpredict.evaluation.bootstrap import letter_members, letter_resamples
    from imrpredict.evaluation.calibration_checks import ece_noise_floor

    rng = np.random.default_rng(5)
    groups = rng.integers(0, 40, 150)
    y = (rng.random(150) < 0.3).astype(int)
    p = rng.random(150) * 0.6
    members = letter_members(groups)
    plain = np.random.default_rng(9)
    for idx in letter_resamples(y, groups, 20, seed=9):
        while True:  # the plain loop: concatenate the picked letters, skip one-class resamples
            expected = np.concatenate([members[i] for i in plain.integers(0, len(members), len(members))])
            if y[expected].min() != y[expected].max():
                break
        assert np.array_equal(idx, expected)
    draws = np.random.default_rng(2)
    sims = [expected_calibration_error((draws.random(150) < p).astype(int), p) for _ in range(50)]
    floor = ece_noise_floor(y, p, reps=50, seed=2)
    assert floor["floor_mean"] == pytest.approx(np.mean(sims), abs=1e-12)
    assert floor["floor_p95"] == pytest.approx(np.percentile(sims, 95), abs=1e-12)
