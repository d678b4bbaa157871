"""FeatureBuilder follows scikit-learn conventions and produces the documented blocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from imrpredict.features.builder import FeatureBuilder, FeatureSetError, MissingColumnsError


def test_init_does_no_work_and_clone_keeps_params() -> None:
    b = FeatureBuilder(item_max_features=7, summary_max_features=0)
    assert not hasattr(b, "item_vectorizer_")
    assert clone(b).get_params() == b.get_params()


def test_output_is_float32_csr_with_a_name_per_column(synth_items: pd.DataFrame) -> None:
    b = FeatureBuilder(summary_max_features=50).fit(synth_items)
    X = b.transform(synth_items.head(50))
    assert sp.isspmatrix_csr(X) and X.dtype == np.float32
    names = b.get_feature_names_out()
    assert X.shape == (50, len(names)) and len(set(names)) == len(names)
    prefixes = {n.split(":")[0].split("=")[0] for n in names}
    assert prefixes == {"item_tfidf", "summary_tfidf", "category", "item", "flag", "case"}


def test_flag_columns_match_the_summary(synth_items: pd.DataFrame) -> None:
    b = FeatureBuilder().fit(synth_items)
    names = list(b.get_feature_names_out())
    row = pd.DataFrame(
        {
            "item": ["Norco 10/325mg #90"],
            "summary": ["He is not working. A urine drug screen was consistent."],
            "date_of_injury": [pd.Timestamp("2010-01-01")],
            "ur_denial_date": [pd.Timestamp("2016-01-01")],
            "age": [50],
            "sex": ["F"],
        }
    )
    x = b.transform(row).toarray()[0]
    assert x[names.index("category=opioid")] == 1.0
    assert x[names.index("flag:off_work")] == 1.0
    assert x[names.index("flag:drug_screen_consistent")] == 1.0
    assert x[names.index("flag:functional_improvement")] == 0.0
    assert x[names.index("item:quantity")] == 90.0
    assert abs(x[names.index("case:years_since_injury")] - 6.0) < 0.01
    assert x[names.index("case:female")] == 1.0


def test_missing_required_column_is_named(synth_items: pd.DataFrame) -> None:
    with pytest.raises(MissingColumnsError, match="summary"):
        FeatureBuilder().fit(synth_items.drop(columns=["summary"]))


def _years(b: FeatureBuilder, rows: pd.DataFrame) -> np.ndarray:
    return b.transform(rows).toarray()[:, list(b.get_feature_names_out()).index("case:years_since_injury")]


def test_pasted_summary_without_date_columns_reads_its_dates(synth_items: pd.DataFrame) -> None:
    b = FeatureBuilder().fit(synth_items)
    summary = "A 50-year-old female injured at work on 01/15/2010. Seen on 01/14/2016 for neck pain. Pain is 6/10."
    pasted = pd.DataFrame({"item": ["Norco 10/325mg #90"], "summary": [summary]})
    with_columns = pasted.assign(date_of_injury=[pd.Timestamp("2010-01-15")], ur_denial_date=[pd.Timestamp("2016-01-15")])
    assert abs(_years(b, with_columns)[0] - 6.0) < 0.01
    assert abs(_years(b, pasted)[0] - 6.0) < 0.01


def test_a_number_never_missing_in_training_gets_the_training_median_not_zero(synth_items: pd.DataFrame) -> None:
    b = FeatureBuilder().fit(synth_items)
    names = list(b.get_feature_names_out())
    static_at = names.index("category=" + "associated_service")
    trained_years = b.transform(synth_items).toarray()[:, names.index("case:years_since_injury")]
    assert not np.isnan(trained_years).any()
    median = float(np.median(trained_years))
    assert median > 1.0  # so the old behaviour (LightGBM reading NaN as 0 years) would differ
    assert b.fill_values_[names.index("case:years_since_injury") - static_at] == pytest.approx(median)
    undated = pd.DataFrame({"item": ["Norco 10/325mg #90"], "summary": ["No dates are written in this summary. Pain is 6/10."]})
    assert _years(b, undated)[0] == pytest.approx(median)
    # Pain scores were unstated in many training summaries: they keep LightGBM's learned missing branch.
    no_pain = pd.DataFrame({"item": ["Norco 10/325mg #90"], "summary": ["No pain score is written here."]})
    assert np.isnan(b.fill_values_[names.index("flag:pain_max") - static_at])
    assert np.isnan(b.transform(no_pain).toarray()[0, names.index("flag:pain_max")])


def test_a_builder_fitted_with_other_flags_is_refused_by_name(synth_items: pd.DataFrame) -> None:
    """A model trained before a flag was added (or after one was dropped) must not read shifted columns."""
    b = FeatureBuilder().fit(synth_items.head(200))
    b.transform(synth_items.head(3))  # the current feature set passes
    names = list(b.get_feature_names_out())
    old = [n for n in names if n != "flag:tapering"] + ["flag:retired_flag"]
    b.feature_names_out_ = np.array(old, dtype=object)
    with pytest.raises(FeatureSetError, match=r"adds \['flag:tapering'\], drops \['flag:retired_flag'\].*retrain"):
        b.transform(synth_items.head(3))


@pytest.mark.parametrize("sublinear", [True, False])
def test_tfidf_rows_equal_scikit_learns_transform_to_the_bit(synth_items: pd.DataFrame, sublinear: bool) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from imrpredict.features.builder import tfidf_rows

    summaries = synth_items["summary"].drop_duplicates().tolist()
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=sublinear, dtype=np.float32).fit(summaries[::2])
    docs = [*summaries[1::2], "", "zzz qqq", "Norco 10/325mg #120 Norco Norco"]  # unseen, empty, out of vocabulary
    ours, theirs = tfidf_rows(vec, docs), sp.csr_matrix(vec.transform(docs))
    theirs.sort_indices()
    assert ours.dtype == theirs.dtype == np.float32 and ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)  # bit for bit, not approximately
    one = tfidf_rows(vec, docs[:1])
    assert np.array_equal(one.data, ours[0].data)  # a row does not depend on the other documents
    assert ours[len(docs) - 3].nnz == 0 and ours[len(docs) - 2].nnz == 0
