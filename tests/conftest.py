"""Shared test helpers: where ../shared is, and the rule for tests that need it."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
LETTERS_DIR = SHARED / "data" / "dwc-letters"
SEEDS_DIR = SHARED / "seeds"


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent on a user's clone; fail loudly in CI, where it must be present."""
    if path.exists():
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{path} is missing in CI: the real-letter tests must run there")
    pytest.skip(f"{path} not found: the real DWC letters live in ../shared beside the repo (not shipped)")


@pytest.fixture(scope="session")
def letters_dir() -> Path:
    return require_shared(LETTERS_DIR)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared(SEEDS_DIR)


@pytest.fixture(scope="session")
def default_data_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded default corpus, built once per test session in a temporary data dir."""
    from imrpredict.default_data import default_items_table

    root = tmp_path_factory.mktemp("default-data")
    default_items_table(root)
    return root


@pytest.fixture(scope="session")
def synth_items(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """A small synthetic items table (1,500 letters) shared by the model and web tests, built once per session."""
    from imrpredict.dataset import ingest
    from imrpredict.synth.corpus import write_corpus
    from imrpredict.tables import read_table

    root = tmp_path_factory.mktemp("model-corpus")
    write_corpus(root, 1500, seed=123, workers=2)
    summary = ingest([root / "letters"], root / "items.parquet", workers=2)
    assert summary.failed == []
    return read_table(root / "items.parquet")


@pytest.fixture(scope="session")
def fast_config() -> dict:
    from imrpredict.modeling.config import apply_overrides, load_config

    return apply_overrides(load_config(), ["cv_folds=3", "lgbm.n_estimators=120", "lgbm.learning_rate=0.08"])


@pytest.fixture(scope="session")
def small_bundle(synth_items: pd.DataFrame, fast_config: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model bundle trained on the small synthetic table (for the API and page tests)."""
    from imrpredict.modeling.bundle import save_bundle
    from imrpredict.modeling.train import train_model

    result = train_model(synth_items, fast_config)
    path = tmp_path_factory.mktemp("small-bundle") / "model"
    save_bundle(result.model, path, fast_config, result.metrics)
    return path
