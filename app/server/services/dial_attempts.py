"""Every dial is a contact attempt from the moment it is dialled (issue #17 point 3).

`POST /cases/{id}/dial` opens a PROVISIONAL attempt: a `contact_attempts` row with
`dial_state = 'provisional'` and the disposition `no_answer`, so the contact caps count it
at once, in the same SQL as any recorded call (app.server.services.policy_adapter.history):
as an unanswered call for the per-number cap and as an attempt for Regulation F's 7 in 7.
The dial answer carries its id; the desk sends its wrap-up's contact with that id.

The attempt is then completed, exactly once, by whichever comes first:

- the phone's end event (`contact.end` op, `POST /cases/{id}/contacts/{aid}/end`):
  not answered -> the phone's outcome and talk time, state 'ended'; answered -> the talk
  time and the placeholder `hung_up` (somebody picked up: it counts as connected), state
  'answered', the wrap-up names who it was;
- the wrap-up (`contact.create` with the attempt's id, through /sync/push or the REST
  contact route): its disposition, reason, result, state 'completed'.

The later one only adds what is missing (an answered call's disposition, a reason, a
result, a recording reference); it never makes a second row and never overrides the
phone's outcome. A repeated completion changes nothing. A dial with no outcome after
`Settings.dial_outcome_timeout_minutes` is closed as 'no_outcome' by `close_expired`
(`main.py close-dials`, and a step of the daily chain); it stays counted as unanswered,
and a late wrap-up still completes it.

One row per attempt: the KPIs (app.server.services.kpi_sql) count each attempt once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.domain.contact_history import CALL_CHANNEL, CONNECTED_DISPOSITIONS
from app.protocol.sync import ContactEndPayload, ContactPayload
from app.server.audit import audit
from app.server.changes import record_change
from app.server.errors import ApiError
from app.server.models import Case, ContactAttempt, Phone, User, new_id
from app.server.services import call_rules

#: the disposition of a dial whose outcome is unknown: unanswered (counted conservatively)
PROVISIONAL_DISPOSITION = "no_answer"
#: the placeholder of an answered call until the wrap-up says who answered (connected)
ANSWERED_DISPOSITION = "hung_up"
#: states in which the wrap-up still completes the attempt
AWAITING_WRAP_UP = frozenset({"provisional", "answered", "ended", "no_outcome"})
#: states in which the phone's end event still sets the outcome
AWAITING_END = frozenset({"provisional", "no_outcome"})


class AttemptRejected(Exception):
    """The completion does not fit the dialled attempt; `code` as OpRejected's."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def open_attempt(
    session: Session,
    user: User,
    *,
    case: Case,
    phone: Phone,
    attempt_id: str | None,
    now: datetime,
    violation: str | None,
    override_reason: str | None,
) -> str:
    """Record the dial as a provisional attempt (in the caller's transaction); its id.
    The same dial sent again (same id, case, number, agent, still provisional) is the same
    attempt; an id used for anything else is a conflict (409)."""
    if attempt_id is not None:
        row = session.get(ContactAttempt, attempt_id)
        if row is not None:
            same = (row.case_id, row.agent_id, row.phone_id) == (case.id, user.id, phone.id)
            if same and row.dial_state == "provisional":
                return row.id
            raise ApiError(409, "conflict", "contact attempt id already used")
    aid = attempt_id or new_id()
    session.add(
        ContactAttempt(
            id=aid,
            case_id=case.id,
            agent_id=user.id,
            phone_id=phone.id,
            channel=CALL_CHANNEL,
            disposition=PROVISIONAL_DISPOSITION,
            started_at=now,
            duration_s=0,
            policy_violation=violation,
            override_reason=override_reason,
            dial_state="provisional",
            bucket=case.bucket,  # dialled now: the case's bucket now (services/call_bucket.py)
        )
    )
    record_change(session, entity="contact_attempt", entity_id=aid, case_id=case.id)
    return aid


