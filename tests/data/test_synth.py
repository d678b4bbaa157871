"""Synthetic corpus: determinism, realistic mix, documented outcome model, and the ingest round trip."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from imrpredict.dataset import ingest
from imrpredict.synth.corpus import offset_for, synth_letter, write_corpus
from imrpredict.tables import read_table

DRUGS = {"opioid", "muscle_relaxant", "topical", "nsaid", "benzodiazepine", "sleep_aid", "anticonvulsant", "other_drug"}


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    out = tmp_path_factory.mktemp("synth")
    summary = write_corpus(out, 2000, seed=11, workers=2)
    assert summary.letters == 2000
    return out, pd.read_csv(out / "truth.csv")


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_same_seed_same_bytes_whatever_the_workers(tmp_path: Path, fmt: str) -> None:
    write_corpus(tmp_path / "a", 120, seed=3, fmt=fmt, workers=1)
    write_corpus(tmp_path / "b", 120, seed=3, fmt=fmt, workers=2)
    write_corpus(tmp_path / "c", 120, seed=4, fmt=fmt, workers=1)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_realistic_mix(corpus: tuple[Path, pd.DataFrame]) -> None:
    _, truth = corpus
    per_letter = truth.groupby("case_number").size()
    assert per_letter.min() == 1 and per_letter.max() <= 10
    assert 0.55 <= (per_letter == 1).mean() <= 0.65
    drug_share = truth["category"].isin(DRUGS).mean()
    assert 0.36 <= drug_share <= 0.48  # published 47.9% of decisions (CWCI 2016), diluted by surgery bundles' services
    assert truth["partial"].mean() > 0.02
    assert set(truth["category"]) >= DRUGS | {"physical_therapy", "chiropractic", "acupuncture", "imaging", "emg_ncs",
                                              "injection", "surgery", "associated_service", "dme", "home_care",
                                              "consultation", "psych"}
    # every surgery arrives with at least one associated service in its letter
    surg = truth[truth["category"] == "surgery"]["case_number"]
    assoc = set(truth[truth["category"] == "associated_service"]["case_number"])
    assert set(surg) <= assoc


def test_overturn_rate_and_calibration_of_truth(corpus: tuple[Path, pd.DataFrame]) -> None:
    _, truth = corpus
    rate = (truth["decision"] == "Overturned").mean()
    assert 0.07 <= rate <= 0.11  # CWCI 2016-2017: 8.8%
    # the decisions are draws from true_probability: per decile, observed rate ~ mean probability
    truth["bin"] = pd.qcut(truth["true_probability"], 5, labels=False, duplicates="drop")
    table = truth.groupby("bin").agg(p=("true_probability", "mean"), y=("decision", lambda d: (d == "Overturned").mean()))
    assert (table["p"] - table["y"]).abs().max() < 0.05


def test_category_rates_follow_the_published_figures(corpus: tuple[Path, pd.DataFrame]) -> None:
    from imrpredict.synth.published import CATEGORY_OVERTURN

    _, truth = corpus
    means = truth.groupby("category")["true_probability"].mean()
    # injections lowest (95.9% upheld), E&M and psych highest (23.1%, 17.5% overturned), opioids 8.9%
    assert means["injection"] < means["opioid"] < means["psych"] < means["consultation"]
    for cat in ("opioid", "physical_therapy", "injection", "consultation"):
        assert abs(means[cat] - 0.088 / 0.10 * CATEGORY_OVERTURN[cat].value) < 0.04, (cat, means[cat])


def test_overturn_rate_is_configurable(tmp_path: Path) -> None:
    s = write_corpus(tmp_path, 1500, seed=2, overturn_rate=0.3, workers=2)
    assert 0.27 <= s.overturn_rate <= 0.33


def test_outcome_follows_documented_drivers(corpus: tuple[Path, pd.DataFrame]) -> None:
    _, t = corpus
    op = t[t["category"] == "opioid"]
    assert op.loc[op["function_improved"] == True, "true_probability"].mean() > 2 * op.loc[op["function_improved"] == False, "true_probability"].mean()  # noqa: E712
    assert op.loc[op["drug_screen"] == "aberrant", "true_probability"].mean() < op.loc[op["drug_screen"] == "consistent", "true_probability"].mean()
    img = t[t["category"] == "imaging"]
    assert img.loc[img["red_flags"] == True, "true_probability"].mean() > 3 * img.loc[img["red_flags"] == False, "true_probability"].mean()  # noqa: E712


def test_no_single_sentence_gives_the_label_away(corpus: tuple[Path, pd.DataFrame]) -> None:
    """Among summary sentences seen in >= 40 letters, none has an overturn rate above 45%."""
    out, truth = corpus
    letter_rate = truth.groupby("case_number")["decision"].apply(lambda d: (d == "Overturned").mean())
    counts: Counter[str] = Counter()
    overturned: Counter[str] = Counter()
    for case, rate in letter_rate.items():
        text = (out / "letters" / f"{case}.txt").read_text()
        summary = text.split("CLINICAL CASE SUMMARY", 1)[1].split("IMR ISSUES", 1)[0]
        sentences = {re.sub(r"\d+", "N", s.strip()) for s in " ".join(summary.split()).split(". ")}
        for s in sentences:
            counts[s] += 1
            overturned[s] += rate
    common = {s: overturned[s] / n for s, n in counts.items() if n >= 40}
    assert len(common) > 50
    assert max(common.values()) < 0.45, max(common.items(), key=lambda kv: kv[1])


@pytest.mark.parametrize(("fmt", "letters", "layout"), [("txt", 400, "dwc-2016"), ("txt", 400, "mixed"), ("pdf", 80, "mixed")])
def test_round_trip_through_ingest(tmp_path: Path, fmt: str, letters: int, layout: str) -> None:
    """Every item comes back with its decision, in both layouts; in the 2013 notice, whose decisions precede
    the summary, no decision text reaches the summary."""
    write_corpus(tmp_path, letters, seed=21, fmt=fmt, workers=2, layout=layout)
    summary = ingest([tmp_path / "letters"], tmp_path / "items.parquet", workers=2)
    assert summary.failed == []
    items = read_table(tmp_path / "items.parquet")
    truth = pd.read_csv(tmp_path / "truth.csv")
    merged = items.merge(truth, on=["case_number", "item_no"], how="outer", suffixes=("", "_true"), indicator=True)
    assert (merged["_merge"] == "both").all()
    assert len(merged) == len(truth)
    assert (merged["decision"] == merged["decision_true"]).all()
    assert (merged["item"] == merged["item_true"]).all()
    assert items["date_of_injury"].notna().all() and items["summary"].str.len().min() > 200
    assert items["ur_denial_date"].notna().all() and items["reviewer_specialty"].notna().all()
    notice = merged["layout"] == "maximus-notice-2013"
    assert notice.any() == (layout == "mixed")
    if letters >= 400 and layout == "mixed":
        assert 0.15 < notice.mean() < 0.35
    dwc = merged[~notice]
    assert (dwc["partial"] == dwc["partial_true"]).all()
    assert not merged.loc[notice, "partial"].any()  # the notice has no partial-authorization heading
    for text in merged.loc[notice, "summary"]:
        assert "medically necessary" not in text and "Final Determination" not in text and '"' not in text


def test_dwc_layout_text_does_not_depend_on_the_layout_option() -> None:
    """The default corpus stays byte-identical: the mixed layout draws from its own random stream."""
    off = offset_for(0.11)
    for i in range(30):
        letter = synth_letter(5, i, off, "mixed")
        if "IMR ISSUES, DECISIONS AND RATIONALES" in letter.text:
            assert letter == synth_letter(5, i, off)
        else:
            assert letter.truth == synth_letter(5, i, off).truth
    with pytest.raises(ValueError, match="layout must be"):
        synth_letter(5, 0, off, "no-such-layout")


def test_letter_is_reproducible_alone() -> None:
    off = offset_for(0.11)
    assert synth_letter(9, 1234, off) == synth_letter(9, 1234, off)
    assert synth_letter(9, 1234, off).text != synth_letter(9, 1235, off).text


def test_summary_states_each_fact_as_set_and_reads_back() -> None:
    """The summary opens with the worker's age, sex and date of injury as the readers find them, and states a fact
    only as its value says: absences of radicular signs or neuropathic pain only when there are none, a planned
    surgery (a surgical lesion) only when the case has one, and the fact the outcome weighs whenever it is set."""
    import random

    from imrpredict.dates import injury_date_in
    from imrpredict.demographics import age_sex_in
    from imrpredict.features.flags import find_flags, flag_values
    from imrpredict.gold.measure import facts_of_features
    from imrpredict.letters.parse import parse_letter
    from imrpredict.synth.facts import sample_case, sample_items

    off = offset_for(0.088)
    for i in range(300):
        rng = random.Random(f"imrpredict:31:{i}")
        facts = sample_case(rng)
        sample_items(rng, facts)
        summary = parse_letter(synth_letter(31, i, off).text).summary
        assert injury_date_in(summary) == facts.date_of_injury, summary[:200]
        assert age_sex_in(summary) == (facts.age, facts.sex), summary[:200]
        read = {fact + pol for fact, pol in facts_of_features(flag_values(find_flags(summary)))}
        assert ("radicular-" in read) <= (not facts.radicular)
        assert ("radicular+" in read) == facts.radicular
        assert ("neuropathic_pain-" in read) <= (not facts.neuropathic)
        assert ("surgery_planned+" in read) == (facts.surgical_lesion is True)
        assert ("red_flags+" in read) == (facts.red_flags is True)
        assert ("red_flags-" in read) == (facts.red_flags is False)
        assert ("off_work+" in read) == (facts.rtw == "off")
        assert ("prior_surgery+" in read) == facts.postop
