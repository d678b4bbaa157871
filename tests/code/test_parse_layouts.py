"""Parser on fixture letters written for these tests: the three layouts and the messy exports users send."""

from __future__ import annotations

from datetime import date

import pytest

from imrpredict.letters.errors import LetterError
from imrpredict.letters.parse import parse_letter
from imrpredict.letters.text import decode_bytes, normalize
from tests import messy
from tests.conftest import FIXTURES

DWC = (FIXTURES / "dwc2016_two_items.txt").read_text(encoding="utf-8")
OLD = (FIXTURES / "maximus2013_three_items.txt").read_text(encoding="utf-8")
NOTICE = (FIXTURES / "maximus_notice2013_three_items.txt").read_text(encoding="utf-8")
NOTICE_ITEMS = [
    ("lumbar epidural steroid injection at L4-5", "Upheld"),
    ("12 sessions of physical therapy for the lumbar spine", "Overturned"),
    ("Omeprazole 20mg #60", "Upheld"),
]
DWC_ITEMS = [
    ("Tramadol ER 150mg #10", "Overturned"),
    ("Transcutaneous electrical nerve stimulation (TENS) unit purchase for the right shoulder", "Upheld"),
]


def _items(text: str) -> list[tuple[str, str]]:
    return [(i.item, i.decision) for i in parse_letter(text).items]


def test_dwc_layout_header_summary_and_items() -> None:
    letter = parse_letter(DWC)
    assert letter.layout == "dwc-2016"
    assert letter.case_number == "CM17-0123456"
    assert (letter.date_assigned, letter.date_of_injury) == (date(2017, 3, 2), date(2012, 8, 14))
    assert (letter.decision_date, letter.ur_denial_date) == (date(2017, 4, 11), date(2017, 2, 20))
    assert letter.application_received == date(2017, 2, 27)
    assert letter.priority == "Standard"
    assert letter.reviewer_licensure == "California, Oregon"
    assert letter.reviewer_specialty == "Orthopaedic Surgery"
    assert (letter.age, letter.sex) == (47, "M")
    assert letter.summary.startswith("The injured worker is a 47-year-old male warehouse loader")
    assert "including all medical records" not in letter.summary
    assert _items(DWC) == DWC_ITEMS


def test_dwc_partial_item_fields() -> None:
    first = parse_letter(DWC).items[0]
    assert first.partial
    assert first.original_request == "Tramadol ER 150mg #30"
    assert first.authorized_portion == "Tramadol ER 150mg #20"
    assert first.item_heading.startswith("Tramadol ER 150mg #30 was the original request.")
    assert first.rationale is not None and first.rationale.startswith("The fixture rationale says")
    assert first.reviewer_guideline == ("Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Opioids, criteria for continued use.")


def test_old_maximus_layout() -> None:
    letter = parse_letter(OLD)
    assert letter.layout == "maximus-2013"
    assert letter.case_number == "CM13-0045678"
    assert letter.decision_date == date(2013, 11, 20)
    assert letter.date_of_injury == date(2011, 5, 3)
    assert letter.ur_denial_date == date(2013, 8, 30)
    assert letter.application_received == date(2013, 9, 9)
    assert letter.reviewer_specialty == "Physical Medicine and Rehabilitation"
    assert letter.reviewer_licensure == "California"
    assert (letter.age, letter.sex) == (58, "F")
    assert "DOCUMENTS REVIEWED" not in letter.summary and "Application of Independent" not in letter.summary
    assert _items(OLD) == [
        ("Norco 10/325mg #90", "Upheld"),
        ("Cyclobenzaprine 7.5mg #60", "Upheld"),
        ("MRI of the lumbar spine without contrast", "Overturned"),
    ]
    third = letter.items[2]
    assert third.rationale == "Fixture rationale: new neurological deficit documented."
    assert third.claims_admin_guideline == "ACOEM, Low Back Complaints."


def test_notice_layout_states_decisions_before_the_summary() -> None:
    letter = parse_letter(NOTICE)
    assert letter.layout == "maximus-notice-2013"
    assert letter.case_number == "CM13-0012345"
    assert (letter.decision_date, letter.ur_denial_date) == (date(2013, 10, 15), date(2013, 8, 19))
    assert (letter.date_of_injury, letter.application_received) == (date(2010, 2, 11), date(2013, 8, 28))
    assert (letter.reviewer_specialty, letter.reviewer_licensure) == ("Anesthesiology", "California")
    assert (letter.age, letter.sex) == (51, "M")
    # "notmedically" (a space lost in PDF extraction) still reads as a "not" decision
    assert _items(NOTICE) == NOTICE_ITEMS


def test_notice_summary_holds_no_decision_text() -> None:
    """The notice prints its decisions and a Final Determination before the summary: none may leak into it."""
    summary = parse_letter(NOTICE).summary
    assert summary.startswith("The claimant is a 51 year old male forklift driver")
    assert summary.endswith("No gastrointestinal complaints are noted.")
    for leak in ("medically necessary", "Final Determination", "OVERTURN", "Disclaimer", "Documents Reviewed", "Regarding", '"'):
        assert leak not in summary


