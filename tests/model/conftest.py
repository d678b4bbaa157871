"""A small synthetic items table shared by the model tests (built once per session)."""

from __future__ import annotations

import pandas as pd
import pytest

from imrpredict.dataset import ingest
from imrpredict.modeling.config import apply_overrides, load_config
from imrpredict.synth.corpus import write_corpus
from imrpredict.tables import read_table


@pytest.fixture(scope="session")
def synth_items(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    root = tmp_path_factory.mktemp("model-corpus")
    write_corpus(root, 1500, seed=123, workers=2)
    summary = ingest([root / "letters"], root / "items.parquet", workers=2)
    assert summary.failed == []
    return read_table(root / "items.parquet")


@pytest.fixture(scope="session")
def fast_config() -> dict:
    return apply_overrides(load_config(), ["cv_folds=3", "lgbm.n_estimators=120", "lgbm.learning_rate=0.08"])
