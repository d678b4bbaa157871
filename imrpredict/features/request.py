"""How many services one request disputes: the context a letter's items share.

An IMR application disputes one or more services at once; a surgery's associated services (clearance, post-op
therapy, a cold unit...) belong to the surgery's service. On the tuning letters, services disputed in a string
were upheld far more often than a service disputed alone (training/context_signals.py), so the count is a model
input, known before the decision.

Which rows form one request: the ``letter_id`` column when present, else ``case_number``, else the rows sharing
one summary (a pasted request: every item comes with the same summary); a row with an empty id falls back to its
summary. A caller that sees only part of a request (a chunk of a large table) counts over the whole table with
``request_hashes`` and ``services_from_keys`` and passes the result as the ``services_in_request`` column;
a count >= 1 there is used as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from imrpredict.features.items import item_facts

COLUMN = "services_in_request"
KEY_COLUMNS = ("letter_id", "case_number")
ASSOCIATED = "associated_service"


def request_key_column(columns: Sequence[str]) -> str:
    """The column whose equal values mark the rows of one request."""
    return next((c for c in KEY_COLUMNS if c in columns), "summary")


Rows = pd.DataFrame | Mapping[str, Sequence[Any]]  # a table, or its columns as lists (a request of a few rows)


def _column(X: Rows, name: str) -> list[Any]:
    return X[name].tolist() if isinstance(X, pd.DataFrame) else list(X[name])


def request_id(value: object) -> str:
    """A row's request id as text; "" when missing or blank (the row then falls back to its summary)."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else str(value).strip()


def request_keys(X: Rows) -> list[str]:
    """A key per row; rows with the same key belong to one request (summaries compared with whitespace collapsed).

    Plain Python over the rows: on a request of a few items pandas' string methods cost ~5 ms, a loop microseconds;
    whitespace is collapsed once per distinct summary (a letter's items share one)."""
    column = request_key_column(list(X.keys()))
    summaries = _column(X, "summary")
    ids = _column(X, column) if column != "summary" else [None] * len(summaries)
    collapsed: dict[object, str] = {}
    keys = []
    for rid, summary in zip(ids, summaries, strict=True):
        text = request_id(rid)
        if text:
            keys.append("id:" + text)
            continue
        key = collapsed.get(summary)
        if key is None:
            key = collapsed[summary] = "summary:" + (" ".join(summary.split()) if isinstance(summary, str) else "")
        keys.append(key)
    return keys


def request_hashes(X: pd.DataFrame) -> np.ndarray:
    """``request_keys`` as 64-bit hashes: what a caller counting over a table chunk by chunk keeps in memory."""
    return pd.util.hash_array(np.array(request_keys(X), dtype=object))


def own_service(items: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """1 for an item that is a service of its own (not empty, not a surgery's associated service)."""
    return np.array([bool(i.strip()) and c != ASSOCIATED for i, c in zip(items, categories, strict=True)], dtype=np.float64)


def services_from_keys(keys: Sequence[object] | np.ndarray, own: np.ndarray, given: np.ndarray | None = None) -> np.ndarray:
    """Services in each row's request (at least 1), rows grouped by equal ``keys`` (``request_keys`` or their
    hashes); ``given`` counts (>= 1) take precedence row by row."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.float32)
    codes: dict[object, int] = {}
    listed = keys.tolist() if isinstance(keys, np.ndarray) else keys
    inverse = np.fromiter((codes.setdefault(k, len(codes)) for k in listed), dtype=np.int64, count=len(listed))
    out = np.maximum(1.0, np.bincount(inverse, weights=own)[inverse]).astype(np.float32)
    if given is not None:
        ok = ~np.isnan(given) & (given >= 1)
        out[ok] = given[ok]
    return out


def given_counts(X: Rows) -> np.ndarray | None:
    """The ``services_in_request`` column as numbers (NaN where absent or not a number), or None without it."""
    if COLUMN not in X:
        return None
    values = X[COLUMN] if isinstance(X, pd.DataFrame) else pd.Series(list(X[COLUMN]), dtype=object)
    if values.dtype.kind == "f":  # already numbers
        return values.to_numpy(dtype=np.float64)
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def services_in_request(X: Rows, items: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """Services disputed in each row's request, counted over the rows of X (or as given in ``services_in_request``)."""
    given = given_counts(X)
    if given is not None and len(given) and (given >= 1).all():  # batch scoring counted them over the whole table
        return given.astype(np.float32)
    return services_from_keys(request_keys(X), own_service(items, categories), given)


def services_over_rows(X: Rows) -> np.ndarray:
    """Services in each row's request counted over all rows of X: for callers that go on to score only some of them
    (rows that cannot be scored still count as services of their request, as in batch scoring)."""
    items = ["" if not isinstance(v, str) else v for v in _column(X, "item")]
    return services_in_request(X, items, [item_facts(i).category for i in items])
