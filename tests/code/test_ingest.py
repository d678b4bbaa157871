"""`imrpredict ingest`: output formats, per-file errors, the summary and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from imrpredict.cli import app
from imrpredict.dataset import ingest
from imrpredict.pdfout import blank_pdf, text_to_pdf
from imrpredict.schema import COLUMN_NAMES
from imrpredict.tables import read_table
from tests.conftest import FIXTURES

DWC = (FIXTURES / "dwc2016_two_items.txt").read_text(encoding="utf-8")
OLD = (FIXTURES / "maximus2013_three_items.txt").read_text(encoding="utf-8")


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    """Two good letters (pdf, txt), one good old-layout letter in a subfolder, and every kind of bad file."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.pdf").write_bytes(text_to_pdf(DWC))
    (d / "good.txt").write_text(DWC.replace("CM17-0123456", "CM17-0123457"), encoding="utf-8")
    (d / "sub" / "old.txt").write_text(OLD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "scan.pdf").write_bytes(blank_pdf())
    (d / "truncated.pdf").write_bytes(text_to_pdf(DWC)[:700])
    (d / "locked.pdf").write_bytes(text_to_pdf(DWC, encrypt_with="secret"))
    (d / "not_a_letter.txt").write_text((FIXTURES / "not_a_letter.txt").read_text())
    (d / "no_decisions.txt").write_text((FIXTURES / "no_decision_section.txt").read_text())
    (d / "notes.docx").write_bytes(b"ignored: not a letter extension")
    return d


EXPECTED_ERRORS = {
    "empty.txt": "file is empty",
    "scan.pdf": "no text layer",
    "truncated.pdf": "damaged or truncated",
    "locked.pdf": "encrypted",
    "not_a_letter.txt": "not an IMR determination letter",
    "no_decisions.txt": "no decision section",
}


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_mixed_folder_reads_good_files_and_reports_each_bad_one(mixed_folder: Path, tmp_path: Path, workers: int) -> None:
    out = tmp_path / "items.parquet"
    summary = ingest([mixed_folder], out, workers=workers)
    assert (summary.files, summary.letters, summary.items) == (9, 3, 7)
    df = read_table(out)
    assert list(df.columns) == list(COLUMN_NAMES)
    assert sorted(df["case_number"].unique()) == ["CM13-0045678", "CM17-0123456", "CM17-0123457"]
    assert df.groupby("case_number")["item_no"].apply(list).to_dict()["CM13-0045678"] == [1, 2, 3]
    errors = pd.read_csv(summary.errors_path)
    got = {Path(s).name: e for s, e in zip(errors["source_file"], errors["error"], strict=True)}
    assert set(got) == set(EXPECTED_ERRORS)
    for name, fragment in EXPECTED_ERRORS.items():
        assert fragment in got[name], (name, got[name])


def test_pdf_and_txt_of_the_same_letter_give_the_same_rows(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(text_to_pdf(DWC))
    (tmp_path / "b.txt").write_text(DWC)
    ingest([tmp_path / "a.pdf", tmp_path / "b.txt"], tmp_path / "o.parquet", workers=1)
    df = read_table(tmp_path / "o.parquet").drop(columns=["source_file"])
    pd.testing.assert_frame_equal(df.iloc[:2].reset_index(drop=True), df.iloc[2:].reset_index(drop=True))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_output_formats_round_trip(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "a.txt").write_text(DWC)
    out = tmp_path / f"items{suffix}"
    ingest([tmp_path / "a.txt"], out, workers=1)
    df = read_table(out)
    assert len(df) == 2
    assert list(df["decision"]) == ["Overturned", "Upheld"]
    assert str(df["date_of_injury"].iloc[0])[:10] == "2012-08-14"
    if suffix == ".jsonl":
        first = json.loads(out.read_text().splitlines()[0])
        assert first["date_assigned"] == "2017-03-02" and first["partial"] is True


def test_cli_summary_and_exit_codes(mixed_folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["ingest", str(mixed_folder), "--out", str(tmp_path / "o.parquet"), "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    assert "letters read" in ok.output and "files failed" in ok.output
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / "empty.txt").write_bytes(b"")
    fail = runner.invoke(app, ["ingest", str(bad_dir), "--out", str(tmp_path / "b.parquet")])
    assert fail.exit_code == 1
    assert "No letter could be read" in fail.output
    assert (tmp_path / "b.errors.csv").exists()
    wrong = runner.invoke(app, ["ingest", str(mixed_folder), "--out", str(tmp_path / "o.xlsx")])
    assert wrong.exit_code == 2
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "m.parquet")])
    assert missing.exit_code == 1


def test_failed_write_leaves_no_partial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(DWC)
    out = tmp_path / "items.parquet"

    def boom() -> None:
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        ingest([tmp_path / "a.txt"], out, workers=1, on_file=boom)
    assert not out.exists()
    assert not list(tmp_path.glob(".*.tmp"))
