"""The items table: one row per disputed item, the contract between ingest and everything downstream.

Columns marked ``post_decision`` exist only once the IMR reviewer has decided. The feature builder
refuses them, which is how leakage is kept out by construction rather than by convention.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    post_decision: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("letter_id", pa.string(), "Case number, or the file name when the letter has none; groups items of one letter"),
    Column("case_number", pa.string(), "IMR case number (CMyy-nnnnnnn) when stated"),
    Column("source_file", pa.string(), "Path of the letter the item was read from"),
    Column(
        "layout",
        pa.string(),
        "Letter layout the parser recognised: dwc-2016, maximus-2013, maximus-notice-2013, or unheaded "
        "(decision section under a heading it does not know)",
    ),
    Column("item_no", pa.int32(), "1-based position of the item in the letter"),
    Column("item", pa.string(), "The disputed item: for partial items, the IMR-eligible portion"),
    Column("item_heading", pa.string(), "Full item heading as printed, line breaks joined, without the decision"),
    Column("partial", pa.bool_(), "True when the claims administrator authorized part of the original request"),
    Column("original_request", pa.string(), "Partial items: the request as originally made"),
    Column("authorized_portion", pa.string(), "Partial items: what the claims administrator authorized"),
    Column("summary", pa.string(), "Clinical case summary (shared by every item of the letter)"),
    Column("date_assigned", pa.date32(), "Date the IMR was assigned"),
    Column("date_of_injury", pa.date32(), "Date of the industrial injury"),
    Column("ur_denial_date", pa.date32(), "Date of the utilization review denial"),
    Column("application_received", pa.date32(), "Date the IMR application was received"),
    Column("priority", pa.string(), "Priority: Standard or Expedited"),
    Column("age", pa.int16(), "Injured worker's age when the summary states it"),
    Column("sex", pa.string(), "F or M when the summary states it"),
    Column("claims_admin_guideline", pa.string(), "Guideline the claims administrator (UR) based its decision on"),
    Column("decision", pa.string(), "IMR outcome: Upheld or Overturned", post_decision=True),
    Column("decision_date", pa.date32(), "Date of the IMR final determination", post_decision=True),
    Column("reviewer_licensure", pa.string(), "Expert reviewer's state(s) of licensure", post_decision=True),
    Column("reviewer_specialty", pa.string(), "Expert reviewer's certification(s)/specialty", post_decision=True),
    Column("reviewer_guideline", pa.string(), "Guideline the IMR reviewer cited", post_decision=True),
    Column("rationale", pa.string(), "The reviewer's decision rationale", post_decision=True),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
POST_DECISION_COLUMNS: frozenset[str] = frozenset(c.name for c in COLUMNS if c.post_decision)
PRE_DECISION_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if not c.post_decision)
ARROW_SCHEMA = pa.schema([pa.field(c.name, c.type) for c in COLUMNS])
DECISIONS = ("Upheld", "Overturned")


@dataclass(frozen=True)
class ItemRecord:
    """One disputed item with its letter's context; field names equal the table's columns."""

    letter_id: str
    case_number: str | None
    source_file: str
    layout: str
    item_no: int
    item: str
    item_heading: str
    partial: bool
    original_request: str | None
    authorized_portion: str | None
    summary: str
    date_assigned: date | None
    date_of_injury: date | None
    ur_denial_date: date | None
    application_received: date | None
    priority: str | None
    age: int | None
    sex: str | None
    claims_admin_guideline: str | None
    decision: str | None
    decision_date: date | None
    reviewer_licensure: str | None
    reviewer_specialty: str | None
    reviewer_guideline: str | None
    rationale: str | None

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def markdown_table() -> str:
    """The schema as a Markdown table, for the README."""
    rows = ["| column | type | post-decision | meaning |", "|---|---|---|---|"]
    for c in COLUMNS:
        rows.append(f"| `{c.name}` | {c.type} | {'yes' if c.post_decision else ''} | {c.description} |")
    return "\n".join(rows)


assert tuple(f.name for f in fields(ItemRecord)) == COLUMN_NAMES, "ItemRecord and COLUMNS disagree"
