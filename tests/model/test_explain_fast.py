"""The fast explain path gives exactly what the straightforward one did: SHAP values to the bit, same reasons."""

from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from imrpredict.features.builder import FeatureBuilder
from imrpredict.modeling import model as model_module
from imrpredict.modeling.explain import FLAG_WORDS, Reason, feature_label, top_reasons
from imrpredict.modeling.model import IMRModel


def reference_top_reasons(contributions: np.ndarray, names: np.ndarray, k: int = 5, X: sp.csr_matrix | None = None) -> list[list[Reason]]:
    """top_reasons as it was written before it was vectorised: one row at a time, X read per cell."""
    body = contributions[:, :-1]
    if body.shape[1] == 0 or k <= 0:
        return [[] for _ in range(body.shape[0])]
    k = min(k, body.shape[1])
    idx = np.argpartition(-np.abs(body), k - 1, axis=1)[:, :k]
    binary = np.array(
        [
            n.startswith(("category=", "item_tfidf:", "summary_tfidf:"))
            or (n.removeprefix("flag:") in FLAG_WORDS and not n.removeprefix("flag:").startswith(("pain_", "percent_", "duration_", "sessions_")))
            for n in names
        ]
    )
    out = []
    for row, cols in enumerate(idx):
        cols = cols[np.argsort(-np.abs(body[row, cols]))]
        reasons = []
        for c in cols:
            if body[row, c] == 0:
                continue
            name = str(names[c])
            label = feature_label(name)
            if X is not None:
                value = X[row, c]
                if value != value or (binary[c] and not value):
                    label = "not stated: " + label
            reasons.append(Reason(name, label, float(body[row, c])))
        out.append(reasons)
    return out


@pytest.fixture(scope="module")
def fitted(synth_items: pd.DataFrame) -> tuple[IMRModel, sp.csr_matrix, np.ndarray]:
    """A small LightGBM on the real feature matrix (sparse TF-IDF, flags, NaN numbers) of the synthetic items."""
    builder = FeatureBuilder(item_max_features=300, summary_max_features=500).fit(synth_items)
    X = builder.transform(synth_items)
    y = (synth_items["decision"] == "Overturned").to_numpy(dtype=int)
    booster = lgb.train({"num_leaves": 7, "min_data_in_leaf": 5, "verbose": -1, "seed": 1}, lgb.Dataset(X, y), num_boost_round=80)
    model = IMRModel(builder=builder, booster=booster, calibrator=None, threshold=0.5, predict_threads=1)  # type: ignore[arg-type]
    return model, X, builder.get_feature_names_out()


def test_contributions_equal_lightgbm_on_csr_to_the_bit(fitted: tuple[IMRModel, sp.csr_matrix, np.ndarray], monkeypatch: pytest.MonkeyPatch) -> None:
    model, X, _ = fitted
    expected = model.booster.predict(X, pred_contrib=True, num_threads=1).toarray()
    got = model.contributions(X)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert np.array_equal(got, expected, equal_nan=True)
    monkeypatch.setattr(model_module, "_CONTRIB_BLOCK_CELLS", 7 * X.shape[1])  # blocks of 7 rows, last one short
    assert np.array_equal(model.contributions(X), expected, equal_nan=True)
    assert model.contributions(X[:0]).shape == (0, X.shape[1] + 1)


@pytest.mark.parametrize("k", [1, 3, 5, 40])
def test_top_reasons_equal_the_row_by_row_version(fitted: tuple[IMRModel, sp.csr_matrix, np.ndarray], k: int) -> None:
    model, X, names = fitted
    contrib = model.contributions(X)
    got = top_reasons(contrib, names, k, X)
    assert got == reference_top_reasons(contrib, names, k, X)
    assert any(r.text.startswith("not stated: ") for row in got for r in row)  # the absent-feature labels are exercised
    assert top_reasons(contrib, names, k) == reference_top_reasons(contrib, names, k)
    assert top_reasons(contrib, names, k, X.toarray()) == reference_top_reasons(contrib, names, k, X)


def test_top_reasons_ties_and_zeros_fall_as_before() -> None:
    rng = np.random.default_rng(3)
    contrib = rng.choice(np.array([0.0, 0.25, -0.25, 0.5, -0.5], dtype=np.float32), size=(300, 13))
    names = np.array([f"flag:{n}" for n in list(FLAG_WORDS)[:12]] + ["bias"], dtype=object)[:13]
    X = sp.csr_matrix(rng.choice(np.array([0.0, 1.0, np.nan], dtype=np.float32), size=(300, 12)))
    for k in (1, 4, 12, 20):
        assert top_reasons(contrib, names, k, X) == reference_top_reasons(contrib, names, k, X)
    assert top_reasons(contrib[:, :1], names, 5, X) == [[] for _ in range(300)]
