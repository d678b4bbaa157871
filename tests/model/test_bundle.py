"""Model bundles: same predictions after reload, tampered or incomplete bundles refused, version drift warned."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from imrpredict.modeling.bundle import BundleError, BundleVersionWarning, load_bundle, save_bundle
from imrpredict.modeling.train import train_model


@pytest.fixture(scope="module")
def trained(synth_items: pd.DataFrame, fast_config: dict):
    return train_model(synth_items, fast_config)


@pytest.fixture()
def bundle(trained, fast_config: dict, tmp_path: Path) -> Path:
    save_bundle(trained.model, tmp_path / "m1", fast_config, trained.metrics)
    return tmp_path / "m1"


def test_reload_gives_identical_predictions_and_manifest(trained, bundle: Path, synth_items: pd.DataFrame) -> None:
    loaded = load_bundle(bundle)
    np.testing.assert_allclose(loaded.predict_proba(synth_items), trained.model.predict_proba(synth_items), rtol=0, atol=1e-12)
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["threshold"] == trained.model.threshold
    assert set(manifest["files"]) == {"builder.joblib", "booster.txt", "calibrator.joblib", "baselines.joblib"}
    assert manifest["libraries"]["lightgbm"] and manifest["data"]["data_sha256"] and manifest["config"]["cv_folds"] == 3
    assert manifest["metrics"]["cv_roc_auc"] == trained.metrics["cv_roc_auc"]


def test_tampered_file_is_refused(bundle: Path) -> None:
    with open(bundle / "booster.txt", "a") as fh:
        fh.write("\n")
    with pytest.raises(BundleError, match=r"booster\.txt.*does not match the manifest"):
        load_bundle(bundle)


def test_incomplete_bundle_is_refused(bundle: Path) -> None:
    (bundle / "calibrator.joblib").unlink()
    with pytest.raises(BundleError, match=r"incomplete bundle, missing calibrator\.joblib"):
        load_bundle(bundle)
    (bundle / "manifest.json").unlink()
    with pytest.raises(BundleError, match=r"manifest\.json is missing"):
        load_bundle(bundle)


def test_other_library_versions_load_with_a_warning_naming_them(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["libraries"]["lightgbm"] = "3.0.0"
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    with pytest.warns(BundleVersionWarning, match=r"lightgbm 3\.0\.0"):
        load_bundle(bundle)


def test_training_is_deterministic(synth_items: pd.DataFrame, fast_config: dict, trained) -> None:
    again = train_model(synth_items, fast_config)
    np.testing.assert_array_equal(again.oof_probability, trained.oof_probability)
    assert again.model.threshold == trained.model.threshold
