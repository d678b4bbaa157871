"""Services disputed together: which rows form one request and how its services are counted."""

from __future__ import annotations

import numpy as np
import pandas as pd

from imrpredict.features.items import item_facts
from imrpredict.features.request import services_in_request

SUMMARY = "The worker, a 50-year-old carpenter, hurt the right shoulder lifting beams. Rotator cuff tear on MRI."


def _count(df: pd.DataFrame) -> list[float]:
    items = df["item"].fillna("").tolist()
    return services_in_request(df, items, [item_facts(i).category for i in items]).tolist()


def test_a_pasted_request_counts_its_items_and_a_surgery_brings_its_services_along() -> None:
    drugs = pd.DataFrame({"item": ["Norco 10/325mg #90", "Flexeril 10mg #60", "Lidoderm patch 5% #30"], "summary": SUMMARY})
    assert _count(drugs) == [3.0, 3.0, 3.0]
    surgery = pd.DataFrame(
        {
            "item": [
                "Right shoulder arthroscopy with rotator cuff repair",
                "Associated surgical service: cold therapy unit",
                "Associated surgical service: sling",
            ],
            "summary": SUMMARY,
        }
    )
    assert [item_facts(i).category for i in surgery["item"]] == ["surgery", "associated_service", "associated_service"]
    assert _count(surgery) == [1.0, 1.0, 1.0]  # one service: the surgery and what it needs
    alone = pd.DataFrame({"item": ["MRI of the right shoulder"], "summary": SUMMARY})
    assert _count(alone) == [1.0]


def test_letter_ids_group_rows_and_an_empty_id_falls_back_to_the_summary() -> None:
    df = pd.DataFrame(
        {
            "letter_id": ["A", "A", "B", None, ""],
            "item": ["MRI of the lumbar spine", "EMG of both legs", "Naproxen 500mg #60", "Tramadol 50mg #60", "Physical therapy x6"],
            "summary": [SUMMARY, SUMMARY, SUMMARY, "Another  worker.", "Another worker."],
        }
    )
    # A: two services; B: one; the two rows without an id share a summary (whitespace aside): one request of two
    assert _count(df) == [2.0, 2.0, 1.0, 2.0, 2.0]
    by_case = df.drop(columns="letter_id").assign(case_number=["C1", "C2", "C2", "C3", "C3"])
    assert _count(by_case) == [1.0, 2.0, 2.0, 2.0, 2.0]


def test_a_given_count_wins_where_it_is_a_count() -> None:
    df = pd.DataFrame({"item": ["Naproxen 500mg #60", "Tramadol 50mg #60", "MRI"], "summary": SUMMARY, "services_in_request": [5, "n/a", 0]})
    assert _count(df) == [5.0, 3.0, 3.0]


def test_empty_items_are_not_services() -> None:
    df = pd.DataFrame({"item": ["Naproxen 500mg #60", "", None], "summary": SUMMARY})
    assert _count(df) == [1.0, 1.0, 1.0]
    assert np.isfinite(_count(df)).all()


def test_a_missing_id_of_any_kind_falls_back_to_the_summary() -> None:
    from imrpredict.features.request import request_id

    assert [request_id(v) for v in (None, float("nan"), pd.NA, "  ", " A1 ", 12)] == ["", "", "", "", "A1", "12"]
    df = pd.DataFrame(
        {
            "letter_id": pd.array([7, None, None], dtype="Int64"),
            "item": ["MRI", "EMG", "Naproxen 500mg #60"],
            "summary": [SUMMARY, SUMMARY, "Another worker."],
        }
    )
    assert _count(df) == [1.0, 1.0, 1.0]  # the id-less rows are told apart by their summaries, not grouped as "<NA>"
