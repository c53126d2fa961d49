"""The lead's quality queue: reviewed calls of the team worst first, one call, verdicts.

Scope follows the case: a lead sees the transcripts of calls on cases of their team, an
admin any (``team`` narrows). Out-of-scope ids answer "not found". Opening a call (its
words) is audited (``quality.view``); a verdict is audited (``quality.verdict``) with ids
only, never words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.domain.masking import mask_name
from app.protocol.quality import (
    QualityCall,
    QualityFindingOut,
    QualityQueueItem,
    QualityQueuePage,
    QualityQueueQuery,
    TranscriptSegment,
    VerdictRequest,
)
from app.server.audit import audit
from app.server.errors import not_found
from app.server.models import Case, User
from app.server.models.quality import CallTranscript, QualityFinding
from app.server.scope import team_in_scope
from app.server.services.team_scope import TeamScope


def _filtered(scope: TeamScope, q: QualityQueueQuery) -> Select[Any]:
    stmt = (
        select(CallTranscript.id)
        .join(Case, Case.id == CallTranscript.case_id)
        .where(CallTranscript.score.is_not(None))
    )
    if scope.team_id is not None:
        stmt = stmt.where(Case.team_id == scope.team_id)
    if q.agent:
        stmt = stmt.join(User, User.id == CallTranscript.agent_id).where(User.username == q.agent)
    if q.rule:
        stmt = stmt.where(
            select(QualityFinding.id)
            .where(QualityFinding.transcript_id == CallTranscript.id)
            .where(QualityFinding.code == q.rule)
            .exists()
        )
    if q.date_from:
        stmt = stmt.where(CallTranscript.call_date >= q.date_from)
    if q.date_to:
        stmt = stmt.where(CallTranscript.call_date <= q.date_to)
    return stmt


def queue_page(session: Session, scope: TeamScope, q: QualityQueueQuery) -> QualityQueuePage:
    """The reviewed calls matching ``q``, lowest score first (then newest)."""
    ids = _filtered(scope, q).subquery()
    total = session.scalar(select(func.count()).select_from(ids)) or 0
    rows = session.execute(
        select(CallTranscript, User.username, Case.borrower_name)
        .join(ids, ids.c.id == CallTranscript.id)
        .join(User, User.id == CallTranscript.agent_id)
        .join(Case, Case.id == CallTranscript.case_id)
        .order_by(CallTranscript.score, CallTranscript.call_date.desc(), CallTranscript.id)
        .limit(q.limit)
        .offset(q.offset)
    ).all()
    findings: dict[str, list[QualityFinding]] = {}
    if rows:
        for f in session.scalars(
            select(QualityFinding).where(QualityFinding.transcript_id.in_([r[0].id for r in rows]))
        ):
            findings.setdefault(f.transcript_id, []).append(f)
    items = []
    for t, agent, borrower in rows:
        mine = findings.get(t.id, [])
        items.append(
            QualityQueueItem(
                transcript_id=t.id,
                case_id=t.case_id,
                call_date=t.call_date,
                agent=agent,
                borrower_masked=mask_name(borrower),
                score=t.score or 0,
                findings=len(mine),
                codes=sorted({f.code for f in mine}),
                open_findings=sum(1 for f in mine if f.verdict is None),
            )
        )
    return QualityQueuePage(items=items, total=total)


def _visible(session: Session, user: User, transcript_id: str) -> tuple[CallTranscript, Case]:
    row = session.get(CallTranscript, transcript_id)
    case = session.get(Case, row.case_id) if row else None
    if row is None or case is None or not team_in_scope(user, case.team_id):
        raise not_found("call")
    return row, case


def _username(session: Session, user_id: int | None) -> str | None:
    user = session.get(User, user_id) if user_id is not None else None
    return user.username if user else None


def call_detail(session: Session, user: User, transcript_id: str) -> QualityCall:
    """One call's words, findings and hints (audited: quality.view)."""
    row, case = _visible(session, user, transcript_id)
    agent = session.get(User, row.agent_id)
    findings = session.scalars(
        select(QualityFinding)
        .where(QualityFinding.transcript_id == row.id)
        .order_by(QualityFinding.at_ms, QualityFinding.id)
    ).all()
    audit(session, actor=user, action="quality.view", entity="call_transcript", entity_id=row.id)
    session.commit()
    return QualityCall(
        transcript_id=row.id,
        case_id=row.case_id,
        call_date=row.call_date,
        agent=agent.username if agent else "",
        borrower_masked=mask_name(case.borrower_name),
        language=row.language,
        score=row.score,
        segments=[TranscriptSegment.model_validate(s) for s in row.segments],
        findings=[
            QualityFindingOut(
                id=f.id,
                code=f.code,
                severity=f.severity,
                at=f.at_ms / 1000,
                quote=f.quote,
                points=f.points,
                detail=f.detail,
                verdict=f.verdict,  # type: ignore[arg-type]
                verdict_comment=f.verdict_comment,
                verdict_by=_username(session, f.verdict_by_id),
            )
            for f in findings
        ],
        hints=list(row.hints or []),
    )


def set_verdict(
    session: Session, user: User, finding_id: int, body: VerdictRequest
) -> QualityFindingOut:
    """A lead agrees or disagrees with a finding, with a comment (audited)."""
    finding = session.get(QualityFinding, finding_id)
    if finding is None:
        raise not_found("finding")
    _visible(session, user, finding.transcript_id)
    finding.verdict = body.verdict
    finding.verdict_comment = body.comment
    finding.verdict_by_id = user.id
    finding.verdict_at = datetime.now(UTC)
    audit(
        session,
        actor=user,
        action="quality.verdict",
        entity="quality_finding",
        entity_id=str(finding.id),
        details={"verdict": body.verdict, "code": finding.code},
    )
    session.commit()
    return QualityFindingOut(
        id=finding.id,
        code=finding.code,
        severity=finding.severity,
        at=finding.at_ms / 1000,
        quote=finding.quote,
        points=finding.points,
        detail=finding.detail,
        verdict=body.verdict,
        verdict_comment=body.comment,
        verdict_by=user.username,
    )
