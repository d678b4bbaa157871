"""The embedded default data: a synthetic corpus generated deterministically on first use, then ingested.

``imrpredict train`` with no ``--data`` uses it, so a fresh clone can train without the real letters
(which may not be shipped). Generated under data/generated/ (or $IMRPREDICT_DATA_DIR), not committed.
"""

from __future__ import annotations

import os
from pathlib import Path

from imrpredict.dataset import ingest
from imrpredict.synth.corpus import write_corpus

DEFAULT_LETTERS = 30000
DEFAULT_SEED = 20170101
# v2: summaries also write pain "N out of 10" and more work-status phrasings
# v3: category mix and rates from published CWCI/DWC figures, facts stated about as often as in real summaries
# v4: v3's facts and outcomes (same random draws), summary wording that shares no run of 8 words with any one real
#     summary (tests/data/test_synth_register.py)
# v5: several services disputed in one letter are upheld more often; no effect of time since injury (DWC [S13]) or of
#     a partial authorization (none published; none on the tuning letters)
# v6: summaries written as a reviewer's dated narrative (render.py); a surgical lesion stated in 8% of cases, not 12%
DEFAULT_NAME = f"default-v6-{DEFAULT_LETTERS}-{DEFAULT_SEED}"


def data_dir() -> Path:
    return Path(os.environ.get("IMRPREDICT_DATA_DIR", "data/generated"))


def default_items_table(root: Path | None = None) -> Path:
    """Path of the default items table, building the corpus and ingesting it if not there yet."""
    folder = (root or data_dir()) / DEFAULT_NAME
    table = folder / "items.parquet"
    if table.exists():
        return table
    write_corpus(folder, DEFAULT_LETTERS, seed=DEFAULT_SEED)
    summary = ingest([folder / "letters"], table)
    if summary.failed:
        raise RuntimeError(f"default corpus: {len(summary.failed)} letters failed to parse, e.g. {summary.failed[0]}")
    return table
