"""Recomputing cases' next action on the server from their live facts.

Called whenever a fact of a case changes: a promise, callback or plan recorded (ops), a
contact that completes callbacks, a flag edited, a plan approved or rejected, promises and
plans judged by the daily run, payments allocated. The rule itself is the pure
`app.domain.next_action.derive` (the desk runs the same one on its local copy). The facts
are loaded set-based (one query per kind for any number of cases); a case whose action
moves gets its next_action_kind/at, its priority's tier (`priority.with_tier`; the score is
the daily run's) and a sync change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.next_action import (
    CallbackFact,
    CaseFacts,
    PaymentFact,
    PlanFact,
    PromiseFact,
    derive,
)
from app.domain.priority import with_tier
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.server.changes import record_change
from app.server.models import Callback, Case, Payment, Plan, Promise, utcnow

_CHUNK = 500


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


@dataclass(frozen=True, slots=True)
class CaseKey:
    """What of a case the facts hang on."""

    id: str
    loan_id: str
    status: str
    flags: tuple[str, ...]


def build_facts(
    cases: Iterable[CaseKey],
    promises: Iterable[Any],
    callbacks: Iterable[Any],
    plans: Iterable[Any],
    payments: Iterable[Any],
) -> dict[str, CaseFacts]:
    """CaseFacts per case from rows: promises (case_id, promised_on, created_at, status,
    amount), callbacks (case_id, due_at, done, created_at), plans (case_id, status,
    created_at), payments (case_id, paid_on, amount)."""
    by: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for cid, on, created, status, amount in promises:
        by[cid]["promises"].append(PromiseFact(on, _aware(created), status, int(amount)))
    for cid, due, done, created in callbacks:
        by[cid]["callbacks"].append(
            CallbackFact(_aware(due), bool(done), _aware(created) if created else None)
        )
    for cid, status, created in plans:
        by[cid]["plans"].append(PlanFact(status, _aware(created)))
    for cid, paid_on, amount in payments:
        by[cid]["payments"].append(PaymentFact(paid_on, int(amount)))
    return {
        c.id: CaseFacts(
            status=c.status,
            flags=frozenset(c.flags),
            promises=tuple(by[c.id]["promises"]),
            callbacks=tuple(by[c.id]["callbacks"]),
            plans=tuple(by[c.id]["plans"]),
            payments=tuple(by[c.id]["payments"]),
        )
        for c in cases
    }


def _aware(value: datetime) -> datetime:
    """Instants read with raw SQL on SQLite come back naive UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def load_facts(session: Session, cases: list[CaseKey]) -> dict[str, CaseFacts]:
    """The facts of `cases` (their promises, callbacks, plans, and the loan's payments when
    a promise is broken), keyed by case id."""
    promises: list[Any] = []
    callbacks: list[Any] = []
    plans: list[Any] = []
    payments: list[Any] = []
    for chunk in _chunks([c.id for c in cases]):
        promises += session.execute(
            select(
                Promise.case_id,
                Promise.promised_on,
                Promise.created_at,
                Promise.status,
                Promise.amount,
            ).where(Promise.case_id.in_(chunk))
        ).all()
        callbacks += session.execute(
            select(Callback.case_id, Callback.due_at, Callback.done, Callback.created_at).where(
                Callback.case_id.in_(chunk)
            )
        ).all()
        plans += session.execute(
            select(Plan.case_id, Plan.status, Plan.created_at).where(Plan.case_id.in_(chunk))
        ).all()
    broken = {p[0] for p in promises if p[3] == "broken"}
    loans: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        if c.id in broken:
            loans[c.loan_id].append(c.id)
    for chunk in _chunks(list(loans)):
        for loan_id, paid_on, amount in session.execute(
            select(Payment.loan_id, Payment.paid_on, Payment.amount).where(
                Payment.loan_id.in_(chunk)
            )
        ):
            payments += [(cid, paid_on, amount) for cid in loans[loan_id]]
    return build_facts(cases, promises, callbacks, plans, payments)


def _same(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b


def refresh(
    session: Session,
    cases: Iterable[Case],
    *,
    lender_timezone: str,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> int:
    """Recompute the next action of `cases` (ORM rows); returns how many moved (each records
    a sync change). Pending ORM changes are flushed first, so facts added in this session
    count."""
    todo = list(cases)
    if not todo:
        return 0
    session.flush()
    facts = load_facts(
        session, [CaseKey(c.id, c.loan_id, c.status, tuple(c.flags or ())) for c in todo]
    )
    moved = 0
    for case in todo:
        action = derive(facts[case.id], lender_tz=lender_timezone, grace_days=grace_days)
        if case.next_action_kind == action.kind and _same(case.next_action_at, action.at):
            continue
        case.next_action_kind = action.kind
        case.next_action_at = action.at
        if case.status != "closed":
            case.priority = with_tier(case.priority, action.kind)
        case.updated_at = utcnow()
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)
        moved += 1
    return moved
