"""imrpredict: predict whether an IMR reviewer will uphold or overturn a UR denial, per disputed item.

Pipeline: letters -> items table (``dataset``) -> features (``features``) -> model (``modeling``) -> scores (``scoring``).

    from imrpredict import load_model
    model = load_model("models/latest")
    model.predict_proba(items)   # P(Overturned) per row of an items table (needs item and summary)
    model.explain(items)         # probability, label, band, reasons, evidence
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from imrpredict.modeling.model import IMRModel


def load_model(path: str | Path = "models/latest") -> IMRModel:
    """Load and verify a model bundle (a folder, or models/latest)."""
    from imrpredict.modeling.bundle import load_bundle

    return load_bundle(Path(path))


__all__ = ["__version__", "load_model"]
