"""Request and response models of the lead's quality queue (issue 19): the team's reviewed
calls worst first, one call's transcript with its findings, a lead's verdict on a finding.

Transcripts are personal data: served to a lead of the case's team (or an admin) only,
the borrower's name masked; opening a call is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from app.protocol.common import ApiModel, BizDate, CleanText, QueryModel

MAX_QUEUE_LIMIT = 200
Verdict = Literal["agree", "disagree"]
RuleCode = Literal[
    "recording_notice_missing",
    "company_name_missing",
    "disclosure_before_identity",
    "third_party_disclosure",
    "banned_phrase",
    "promise_mismatch",
    "outside_contact_rules",
]


class QualityQueueQuery(QueryModel):
    """Query string of GET /team/quality (a lead: own team; an admin: `team` or all)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=64)
    rule: RuleCode | None = None
    date_from: BizDate | None = None
    date_to: BizDate | None = None
    limit: int = Field(default=50, ge=1, le=MAX_QUEUE_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _ordered(self) -> QualityQueueQuery:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")
        return self


class QualityQueueItem(ApiModel):
    transcript_id: str
    case_id: str
    call_date: date
    agent: str
    borrower_masked: str
    score: int
    findings: int
    codes: list[str] = Field(description="the rules broken, sorted, each once")
    open_findings: int = Field(description="findings without a lead's verdict")


class QualityQueuePage(ApiModel):
    items: list[QualityQueueItem]
    total: int


class TranscriptSegment(ApiModel):
    speaker: Literal["agent", "customer"]
    start: float
    end: float
    text: str


class QualityFindingOut(ApiModel):
    id: int
    code: str
    severity: str
    at: float = Field(description="seconds from the start of the call")
    quote: str
    points: int
    detail: str
    verdict: Verdict | None
    verdict_comment: str | None
    verdict_by: str | None


class QualityCall(ApiModel):
    transcript_id: str
    case_id: str
    call_date: date
    agent: str
    borrower_masked: str
    language: str
    score: int | None
    segments: list[TranscriptSegment]
    findings: list[QualityFindingOut]
    hints: list[dict[str, float | str]]


class VerdictRequest(ApiModel):
    verdict: Verdict
    comment: CleanText | None = Field(default=None, max_length=1000)
