"""The lead's quality queue through the signed-in API client (GET /team/quality, one call,
a verdict on a finding). Answers are checked against the wire models (app.protocol.quality);
a bad answer is BadResponse."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.client.http_client import ApiClient
from app.client.team_api import _validated
from app.protocol.quality import QualityCall, QualityFindingOut, QualityQueuePage


class QualityApi:
    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def queue(
        self,
        *,
        team: str | None = None,
        agent: str | None = None,
        rule: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int = 100,
    ) -> QualityQueuePage:
        params: dict[str, Any] = {"limit": limit}
        for key, value in (("team", team), ("agent", agent), ("rule", rule)):
            if value:
                params[key] = value
        if date_from:
            params["date_from"] = date_from.isoformat()
        if date_to:
            params["date_to"] = date_to.isoformat()
        page: QualityQueuePage = _validated(
            QualityQueuePage, self.api.get("/team/quality", **params)
        )
        return page

    def call(self, transcript_id: str) -> QualityCall:
        answer: QualityCall = _validated(
            QualityCall, self.api.get(f"/team/quality/{transcript_id}")
        )
        return answer

    def verdict(self, finding_id: int, verdict: str, comment: str | None) -> QualityFindingOut:
        body: dict[str, Any] = {"verdict": verdict}
        if comment and comment.strip():
            body["comment"] = comment.strip()
        answer: QualityFindingOut = _validated(
            QualityFindingOut, self.api.post(f"/team/quality/findings/{finding_id}/verdict", body)
        )
        return answer
