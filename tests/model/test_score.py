"""`imrpredict score` / `predict` / the Python API: every row out exactly once, errors per row, resume after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from imrpredict import load_model
from imrpredict.cli import app
from imrpredict.dates import DATE
from imrpredict.pdfout import text_to_pdf
from imrpredict.scoring.core import MAX_SUMMARY_CHARS
from tests.conftest import FIXTURES

DWC = (FIXTURES / "dwc2016_two_items.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundle(small_bundle: Path) -> Path:
    return small_bundle


def _flat(text: str) -> str:
    """Console output with rich's line wrapping undone."""
    return " ".join(text.split()).replace("- ", "-")


def _messy_table(synth_items: pd.DataFrame) -> pd.DataFrame:
    df = synth_items.head(40)[["case_number", "item_no", "item", "summary", "date_of_injury", "age", "sex"]].copy()
    df.insert(0, "id", [f"req-{i}" for i in range(len(df))])
    df.loc[3, "summary"] = ""
    df.loc[7, "item"] = None
    df.loc[11, "summary"] = "x " * (MAX_SUMMARY_CHARS // 2 + 10)
    df.loc[15, "summary"] = "   "
    return df


def test_every_row_comes_out_once_scored_or_with_its_error(bundle: Path, synth_items: pd.DataFrame, tmp_path: Path) -> None:
    df = _messy_table(synth_items)
    df.to_csv(tmp_path / "in.csv", index=False)
    res = CliRunner().invoke(
        app, ["score", str(tmp_path / "in.csv"), "--model", str(bundle), "--out", str(tmp_path / "out.csv"), "--chunk-rows", "7", "--workers", "2"]
    )
    assert res.exit_code == 1, res.output  # some rows could not be scored
    out = pd.read_csv(tmp_path / "out.csv")
    assert list(out["row_number"]) == list(range(40))
    assert list(out["id"]) == list(df["id"])
    errors = out.set_index("row_number")["error"]
    assert "summary is empty" in errors[3] and "item is empty" in errors[7] and "limit is" in errors[11] and "summary is empty" in errors[15]
    scored = out[out["error"].isna()]
    assert len(scored) == 36
    assert scored["probability_overturn"].between(0, 1).all()
    assert set(scored["predicted"]) <= {"Upheld", "Overturned"} and set(scored["risk_band"]) <= {"low", "moderate", "elevated", "high"}
    assert scored["reasons"].str.contains(r"\([+-]\d\.\d\d\)").all()
    assert not (tmp_path / "out.csv.parts").exists()
    model = load_model(bundle)
    # rows that cannot be scored still count as services of their request, so the direct call sees them too
    direct = model.predict_proba(df)[[i for i in range(40) if i not in (3, 7, 11, 15)]]
    np.testing.assert_allclose(scored["probability_overturn"].to_numpy(), direct, rtol=1e-9)


def test_whole_file_problems_exit_2_with_the_reason(bundle: Path, synth_items: pd.DataFrame, tmp_path: Path) -> None:
    synth_items.head(5)[["item"]].to_csv(tmp_path / "nosummary.csv", index=False)
    res = CliRunner().invoke(app, ["score", str(tmp_path / "nosummary.csv"), "--model", str(bundle), "--out", str(tmp_path / "o.parquet")])
    assert res.exit_code == 2 and "missing required column(s) ['summary']" in _flat(res.output)
    (tmp_path / "latin.csv").write_bytes("item,summary\nNorco #60,Patient returned to work caf\xe9 job.\n".encode("cp1252"))
    res = CliRunner().invoke(app, ["score", str(tmp_path / "latin.csv"), "--model", str(bundle), "--out", str(tmp_path / "o.parquet")])
    assert res.exit_code == 2 and "not valid UTF-8 at byte" in _flat(res.output)
    res = CliRunner().invoke(
        app,
        [
            "score",
            str(tmp_path / "latin.csv"),
            "--model",
            str(bundle),
            "--out",
            str(tmp_path / "o.parquet"),
            "--encoding",
            "cp1252",
            "--workers",
            "1",
        ],
    )
    assert res.exit_code == 0, res.output
    assert pd.read_parquet(tmp_path / "o.parquet")["probability_overturn"].notna().all()
    res = CliRunner().invoke(app, ["score", str(tmp_path / "none.csv"), "--model", str(bundle)])
    assert res.exit_code == 2


def test_letters_input_keeps_unreadable_letters_as_error_rows(bundle: Path, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(text_to_pdf(DWC))
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    res = CliRunner().invoke(app, ["score", str(tmp_path / "in"), "--model", str(bundle), "--out", str(tmp_path / "s.jsonl"), "--workers", "1"])
    assert res.exit_code == 1, res.output
    rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(rows) == 3
    assert [r["item_no"] for r in rows[:2]] == ["1", "2"] and rows[0]["case_number"] == "CM17-0123456"
    assert rows[2]["source_file"].endswith("broken.pdf") and "letter could not be read" in rows[2]["error"]


def test_resume_after_sigkill_equals_an_uninterrupted_run(bundle: Path, synth_items: pd.DataFrame, tmp_path: Path) -> None:
    big = pd.concat([synth_items] * 4, ignore_index=True)
    big.insert(0, "id", np.arange(len(big)).astype(str))
    big.to_parquet(tmp_path / "big.parquet")
    args = [
        sys.executable,
        "-m",
        "imrpredict",
        "score",
        str(tmp_path / "big.parquet"),
        "--model",
        str(bundle),
        "--chunk-rows",
        "250",
        "--workers",
        "2",
    ]
    subprocess.run([*args, "--out", str(tmp_path / "full.parquet")], check=True, capture_output=True)
    killed = tmp_path / "killed.parquet"
    proc = subprocess.Popen([*args, "--out", str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parts = tmp_path / "killed.parquet.parts"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(parts.glob("part-*.parquet"))) < 5:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(parts.glob("part-*.parquet")))
    assert 5 <= done_before < len(big) // 250, "the run must be killed midway"
    assert not killed.exists()
    refused = subprocess.run([*args, "--out", str(killed)], capture_output=True, text=True)
    assert refused.returncode == 2 and "--resume" in _flat(refused.stderr)
    resumed = subprocess.run([*args, "--out", str(killed), "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert "chunks resumed" in _flat(resumed.stderr)
    full, again = pd.read_parquet(tmp_path / "full.parquet"), pd.read_parquet(killed)
    assert len(again) == len(big) and again["row_number"].is_unique
    pd.testing.assert_frame_equal(full, again)


def test_predict_panel_json_and_letter(bundle: Path, tmp_path: Path) -> None:
    summary = "He is not working. There is no documentation of objective functional improvement."
    res = CliRunner().invoke(app, ["predict", "--model", str(bundle), "--item", "Norco 10/325mg #120", "--summary", summary, "--json"])
    assert res.exit_code == 0, res.output
    obj = json.loads(res.stdout)["items"][0]
    assert 0 < obj["probability_overturn"] < 1 and obj["predicted"] in ("Upheld", "Overturned") and len(obj["reasons"]) == 5
    flags = {e["reason"] for e in obj["evidence"]}
    assert all(summary[e["start"] : e["end"]] == e["sentence"] for e in obj["evidence"])
    assert {"off work / TTD", "no functional improvement documented"} <= flags
    panel = CliRunner().invoke(app, ["predict", "--model", str(bundle), "--item", "Norco 10/325mg #120", "--summary", summary])
    assert panel.exit_code == 0 and "P(Overturned)" in panel.stdout and "Evidence in the summary" in panel.stdout
    (tmp_path / "l.txt").write_text(DWC)
    res = CliRunner().invoke(app, ["predict", "--model", str(bundle), "--letter", str(tmp_path / "l.txt"), "--json"])
    assert res.exit_code == 0, res.output
    assert [r["item"] for r in json.loads(res.stdout)["items"]] == [
        "Tramadol ER 150mg #10",
        "Transcutaneous electrical nerve stimulation (TENS) unit purchase for the right shoulder",
    ]
    assert CliRunner().invoke(app, ["predict", "--model", str(bundle), "--item", "x"]).exit_code == 2
    assert CliRunner().invoke(app, ["predict", "--model", str(bundle), "--item", "x", "--summary", "  "]).exit_code == 2


def test_python_api(bundle: Path, synth_items: pd.DataFrame) -> None:
    model = load_model(bundle)
    sample = synth_items.head(20)
    p = model.predict_proba(sample)
    explained = model.explain(sample)
    np.testing.assert_allclose(explained["probability_overturn"].to_numpy(), p)
    assert list(explained.columns) == ["probability_overturn", "predicted", "risk_band", "reasons", "evidence"]
    assert all(len(r) == 5 for r in explained["reasons"])


def test_pasted_summaries_score_like_the_letters_they_came_from(bundle: Path, synth_items: pd.DataFrame) -> None:
    """A reviewer pastes a summary without the header's dates: the summary's own dates stand in for them."""
    model = load_model(bundle)
    letters = synth_items.head(300)
    pasted = letters[["item", "summary", "partial"]]  # no dates, age or sex columns
    np.testing.assert_allclose(model.predict_proba(pasted), model.predict_proba(letters), atol=0.02)
    # With no dates anywhere, the time since injury is unknown: it takes the training median, not 0 years.
    undated = pasted.assign(summary=pasted["summary"].str.replace(DATE, "an unstated date", regex=True, case=False))  # every form the readers know
    names = list(model.builder.get_feature_names_out())
    years = model.features(undated).toarray()[:, names.index("case:years_since_injury")]
    assert np.all(years == np.median(model.features(synth_items).toarray()[:, names.index("case:years_since_injury")]))


def test_score_carries_every_column_the_model_does_not_read(bundle: Path, synth_items: pd.DataFrame, tmp_path: Path) -> None:
    """A user's own columns come back under their own names, in input order, beside the results: joinable by key."""
    src = synth_items.head(30)
    table = pd.DataFrame(
        {
            "claim_number": [f"00{i:03d}" for i in range(30)],  # leading zeros: must survive a CSV round trip
            "item": src["item"].to_numpy(),
            "row_id": np.arange(100, 130),
            "summary": src["summary"].to_numpy(),
            "age": src["age"].to_numpy(),  # read by the model: not carried
            "adjuster note": ["x, \"quoted\""] * 29 + [None],
        }
    )
    table.to_csv(tmp_path / "in.csv", index=False)
    table.to_parquet(tmp_path / "in.parquet", index=False)
    for name in ("in.csv", "in.parquet"):
        out = tmp_path / f"out-{name}.parquet"
        res = CliRunner().invoke(app, ["score", str(tmp_path / name), "--model", str(bundle), "--out", str(out), "--workers", "1"])
        assert res.exit_code == 0, res.output
        scored = pd.read_parquet(out)
        assert list(scored.columns[:4]) == ["row_number", "claim_number", "row_id", "adjuster note"]
        assert "age" not in scored.columns and "summary" not in scored.columns
        assert scored["claim_number"].tolist() == table["claim_number"].tolist()
        assert scored["adjuster note"].iloc[0] == 'x, "quoted"' and pd.isna(scored["adjuster note"].iloc[-1])
        expected_ids = [str(v) for v in range(100, 130)] if name.endswith(".csv") else list(range(100, 130))
        assert scored["row_id"].tolist() == expected_ids  # CSV columns as written; Parquet keeps its int64
        np.testing.assert_allclose(scored["probability_overturn"], load_model(bundle).predict_proba(src), rtol=1e-12)
    table.rename(columns={"adjuster note": "error"}).to_csv(tmp_path / "clash.csv", index=False)
    res = CliRunner().invoke(app, ["score", str(tmp_path / "clash.csv"), "--model", str(bundle), "--out", str(tmp_path / "c.parquet")])
    assert res.exit_code == 2 and "names of result columns" in _flat(res.output)


def test_a_request_cut_across_chunks_scores_as_one_whatever_the_chunk_size(bundle: Path, synth_items: pd.DataFrame, tmp_path: Path) -> None:
    """Services in the request are counted over the whole table: chunks of 2 rows give what one chunk gives, and
    rows without a letter id are grouped by their shared summary (read only because those ids are missing)."""
    multi = synth_items.groupby("letter_id").filter(lambda g: len(g) >= 3).head(12)
    df = multi[["letter_id", "item", "summary"]].reset_index(drop=True)
    first = df["letter_id"].iloc[0]
    df.loc[df["letter_id"] == first, "letter_id"] = ""  # one letter's rows lose their id: its summary groups them
    df.to_parquet(tmp_path / "in.parquet", index=False)
    model = load_model(bundle)
    direct = model.predict_proba(df)
    for rows in (2, 1000):
        out = tmp_path / f"out-{rows}.parquet"
        res = CliRunner().invoke(app, ["score", str(tmp_path / "in.parquet"), "--model", str(bundle), "--out", str(out), "--chunk-rows", str(rows)])
        assert res.exit_code == 0, res.output
        np.testing.assert_allclose(pd.read_parquet(out)["probability_overturn"].to_numpy(), direct, rtol=1e-12)
    alone = model.predict_proba(df.iloc[[0]])  # the same item scored as a request of one service differs
    assert model.features(df.iloc[[0]]).toarray()[0, -1] == 1 and model.features(df).toarray()[0, -1] >= 2
    assert np.isfinite(alone).all()
