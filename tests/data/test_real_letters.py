"""Real DWC letters in ../shared: every letter, every item, every decision must come out exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from imrpredict.dataset import ingest, read_letter_file
from imrpredict.letters.read import read_letter_text
from imrpredict.tables import read_table


def _labels(letters_dir: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with open(letters_dir / "labels.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["case_number"], []).append(row)
    return out


@pytest.fixture(scope="module")
def real_items(letters_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("real") / "items.parquet"
    summary = ingest([letters_dir / "pdf"], out, workers=2)
    return summary, read_table(out)


def test_all_130_letters_parse(real_items) -> None:
    summary, df = real_items
    assert summary.files == 130
    assert summary.failed == []
    assert summary.letters == 130
    assert len(df) == 267


def test_items_order_and_decisions_equal_labels(real_items, letters_dir: Path) -> None:
    _, df = real_items
    labels = _labels(letters_dir)
    assert set(df["case_number"]) == set(labels)
    mismatches = []
    for case, rows in labels.items():
        got = df[df["case_number"] == case].sort_values("item_no")
        want = [(int(r["item_no"]), " ".join(r["item"].split()), r["decision"]) for r in rows]
        have = list(zip(got["item_no"].astype(int), got["item_heading"], got["decision"], strict=True))
        if have != want:
            mismatches.append((case, have, want))
    assert mismatches == []
    assert (df["decision"] == "Overturned").sum() == 32


def test_header_and_reviewer_fields_filled_for_every_letter(real_items) -> None:
    _, df = real_items
    for col in ["date_assigned", "date_of_injury", "decision_date", "ur_denial_date", "application_received",
                "priority", "reviewer_licensure", "reviewer_specialty", "summary", "rationale",
                "claims_admin_guideline", "reviewer_guideline"]:
        missing = df.loc[df[col].isna() | (df[col].astype(str) == ""), "case_number"].unique().tolist()
        assert missing == [], f"{col} missing for {missing}"
    assert (df["decision_date"] >= df["date_assigned"]).all()
    assert df["layout"].eq("dwc-2016").all()


def test_partial_items_split_into_original_authorized_and_remaining(real_items, letters_dir: Path) -> None:
    _, df = real_items
    partial = df[df["partial"]]
    label_partials = sum(1 for rows in _labels(letters_dir).values() for r in rows if "original request" in r["item"])
    assert len(partial) == label_partials
    assert partial["original_request"].notna().all()
    assert partial["authorized_portion"].notna().all()
    # the disputed portion is never the whole "was the original request" sentence
    assert not partial["item"].str.contains("original request", case=False).any()


def test_pdf_text_needs_no_page_footer_cleanup(letters_dir: Path) -> None:
    text = read_letter_text(next((letters_dir / "pdf").glob("*.pdf")))
    assert "CLINICAL CASE SUMMARY" in text


def test_seed_000_norco_overturned_xanax_upheld(seeds_dir: Path) -> None:
    items = read_letter_file(next(seeds_dir.glob("000_*.txt")))
    assert [(i.item, i.decision) for i in items] == [
        ("Norco 10/325mg quantity 120", "Overturned"), ("Xanax 1mg quantity 30", "Upheld")]
    first = items[0]
    assert first.summary.startswith("The injured worker is a 50-year-old female")
    assert str(first.date_of_injury) == "2005-06-09"
    assert (first.age, first.sex) == (50, "F")
    assert first.reviewer_licensure == "California"
    assert first.reviewer_specialty == "Physical Medicine & Rehabilitation, Pain Management"


def test_seed_001_norco_upheld(seeds_dir: Path) -> None:
    items = read_letter_file(next(seeds_dir.glob("001_*.txt")))
    assert [(i.item, i.decision) for i in items] == [("Norco 7.5/3.25mg quantity 60", "Upheld")]
    assert str(items[0].date_of_injury) == "2003-04-11"
    assert items[0].sex == "M"
    assert items[0].reviewer_licensure == "Texas, New York, California"
    assert "Preventive Medicine" in (items[0].reviewer_specialty or "")
    assert "9792.20 - 9792.26" in (items[0].reviewer_guideline or "")  # "?" restored to a dash


def test_summaries_never_contain_the_decision_section(real_items) -> None:
    _, df = real_items
    for marker in ("IMR ISSUES", "Decision rationale", "MAXIMUS guideline", ": Upheld", ": Overturned"):
        assert not df["summary"].str.contains(marker, regex=False).any(), marker


def test_grouped_cv_on_real_letters_runs_with_baselines(real_items) -> None:
    from imrpredict.evaluation.evaluate import cross_validate
    from imrpredict.modeling.config import DEFAULT_CONFIG, load_config

    _, df = real_items
    ev = cross_validate(df, load_config(DEFAULT_CONFIG.parent / "small-data.yaml"), folds=5, repeats=1, reps=200)
    out = ev.to_json()
    assert (out["n_items"], out["n_letters"]) == (267, 130)
    assert abs(out["base_rate"] - 32 / 267) < 1e-9
    assert set(out["metrics"]) == {"model", "category prior", "TF-IDF + logistic regression"}
    for metrics in out["metrics"].values():
        roc = metrics["roc_auc"]
        assert 0.0 < roc["ci_low"] <= roc["value"] <= roc["ci_high"] < 1.0
