"""`imrpredict train`: the README's main job, end to end, with MLflow tracking under mlruns/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imrpredict.cli import app


@pytest.fixture()
def in_tmp_project(tmp_path: Path, default_data_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMRPREDICT_DATA_DIR", str(default_data_root))
    return tmp_path


def test_train_with_no_arguments_uses_default_data_and_tracks(in_tmp_project: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--set", "cv_folds=3"])
    assert result.exit_code == 0, result.output
    bundle = in_tmp_project / "models" / (in_tmp_project / "models" / "latest").read_text().strip()
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["data"]["n_items"] >= 5000
    assert 0.70 <= manifest["metrics"]["cv_roc_auc"] <= 0.92
    assert manifest["metrics"]["cv_ece"] < 0.03
    assert (in_tmp_project / "mlruns" / "mlflow.db").exists()

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
    out = model.predict(__import__("pandas").DataFrame({"item": ["Norco 10/325mg #120"], "summary": ["He is not working."]}))
    assert list(out.columns) == ["probability_overturn", "predicted", "risk_band"]
    assert 0 < out["probability_overturn"].iloc[0] < 1


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
    bad = CliRunner().invoke(app, ["train", "--set", "lgbm.no_such_key=1"])
    assert bad.exit_code == 2 and "unknown key" in bad.output
    missing = CliRunner().invoke(app, ["train", "--data", "nowhere.parquet"])
    assert missing.exit_code == 2
