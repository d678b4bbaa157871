"""MLflow tracking: SQLite backend under mlruns/, artifacts beside it, every training run registered."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

DEFAULT_TRACKING_URI = "sqlite:///mlruns/mlflow.db"
EXPERIMENT = "imrpredict"
REGISTERED_MODEL = "imrpredict"


def _flatten(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def setup(tracking_uri: str = DEFAULT_TRACKING_URI) -> str:
    """Point MLflow at the SQLite store (creating mlruns/) and return the experiment id."""
    import mlflow

    logging.getLogger("mlflow").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.ERROR)
    if tracking_uri.startswith("sqlite:///"):
        db = Path(tracking_uri.removeprefix("sqlite:///"))
        db.parent.mkdir(parents=True, exist_ok=True)
        artifacts = (db.parent / "artifacts").resolve()
    else:
        artifacts = Path("mlruns/artifacts").resolve()
    mlflow.set_tracking_uri(tracking_uri)
    experiment = mlflow.get_experiment_by_name(EXPERIMENT)
    if experiment is None:
        return mlflow.create_experiment(EXPERIMENT, artifact_location=artifacts.as_uri())
    return experiment.experiment_id


def log_training_run(
    bundle: Path, config: dict[str, Any], metrics: dict[str, float], plots: list[Path], tags: dict[str, str], tracking_uri: str = DEFAULT_TRACKING_URI
) -> tuple[str, str | None]:
    """Log params, metrics, plots and the bundle; register the pyfunc model. Returns (run id, model version)."""
    import mlflow

    from imrpredict.modeling.pyfunc import IMRPyfunc

    os.environ.setdefault("MLFLOW_ENABLE_ASYNC_LOGGING", "false")
    experiment_id = setup(tracking_uri)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with mlflow.start_run(experiment_id=experiment_id, run_name=bundle.name) as run:
            mlflow.set_tags(tags)
            mlflow.log_params({k: str(v)[:500] for k, v in _flatten(config).items()})
            mlflow.log_metrics({k: float(v) for k, v in metrics.items() if v == v})
            for plot in plots:
                mlflow.log_artifact(str(plot), artifact_path="plots")
            mlflow.log_artifacts(str(bundle), artifact_path="bundle")
            info = mlflow.pyfunc.log_model(
                name="model",
                python_model=IMRPyfunc(),
                artifacts={"bundle": str(bundle)},
                registered_model_name=REGISTERED_MODEL,
                pip_requirements=["imrpredict", "lightgbm", "scikit-learn", "pandas", "joblib"],
            )
    return run.info.run_id, str(info.registered_model_version) if info.registered_model_version is not None else None
