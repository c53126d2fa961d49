"""The lead's quality queue (issue 19): GET /team/quality, GET /team/quality/{id},
POST /team/quality/findings/{id}/verdict. Team lead: own team; admin: any team."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.protocol.quality import (
    QualityCall,
    QualityFindingOut,
    QualityQueuePage,
    QualityQueueQuery,
    VerdictRequest,
)
from app.server.api.deps import LeadUser, SessionDep
from app.server.quality.queue import call_detail, queue_page, set_verdict
from app.server.services.team_scope import resolve_team
from app.server.services.uow import released

router = APIRouter(prefix="/team/quality", tags=["quality"])

TranscriptId = Annotated[str, Path(min_length=1, max_length=36)]
FindingId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("", response_model=QualityQueuePage)
def get_quality_queue(
    q: Annotated[QualityQueueQuery, Query()], user: LeadUser, session: SessionDep
) -> QualityQueuePage:
    """The team's reviewed calls, lowest score first; filter by agent, rule, date range."""
    with released(session):
        return queue_page(session, resolve_team(session, user, q.team), q)


@router.get("/{transcript_id}", response_model=QualityCall)
def get_quality_call(
    transcript_id: TranscriptId, user: LeadUser, session: SessionDep
) -> QualityCall:
    """One call: the transcript, its findings (with verdicts) and hints; audited."""
    with released(session):
        return call_detail(session, user, transcript_id)


@router.post("/findings/{finding_id}/verdict", response_model=QualityFindingOut)
def post_verdict(
    finding_id: FindingId, body: VerdictRequest, user: LeadUser, session: SessionDep
) -> QualityFindingOut:
    """Agree or disagree with a finding, with a comment (kept to calibrate the rules)."""
    with released(session):
        return set_verdict(session, user, finding_id, body)
