"""IMRModel: the fitted feature builder, LightGBM booster, calibrator and threshold, used as one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from imrpredict.features.builder import FeatureBuilder
from imrpredict.modeling.calibration import Calibrator

RISK_BANDS = ((0.5, "high"), (0.2, "elevated"), (0.08, "moderate"), (0.0, "low"))


def risk_band(p: float) -> str:
    for cut, name in RISK_BANDS:
        if p >= cut:
            return name
    return "low"


@dataclass
class IMRModel:
    """Everything needed to score items; ``predict_proba`` returns P(Overturned) per row."""

    builder: FeatureBuilder
    booster: Any  # lightgbm.Booster
    calibrator: Calibrator
    threshold: float
    metadata: dict[str, Any] = field(default_factory=dict)
    baselines: dict[str, Any] = field(default_factory=dict)  # fitted on the same training items, for comparison
    # LightGBM prediction threads; 0 = its default (all cores). Batch workers set 1: one OpenMP team per
    # process on 2 cores oversubscribes them (spinning threads), measured 1.2x slower over 50k items.
    predict_threads: int = 0

    def _predict_params(self) -> dict[str, int]:
        return {"num_threads": self.predict_threads} if self.predict_threads > 0 else {}

    def features(self, items: pd.DataFrame) -> sp.csr_matrix:
        return self.builder.transform(items)

    def raw_scores(self, X: sp.csr_matrix) -> np.ndarray:
        """LightGBM log-odds relative to the training prior (what the calibrator was fitted on)."""
        raw = self.booster.predict(X, raw_score=True, **self._predict_params())
        return np.asarray(raw, dtype=float) - float(self.metadata.get("score_offset", 0.0))

    def predict_proba(self, items: pd.DataFrame) -> np.ndarray:
        """Calibrated probability of overturn for each item."""
        return self.calibrator.predict(self.raw_scores(self.features(items)))

    def explain(self, items: pd.DataFrame, top_k: int = 5) -> pd.DataFrame:
        """Probability, label, band, the top_k reasons (signed log-odds contributions) and evidence sentences."""
        from imrpredict.modeling.explain import evidence, top_reasons

        X = self.features(items)
        p = self.calibrator.predict(self.raw_scores(X))
        names = self.builder.get_feature_names_out()
        reasons = top_reasons(self.contributions(X), names, top_k, X)
        summaries = items["summary"].fillna("").astype(str).tolist()
        flag_names = {n for n in names if n.startswith("flag:")}
        evidence_of = {s: evidence(s, flag_names) for s in dict.fromkeys(summaries)}  # once per distinct summary
        return pd.DataFrame(
            {
                "probability_overturn": p,
                "predicted": np.where(p >= self.threshold, "Overturned", "Upheld"),
                "risk_band": [risk_band(v) for v in p],
                "reasons": reasons,
                "evidence": [evidence_of[s] for s in summaries],
            },
            index=items.index,
        )

    def contributions(self, X: sp.csr_matrix) -> np.ndarray:
        """LightGBM's own per-feature contributions (SHAP values, in raw-score units); last column is the bias."""
        contrib = self.booster.predict(X, pred_contrib=True, **self._predict_params())
        return contrib.toarray() if sp.issparse(contrib) else np.asarray(contrib)
