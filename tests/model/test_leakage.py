"""Leakage: nothing that exists only after the IMR decision can change a feature or a prediction."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import clone

from imrpredict.features.builder import INPUT_COLUMNS, FeatureBuilder
from imrpredict.modeling.train import train_model
from imrpredict.schema import POST_DECISION_COLUMNS


def _same(a, b) -> bool:
    """Exact equality of two CSR matrices, NaN (missing) equal to NaN."""
    a, b = a.tocsr(), b.tocsr()
    a.sort_indices()
    b.sort_indices()
    return (
        a.shape == b.shape
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data, equal_nan=True)
    )


def _tamper_post_decision(items: pd.DataFrame) -> pd.DataFrame:
    """Rewrite every post-decision column so that it shouts the opposite outcome."""
    out = items.copy()
    flipped = np.where(out["decision"] == "Upheld", "Overturned", "Upheld")
    out["decision"] = flipped
    out["rationale"] = [f"The request is {'' if d == 'Overturned' else 'not '}medically necessary. Decision: {d}." for d in flipped]
    out["reviewer_guideline"] = "Reviewer guideline text that only exists after the decision"
    out["reviewer_licensure"] = "Nowhere"
    out["reviewer_specialty"] = "Leakage Studies"
    out["decision_date"] = pd.Timestamp("2030-01-01").date()
    return out


def test_the_equality_check_can_fail(synth_items: pd.DataFrame) -> None:
    builder = FeatureBuilder().fit(synth_items)
    changed = synth_items.copy()
    changed.loc[0, "summary"] = changed.loc[0, "summary"] + " He is not working."
    assert not _same(builder.transform(synth_items), builder.transform(changed))


def test_no_model_input_is_a_post_decision_column() -> None:
    assert set(INPUT_COLUMNS).isdisjoint(POST_DECISION_COLUMNS)
    assert {"decision", "rationale", "reviewer_guideline", "reviewer_licensure", "reviewer_specialty"} <= POST_DECISION_COLUMNS


def test_post_decision_columns_change_no_feature_value(synth_items: pd.DataFrame) -> None:
    tampered = _tamper_post_decision(synth_items)
    builder = FeatureBuilder().fit(synth_items)
    a, b = builder.transform(synth_items), builder.transform(tampered)
    assert _same(a, b)
    refit = clone(builder).fit(tampered)
    assert list(refit.get_feature_names_out()) == list(builder.get_feature_names_out())
    assert _same(refit.transform(tampered), a)


def test_dropping_post_decision_columns_changes_no_prediction(synth_items: pd.DataFrame, fast_config: dict) -> None:
    model = train_model(synth_items, fast_config).model
    full = model.predict_proba(synth_items)
    pre_only = model.predict_proba(synth_items.drop(columns=sorted(POST_DECISION_COLUMNS)))
    tampered = model.predict_proba(_tamper_post_decision(synth_items))
    np.testing.assert_array_equal(full, pre_only)
    np.testing.assert_array_equal(full, tampered)


def test_shuffled_labels_give_chance_auc(synth_items: pd.DataFrame, fast_config: dict) -> None:
    shuffled = synth_items.copy()
    shuffled["decision"] = np.random.default_rng(7).permutation(shuffled["decision"].to_numpy())
    result = train_model(shuffled, fast_config)
    assert abs(result.metrics["cv_roc_auc"] - 0.5) <= 0.07, result.metrics["cv_roc_auc"]


def test_real_labels_beat_chance_clearly(synth_items: pd.DataFrame, fast_config: dict) -> None:
    result = train_model(synth_items, fast_config)
    assert result.metrics["cv_roc_auc"] > 0.57  # above the shuffled-label band of the test above (0.5 +/- 0.07)


def _letters_as_items(seed: int, n: int, layout: str) -> pd.DataFrame:
    from imrpredict.dataset import letter_items
    from imrpredict.letters.parse import parse_letter
    from imrpredict.synth.corpus import offset_for, synth_letter

    off = offset_for(0.11)
    rows = [r.as_dict() for i in range(n) for r in letter_items(parse_letter(synth_letter(seed, i, off, layout).text), f"{layout}-{i}")]
    return pd.DataFrame(rows)


def test_the_letter_layout_changes_no_feature_but_the_partial_flag() -> None:
    """The same cases written in the 2016 layout and in the 2013 notice (decisions before the summary)
    give the same features, except that the notice cannot say an item was partly authorized."""
    dwc = _letters_as_items(31, 120, "dwc-2016")
    notice = _letters_as_items(31, 120, "maximus-notice-2013")
    assert len(dwc) == len(notice) and (dwc["summary"] == notice["summary"]).all()
    assert dwc["partial"].any() and not notice["partial"].any()
    builder = FeatureBuilder().fit(dwc)
    assert not _same(builder.transform(dwc), builder.transform(notice))
    notice["partial"] = dwc["partial"].to_numpy()
    assert _same(builder.transform(dwc), builder.transform(notice))


def test_letter_ids_only_say_which_rows_form_one_request(synth_items: pd.DataFrame) -> None:
    """The ids are read to group a request's items, never as values: renaming every letter changes no feature,
    and without ids the rows of a letter still form one request through their shared summary."""
    builder = FeatureBuilder().fit(synth_items)
    base = builder.transform(synth_items)
    rng = np.random.default_rng(3)
    letters = synth_items["letter_id"].unique()
    new_names = dict(zip(letters, rng.permutation([f"L{i:06d}" for i in range(len(letters))]), strict=True))
    renamed = synth_items.assign(letter_id=synth_items["letter_id"].map(new_names), case_number=synth_items["letter_id"].map(new_names))
    assert _same(builder.transform(renamed), base)
    assert _same(builder.transform(synth_items.drop(columns=["letter_id", "case_number"])), base)
    merged = synth_items.assign(letter_id="one letter", case_number="one letter")
    assert not _same(builder.transform(merged), base)  # the check can fail: one request of everything differs
