"""Server-side checks of what a call produces: notes, promises, callbacks, overrides.

The desk runs the same pure rules before saving (app.domain.followups, banned_phrases);
here they run again when the op arrives, because the server never trusts the client:

- a note is checked for banned phrases and FLAGGED (stored with the violations found: hits
  of severity "block", the agent's own words; a quote or a denial, severity "review", is
  not a violation), never dropped: the work happened and a lead must be able to see it;
- a promise larger than what the borrower owes, in the past or beyond the horizon, and a
  callback outside the borrower's allowed hours, in the past or beyond the horizon, are
  refused with the rule's words (the desk keeps the op visible under "needs attention");
- a callback that has come due is done once a contact is recorded on its case.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.banned_phrases import check_text
from app.domain.followups import check_callback, check_promise
from app.server.changes import record_change
from app.server.models import Callback, Case, Installment
from app.server.models.book import INSTALLMENT_IN_FORCE
from app.server.settings import Settings

#: a callback is done by a contact recorded up to this long before its due time
CALLBACK_EARLY = timedelta(minutes=15)


def banned_phrases(text: str, reported: list[str]) -> list[str]:
    """The banned phrases that are violations in `text` (Chinese and English lists,
    severity "block") plus what the desk reported, without duplicates, in order."""
    found = [
        h.phrase
        for lang in ("zh_CN", "en")
        for h in check_text(text, lang)
        if h.severity == "block"
    ]
    return list(dict.fromkeys([*found, *reported]))[:50]


def owed_fen(session: Session, case: Case, today: Any) -> int:
    """What the borrower owes in total: the overdue amount plus principal not yet due."""
    future = session.scalar(
        select(
            func.coalesce(func.sum(Installment.principal - Installment.paid_principal), 0)
        ).where(
            Installment.loan_id == case.loan_id,
            Installment.due_date >= today,
            Installment.status == INSTALLMENT_IN_FORCE,
        )
    )
    return int(case.overdue_total) + int(future or 0)


def promise_problems(
    session: Session, case: Case, *, amount: int, promised_on: Any, today: Any, settings: Settings
) -> list[str]:
    """The promise rules the op breaks, in English words (empty when fine)."""
    problems = check_promise(
        amount,
        promised_on,
        today=today,
        owed_fen=owed_fen(session, case, today),
        horizon_days=settings.promise_horizon_days,
    )
    return [f"{p.field}: {p.message_en}" for p in problems]


@lru_cache(maxsize=8)
def _call_window(profile: str) -> Any:
    from app.domain.contact_policy import load_profile

    return load_profile(profile).call_window


def callback_problems(
    case: Case, *, due_at: datetime, scheduled_at: datetime, settings: Settings
) -> list[str]:
    """The callback rules the op breaks, in English words (empty when fine)."""
    problems = check_callback(
        due_at,
        now=scheduled_at,
        borrower_tz=case.borrower.timezone,
        window=_call_window(settings.contact_policy_profile),
        horizon_days=settings.callback_horizon_days,
    )
    return [f"{p.field}: {p.message_en}" for p in problems]


def complete_due_callbacks(session: Session, case: Case, at: datetime) -> int:
    """Mark the case's callbacks due by `at` (+ a little) done; returns how many (the caller
    then recomputes the case's next action, `services.next_actions`)."""
    due = (
        Callback.case_id == case.id,
        Callback.done.is_(False),
        Callback.due_at <= at + CALLBACK_EARLY,
    )
    ids = list(session.scalars(select(Callback.id).where(*due)))
    if not ids:
        return 0
    session.execute(
        update(Callback)
        .where(Callback.id.in_(ids))
        .values(done=True)
        .execution_options(synchronize_session=False)
    )
    for cid in ids:
        record_change(session, entity="callback", entity_id=cid, case_id=case.id)
    return len(ids)
