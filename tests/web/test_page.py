"""The reviewer page at GET /, used in headless Chromium as a claims reviewer would use it."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import httpx
import pandas as pd
import pytest

from tests.web.conftest import TOKEN

SUMMARY = (
    "The injured worker is a 48-year-old warehouse worker who injured his low back lifting boxes in March 2013 "
    "and has chronic lumbar pain radiating to the left leg. He has been off work since the injury and remains "
    "temporarily totally disabled. He has taken Norco 10/325 mg three times a day for more than six months. "
    "The progress notes contain no documentation of objective functional improvement, and no urine drug screen "
    "is on file. Physical therapy and chiropractic care provided no lasting relief."
)
ITEMS = ["Norco 10/325 mg #90", "MRI of the lumbar spine without contrast"]
MULTI_ITEM_LETTERS = ("CM16-0231745.pdf", "CM16-0232543.pdf", "CM16-0230651.pdf")
TWO_ITEM_LETTERS = ("CM16-0230548.pdf", "CM16-0238676.pdf", "CM16-0242419.pdf")

CARDS = "[data-testid=item-card]"
ALERT = "[data-testid=alert]"


def open_page(page, server) -> None:
    """Load the page and wait until the model panel has been filled from GET /v1/model."""
    page.goto(server.url + "/")
    page.locator("[data-testid=model-name]").wait_for()


def pick_letter(letters_dir: Path, names: tuple[str, ...], exclude: Path | None = None) -> Path:
    pdfs = letters_dir / "pdf"
    for name in names:
        if (pdfs / name).exists() and pdfs / name != exclude:
            return pdfs / name
    found = [p for p in sorted(pdfs.glob("*.pdf")) if p != exclude]
    if not found:
        pytest.fail(f"no letter PDFs under {pdfs}")
    return found[0]


def api_letter(server, path: Path) -> dict:
    r = httpx.post(server.url + "/v1/letters", files={"file": (path.name, path.read_bytes(), "application/pdf")}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def assert_no_results(page) -> None:
    assert page.locator(CARDS).count() == 0
    assert page.locator("[data-testid=results]").is_hidden()


# a. pasted summary with two items -------------------------------------------------------------------------------
def test_paste_summary_two_items(page, live_server, shot):
    open_page(page, live_server)
    page.get_by_label("Clinical case summary").fill(SUMMARY)
    page.get_by_label("Item 1", exact=True).fill(ITEMS[0])
    add = page.get_by_role("button", name="Add item")
    add.focus()
    page.keyboard.press("Enter")  # keyboard: Add item moves the focus to the new row
    assert page.evaluate("document.activeElement.id") == page.get_by_label("Item 2", exact=True).get_attribute("id")
    page.keyboard.type(ITEMS[1])
    page.get_by_role("button", name="Score").focus()
    page.keyboard.press("Enter")

    cards = page.locator(CARDS)
    cards.nth(1).wait_for()
    assert cards.count() == 2
    assert [cards.nth(i).get_attribute("data-item") for i in range(2)] == ITEMS

    direct = httpx.post(live_server.url + "/v1/predict", json={"summary": SUMMARY, "items": ITEMS}, timeout=30)
    assert direct.status_code == 200, direct.text
    expected = [it["probability_overturn"] for it in direct.json()["items"]]

    for i in range(2):
        card = cards.nth(i)
        assert float(card.get_attribute("data-probability")) == expected[i]  # exact float equality
        shown = card.get_by_test_id("probability").inner_text()
        value = float(re.fullmatch(r"(\d+(?:\.\d+)?)%", shown).group(1))
        assert 0 <= value <= 100
        assert abs(value - round(expected[i] * 100, 1)) < 1e-9
        assert card.get_by_test_id("probability-bar").is_visible()
        assert card.get_by_test_id("risk-band").inner_text().endswith("risk")
        assert card.get_by_test_id("predicted").inner_text() in ("Upheld predicted", "Overturned predicted")
        directions = card.get_by_test_id("direction").all_inner_texts()
        assert directions and all(d in ("▲ towards Overturned", "▼ towards Upheld") for d in directions)
        assert card.get_by_test_id("not-stated-section").get_by_role("heading", name="Not stated").is_visible()
        assert card.get_by_test_id("not-stated-fact").count() >= 1
        assert card.get_by_test_id("if-documented").count() >= 1
        assert card.get_by_test_id("evidence").count() >= 1

    # an evidence sentence tied to its reason: the link, the mark's title, and hover/focus highlight the pair
    first = cards.nth(0)
    tied = first.locator("[data-testid=reason][data-marks]:not([data-marks=''])")
    assert tied.count() >= 1
    reason = tied.first
    reason_text = reason.locator(".rtext").inner_text()
    mark = page.locator("#" + reason.get_attribute("data-marks").split()[0])
    assert mark.evaluate("m => m.tagName") == "MARK"
    assert reason_text in mark.get_attribute("title")
    assert reason.get_attribute("data-feature") in mark.get_attribute("data-features").split()
    sentence = mark.inner_text()
    assert sentence in direct.json()["summary"]
    reason.hover()
    assert "active" in mark.get_attribute("class")
    page.mouse.move(0, 0)
    mark.focus()
    assert "active" in reason.get_attribute("class")
    assert page.locator(ALERT).inner_text() == ""
    assert page.page_errors == []
    shot(page, "a_paste_two_items")


def test_item_that_cannot_be_scored_shows_its_error(page, live_server, shot):
    open_page(page, live_server)
    page.get_by_label("Clinical case summary").fill(SUMMARY)
    page.get_by_label("Item 1", exact=True).fill("x" * 2001)  # over the API's 2,000-character limit for an item
    page.get_by_role("button", name="Add item").click()
    page.get_by_label("Item 2", exact=True).fill(ITEMS[0])
    page.get_by_role("button", name="Score").click()
    cards = page.locator(CARDS)
    cards.nth(1).wait_for()
    bad, good = cards.nth(0), cards.nth(1)
    assert bad.get_attribute("data-probability") is None
    assert "2,000" in bad.get_by_test_id("item-error").inner_text()
    assert bad.get_by_test_id("probability").count() == 0
    assert 0 <= float(good.get_attribute("data-probability")) <= 1
    # a long unbroken item wraps inside its card: no horizontal overflow
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    shot(page, "a_item_error")


# b. a real letter, chosen and dropped ------------------------------------------------------------------------------
def test_letter_file_input_and_drop(page, live_server, letters_dir, shot):
    letter = pick_letter(letters_dir, MULTI_ITEM_LETTERS)
    expected = api_letter(live_server, letter)
    open_page(page, live_server)
    page.get_by_label("Choose a letter file").set_input_files(str(letter))
    page.locator("[data-testid=letter-header]").wait_for()
    page.locator(CARDS).nth(len(expected["items"]) - 1).wait_for()
    assert page.locator(CARDS).count() == len(expected["items"])
    assert page.get_by_test_id("letter-case-number").locator("dd").inner_text() == expected["letter"]["case_number"]
    assert page.get_by_role("heading", name=f"Letter {expected['letter']['case_number']}").is_visible()
    probs = [float(c.get_attribute("data-probability")) for c in page.locator(CARDS).all()]
    assert probs == [it["probability_overturn"] for it in expected["items"]]
    assert page.locator(ALERT).inner_text() == ""
    shot(page, "b_letter_chosen")

    # a real drag and drop: dragenter/dragover/drop with a DataTransfer holding the PDF
    other = pick_letter(letters_dir, TWO_ITEM_LETTERS, exclude=letter)
    expected2 = api_letter(live_server, other)
    data = page.evaluate_handle(
        """([b64, name]) => {
            const bin = atob(b64);
            const bytes = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, { type: "application/pdf" }));
            return dt;
        }""",
        [base64.b64encode(other.read_bytes()).decode(), other.name],
    )
    zone = page.get_by_test_id("dropzone")
    zone.dispatch_event("dragenter", {"dataTransfer": data})
    zone.dispatch_event("dragover", {"dataTransfer": data})
    assert "dragging" in zone.get_attribute("class")
    zone.dispatch_event("drop", {"dataTransfer": data})
    case = expected2["letter"]["case_number"]
    page.get_by_role("heading", name=f"Letter {case}").wait_for()
    page.locator(CARDS).nth(len(expected2["items"]) - 1).wait_for()
    assert page.locator(CARDS).count() == len(expected2["items"])
    assert page.get_by_test_id("letter-case-number").locator("dd").inner_text() == case
    assert "dragging" not in zone.get_attribute("class")
    assert page.page_errors == []
    shot(page, "b_letter_dropped")


# c. a PDF without a text layer -------------------------------------------------------------------------------------
def test_pdf_without_text_layer(page, live_server, tmp_path, shot):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40)  # a drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    open_page(page, live_server)
    page.get_by_label("Choose a letter file").set_input_files(str(path))
    alert = page.locator(ALERT)
    alert.filter(has_text="no text layer").wait_for()
    assert "scan.pdf" in alert.inner_text()
    assert_no_results(page)
    shot(page, "c_pdf_no_text_layer")


# d. files that are not letters -------------------------------------------------------------------------------------
def test_files_that_are_not_letters(page, live_server, tmp_path, shot):
    prose = tmp_path / "minutes.txt"
    prose.write_text(
        "Minutes of the March planning meeting. The team agreed to move the quarterly review to Thursday "
        "and to order new chairs for the second floor. Lunch will be provided.\n",
        encoding="utf-8",
    )
    blob = tmp_path / "image.bin"
    blob.write_bytes(bytes(range(256)) * 4)
    open_page(page, live_server)
    alert = page.locator(ALERT)
    page.get_by_label("Choose a letter file").set_input_files(str(prose))
    alert.filter(has_text="not an IMR determination letter").wait_for()
    assert alert.get_attribute("role") == "alert"
    assert_no_results(page)
    shot(page, "d_not_a_letter_text")

    page.get_by_label("Choose a letter file").set_input_files(str(blob))
    alert.filter(has_text="neither a PDF nor a text file").wait_for()
    assert "image.bin" in alert.inner_text()
    assert_no_results(page)
    assert page.page_errors == []
    shot(page, "d_not_a_letter_binary")


# e. the model panel --------------------------------------------------------------------------------------------------
def test_model_panel(page, live_server, shot):
    info = httpx.get(live_server.url + "/v1/model", timeout=10).json()
    open_page(page, live_server)
    panel = page.get_by_test_id("model-panel")
    assert panel.get_by_test_id("model-name").inner_text() == info["name"]
    code = panel.get_by_test_id("model-hash")
    assert code.get_attribute("title") == info["bundle_sha256"]
    assert code.inner_text() == info["bundle_sha256"][:12]
    roc = panel.get_by_test_id("metric-roc_auc")
    assert roc.get_by_role("rowheader").inner_text() == "ROC-AUC"
    assert roc.get_by_test_id("metric-value").inner_text() == f"{info['cv_metrics']['roc_auc']['value']:.3f}"
    for key, metric in info["cv_metrics"].items():
        row = panel.get_by_test_id(f"metric-{key}").inner_text()
        if metric["ci_low"] is None or metric["ci_high"] is None:
            assert "CI not recorded" in row
        else:
            assert f"{metric['ci_low']:.3f}–{metric['ci_high']:.3f}" in row
    items = info["training_data"]["n_items"]
    assert f"{items:,} items" in panel.get_by_test_id("model-data").inner_text()
    warning = panel.get_by_test_id("chance-warning")
    if info["chance_warning"]:
        assert warning.is_visible()
        assert info["chance_warning"] in warning.inner_text()
    else:
        assert warning.count() == 0
    shot(page, "e_model_panel")

    # a model without CIs and with a chance warning (the small bundle has neither): the page shows both as such
    card = {
        **info,
        "chance_warning": "this model's grouped-CV ROC-AUC (0.512) is not above chance",
        "cv_metrics": {k: {**v, "ci_low": None, "ci_high": None} for k, v in info["cv_metrics"].items()},
    }
    page.route("**/v1/model", lambda route: route.fulfill(json=card))
    page.reload()
    page.locator("[data-testid=model-name]").wait_for()
    assert warning.is_visible()
    assert "not above chance" in warning.inner_text()
    assert panel.get_by_test_id("metric-roc_auc").get_by_text("CI not recorded").is_visible()
    shot(page, "e_model_panel_warning")


def test_network_failure_shows_a_message(page, live_server, shot):
    open_page(page, live_server)
    page.route("**/v1/predict", lambda route: route.abort("connectionrefused"))
    page.get_by_label("Clinical case summary").fill(SUMMARY)
    page.get_by_label("Item 1", exact=True).fill(ITEMS[0])
    page.get_by_role("button", name="Score").click()
    page.locator(ALERT).filter(has_text="Cannot reach the imrpredict server").wait_for()
    assert_no_results(page)
    assert page.get_by_role("button", name="Score").is_enabled()
    assert page.page_errors == []


# f. the access token -------------------------------------------------------------------------------------------------
def test_token_flow(page, token_server, shot):
    response = page.goto(token_server.url + "/")
    assert response.status == 401
    token_box = page.get_by_label("Access token")
    token_box.wait_for()
    assert token_box.get_attribute("type") == "password"
    assert "access token" in page.locator(ALERT).inner_text().lower()
    assert page.locator("[data-testid=model-name]").count() == 0
    shot(page, "f_token_prompt")

    token_box.fill("wrong-token")
    page.get_by_role("button", name="Use token").click()
    page.get_by_text("The access token was not accepted").first.wait_for()
    assert page.evaluate("sessionStorage.getItem('imrpredict.token')") is None

    page.get_by_label("Access token").fill(TOKEN)
    page.get_by_label("Access token").press("Enter")
    page.locator("[data-testid=model-name]").wait_for()
    assert page.get_by_test_id("auth").is_hidden()
    assert page.evaluate("sessionStorage.getItem('imrpredict.token')") == TOKEN
    page.get_by_label("Clinical case summary").fill(SUMMARY)
    page.get_by_label("Item 1", exact=True).fill(ITEMS[0])
    page.get_by_role("button", name="Score").click()
    page.locator(CARDS).first.wait_for()
    assert page.locator(CARDS).count() == 1
    assert 0 <= float(page.locator(CARDS).first.get_attribute("data-probability")) <= 1
    assert page.locator(ALERT).inner_text() == ""
    shot(page, "f_token_accepted")

    # a reload keeps the token for this tab (sessionStorage) and sends it on every call
    page.reload()
    page.locator("[data-testid=model-name]").wait_for()
    assert page.get_by_test_id("auth").is_hidden()


# g. batch: upload, progress, download ------------------------------------------------------------------------------
def test_batch_upload_and_download(page, live_server, synth_items, tmp_path, shot):
    rows = synth_items.head(20)
    table = pd.DataFrame(
        {"claim_number": [f"CLM-{c}" for c in rows["letter_id"]], "item": rows["item"].tolist(), "summary": rows["summary"].tolist()}
    )
    src = tmp_path / "claims.csv"
    table.to_csv(src, index=False)
    bad = tmp_path / "no_summary.csv"
    table.drop(columns=["summary"]).to_csv(bad, index=False)
    open_page(page, live_server)
    page.get_by_role("tab", name="Batch").click()
    assert page.get_by_role("tab", name="Batch").get_attribute("aria-selected") == "true"

    # a table without a summary column: the API's 422 message in the alert area
    page.get_by_label("Items table (Parquet, CSV or JSONL)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and score").click()
    page.locator(ALERT).filter(has_text="has no summary column").wait_for()
    assert page.get_by_test_id("batch-job").is_hidden()
    shot(page, "g_batch_bad_table")
    page.get_by_label("Items table (Parquet, CSV or JSONL)").set_input_files(str(src))
    page.get_by_role("button", name="Upload and score").click()
    state = page.get_by_test_id("batch-state")
    state.filter(has_text=re.compile("queued|running|done")).wait_for()
    page.get_by_role("button", name="Download results").wait_for(timeout=90_000)
    assert state.inner_text().lower() == "done"
    assert page.get_by_test_id("batch-rows").inner_text() == "20 of 20 rows"
    assert page.get_by_test_id("batch-progress").evaluate("p => [p.value, p.max]") == [20, 20]
    shot(page, "g_batch_done")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download results").click()
    download = info.value
    assert download.suggested_filename.startswith("imrpredict-scores-") and download.suggested_filename.endswith(".csv")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    result = pd.read_csv(saved)
    assert len(result) == 20
    assert "claim_number" in result.columns
    assert result["claim_number"].tolist() == table["claim_number"].tolist()
    assert page.locator(ALERT).inner_text() == ""
    assert page.page_errors == []


# h. keyboard and labels ----------------------------------------------------------------------------------------------
def test_keyboard_and_labels(page, live_server, shot):
    open_page(page, live_server)
    for label in ("Clinical case summary", "Item 1", "Choose a letter file"):
        assert page.get_by_label(label, exact=True).count() == 1, label
    # every control has an accessible name
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('input, textarea, select, button')].filter(n => {
            const labelled = (n.labels && [...n.labels].some(l => l.textContent.trim()))
                || (n.getAttribute('aria-label') || '').trim() || n.getAttribute('aria-labelledby');
            const text = n.tagName === 'BUTTON' && n.textContent.trim();
            return !(labelled || text);
        }).map(n => n.outerHTML)"""
    )
    assert unnamed == []

    page.locator("body").focus()
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id || document.activeElement.dataset.testid || document.activeElement.tagName"))
    item1 = page.get_by_label("Item 1", exact=True).get_attribute("id")
    assert seen[0] == "tab-prescreen"
    for name in ("summary", item1, "add-item", "score", "letter-file"):
        assert name in seen, (name, seen)
    assert seen.index("summary") < seen.index(item1) < seen.index("score") < seen.index("letter-file")

    # the focused control shows an outline
    page.get_by_label("Clinical case summary").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")

    # keyboard only: type, add an item, score with Enter in the item field
    page.keyboard.type(SUMMARY)
    page.keyboard.press("Tab")
    page.keyboard.type(ITEMS[0])
    page.keyboard.press("Enter")
    page.locator(CARDS).first.wait_for()
    assert page.locator(CARDS).count() == 1

    # tabs: arrow keys move between them and aria-selected follows
    page.get_by_role("tab", name="Pre-screen").focus()
    page.keyboard.press("ArrowRight")
    batch_tab = page.get_by_role("tab", name="Batch")
    assert batch_tab.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "tab-batch"
    assert page.get_by_label("Items table (Parquet, CSV or JSONL)").is_visible()
    page.keyboard.press("ArrowLeft")
    assert page.get_by_role("tab", name="Pre-screen").get_attribute("aria-selected") == "true"

    # an empty summary is refused with a message, not sent
    page.get_by_label("Clinical case summary").fill("")
    page.get_by_role("button", name="Score").click()
    page.locator(ALERT).filter(has_text="Enter the clinical case summary").wait_for()

    # no horizontal overflow at 1366x768
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.page_errors == []
    shot(page, "h_keyboard")
