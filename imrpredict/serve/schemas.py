"""The HTTP API's request and response records (OpenAPI at /docs is generated from these)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from imrpredict.scoring.core import MAX_ITEMS, MAX_SUMMARY_CHARS


class PredictRequest(BaseModel):
    """One pre-screening request: a clinical case summary and the items requested for it."""

    model_config = ConfigDict(extra="forbid")

    summary: str = Field(min_length=1, max_length=MAX_SUMMARY_CHARS, description="Clinical case summary (plain text)")
    items: list[str] = Field(min_length=1, max_length=MAX_ITEMS, description="The requested items, one string each")
    partial: list[bool] | None = Field(None, description="Per item: the claims administrator authorised part of the request")
    date_of_injury: date | None = None
    date_assigned: date | None = None
    ur_denial_date: date | None = None
    application_received: date | None = None
    age: int | None = Field(None, ge=14, le=100)
    sex: Literal["female", "male"] | None = None


class Reason(BaseModel):
    feature: str
    text: str
    contribution: float = Field(description="Signed log-odds contribution; + pushes towards Overturned")


class EvidenceSentence(BaseModel):
    reason: str = Field(description="The reason (Reason.text) this sentence supports")
    feature: str
    sentence: str
    start: int = Field(description="Character offset of the sentence in the returned summary")
    end: int


class Documented(BaseModel):
    feature: str
    text: str
    probability: float


class NotStated(BaseModel):
    fact: str
    largest_change: float
    if_documented: list[Documented]


class ItemResult(BaseModel):
    item: str
    probability_overturn: float | None
    predicted: Literal["Upheld", "Overturned"] | None
    risk_band: str | None
    reasons: list[Reason]
    evidence: list[EvidenceSentence]
    not_stated: list[NotStated]
    error: str | None


class PredictResponse(BaseModel):
    model: dict[str, object]
    summary: str = Field(description="The summary as scored (whitespace collapsed); evidence spans index into it")
    items: list[ItemResult]


class LetterResponse(PredictResponse):
    letter: dict[str, object] = Field(description="The letter's header fields (case number, dates, age, sex...)")


class BatchCreated(BaseModel):
    id: str


class BatchStatus(BaseModel):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    rows_done: int
    rows_total: int | None
    scored: int | None = None
    errors: int | None = None
    error: str | None = None
    result_format: str


class ErrorResponse(BaseModel):
    error: str