def dialled(session: Session, attempt_id: str) -> ContactAttempt | None:
    """The attempt `attempt_id` when it was opened by a dial, else None. The row is locked
    (PostgreSQL) until the caller commits: a wrap-up and an end event arriving together
    complete it one after the other, never from the same stale state."""
    row = session.get(ContactAttempt, attempt_id, with_for_update={"of": ContactAttempt})
    return row if row is not None and row.dial_state is not None else None


def awaits_wrap_up(session: Session, attempt_id: str) -> bool:
    """Whether a wrap-up with this id completes a dialled attempt (rather than repeat one)."""
    row = dialled(session, attempt_id)
    return row is not None and row.dial_state in AWAITING_WRAP_UP


def _own(row: ContactAttempt, case: Case, user: User) -> None:
    if row.case_id != case.id or row.agent_id != user.id:
        raise AttemptRejected("conflict", "contact attempt id already used")


def wrap_up(
    session: Session, user: User, *, case: Case, row: ContactAttempt, payload: ContactPayload
) -> ContactAttempt:
    """Complete the dialled attempt `row` with the agent's wrap-up (see module docstring)."""
    _own(row, case, user)
    if payload.channel != CALL_CHANNEL or (
        payload.phone_id is not None and payload.phone_id != row.phone_id
    ):
        raise AttemptRejected("conflict", "the wrap-up is not the dialled call's")
    if row.dial_state not in AWAITING_WRAP_UP:
        return row  # completed already: a repeated wrap-up changes nothing
    if row.dial_state == "ended" and payload.disposition in CONNECTED_DISPOSITIONS:
        # the phone reported the call unanswered (busy, no answer, invalid number): nobody
        # was reached, so it cannot be recorded as a contact, let alone a right-party one
        raise AttemptRejected(
            "not_reached",
            "the phone reported this call unanswered: it cannot be recorded as a contact",
        )
    if row.dial_state in ("provisional", "answered", "no_outcome"):
        row.disposition = payload.disposition
    if row.dial_state in ("provisional", "no_outcome"):
        row.duration_s = payload.duration_s
    row.reason = row.reason or payload.reason
    row.result = row.result or payload.result
    row.recording_ref = row.recording_ref or payload.recording_ref
    row.dial_state = "completed"
    record_change(session, entity="contact_attempt", entity_id=row.id, case_id=case.id)
    call_rules.complete_due_callbacks(session, case, row.started_at)
    if case.last_contact_at is None or row.started_at > case.last_contact_at:
        case.last_contact_at = row.started_at
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    return row


def end(
    session: Session, user: User, *, case: Case, attempt_id: str, payload: ContactEndPayload
) -> ContactAttempt:
    """The phone's end of the dialled attempt (see module docstring); idempotent."""
    row = dialled(session, attempt_id)
    if row is None:
        raise AttemptRejected("not_found", "no dialled attempt with this id")
    _own(row, case, user)
    if row.dial_state in AWAITING_END:
        row.duration_s = payload.duration_s
        if payload.answered:
            row.disposition, row.dial_state = ANSWERED_DISPOSITION, "answered"
        else:
            row.disposition, row.dial_state = str(payload.disposition), "ended"
    row.recording_ref = row.recording_ref or payload.recording_ref
    record_change(session, entity="contact_attempt", entity_id=row.id, case_id=case.id)
    return row


def close_expired(session: Session, *, now: datetime, timeout: timedelta) -> int:
    """Close the dials still provisional `timeout` after they were dialled as 'no_outcome'
    (one UPDATE; they stay counted as unanswered); commits; how many were closed."""
    closed = session.execute(
        update(ContactAttempt)
        .where(
            ContactAttempt.dial_state == "provisional",
            ContactAttempt.started_at < now - timeout,
        )
        .values(dial_state="no_outcome")
        .returning(ContactAttempt.id, ContactAttempt.case_id)
        .execution_options(synchronize_session=False)
    ).all()
    for aid, case_id in closed:
        record_change(session, entity="contact_attempt", entity_id=aid, case_id=case_id)
    if closed:
        audit(
            session,
            actor=None,
            action="job.close_dials",
            entity="job",
            entity_id=now.isoformat(timespec="seconds"),
            details={"closed": len(closed), "timeout_minutes": int(timeout.total_seconds() // 60)},
        )
    session.commit()
    return len(closed)
