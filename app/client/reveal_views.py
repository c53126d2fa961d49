"""The team console's Reveals view (GET /team/reveals) as frozen values: who revealed
which personal information on which case and why, and who passed the daily threshold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from app.client.http_client import ApiClient, BadResponse

RevealPeriod = Literal["today", "week"]


@dataclass(frozen=True, slots=True)
class AgentRevealsView:
    username: str
    display_name: str
    today: int
    week: int
    over_threshold: bool


@dataclass(frozen=True, slots=True)
class RevealEntryView:
    at: datetime
    username: str
    display_name: str
    field: str
    masked_value: str
    borrower_masked: str
    case_id: str | None
    reason: str
    note: str | None


@dataclass(frozen=True, slots=True)
class RevealsView:
    period: str
    since: datetime
    today: date
    threshold: int
    agents: tuple[AgentRevealsView, ...]
    entries: tuple[RevealEntryView, ...]
    total: int

    @property
    def over_threshold(self) -> tuple[AgentRevealsView, ...]:
        return tuple(a for a in self.agents if a.over_threshold)


def fetch_reveals(
    api: ApiClient, period: RevealPeriod = "today", team: str | None = None, limit: int = 200
) -> RevealsView:
    """GET /team/reveals, validated against the wire model (BadResponse if it is not)."""
    from pydantic import ValidationError

    from app.protocol.reveals import RevealsReport

    params: dict[str, Any] = {"period": period, "limit": limit}
    if team:
        params["team"] = team
    try:
        wire = RevealsReport.model_validate(api.get("/team/reveals", **params))
    except ValidationError as exc:
        raise BadResponse(f"unexpected answer: {exc.error_count()} invalid field(s)") from exc
    return RevealsView(
        period=wire.period,
        since=wire.since,
        today=wire.today,
        threshold=wire.threshold,
        agents=tuple(
            AgentRevealsView(a.username, a.display_name, a.today, a.week, a.over_threshold)
            for a in wire.agents
        ),
        entries=tuple(
            RevealEntryView(
                e.at,
                e.username,
                e.display_name,
                e.field,
                e.masked_value,
                e.borrower_masked,
                e.case_id,
                e.reason,
                e.note,
            )
            for e in wire.entries
        ),
        total=wire.total,
    )
