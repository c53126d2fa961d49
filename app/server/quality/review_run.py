"""The review run: every transcribed call of a business day through the rule engine.

For each call of the day (contact attempts started that day in the lender's zone) that has
a transcript, the call's recorded facts are read from the database, the call is reviewed
(:func:`app.domain.quality.engine.review`) and its score, hints and findings stored,
replacing an earlier run's; a lead's verdict on a finding that is found again (same rule,
time and quote) is kept. Idempotent for a day. The summary holds counts only, no words,
and each rule's agreement rate so far (leads' agree / (agree + disagree)), to calibrate.

Facts: the disposition and result of the attempt; the contact-rule verdict recorded on it
(``policy_violation``, "; "-separated); the promise the agent recorded on the case during
or shortly after the call (``PROMISE_WINDOW`` after its end). The desk records no time
for the identity check, so the engine reads it from the words (rules.yaml).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.quality.engine import review
from app.domain.quality.rules import QualityRules, shipped_rules
from app.domain.quality.types import CallFacts, Review, transcript_from_mapping
from app.server.models import ContactAttempt, Promise
from app.server.models.quality import CallTranscript, QualityFinding

PROMISE_WINDOW = timedelta(hours=2)


@dataclass
class RunSummary:
    day: date
    calls: int = 0
    reviewed: int = 0
    untranscribed: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    scores: list[int] = field(default_factory=list)
    # every verdict leads have given so far, per rule: how far the rules are agreed with
    verdicts: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        mean = round(sum(self.scores) / len(self.scores), 1) if self.scores else None
        return {
            "date": self.day.isoformat(),
            "calls": self.calls,
            "reviewed": self.reviewed,
            "without_transcript": self.untranscribed,
            "mean_score": mean,
            "findings": dict(sorted(self.findings.items())),
            "agreement": {
                code: {**v, "rate": round(v["agree"] / (v["agree"] + v["disagree"]), 2)}
                for code, v in sorted(self.verdicts.items())
            },
        }


def call_facts(session: Session, attempt: ContactAttempt) -> CallFacts:
    """What the desk recorded about the call."""
    end = attempt.started_at + timedelta(seconds=attempt.duration_s)
    promise = session.scalars(
        select(Promise)
        .where(
            Promise.case_id == attempt.case_id,
            Promise.agent_id == attempt.agent_id,
            Promise.created_at >= attempt.started_at,
            Promise.created_at <= end + PROMISE_WINDOW,
        )
        .order_by(Promise.created_at)
        .limit(1)
    ).first()
    verdicts = tuple(v for v in (attempt.policy_violation or "").split("; ") if v)
    return CallFacts(
        disposition=attempt.disposition,
        result=attempt.result,
        promise_amount_fen=promise.amount if promise else None,
        promise_date=promise.promised_on if promise else None,
        contact_violations=verdicts,
    )


def review_stored(
    session: Session, row: CallTranscript, attempt: ContactAttempt, rules: QualityRules
) -> Review:
    """Review one stored transcript and store the result (the caller commits)."""
    doc = {
        "call_ref": attempt.id,
        "language": row.language,
        "segments": row.segments,
    }
    t = replace(
        transcript_from_mapping(doc), facts=call_facts(session, attempt), call_date=row.call_date
    )
    result = review(t, rules)
    old = {
        (f.code, f.at_ms, f.quote): f
        for f in session.scalars(
            select(QualityFinding).where(QualityFinding.transcript_id == row.id)
        )
    }
    for f in result.findings:
        key = (f.code, round(f.at * 1000), f.quote)
        kept = old.pop(key, None)
        if kept is not None:  # same finding again: keep the lead's verdict
            kept.severity, kept.points, kept.detail = f.severity, f.points, f.detail
            continue
        session.add(
            QualityFinding(
                transcript_id=row.id,
                code=f.code,
                severity=f.severity,
                at_ms=key[1],
                quote=f.quote,
                points=f.points,
                detail=f.detail,
            )
        )
    for gone in old.values():
        session.delete(gone)
    row.score = result.score
    row.hints = [h.as_dict() for h in result.hints]
    row.reviewed_at = datetime.now(UTC)
    return result


def run_day(
    session: Session, day: date, *, lender_timezone: str, rules: QualityRules | None = None
) -> RunSummary:
    """Review every transcribed call of ``day`` (the caller commits)."""
    rules = rules or shipped_rules()
    tz = ZoneInfo(lender_timezone)
    start = datetime.combine(day, datetime.min.time(), tz).astimezone(UTC)
    end = start + timedelta(days=1)
    summary = RunSummary(day)
    attempts = session.scalars(
        select(ContactAttempt)
        .where(ContactAttempt.started_at >= start, ContactAttempt.started_at < end)
        .order_by(ContactAttempt.started_at, ContactAttempt.id)
    ).all()
    for attempt in attempts:
        summary.calls += 1
        row = session.scalar(select(CallTranscript).where(CallTranscript.contact_id == attempt.id))
        if row is None:
            summary.untranscribed += 1
            continue
        result = review_stored(session, row, attempt, rules)
        summary.reviewed += 1
        summary.scores.append(result.score)
        summary.findings.update(f.code for f in result.findings)
    session.flush()
    summary.verdicts = agreement(session)
    return summary


def agreement(session: Session) -> dict[str, dict[str, int]]:
    """Per rule, how many findings leads agreed and disagreed with (all days)."""
    out: dict[str, dict[str, int]] = {}
    rows = session.execute(
        select(QualityFinding.code, QualityFinding.verdict, func.count())
        .where(QualityFinding.verdict.is_not(None))
        .group_by(QualityFinding.code, QualityFinding.verdict)
    ).all()
    for code, verdict, n in rows:
        out.setdefault(code, {"agree": 0, "disagree": 0})[str(verdict)] = int(n)
    return out
