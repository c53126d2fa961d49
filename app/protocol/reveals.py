"""GET /team/reveals: who revealed which personal information, on which case and why
(the lead's view of PIPL's "minimum necessary"), and who passed the daily threshold."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from app.protocol.common import ApiModel, QueryModel

RevealPeriod = Literal["today", "week"]
MAX_REVEAL_ENTRIES = 500


class RevealsQuery(QueryModel):
    """`period`: today, or this week (from Monday) in the lender's zone; `team` as
    GET /team/agents (a lead: their own team; an admin: any team, or all)."""

    period: RevealPeriod = "today"
    team: str | None = Field(default=None, min_length=1, max_length=64)
    limit: int = Field(default=200, ge=1, le=MAX_REVEAL_ENTRIES)


class AgentReveals(ApiModel):
    """One user's reveals: today and this week; `over_threshold` when today's count is
    above the server's `reveal_daily_threshold`."""

    username: str
    display_name: str
    today: int
    week: int
    over_threshold: bool


class RevealEntry(ApiModel):
    """One reveal: when, who, which kind of value (masked), whose (masked name), the case,
    the reason code and the note. Never the clear value."""

    at: datetime
    username: str
    display_name: str
    field: Literal["id_number", "phone", "bank_card"]
    masked_value: str
    borrower_masked: str
    case_id: str | None
    reason: str
    note: str | None


class RevealsReport(ApiModel):
    """The users who revealed something this week (most today first), the entries of the
    period (newest first, at most `limit`; `total` of them in all) and the threshold."""

    period: RevealPeriod
    since: datetime
    today: date
    threshold: int
    agents: list[AgentReveals]
    entries: list[RevealEntry]
    total: int
