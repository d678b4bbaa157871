"""Train: grouped out-of-fold scores -> calibration and threshold -> final model on all items.

Folds are grouped by letter (items of one letter share a summary). The out-of-fold predictions are
honest estimates of quality and are what the calibrator and the decision threshold are fitted on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.model_selection import GroupKFold

from imrpredict.evaluation.bootstrap import letter_bootstrap
from imrpredict.features.builder import INPUT_COLUMNS, FeatureBuilder, static_features
from imrpredict.modeling.baselines import fit_baselines
from imrpredict.modeling.calibration import choose_calibrator
from imrpredict.modeling.metrics import best_threshold, binary_metrics, chance_auc_sd
from imrpredict.modeling.model import IMRModel


class TrainingDataError(ValueError):
    pass


@dataclass
class TrainResult:
    model: IMRModel
    oof_probability: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    metrics: dict[str, float]


def labels_and_groups(items: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Rows with a decision, their 0/1 labels (1 = Overturned) and letter groups."""
    for col in ("item", "summary", "decision"):
        if col not in items.columns:
            raise TrainingDataError(f"training table lacks column {col!r}; has {list(items.columns)}")
    bad = ~items["decision"].isin(["Upheld", "Overturned"])
    if bad.all():
        raise TrainingDataError("no row has a decision of Upheld or Overturned")
    items = items.loc[~bad].reset_index(drop=True)
    y = (items["decision"] == "Overturned").to_numpy(dtype=int)
    if y.sum() < 2 or (1 - y).sum() < 2:
        raise TrainingDataError(f"need at least 2 items of each outcome; have {int(y.sum())} Overturned, {int((1 - y).sum())} Upheld")
    group_col = "letter_id" if "letter_id" in items.columns else ("case_number" if "case_number" in items.columns else None)
    groups = items[group_col].astype(str).to_numpy() if group_col else items["summary"].astype(str).to_numpy()
    return items, y, groups


def prior_logit(y: np.ndarray) -> float:
    """Log-odds of the training overturn rate. LightGBM's raw scores start from it; subtracting it makes scores
    of models trained on folds with different prevalence comparable, so pooling out-of-fold scores for
    calibration does not mix in a between-fold shift (which, on small data, anti-correlates with the labels)."""
    rate = float(np.clip(np.mean(y), 1e-6, 1 - 1e-6))
    return float(np.log(rate / (1 - rate)))


def data_hash(items: pd.DataFrame) -> str:
    """sha256 of the model inputs and labels, so a bundle records exactly what it was trained on."""
    cols = [c for c in (*INPUT_COLUMNS, "decision") if c in items.columns]
    hashed = pd.util.hash_pandas_object(items[cols].astype(str), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()


def _lgbm_params(config: dict[str, Any], y: np.ndarray) -> dict[str, Any]:
    params = dict(config["lgbm"])
    n_estimators = int(params.pop("n_estimators"))
    if params.pop("class_weight", None) == "balanced":
        params["scale_pos_weight"] = float((y == 0).sum() / max(1, (y == 1).sum()))
    params.update(
        objective="binary",
        verbosity=-1,
        seed=int(config["seed"]),
        deterministic=True,
        force_col_wise=True,
        num_threads=int(config.get("threads") or os.cpu_count() or 1),
    )
    params["num_iterations"] = n_estimators
    return params


def fit_booster(X: Any, y: np.ndarray, config: dict[str, Any]) -> lgb.Booster:
    return lgb.train(_lgbm_params(config, y), lgb.Dataset(X, label=y, free_raw_data=True))


def fit_fold(train: pd.DataFrame, y: np.ndarray, config: dict[str, Any], static: sp.csr_matrix | None = None) -> tuple[FeatureBuilder, lgb.Booster]:
    if static is None:
        static = static_features(train)
    builder = FeatureBuilder(**config["features"]).fit(train, static=static)
    return builder, fit_booster(builder.transform(train, static), y, config)


def out_of_fold_scores(
    items: pd.DataFrame,
    y: np.ndarray,
    groups: np.ndarray,
    config: dict[str, Any],
    on_step: Callable[[], None] | None = None,
    static: sp.csr_matrix | None = None,
) -> np.ndarray:
    """Raw scores for every item from a model that never saw its letter."""
    scores = np.empty(len(y))
    if static is None:
        static = static_features(items)
    n_splits = min(int(config["cv_folds"]), len(np.unique(groups)))
    for tr, te in GroupKFold(n_splits=n_splits).split(items, y, groups):
        builder, booster = fit_fold(items.iloc[tr], y[tr], config, static[tr])
        scores[te] = booster.predict(builder.transform(items.iloc[te], static[te]), raw_score=True) - prior_logit(y[tr])
        if on_step:
            on_step()
    return scores


def train_model(items: pd.DataFrame, config: dict[str, Any], on_step: Callable[[], None] | None = None) -> TrainResult:
    """Fit builder + LightGBM + calibrator + threshold; metrics are out-of-fold, grouped by letter."""
    items, y, groups = labels_and_groups(items)
    static = static_features(items)
    scores = out_of_fold_scores(items, y, groups, config, on_step, static)
    calibrator, calibration_briers = choose_calibrator(scores, y, groups, list(config["calibration"]["methods"]), int(config["cv_folds"]))
    oof = calibrator.predict(scores)
    threshold = best_threshold(y, oof, float(config["threshold"].get("beta", 2.0)))
    builder, booster = fit_fold(items, y, config, static)
    if on_step:
        on_step()
    metrics = {f"cv_{k}": v for k, v in binary_metrics(y, oof, threshold).items()}
    # 95% letter-bootstrap intervals of the headline CV metrics, shown beside them (model panel, reports)
    intervals = letter_bootstrap(y, oof, groups, threshold, reps=int(config.get("cv_bootstrap_reps", 200)), seed=int(config.get("seed", 0)))
    for key in ("roc_auc", "pr_auc", "brier", "ece"):
        metrics[f"cv_{key}_ci_low"] = intervals[key]["ci_low"]
        metrics[f"cv_{key}_ci_high"] = intervals[key]["ci_high"]
    metrics.update({f"calibration_brier_{m}": b for m, b in calibration_briers.items()})
    metrics["threshold"] = threshold
    n_positive = int(y.sum())
    metrics["cv_roc_auc_chance_sd"] = chance_auc_sd(n_positive, len(y) - n_positive)
    metadata = {
        "calibration": calibrator.method,
        "n_items": len(y),
        "n_letters": len(np.unique(groups)),
        "n_features": len(builder.get_feature_names_out()),
        "data_sha256": data_hash(items),
    }
    metadata["score_offset"] = prior_logit(y)
    model = IMRModel(
        builder=builder, booster=booster, calibrator=calibrator, threshold=threshold, metadata=metadata, baselines=fit_baselines(items, y)
    )
    return TrainResult(model=model, oof_probability=oof, y=y, groups=groups, metrics=metrics)
