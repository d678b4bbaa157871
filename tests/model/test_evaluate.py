"""`imrpredict evaluate`: saved model, grouped CV and time split give the same metrics, CIs, baselines and report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from imrpredict.cli import app
from imrpredict.modeling.bundle import save_bundle
from imrpredict.modeling.train import train_model

BASELINES = {"category prior", "TF-IDF + logistic regression"}
METRICS = {"roc_auc", "pr_auc", "brier", "ece", "balanced_accuracy", "recall", "precision"}


@pytest.fixture(scope="module")
def split_items(synth_items: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("eval")
    letters = synth_items["letter_id"].unique()
    train = synth_items[synth_items["letter_id"].isin(letters[:1000])]
    test = synth_items[synth_items["letter_id"].isin(letters[1000:])]
    train.to_parquet(root / "train.parquet")
    test.to_parquet(root / "test.parquet")
    synth_items.to_parquet(root / "all.parquet")
    return root / "train.parquet", root / "test.parquet"


def _check(obj: dict, mode: str) -> None:
    assert obj["mode"] == mode
    assert set(obj["metrics"]) == {"model", *BASELINES}
    assert set(obj["metrics"]["model"]) >= METRICS
    for name, metrics in obj["metrics"].items():
        roc = metrics["roc_auc"]
        assert roc["ci_low"] <= roc["value"] <= roc["ci_high"], name
        # the category prior may sit near chance: most published category rates are alike (the 80-90% envelope)
        assert (0.5 if name == "model" else 0.4) < roc["value"] < 0.95, (name, roc)
    assert obj["metrics"]["model"]["roc_auc"]["value"] > obj["metrics"]["category prior"]["roc_auc"]["value"]
    assert 0.05 < obj["base_rate"] < 0.2
    assert obj["per_category"] and {"category", "items", "overturn_rate", "mean_predicted", "roc_auc"} <= set(obj["per_category"][0])
    assert len(obj["top_features"]) == 15


def test_evaluate_saved_model_json_and_report(
    split_items: tuple[Path, Path], fast_config: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    train, test = split_items
    result = train_model(pd.read_parquet(train), fast_config)
    save_bundle(result.model, tmp_path / "m", fast_config, result.metrics)
    out = CliRunner().invoke(
        app, ["evaluate", "--model", str(tmp_path / "m"), "--data", str(test), "--json", "--bootstrap", "200", "--report", str(tmp_path / "rep")]
    )
    assert out.exit_code == 0, out.output
    obj = json.loads(out.stdout.strip().splitlines()[-1])
    _check(obj, "holdout")
    y = (pd.read_parquet(test)["decision"] == "Overturned").to_numpy()
    assert obj["roc_auc_no_signal_sd"] == pytest.approx(np.sqrt((len(y) + 1) / (12 * y.sum() * (len(y) - y.sum()))))
    assert "ROC-AUC with no signal" in (tmp_path / "rep" / "report.md").read_text()
    # the calibration checks: the ECE beside its noise floor, and the recalibration fit with letter-bootstrap intervals
    cal = obj["calibration"]
    assert cal["noise_floor"]["ece"] == pytest.approx(obj["metrics"]["model"]["ece"]["value"])
    assert 0 < cal["noise_floor"]["floor_mean"] < cal["noise_floor"]["floor_p95"] and 0 <= cal["noise_floor"]["p_value"] <= 1
    assert cal["slope"]["ci_low"] < cal["slope"]["value"] < cal["slope"]["ci_high"]
    assert cal["intercept"]["ci_low"] < cal["intercept"]["value"] < cal["intercept"]["ci_high"]
    assert "recalibration intercept" in (tmp_path / "rep" / "report.md").read_text()
    files = {p.name for p in (tmp_path / "rep").iterdir()}
    assert {"report.html", "report.md", "roc.png", "pr.png", "reliability.png", "top_features.png"} <= files
    html = (tmp_path / "rep" / "report.html").read_text()
    assert "TF-IDF + logistic regression" in html and "reliability.png" in html and "Per item category" in html
    from mlflow import MlflowClient, set_tracking_uri

    set_tracking_uri("sqlite:///mlruns/mlflow.db")
    runs = MlflowClient().search_runs([MlflowClient().get_experiment_by_name("imrpredict-evaluation").experiment_id])
    assert len(runs) == 1 and "model_roc_auc" in runs[0].data.metrics


def test_evaluate_grouped_cv_and_time_split(split_items: tuple[Path, Path], tmp_path: Path) -> None:
    all_items = split_items[0].parent / "all.parquet"
    common = ["--data", str(all_items), "--json", "--bootstrap", "100", "--no-mlflow", "--set", "cv_folds=3", "--set", "lgbm.n_estimators=120"]
    cv = CliRunner().invoke(app, ["evaluate", "--cv", "3", "--repeats", "2", *common])
    assert cv.exit_code == 0, cv.output
    obj = json.loads(cv.stdout.strip().splitlines()[-1])
    _check(obj, "cv")
    assert len(obj["roc_auc_per_repeat"]["model"]["values"]) == 2
    median = str(pd.to_datetime(pd.read_parquet(all_items)["date_assigned"]).median().date())
    ts = CliRunner().invoke(app, ["evaluate", "--time-split", median, *common])
    assert ts.exit_code == 0, ts.output
    obj = json.loads(ts.stdout.strip().splitlines()[-1])
    _check(obj, "time-split")
    assert obj["split_date"] == median and obj["train_items"] > 0


def test_evaluate_rejects_ambiguous_or_bad_requests(split_items: tuple[Path, Path]) -> None:
    _train, test = split_items
    assert CliRunner().invoke(app, ["evaluate", "--data", str(test)]).exit_code == 2
    assert CliRunner().invoke(app, ["evaluate", "--data", str(test), "--cv", "3", "--time-split", "2017-01-01"]).exit_code == 2
    assert CliRunner().invoke(app, ["evaluate", "--data", str(test), "--time-split", "not-a-date"]).exit_code == 2
    bad = CliRunner().invoke(app, ["evaluate", "--data", str(test), "--model", "no/such/bundle"])
    assert bad.exit_code == 2 and "no such model folder" in bad.output


def test_chance_level_from_shuffled_labels(synth_items: pd.DataFrame, fast_config: dict) -> None:
    from imrpredict.evaluation.evaluate import cross_validate

    # all 1,500 letters: on fewer, the v5 corpus's signal (spread over the request and the summary) is too faint to
    # stand clear of the null with three shuffles
    ev = cross_validate(synth_items, fast_config, folds=3, repeats=1, reps=50, permutations=3)
    chance = ev.info["chance"]
    assert chance["permutations"] == 3
    assert abs(chance["null_roc_auc_mean"] - 0.5) < 0.05, chance
    # the synthetic data carry real signal: every shuffled run scores below the real one, so p is its floor 1/(3+1)
    assert chance["observed_roc_auc"] > chance["null_roc_auc_mean"] + 3 * chance["null_roc_auc_sd"], chance
    assert chance["observed_roc_auc"] > 0.57 and chance["p_value"] == 0.25, chance


def test_permutations_need_cv(split_items: tuple[Path, Path]) -> None:
    out = CliRunner().invoke(app, ["evaluate", "--data", str(split_items[1]), "--model", "m", "--permutations", "5"])
    assert out.exit_code == 2 and "--permutations needs --cv" in out.output
