"""`imrpredict train`: the README's main job, end to end, with MLflow tracking under mlruns/."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from imrpredict.cli import app
from imrpredict.modeling.config import DEFAULT_CONFIG

SMALL_DATA = DEFAULT_CONFIG.parent / "small-data.yaml"


@pytest.fixture()
def in_tmp_project(tmp_path: Path, default_data_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMRPREDICT_DATA_DIR", str(default_data_root))
    return tmp_path


@pytest.fixture(scope="module")
def default_run(default_data_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`imrpredict train` with no arguments (the README's main job), run once in a fresh project folder."""
    project = tmp_path_factory.mktemp("project")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project)
        mp.setenv("IMRPREDICT_DATA_DIR", str(default_data_root))
        result = CliRunner().invoke(app, ["train"])
    assert result.exit_code == 0, result.output
    bundle = project / "models" / (project / "models" / "latest").read_text().strip()
    return project, bundle


def test_train_with_no_arguments_uses_default_data_and_tracks(default_run: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    project, bundle = default_run
    monkeypatch.chdir(project)
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["data"]["n_items"] >= 5000
    assert 0.70 <= manifest["metrics"]["cv_roc_auc"] <= 0.90  # v3 corpus: ceiling 0.78, CV 0.743
    assert manifest["metrics"]["cv_ece"] < 0.03
    assert (project / "mlruns" / "mlflow.db").exists()

    import mlflow
    from mlflow import MlflowClient

    mlflow.set_tracking_uri("sqlite:///mlruns/mlflow.db")
    client = MlflowClient()
    versions = client.search_model_versions("name='imrpredict'")
    assert len(versions) == 1
    run = client.get_run(versions[0].run_id)
    assert run.data.metrics["cv_roc_auc"] == pytest.approx(manifest["metrics"]["cv_roc_auc"])
    artifacts = {a.path for a in client.list_artifacts(run.info.run_id)}
    assert {"plots", "bundle"} <= artifacts
    assert {Path(a.path).name for a in client.list_artifacts(run.info.run_id, "plots")} == {"roc.png", "reliability.png", "feature_gain.png"}
    model = mlflow.pyfunc.load_model("models:/imrpredict/1")
    out = model.predict(pd.DataFrame({"item": ["Norco 10/325mg #120"], "summary": ["He is not working."]}))
    assert list(out.columns) == ["probability_overturn", "predicted", "risk_band"]
    assert 0 < out["probability_overturn"].iloc[0] < 1


def test_default_model_reaches_95_percent_of_the_bayes_ceiling_on_a_fresh_corpus(default_run: tuple[Path, Path], tmp_path: Path) -> None:
    from imrpredict.dataset import ingest
    from imrpredict.evaluation.evaluate import evaluate_model
    from imrpredict.modeling.bundle import load_bundle
    from imrpredict.synth.corpus import write_corpus
    from imrpredict.tables import read_table

    corpus = write_corpus(tmp_path, 4000, seed=777, workers=2)  # a seed the default corpus never used
    ingest([tmp_path / "letters"], tmp_path / "items.parquet", workers=2)
    evaluation = evaluate_model(load_bundle(default_run[1]), read_table(tmp_path / "items.parquet"), reps=200)
    roc = evaluation.metrics["model"]["roc_auc"]["value"]
    assert roc >= 0.95 * corpus.bayes_roc_auc, (roc, corpus.bayes_roc_auc)
    assert evaluation.metrics["model"]["ece"]["value"] <= 0.03


def test_train_on_letters_folder_and_bad_config(in_tmp_project: Path, tmp_path: Path) -> None:
    from imrpredict.synth.corpus import write_corpus

    write_corpus(tmp_path / "corpus", 600, seed=5, workers=1)
    ok = CliRunner().invoke(
        app,
        [
            "train",
            "--data",
            str(tmp_path / "corpus" / "letters"),
            "--no-mlflow",
            "--out",
            "models/letters",
            "--set",
            "cv_folds=3",
            "--set",
            "lgbm.n_estimators=50",
        ],
    )
    assert ok.exit_code == 0, ok.output
    assert (in_tmp_project / "models" / "letters" / "manifest.json").exists()
    again = CliRunner().invoke(app, ["train", "--data", str(tmp_path / "corpus" / "letters"), "--no-mlflow", "--out", "models/letters"])
    assert again.exit_code == 2 and "already exists" in again.output and "Training" not in again.output
    bad = CliRunner().invoke(app, ["train", "--set", "lgbm.no_such_key=1"])
    assert bad.exit_code == 2 and "unknown key" in bad.output
    missing = CliRunner().invoke(app, ["train", "--data", "nowhere.parquet"])
    assert missing.exit_code == 2


def test_a_model_without_signal_is_flagged_at_train_and_predict(in_tmp_project: Path, synth_items: pd.DataFrame) -> None:
    """Shuffled labels on 150 letters: train warns that CV ROC-AUC is within chance, predict repeats it."""
    import numpy as np

    letters = synth_items["letter_id"].drop_duplicates().sample(150, random_state=0)
    small = synth_items[synth_items["letter_id"].isin(letters)].copy()
    small["decision"] = small["decision"].sample(frac=1.0, random_state=1).to_numpy()
    small.to_parquet("shuffled.parquet")
    result = CliRunner().invoke(app, ["train", "--data", "shuffled.parquet", "--config", str(SMALL_DATA), "--no-mlflow", "--out", "models/noise"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((in_tmp_project / "models" / "noise" / "manifest.json").read_text())
    n_pos = int((small["decision"] == "Overturned").sum())
    assert manifest["metrics"]["cv_roc_auc_chance_sd"] == pytest.approx(np.sqrt((len(small) + 1) / (12 * n_pos * (len(small) - n_pos))))
    assert manifest["metrics"]["cv_roc_auc"] < 0.5 + 2 * manifest["metrics"]["cv_roc_auc_chance_sd"]
    assert "not above chance" in " ".join(result.output.split())
    pred = CliRunner().invoke(app, ["predict", "-m", "models/noise", "--item", "Norco 10/325mg #90", "--summary", "He is working.", "--json"])
    assert pred.exit_code == 0, pred.output
    assert "not above chance" in json.loads(pred.stdout)["model"]["chance_warning"]


def test_default_model_carries_no_chance_warning(default_run: tuple[Path, Path]) -> None:
    manifest = json.loads((default_run[1] / "manifest.json").read_text())
    assert manifest["metrics"]["cv_roc_auc"] > 0.5 + 2 * manifest["metrics"]["cv_roc_auc_chance_sd"]
    pred = CliRunner().invoke(app, ["predict", "-m", str(default_run[1]), "--item", "Norco 10/325mg #90", "--summary", "He is working.", "--json"])
    assert pred.exit_code == 0, pred.output
    assert json.loads(pred.stdout)["model"]["chance_warning"] is None
