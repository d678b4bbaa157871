"""How many services one request disputes: the context a letter's items share.

An IMR application disputes one or more services at once; a surgery's associated services (clearance, post-op
therapy, a cold unit...) belong to the surgery's service. On the tuning letters, services disputed in a string
were upheld far more often than a service disputed alone (training/context_signals.py), so the count is a model
input, known before the decision.

Which rows form one request: the ``letter_id`` column when present, else ``case_number``, else the rows sharing
one summary (a pasted request: every item comes with the same summary); a row with an empty id falls back to its
summary. A caller that sees only part of a request (a chunk of a large table) counts over the whole table with
``request_hashes`` and ``services_from_hashes`` and passes the result as the ``services_in_request`` column;
a count >= 1 there is used as given.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from imrpredict.features.items import item_facts

COLUMN = "services_in_request"
KEY_COLUMNS = ("letter_id", "case_number")
ASSOCIATED = "associated_service"


def request_key_column(columns: Sequence[str]) -> str:
    """The column whose equal values mark the rows of one request."""
    return next((c for c in KEY_COLUMNS if c in columns), "summary")


def request_hashes(X: pd.DataFrame) -> np.ndarray:
    """A 64-bit key per row; rows with the same key belong to one request (summaries compared with whitespace collapsed).

    Plain Python over the rows: on a request of a few items pandas' string methods cost ~5 ms, a loop microseconds;
    whitespace is collapsed once per distinct summary (a letter's items share one)."""
    column = request_key_column(list(X.columns))
    ids = X[column].tolist() if column != "summary" else [None] * len(X)
    collapsed: dict[object, str] = {}
    keys = []
    for rid, summary in zip(ids, X["summary"].tolist(), strict=True):
        text = "" if rid is None or (isinstance(rid, float) and rid != rid) else str(rid).strip()
        if text:
            keys.append("id:" + text)
            continue
        key = collapsed.get(summary)
        if key is None:
            key = collapsed[summary] = "summary:" + (" ".join(summary.split()) if isinstance(summary, str) else "")
        keys.append(key)
    return pd.util.hash_array(np.array(keys, dtype=object))


def own_service(items: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """1 for an item that is a service of its own (not empty, not a surgery's associated service)."""
    return np.array([bool(i.strip()) and c != ASSOCIATED for i, c in zip(items, categories, strict=True)], dtype=np.float64)


def services_from_hashes(hashes: np.ndarray, own: np.ndarray, given: np.ndarray | None = None) -> np.ndarray:
    """Services in each row's request (at least 1); ``given`` counts (>= 1) take precedence row by row."""
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.float32)
    inverse = np.unique(hashes, return_inverse=True)[1]
    out = np.maximum(1.0, np.bincount(inverse, weights=own)[inverse]).astype(np.float32)
    if given is not None:
        ok = ~np.isnan(given) & (given >= 1)
        out[ok] = given[ok]
    return out


def given_counts(X: pd.DataFrame) -> np.ndarray | None:
    """The ``services_in_request`` column as numbers (NaN where absent or not a number), or None without it."""
    if COLUMN not in X.columns:
        return None
    return pd.to_numeric(X[COLUMN], errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def services_in_request(X: pd.DataFrame, items: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """Services disputed in each row's request, counted over the rows of X (or as given in ``services_in_request``)."""
    given = given_counts(X)
    if given is not None and len(given) and (given >= 1).all():  # batch scoring counted them over the whole table
        return given.astype(np.float32)
    return services_from_hashes(request_hashes(X), own_service(items, categories), given)


def with_services_column(X: pd.DataFrame) -> pd.DataFrame:
    """X with ``services_in_request`` counted over all its rows: for callers that go on to score only some of them
    (rows that cannot be scored still count as services of their request, as in batch scoring)."""
    items = ["" if not isinstance(v, str) else v for v in X["item"].tolist()]
    return X.assign(**{COLUMN: services_in_request(X, items, [item_facts(i).category for i in items])})
