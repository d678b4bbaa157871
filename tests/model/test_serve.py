"""The HTTP API (`imrpredict serve`): one scoring core, readable 4xx errors, limits, token and batches."""

from __future__ import annotations

import io
import json
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from imrpredict.cli import app as cli_app
from imrpredict.pdfout import text_to_pdf
from tests.conftest import FIXTURES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note on httpx vs httpx2
    from fastapi.testclient import TestClient

from imrpredict.serve.app import ServeSettings, create_app

SUMMARY = (
    "The injured worker is a 52-year-old male who sustained an industrial injury to the low back. "
    "He remains off work. He reports pain of 8/10 without medication and 6/10 with medication. "
    "There is no documentation of objective functional improvement with Norco, taken for 14 months. "
    "Straight leg raise is positive on the left with decreased sensation in the L5 dermatome."
)
ITEMS = ["Norco 10/325mg #120", "Physical therapy 2 times a week for 6 weeks"]
DWC = (FIXTURES / "dwc2016_two_items.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    work = tmp_path_factory.mktemp("serve")
    return TestClient(create_app(ServeSettings(bundle=small_bundle, work_dir=work)))


@pytest.fixture(scope="module")
def work_dir(client: TestClient) -> Path:
    return Path(client.app.state.runner.root).parent  # type: ignore[attr-defined]


def test_health_and_model_card(client: TestClient, small_bundle: Path) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "ok" and body["model"]["name"] == json.loads((small_bundle / "manifest.json").read_text())["name"]
    assert len(body["model"]["bundle_sha256"]) == 64
    card = client.get("/v1/model").json()
    assert card["training_data"]["n_items"] > 1000 and 0.5 < card["cv_metrics"]["roc_auc"]["value"] < 1
    assert client.get("/docs").status_code == 200 and "/v1/predict" in client.get("/openapi.json").json()["paths"]


def test_one_scoring_core_api_cli_and_batch_agree(client: TestClient, small_bundle: Path, tmp_path: Path) -> None:
    """The same summary and items give identical probabilities through /v1/predict, predict --json and score."""
    api = client.post("/v1/predict", json={"summary": SUMMARY, "items": ITEMS})
    assert api.status_code == 200, api.text
    api_p = [it["probability_overturn"] for it in api.json()["items"]]
    args = ["predict", "--model", str(small_bundle), "--summary", SUMMARY, "--json"]
    cli = CliRunner().invoke(cli_app, [*args[:1], "--item", ITEMS[0], "--item", ITEMS[1], *args[1:]])
    assert cli.exit_code == 0, cli.output
    cli_p = [it["probability_overturn"] for it in json.loads(cli.stdout)["items"]]
    pd.DataFrame({"ref": ["a", "b"], "item": ITEMS, "summary": [SUMMARY, SUMMARY]}).to_csv(tmp_path / "in.csv", index=False)
    res = CliRunner().invoke(cli_app, ["score", str(tmp_path / "in.csv"), "--model", str(small_bundle), "--out", str(tmp_path / "o.parquet")])
    assert res.exit_code == 0, res.output
    score_p = pd.read_parquet(tmp_path / "o.parquet")["probability_overturn"].tolist()
    assert api_p == cli_p == score_p
    reasons = [[r["feature"] for r in it["reasons"]] for it in api.json()["items"]]
    assert reasons[0] != reasons[1]  # two items, each scored on its own (a small model's isotonic steps may tie them)


def test_predict_answer_shape(client: TestClient) -> None:
    out = client.post("/v1/predict", json={"summary": "  " + SUMMARY.replace(". ", ".\n  "), "items": [*ITEMS, " "]}).json()
    assert out["summary"] == SUMMARY  # whitespace collapsed as the letter parser does; spans index into it
    first, _, blank = out["items"]
    assert first["predicted"] in ("Upheld", "Overturned") and first["risk_band"] in ("low", "moderate", "elevated", "high")
    assert len(first["reasons"]) == 5 and all(set(r) == {"feature", "text", "contribution"} for r in first["reasons"])
    assert {e["feature"] for e in first["evidence"]} >= {"flag:off_work", "flag:no_functional_improvement"}
    assert all(out["summary"][e["start"] : e["end"]] == e["sentence"] for e in first["evidence"])
    stated = {e["feature"] for e in first["evidence"]}
    for fact in first["not_stated"]:  # facts the summary does not state, with the probability if documented
        assert not stated & {d["feature"] for d in fact["if_documented"]}
        assert any(abs(d["probability"] - first["probability_overturn"] - fact["largest_change"]) < 1e-9 for d in fact["if_documented"])
    assert first["not_stated"] and all(f["fact"] != "work status" for f in first["not_stated"])  # "off work" is stated
    assert blank["error"] == "item is empty or missing" and blank["probability_overturn"] is None


def _pdf_bytes(text: str, tmp_path: Path) -> bytes:
    return text_to_pdf(text)


def test_letter_upload_scores_every_item_without_reading_decisions(client: TestClient, tmp_path: Path, work_dir: Path) -> None:
    res = client.post("/v1/letters", files={"file": ("../../../etc/evil name.pdf", _pdf_bytes(DWC, tmp_path), "application/pdf")})
    assert res.status_code == 200, res.text
    body = res.json()
    assert [it["item"] for it in body["items"]] == [
        "Tramadol ER 150mg #10",
        "Transcutaneous electrical nerve stimulation (TENS) unit purchase for the right shoulder",
    ]
    assert body["letter"]["case_number"] and body["letter"]["items"] == 2
    assert "Upheld" not in json.dumps(body["letter"]) and "rationale" not in body["letter"]
    assert not any(work_dir.rglob("*evil*")) and list((work_dir / "uploads").iterdir()) == []  # never the client's name; removed after


def _encrypted_pdf(tmp_path: Path) -> bytes:
    return text_to_pdf(DWC, encrypt_with="secret")


@pytest.mark.parametrize(
    ("case", "status", "says"),
    [
        ("1 MB summary", 422, "at most 100000 characters"),
        ("200 items", 422, "at most 100 items"),
        ("empty body", 422, "request body is empty"),
        ("wrong types", 422, "summary: Input should be a valid string"),
        ("not JSON", 422, "not valid JSON"),
        ("non-UTF-8 JSON", 400, "parsing the body"),
        ("3 MB JSON", 413, "limit for /v1/predict"),
        ("partial length", 422, "one per item"),
        ("binary upload", 415, "neither a PDF nor a text file"),
        ("30 MB upload", 413, "limit for /v1/letters is 20 MB"),
        ("truncated PDF", 422, "damaged or truncated"),
        ("encrypted PDF", 422, "encrypted"),
        ("image-only PDF", 422, "no text layer"),
        ("non-UTF-8 text", 415, "not valid UTF-8"),
        ("text that is not a letter", 422, "not an IMR determination letter"),
        ("empty upload", 422, "empty"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_the_server_keeps_serving(client: TestClient, tmp_path: Path, case: str, status: int, says: str) -> None:
    def letter(data: bytes, name: str = "letter.pdf") -> object:
        return client.post("/v1/letters", files={"file": (name, data)})

    def raw(data: bytes) -> object:
        return client.post("/v1/predict", content=data, headers={"content-type": "application/json"})

    calls = {
        "1 MB summary": lambda: client.post("/v1/predict", json={"summary": "pain " * 200_000, "items": ["x"]}),
        "200 items": lambda: client.post("/v1/predict", json={"summary": SUMMARY, "items": ["Norco"] * 200}),
        "empty body": lambda: raw(b""),
        "wrong types": lambda: client.post("/v1/predict", json={"summary": 3, "items": "Norco"}),
        "not JSON": lambda: raw(b"summary=x&items=y"),
        "non-UTF-8 JSON": lambda: raw(b'{"summary": "\xff\xfe pain", "items": ["Norco"]}'),
        "3 MB JSON": lambda: raw(b"x" * 3_000_000),
        "partial length": lambda: client.post("/v1/predict", json={"summary": SUMMARY, "items": ITEMS, "partial": [True]}),
        "binary upload": lambda: letter(bytes(range(256)) * 64, "scan.pdf"),
        "30 MB upload": lambda: letter(b"%PDF-1.4\n" + b"0" * (30 << 20)),
        "truncated PDF": lambda: letter(_pdf_bytes(DWC, tmp_path)[:1200]),
        "encrypted PDF": lambda: letter(_encrypted_pdf(tmp_path)),
        "image-only PDF": lambda: letter(_blank_pdf()),
        "non-UTF-8 text": lambda: letter(DWC.replace("Tramadol", "Tramadol é").encode("cp1252"), "l.txt"),
        "text that is not a letter": lambda: letter(b"Dear colleague, thank you for the lovely lunch on Tuesday.", "l.txt"),
        "empty upload": lambda: letter(b"", "l.txt"),
    }
    res = calls[case]()
    assert res.status_code == status, res.text  # type: ignore[attr-defined]
    message = res.json()["error"]  # type: ignore[attr-defined]
    assert says in message and "Traceback" not in message
    assert client.get("/healthz").status_code == 200


def _blank_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)  # a drawing, no text: what a scan without OCR looks like to a text reader
    return bytes(pdf.output())


def test_a_request_that_runs_too_long_times_out(small_bundle: Path, tmp_path: Path) -> None:
    slow = TestClient(create_app(ServeSettings(bundle=small_bundle, work_dir=tmp_path, timeout_s=1e-6)))
    res = slow.post("/v1/predict", json={"summary": SUMMARY, "items": ITEMS})
    assert res.status_code == 503 and "timed out" in res.json()["error"]
    assert slow.get("/healthz").status_code == 200


def test_token_guards_every_route_but_health(small_bundle: Path, tmp_path: Path) -> None:
    guarded = TestClient(create_app(ServeSettings(bundle=small_bundle, work_dir=tmp_path, token="s3cret")))
    assert guarded.get("/healthz").status_code == 200
    for method, path in [("post", "/v1/predict"), ("get", "/v1/model"), ("post", "/v1/letters"), ("get", "/docs"), ("get", "/v1/batches/x")]:
        res = getattr(guarded, method)(path)
        assert res.status_code == 401 and "Bearer" in res.json()["error"] and res.headers["www-authenticate"] == "Bearer"
    page = guarded.get("/")
    assert page.status_code == 401 and "<html" in page.text.lower()  # the page itself, which asks for the token
    wrong = guarded.post("/v1/predict", json={"summary": SUMMARY, "items": ITEMS}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = guarded.post("/v1/predict", json={"summary": SUMMARY, "items": ITEMS}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200


def test_serve_binds_loopback_unless_told() -> None:
    import inspect

    from imrpredict.cli import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def _wait(client: TestClient, batch_id: str, timeout: float = 120.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        st = client.get(f"/v1/batches/{batch_id}").json()
        if st["state"] in ("done", "failed"):
            return st
        time.sleep(0.2)
    raise AssertionError(f"batch {batch_id} not finished after {timeout} s: {st}")


def test_batch_round_trip_returns_every_row_once_with_its_columns(client: TestClient, synth_items: pd.DataFrame, small_bundle: Path) -> None:
    rows = synth_items.head(700)[["item", "summary"]].reset_index(drop=True)
    rows.insert(0, "claim_number", [f"0{i:05d}" for i in range(len(rows))])
    rows.loc[5, "summary"] = ""  # scored with an error, never dropped
    data = rows.to_csv(index=False).encode()
    created = client.post("/v1/batches", files={"file": ("my table.csv", data, "text/csv")})
    assert created.status_code == 202, created.text
    batch_id = created.json()["id"]
    early = client.get(f"/v1/batches/{batch_id}/result")
    assert early.status_code in (200, 409)
    st = _wait(client, batch_id)
    assert st["state"] == "done" and st["rows_done"] == st["rows_total"] == 700 and st["errors"] == 1
    result = client.get(f"/v1/batches/{batch_id}/result")
    assert result.status_code == 200 and result.headers["content-type"].startswith("text/csv")
    out = pd.read_csv(io.BytesIO(result.content), dtype={"claim_number": str})
    assert out["row_number"].tolist() == list(range(700)) and out["claim_number"].tolist() == rows["claim_number"].tolist()
    from imrpredict import load_model

    ok = rows.drop(index=5)
    np.testing.assert_allclose(out.drop(index=5)["probability_overturn"], load_model(small_bundle).predict_proba(ok), rtol=1e-9)
    assert out.loc[5, "error"] == "summary is empty or missing"


def test_batch_errors(client: TestClient) -> None:
    assert client.get("/v1/batches/" + "0" * 32).status_code == 404
    assert client.get("/v1/batches/../../etc").status_code == 404
    bad = client.post("/v1/batches", files={"file": ("t.csv", b"name,notes\nx,y\n")})
    assert bad.status_code == 422 and "no item or summary column" in bad.json()["error"]
    latin = client.post("/v1/batches", files={"file": ("t.csv", "item,summary\nNorco,douleur é\n".encode("cp1252"))})
    assert latin.status_code == 422 and "not valid UTF-8" in latin.json()["error"]
    assert client.post("/v1/batches", files={"file": ("t.csv", b"")}).status_code == 422
