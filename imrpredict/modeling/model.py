"""IMRModel: the fitted feature builder, LightGBM booster, calibrator and threshold, used as one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from imrpredict.features.builder import FeatureBuilder, text_values
from imrpredict.modeling.calibration import Calibrator

if TYPE_CHECKING:
    from imrpredict.modeling.explain import Evidence, Reason

RISK_BANDS = ((0.5, "high"), (0.2, "elevated"), (0.08, "moderate"), (0.0, "low"))
_CONTRIB_BLOCK_CELLS = 1 << 21  # cells per dense block for SHAP: 8 MB of float32 in, 16 MB of float64 out


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

    def raw_scores(self, X: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """LightGBM log-odds relative to the training prior (what the calibrator was fitted on)."""
        raw = self.booster.predict(X, raw_score=True, **self._predict_params())
        return np.asarray(raw, dtype=float) - float(self.metadata.get("score_offset", 0.0))

    def predict_proba(self, items: pd.DataFrame) -> np.ndarray:
        """Calibrated probability of overturn for each item."""
        return self.calibrator.predict(self.raw_scores(self.features(items)))

    def explain(self, items: pd.DataFrame, top_k: int = 5, X: sp.csr_matrix | np.ndarray | None = None) -> pd.DataFrame:
        """Probability, label, band, the top_k reasons (signed log-odds contributions) and evidence sentences.

        ``X`` may pass ``self.features(items)`` when the caller needs it too (one feature pass, not two)."""
        p, reasons, evidence = self.explain_parts(items, top_k, X)
        return pd.DataFrame(
            {
                "probability_overturn": p,
                "predicted": np.where(p >= self.threshold, "Overturned", "Upheld"),
                "risk_band": [risk_band(v) for v in p],
                "reasons": reasons,
                "evidence": evidence,
            },
            index=items.index,
        )

    def explain_parts(
        self, items: pd.DataFrame, top_k: int = 5, X: sp.csr_matrix | np.ndarray | None = None
    ) -> tuple[np.ndarray, list[list[Reason]], list[list[Evidence]]]:
        """``explain``'s probabilities, reasons and evidence as arrays and lists: a request of a few items spent
        about a millisecond building and reading back the DataFrame."""
        from imrpredict.modeling.explain import evidence, top_reasons

        if X is None:
            X = self.features(items)
        p = self.calibrator.predict(self.raw_scores(X))
        reasons = top_reasons(self.contributions(X), self.builder.get_feature_names_out(), top_k, X)
        summaries = text_values(items["summary"])
        flag_names = set(self.builder.flag_columns())
        evidence_of = {s: evidence(s, flag_names) for s in dict.fromkeys(summaries)}  # once per distinct summary
        return p, reasons, [evidence_of[s] for s in summaries]

    def contributions(self, X: sp.csr_matrix | np.ndarray) -> np.ndarray:
        """LightGBM's own per-feature contributions (SHAP values, in raw-score units); last column is the bias.

        A sparse X goes to LightGBM as dense row blocks: its SHAP on CSR builds a sparse map per row and was
        slower (2.4-2.9 s vs 1.9 s per 5,000 rows, one thread). Both compute in double; the CSR path returns
        X's dtype, so the dense result is cast to it: the same values to the bit (checked on 56,879 items).
        """
        if not sp.issparse(X):
            contrib = self.booster.predict(X, pred_contrib=True, **self._predict_params())
            contrib = contrib.toarray() if sp.issparse(contrib) else np.asarray(contrib)
            dtype = X.dtype if np.issubdtype(np.asarray(X).dtype, np.floating) else contrib.dtype
            return contrib.astype(dtype, copy=False)  # as the CSR path below returns them
        X = sp.csr_matrix(X)
        n_rows, width = X.shape
        out = np.empty((n_rows, width + 1), dtype=X.dtype)
        step = max(1, _CONTRIB_BLOCK_CELLS // max(width, 1))  # bounded memory whatever the TF-IDF width
        for lo in range(0, n_rows, step):
            block = X[lo : lo + step].toarray()
            out[lo : lo + len(block)] = self.booster.predict(block, pred_contrib=True, **self._predict_params())
        return out
