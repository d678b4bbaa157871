"""FeatureBuilder: items table -> sparse float32 matrix, as a scikit-learn transformer.

Blocks, in order (names in ``get_feature_names_out``):
  ``item_tfidf:*``     word 1-2-gram TF-IDF of the requested item
  ``summary_tfidf:*``  word n-gram TF-IDF of the clinical case summary (``summary_max_features=0`` turns it off)
  ``category=*``       the item's category (one-hot), ``item:*`` quantity, sessions, partial, retrospective
  ``flag:*``           clinical flags and numbers read from the summary (see ``flags.py``)
  ``case:*``           years since injury, age, sex, the sessions already done of the item's own therapy, and
                       the services disputed in the same request (``request.py``)

Only INPUT_COLUMNS are read; none of them exists only after the IMR decision (checked at import), so
rationale, decision, reviewer fields and reviewer guideline cannot reach the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from imrpredict.dates import injury_date_in, latest_date_in
from imrpredict.demographics import age_sex_in
from imrpredict.features.flags import FLAG_FEATURES, NUMERIC_FEATURES, find_flags, flag_values
from imrpredict.features.items import CATEGORIES, item_facts
from imrpredict.features.request import COLUMN as SERVICES_COLUMN
from imrpredict.features.request import KEY_COLUMNS as REQUEST_KEY_COLUMNS
from imrpredict.features.request import services_in_request
from imrpredict.schema import POST_DECISION_COLUMNS

REQUIRED_COLUMNS = ("item", "summary")
OPTIONAL_COLUMNS = ("partial", "date_of_injury", "date_assigned", "ur_denial_date", "application_received", "age", "sex", SERVICES_COLUMN)
# read only to tell which rows form one request (features/request.py), never as values
GROUPING_COLUMNS = REQUEST_KEY_COLUMNS
INPUT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + GROUPING_COLUMNS
assert not set(INPUT_COLUMNS) & POST_DECISION_COLUMNS, "a post-decision column is a model input"

T = TypeVar("T")
_THERAPY_OF_CATEGORY = {
    "physical_therapy": "sessions_physical_therapy",
    "chiropractic": "sessions_chiropractic",
    "acupuncture": "sessions_acupuncture",
    "psych": "sessions_psychotherapy",
}
ITEM_NUMERIC = ("item:quantity", "item:sessions", "item:partial", "item:retrospective")
CASE_NUMERIC = ("case:years_since_injury", "case:age", "case:female", "case:sessions_done_same_therapy", "case:services_in_request")
_FLAG_NAMES = tuple(f"flag:{f}" for f in (*FLAG_FEATURES, *NUMERIC_FEATURES))
_FLAG_INDEX = {f: i for i, f in enumerate((*FLAG_FEATURES, *NUMERIC_FEATURES))}


class MissingColumnsError(ValueError):
    pass


class FeatureSetError(ValueError):
    """A fitted builder whose fixed features (categories, item numbers, flags, case numbers) differ from this code's."""


def static_feature_names() -> tuple[str, ...]:
    """Names of the features that need no fitting, in column order: what this version of the code computes."""
    return (*(f"category={c}" for c in CATEGORIES), *ITEM_NUMERIC, *_FLAG_NAMES, *CASE_NUMERIC)


def check_inputs(X: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in X.columns]
    if missing:
        raise MissingColumnsError(f"items table lacks required column(s) {missing}; has {list(X.columns)}")


def text_values(series: pd.Series) -> list[str]:
    """Column values as strings, missing values as empty strings."""
    return ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in series.tolist()]