def test_notice_rationale_comes_from_the_block_with_the_same_number() -> None:
    items = parse_letter(NOTICE).items
    assert [i.rationale for i in items] == [
        "Fixture rationale one: radiculopathy is not corroborated by imaging.",
        "Fixture rationale two: earlier therapy gave functional gains and a return to work.",
        "Fixture rationale three: no gastrointestinal risk factors are documented.",
    ]
    assert items[0].claims_admin_guideline == "Chronic Pain Medical Treatment Guidelines, epidural steroid injections."
    assert items[0].reviewer_guideline == "Chronic Pain Medical Treatment Guidelines, epidural steroid injections, criteria for use."


def test_decision_section_in_the_other_item_form_is_still_read() -> None:
    """A 2016-style section heading over numbered "is (not) medically necessary" statements."""
    text = OLD.replace("IMR DECISION(S) AND RATIONALE(S)", "IMR ISSUES, DECISIONS AND RATIONALES")
    letter = parse_letter(text)
    assert letter.layout == "dwc-2016"
    assert _items(text) == _items(OLD)
    assert letter.items[2].rationale == "Fixture rationale: new neurological deficit documented."
    relabelled = text.replace("Rationale for the Decision:", "Decision rationale:").replace(
        "Guidelines/References Used by the Claims Administrator in the Utilization Review Determination:", "Claims Administrator guideline:"
    )
    third = parse_letter(relabelled).items[2]
    assert third.rationale == "Fixture rationale: new neurological deficit documented."
    assert third.claims_admin_guideline == "ACOEM, Low Back Complaints."


@pytest.mark.parametrize(
    ("text", "heading", "replacement"),
    [
        (DWC, "IMR ISSUES, DECISIONS AND RATIONALES", "FINDINGS OF THE EXPERT REVIEWER"),
        (OLD, "IMR DECISION(S) AND RATIONALE(S)", "OUTCOME OF THE REVIEW"),
        (OLD, "IMR DECISION(S) AND RATIONALE(S)\n", ""),
    ],
    ids=["dwc-renamed", "old-renamed", "old-no-heading"],
)
def test_a_decision_section_under_an_unknown_heading_is_still_read(text: str, heading: str, replacement: str) -> None:
    """The section starts at the first item decided after the summary; the summary stops before it."""
    known, unknown = parse_letter(text), parse_letter(text.replace(heading, replacement))
    assert unknown.layout == "unheaded"
    assert unknown.items == known.items
    assert unknown.summary == known.summary
    assert (unknown.case_number, unknown.date_of_injury, unknown.reviewer_specialty) == (
        known.case_number,
        known.date_of_injury,
        known.reviewer_specialty,
    )


def test_numbered_item_headings_lose_their_numbers() -> None:
    text = DWC.replace("\nTramadol ER 150mg #30 was", "\n1. Tramadol ER 150mg #30 was").replace("\nTranscutaneous", "\n2) Transcutaneous")
    assert _items(text) == DWC_ITEMS
    assert parse_letter(text).items[0].original_request == "Tramadol ER 150mg #30"


@pytest.mark.parametrize(
    "mess", [messy.crlf, messy.blank_line_after_every_line, messy.qmark_dashes, lambda t: messy.paginate(t, 7), lambda t: messy.paginate(t, 30)]
)
@pytest.mark.parametrize("text", [DWC, OLD, NOTICE], ids=["dwc", "old", "notice"])
def test_messy_exports_give_the_same_items(text: str, mess) -> None:
    assert _items(mess(text)) == _items(text)


def test_every_artifact_at_once_including_cp1252_bytes() -> None:
    raw = messy.cp1252_bytes(messy.crlf(messy.blank_line_after_every_line(messy.paginate(DWC, 11))))
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    letter = parse_letter(decode_bytes(raw))
    assert _items(decode_bytes(raw)) == DWC_ITEMS
    assert "Ren\u00e9e" in letter.summary
    assert letter.date_of_injury == date(2012, 8, 14)


def test_heading_broken_across_a_page_is_rejoined() -> None:
    lines = DWC.split("\n")
    split_at = next(i for i, line in enumerate(lines) if line.startswith("Transcutaneous")) + 1
    text = messy.paginate("\n".join(lines[:split_at]), 10_000) + "\n".join(lines[split_at:])
    assert "Page 1 of 1" in text
    assert _items(text) == DWC_ITEMS


def test_page_footers_removed_but_real_text_kept() -> None:
    assert normalize("a line\n  Page 2 of 5 \nnext line") == "a line\nnext line"
    assert normalize("walks 2 of 5 blocks") == "walks 2 of 5 blocks"
    assert normalize("9792.20 ? \n9792.26 and 50?year?old") == "9792.20 -\n9792.26 and 50-year-old"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ((FIXTURES / "not_a_letter.txt").read_text(), "not an IMR determination letter"),
        ((FIXTURES / "no_decision_section.txt").read_text(), "no decision section"),
        ("   \n\n ", "no text"),
    ],
)
def test_bad_letters_raise_a_specific_reason(text: str, reason: str) -> None:
    with pytest.raises(LetterError, match=reason) as info:
        parse_letter(text, "some/file.txt")
    assert info.value.source == "some/file.txt"


def test_decision_section_without_decisions_is_an_error() -> None:
    text = DWC.replace(": Overturned", "").replace("shoulder: Upheld", "shoulder")
    with pytest.raises(LetterError, match="lists no item"):
        parse_letter(text)
