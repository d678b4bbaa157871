"""The model as an MLflow pyfunc, so ``mlflow.pyfunc.load_model`` can score items tables."""

from __future__ import annotations

from typing import Any

import mlflow.pyfunc
import pandas as pd


class IMRPyfunc(mlflow.pyfunc.PythonModel):
    """Wraps a bundle (logged as the artifact "bundle"); predict returns probability, label and band."""

    def load_context(self, context: Any) -> None:
        from pathlib import Path

        from imrpredict.modeling.bundle import load_bundle

        self.model = load_bundle(Path(context.artifacts["bundle"]))

    def predict(self, context: Any, model_input: pd.DataFrame, params: dict[str, Any] | None = None) -> pd.DataFrame:
        from imrpredict.modeling.model import risk_band

        p = self.model.predict_proba(model_input)
        return pd.DataFrame(
            {
                "probability_overturn": p,
                "predicted": ["Overturned" if v >= self.model.threshold else "Upheld" for v in p],
                "risk_band": [risk_band(v) for v in p],
            }
        )