class FeatureBuilder(TransformerMixin, BaseEstimator):
    """Turn items (item text + case summary + dates + demographics) into a sparse feature matrix."""

    def __init__(
        self, item_max_features: int = 5000, summary_max_features: int = 20000, summary_min_df: int = 3, item_min_df: int = 2, ngram_max: int = 2
    ) -> None:
        self.item_max_features = item_max_features
        self.summary_max_features = summary_max_features
        self.summary_min_df = summary_min_df
        self.item_min_df = item_min_df
        self.ngram_max = ngram_max

    def _vectorizer(self, max_features: int, min_df: int, n_docs: int) -> TfidfVectorizer:
        return TfidfVectorizer(
            ngram_range=(1, self.ngram_max),
            min_df=min(min_df, max(1, n_docs // 2)),
            max_features=max_features,
            sublinear_tf=True,
            dtype=np.float32,
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9/#.-]*[a-zA-Z0-9]\b|\b\d+\b",
        )

    def fit(self, X: pd.DataFrame, y: Sequence[int] | None = None, static: sp.csr_matrix | None = None) -> FeatureBuilder:
        """Fit the vectorizers, and note a typical value for every number the training items always state.

        LightGBM sends a value it never saw missing in training down the branch of 0, so a summary with no
        date anywhere would read as an injury of 0 years (acute care: one synthetic item went from 0.099 to
        0.228). Such values get the training median instead (``fill_values_``); numbers that were missing
        in training (pain scores, drug quantities) keep the missing-value branch LightGBM learned for them.
        ``static`` may pass precomputed ``static_features(X)``.
        """
        check_inputs(X)
        items = text_values(X["item"])
        summaries = pd.unique(np.asarray(text_values(X["summary"]), dtype=object))
        self.item_vectorizer_ = self._vectorizer(self.item_max_features, self.item_min_df, len(items)).fit(items)
        self.summary_vectorizer_ = (
            self._vectorizer(self.summary_max_features, self.summary_min_df, len(summaries)).fit(summaries) if self.summary_max_features > 0 else None
        )
        summary_terms = self.summary_vectorizer_.get_feature_names_out() if self.summary_vectorizer_ is not None else []
        self.feature_names_out_ = np.array(
            [f"item_tfidf:{t}" for t in self.item_vectorizer_.get_feature_names_out()]
            + [f"summary_tfidf:{t}" for t in summary_terms]
            + list(static_feature_names()),
            dtype=object,
        )
        if static is None:
            static = static_features(X)
        dense = static.toarray()
        seen_missing = np.isnan(dense).any(axis=0)
        self.fill_values_ = np.where(seen_missing, np.nan, np.median(np.where(seen_missing, 0.0, dense), axis=0)).astype(np.float32)
        self.n_features_in_ = len(X.columns)
        return self

    def get_feature_names_out(self, input_features: Sequence[str] | None = None) -> np.ndarray:
        return self.feature_names_out_

    def flag_columns(self) -> dict[str, int]:
        """Column of each ``flag:`` feature, from the fixed block after the TF-IDF columns: reads that block's names
        only, however many TF-IDF terms the model has (0.04 ms against 0.08 ms for a scan of the default model's
        369 names; a model with summary TF-IDF has ~20,000 more)."""
        first = len(self.feature_names_out_) - len(CASE_NUMERIC) - len(_FLAG_NAMES)  # the case numbers close the block
        return {name: first + i for i, name in enumerate(_FLAG_NAMES)}

    def check_feature_set(self) -> None:
        """Raise FeatureSetError when this fitted builder's fixed features are not the ones this code computes.

        A model is tied to the flags and item rules it was trained with: after they change (a new flag, a new
        category), its trees would read shifted columns. Refuse clearly instead of failing inside LightGBM."""
        current = static_feature_names()
        fitted = tuple(str(n) for n in self.feature_names_out_[len(self.feature_names_out_) - len(current) :])
        if len(self.feature_names_out_) < len(current) or fitted != current:
            saved = {str(n) for n in self.feature_names_out_ if not str(n).startswith(("item_tfidf:", "summary_tfidf:"))}
            added, removed = sorted(set(current) - saved), sorted(saved - set(current))
            raise FeatureSetError(
                "the model was trained with another version of imrpredict's features "
                f"(this version adds {added[:5] or 'none'}{' ...' if len(added) > 5 else ''}, "
                f"drops {removed[:5] or 'none'}{' ...' if len(removed) > 5 else ''}): retrain it with `imrpredict train`"
            )

    def transform(self, X: pd.DataFrame, static: sp.csr_matrix | None = None) -> sp.csr_matrix:
        """Feature matrix for X. ``static`` may pass precomputed ``static_features(X)`` (training reuses it across folds)."""
        check_inputs(X)
        self.check_feature_set()
        item_tfidf = self._item_rows(text_values(X["item"]))
        if static is None:
            static = static_features(X)
        static = _fill_unseen_missing(static, getattr(self, "fill_values_", None))  # None: a bundle saved before fill values
        blocks = [item_tfidf]
        if self.summary_vectorizer_ is not None:
            summary_codes, unique_summaries = pd.factorize(pd.Series(text_values(X["summary"]), dtype=object), sort=False)
            blocks.append(tfidf_rows(self.summary_vectorizer_, list(unique_summaries))[summary_codes])
        return hstack_csr([*blocks, static])

    def _item_rows(self, items: list[str]) -> sp.csr_matrix:
        """TF-IDF rows of the items, each distinct item vectorised once and remembered (the same few thousand item
        texts recur across letters; a row does not depend on the other documents, so the values are the same).

        A request of 3 items spent ~1.3 ms in the vectorizer's input checks; a remembered item costs a lookup."""
        cache: dict[str, tuple[np.ndarray, np.ndarray]] | None = getattr(self, "_item_cache", None)
        if cache is None or len(cache) > _ITEM_CACHE_SIZE:
            cache = self._item_cache = {}
        new = [t for t in dict.fromkeys(items) if t not in cache]
        if new:
            rows = tfidf_rows(self.item_vectorizer_, new)
            for t, lo, hi in zip(new, rows.indptr[:-1].tolist(), rows.indptr[1:].tolist(), strict=True):
                cache[t] = (rows.indices[lo:hi].astype(np.int32), rows.data[lo:hi].astype(np.float32))
        picked = [cache[t] for t in items]
        lengths = np.fromiter((len(c[0]) for c in picked), dtype=np.int64, count=len(picked))
        indptr = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.concatenate([c[0] for c in picked]) if picked else np.zeros(0, dtype=np.int32)
        data = np.concatenate([c[1] for c in picked]) if picked else np.zeros(0, dtype=np.float32)
        return sp.csr_matrix((data, indices, indptr), shape=(len(items), len(self.item_vectorizer_.vocabulary_)))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_item_cache", None)  # a scoring-time memo, not part of the fitted model
        return state


_ITEM_CACHE_SIZE = 200_000


def tfidf_rows(vectorizer: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    """``vectorizer.transform(docs)`` (canonical CSR), computed as scikit-learn does, without its per-call input
    validation: 0.82 ms per new item text through ``transform``, 0.06 ms here (2,000 items of the default corpus).
    The same steps in the same order (its analyzer, counts in the vectorizer's dtype, log, idf, the library's own
    row L2 normalisation), so the same values to the bit (tests/model/test_builder_conventions.py); a
    configuration this does not cover (other norms, no idf, binary counts) goes to ``transform``."""
    if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.binary:
        out = sp.csr_matrix(vectorizer.transform(docs))
        out.sort_indices()
        return out
    analyze = vectorizer.build_analyzer()
    vocabulary = vectorizer.vocabulary_
    indptr = [0]
    indices: list[int] = []
    counts: list[int] = []
    for doc in docs:
        counter: dict[int, int] = {}
        for term in analyze(doc):
            j = vocabulary.get(term)
            if j is not None:
                counter[j] = counter.get(j, 0) + 1
        order = sorted(counter)
        indices += order
        counts += [counter[j] for j in order]
        indptr.append(len(indices))
    data = np.asarray(counts, dtype=vectorizer.dtype)
    if vectorizer.sublinear_tf:
        np.log(data, data)
        data += 1.0
    index_dtype = np.int32 if len(indices) < 2**31 - 1 else np.int64
    columns = np.asarray(indices, dtype=index_dtype)
    data *= vectorizer.idf_[columns]
    out = sp.csr_matrix((data, columns, np.asarray(indptr, dtype=index_dtype)), shape=(len(docs), len(vocabulary)))
    inplace_csr_row_normalize_l2(out)
    return out


def hstack_csr(blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
    """CSR blocks with the same rows, side by side, as float32: scipy's ``hstack`` result (canonical: each row's
    columns in order) without its per-call format checks, which cost ~0.7 ms on a request of a few rows."""
    n = blocks[0].shape[0]
    blocks = [b if b.has_sorted_indices else b.sorted_indices() for b in (sp.csr_matrix(b) for b in blocks)]
    counts = [np.diff(b.indptr).astype(np.int64) for b in blocks]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.sum(counts, axis=0) if n else np.zeros(0, dtype=np.int64), out=indptr[1:])
    nnz = int(indptr[-1])
    width = sum(b.shape[1] for b in blocks)
    index_dtype = np.int32 if max(nnz, width) < 2**31 - 1 else np.int64
    data = np.empty(nnz, dtype=np.float32)
    indices = np.empty(nnz, dtype=index_dtype)
    before = np.zeros(n, dtype=np.int64)  # entries of earlier blocks already placed in each row
    offset = 0
    for b, c in zip(blocks, counts, strict=True):
        if b.nnz:
            row = np.repeat(np.arange(n), c)
            pos = indptr[row] + before[row] + (np.arange(b.nnz) - b.indptr[row])
            data[pos] = b.data
            indices[pos] = b.indices + offset
        before += c
        offset += b.shape[1]
    return sp.csr_matrix((data, indices, indptr.astype(index_dtype)), shape=(n, width))


def _fill_unseen_missing(static: sp.csr_matrix, fill_values: np.ndarray | None) -> sp.csr_matrix:
    """``static`` with each missing value replaced by its column's fill value, where it has one (a copy if changed)."""
    if fill_values is None:
        return static
    missing = np.flatnonzero(np.isnan(static.data))
    if len(missing) == 0:
        return static
    values = fill_values[static.indices[missing]]
    known = ~np.isnan(values)
    if not known.any():
        return static
    static = static.copy()
    static.data[missing[known]] = values[known]
    return static


_NAT = np.datetime64("NaT", "D")


def _dates(X: pd.DataFrame, column: str) -> np.ndarray:
    """A date column as datetime64[D] (NaT where absent or unreadable); numpy, not Series: a request scores 1-3
    rows, where pandas' per-call overhead was most of the feature time."""
    if column not in X.columns:
        return np.full(len(X), _NAT)
    return pd.to_datetime(X[column], errors="coerce").to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")


def _fill(values: np.ndarray, other: np.ndarray) -> np.ndarray:
    return np.where(np.isnat(values), other, values)


def _stated(read: Callable[[str], T], need: np.ndarray, summary_codes: np.ndarray, unique_summaries: pd.Index) -> list[T | None]:
    """``read`` of each row's summary where ``need`` (None elsewhere), reading each distinct summary once."""
    found = {code: read(unique_summaries[code]) for code in np.unique(summary_codes[need])}
    return [found[code] if n else None for code, n in zip(summary_codes, need, strict=True)]


def _as_days(values: list[Any]) -> np.ndarray:
    return np.array([_NAT if v is None else np.datetime64(v, "D") for v in values], dtype="datetime64[D]")


def _years_since_injury(X: pd.DataFrame, summary_codes: np.ndarray, unique_summaries: pd.Index) -> np.ndarray:
    """Years from injury to the request: the earliest known IMR date (UR denial, application, assignment).

    A pasted summary often comes without those columns: then the injury date the summary states and its latest
    dated record (which precedes the UR decision) stand in for them. On the 130 real letters the summary's
    injury date equals the header's in 97.7% of letters and its latest date is within 6 days of the UR denial
    in 91%, so both routes give the same years.
    """
    injury = _dates(X, "date_of_injury")
    ref = np.full(len(X), _NAT)
    for col in ("ur_denial_date", "application_received", "date_assigned"):
        ref = _fill(ref, _dates(X, col))
    no_injury, from_summary = np.isnat(injury), np.isnat(ref)
    if no_injury.any():
        injury = _fill(injury, _as_days(_stated(injury_date_in, no_injury, summary_codes, unique_summaries)))
    if from_summary.any():
        ref = _fill(ref, _as_days(_stated(latest_date_in, from_summary, summary_codes, unique_summaries)))
    gap = ref - injury
    years = np.where(np.isnat(gap), np.nan, gap.astype(np.int64)) / 365.25
    # A reference before the injury is a misread date; a summary whose latest date is the injury itself
    # dates no later record, so the time to the request is unknown rather than 0.
    years[(years < 0) | (from_summary & (years <= 0))] = np.nan
    return years.astype(np.float32)


def _age_and_female(X: pd.DataFrame, summary_codes: np.ndarray, unique_summaries: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Age and female (1/0) from their columns; where a column is absent or empty, from the summary's opening."""
    n = len(X)
    age = np.full(n, np.nan, dtype=np.float32)
    if "age" in X.columns:
        age = pd.to_numeric(X["age"], errors="coerce").to_numpy(dtype=np.float32, na_value=np.nan)
    female = np.full(n, np.nan, dtype=np.float32)
    if "sex" in X.columns:
        sex = X["sex"].astype("string").str.upper().str[:1]
        female = np.where(sex == "F", 1.0, np.where(sex == "M", 0.0, np.nan)).astype(np.float32)
    need = np.isnan(age) | np.isnan(female)
    if need.any():
        stated = _stated(age_sex_in, need, summary_codes, unique_summaries)
        for i in np.flatnonzero(need):
            a, s = stated[i]
            if np.isnan(age[i]) and a is not None:
                age[i] = a
            if np.isnan(female[i]) and s is not None:
                female[i] = 1.0 if s == "F" else 0.0
    return age, female


def static_features(X: pd.DataFrame) -> sp.csr_matrix:
    """The features that need no fitting: category, item numbers, clinical flags and case numbers.

    Flags are computed once per distinct summary (items of a letter share one) in a single regex pass each.
    """
    check_inputs(X)
    n = len(X)
    items = text_values(X["item"])
    summary_codes, unique_summaries = pd.factorize(pd.Series(text_values(X["summary"]), dtype=object), sort=False)
    flags_unique = np.full((len(unique_summaries), len(_FLAG_INDEX)), np.nan, dtype=np.float32)
    flags_unique[:, : len(FLAG_FEATURES)] = 0.0
    for row, text in enumerate(unique_summaries):
        for name, value in flag_values(find_flags(text)).items():
            col = _FLAG_INDEX.get(name)
            if col is not None:
                flags_unique[row, col] = value
    flags = flags_unique[summary_codes]
    cat_idx = np.empty(n, dtype=np.int32)
    item_categories: list[str] = []
    dense = np.full((n, len(ITEM_NUMERIC) + len(CASE_NUMERIC)), np.nan, dtype=np.float32)
    partial = X["partial"].to_numpy() if "partial" in X.columns else np.zeros(n, dtype=bool)
    for i, text in enumerate(items):
        facts = item_facts(text)
        item_categories.append(facts.category)
        cat_idx[i] = CATEGORIES.index(facts.category)
        dense[i, 0], dense[i, 1] = facts.quantity, facts.sessions
        dense[i, 2] = 1.0 if partial[i] is True or partial[i] == 1 else 0.0
        dense[i, 3] = float(facts.retrospective)
        therapy = _THERAPY_OF_CATEGORY.get(facts.category)
        if therapy is not None:
            dense[i, 7] = flags[i, _FLAG_INDEX[therapy]]
    dense[:, 4] = _years_since_injury(X, summary_codes, unique_summaries)
    dense[:, 5], dense[:, 6] = _age_and_female(X, summary_codes, unique_summaries)
    dense[:, 8] = services_in_request(X, items, item_categories)
    categories = np.zeros((n, len(CATEGORIES)), dtype=np.float32)
    categories[np.arange(n), cat_idx] = 1.0
    # one dense block, then CSR once: zeros are absent, NaN (unknown) stays an explicit value, as LightGBM reads it
    return sp.csr_matrix(np.hstack([categories, dense[:, :4], flags, dense[:, 4:]]), dtype=np.float32)
