"""FeatureBuilder follows scikit-learn conventions and produces the documented blocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.base import clone

from imrpredict.features.builder import FeatureBuilder, MissingColumnsError


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
