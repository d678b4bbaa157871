"""Shared test helpers: where ../shared is, and the rule for tests that need it."""

from __future__ import annotations

import os
from pathlib import Path

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
