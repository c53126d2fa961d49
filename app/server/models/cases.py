"""Collection cases and the work recorded on them: contacts, notes, promises, plans, callbacks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.server.models.base import UUID_LEN, Base, BigIntPK, new_id, utcnow
from app.server.models.book import Borrower, Loan
from app.server.models.people import User

WORKLIST_SORT_COLUMNS = [
    "id",
    "bucket",
    "next_action_kind",
    "next_action_at",
    "priority",
    "dpd",
    "overdue_total",
]


class Case(Base):
    """One open case per delinquent loan (status open or recovery); closed when cured."""

    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed', 'recovery')", name="status"),
        # one case per loan that is not closed
        Index(
            "uq_cases_loan_active",
            "loan_id",
            unique=True,
            sqlite_where=text("status <> 'closed'"),
            postgresql_where=text("status <> 'closed'"),
        ),
        # the worklist's scan of an agent's cases reads only this index on PostgreSQL
        # (index-only scan: scope, then the sort keys and the bucket counts)
        Index(
            "ix_cases_assigned_status",
            "assigned_to_id",
            "status",
            postgresql_include=WORKLIST_SORT_COLUMNS,
        ),
        Index("ix_cases_team_status", "team_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    loan_id: Mapped[str] = mapped_column(ForeignKey("loans.id"), index=True)
    borrower_id: Mapped[str] = mapped_column(ForeignKey("borrowers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    assigned_at: Mapped[datetime | None]
    dpd: Mapped[int] = mapped_column(Integer, default=0)
    bucket: Mapped[str] = mapped_column(String(4), default="M0")
    overdue_principal: Mapped[int] = mapped_column(BigInteger, default=0)
    overdue_interest: Mapped[int] = mapped_column(BigInteger, default=0)
    overdue_penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    overdue_fees: Mapped[int] = mapped_column(BigInteger, default=0)
    overdue_total: Mapped[int] = mapped_column(BigInteger, default=0)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    debtor_unreachable: Mapped[bool] = mapped_column(default=False)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    last_contact_at: Mapped[datetime | None]
    next_action_at: Mapped[datetime | None]
    next_action_kind: Mapped[str] = mapped_column(String(16), default="none")
    version: Mapped[int] = mapped_column(Integer, default=0)  # editable fields' version
    # 'collection' (a delinquent loan) or 'care' (an early-warning call on a current loan
    # whose risk score is high, opened by app/server/risk/care_calls.py; it becomes a
    # collection case when the loan falls overdue)
    kind: Mapped[str] = mapped_column(String(12), default="collection", server_default="collection")
    # the broken plan that returned this case to collection (jobs/plan_evaluation.py); the
    # desk shows why from the plan's broken_* fields (migration 0010_plan_rebooking)
    return_plan_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    # off the calling queue today: an agreed catch-up plan performs and none of its payment
    # dates is near (jobs/plan_queue.py; the worklist's active view leaves it out)
    plan_quiet: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What the worklist shows of the borrower, loan and vehicle, copied onto the case so a
    # page of 50 reads one table (jobs/case_display.py): written with the case by the
    # overdue run, refreshed by every run; the sources are not edited after import.
    borrower_name: Mapped[str] = mapped_column(String(128))
    phone_masked: Mapped[str | None] = mapped_column(String(32))
    contract_no: Mapped[str] = mapped_column(String(64))
    plate: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    loan: Mapped[Loan] = relationship()
    borrower: Mapped[Borrower] = relationship()
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    return_plan: Mapped[Plan | None] = relationship(
        primaryjoin="foreign(Case.return_plan_id) == Plan.id", viewonly=True, lazy="select"
    )


class CaseAssignment(Base):
    """Assignment history: who held a case when (an author may push work for a past case)."""

    __tablename__ = "case_assignments"
    __table_args__ = (Index("ix_case_assignments_case_user", "case_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ContactAttempt(Base):
    """A call (or SMS, letter, visit) and its outcome; flagged when it broke the contact policy."""

    __tablename__ = "contact_attempts"
    __table_args__ = (
        Index("ix_contact_attempts_case_started", "case_id", "started_at"),
        Index("ix_contact_attempts_dial_state", "dial_state", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    phone_id: Mapped[str | None] = mapped_column(ForeignKey("phones.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    disposition: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[datetime]
    duration_s: Mapped[int] = mapped_column(Integer, default=0)
    recording_ref: Mapped[str | None] = mapped_column(String(200))
    policy_violation: Mapped[str | None] = mapped_column(String(500))
    result: Mapped[str | None] = mapped_column(String(24))  # outcome of the contact
    override_reason: Mapped[str | None] = mapped_column(Text)  # a lead dialled despite a block
    # the case's bucket when the call was made (services/call_bucket.py, recorded when the
    # server takes the attempt): the KPIs count the call in it (migration 0015_kpi)
    bucket: Mapped[str | None] = mapped_column(String(4))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # a call dialled through POST /cases/{id}/dial (app.server.services.dial_attempts):
    # 'provisional' (no outcome yet: counted as unanswered), 'answered' (the phone says
    # somebody picked up; the wrap-up names who), 'ended' (the phone gave the outcome),
    # 'completed' (the wrap-up arrived), 'no_outcome' (closed by the job, still counted);
    # NULL: recorded without a dial (inbound, SMS, a desk without the dial route)
    dial_state: Mapped[str | None] = mapped_column(String(16))

    agent: Mapped[User] = relationship(lazy="joined")


class Note(Base):
    """An append-only note; a correction is a new note that `amends` an earlier one."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_case_created", "case_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    disposition: Mapped[str | None] = mapped_column(String(16))
    next_action_on: Mapped[date | None] = mapped_column(Date)
    amends: Mapped[str | None] = mapped_column(ForeignKey("notes.id"))
    # the contact attempt the note wraps up (no FK: the attempt is a separate op that may be
    # rejected on its own; the note stands either way)
    contact_id: Mapped[str | None] = mapped_column(String(UUID_LEN))
    banned_phrases: Mapped[list[str]] = mapped_column(JSON, default=list)  # flagged, not dropped
    created_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")


class Promise(Base):
    """A promise to pay: amount by a date; evaluated pending / kept / broken."""

    __tablename__ = "promises"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'kept', 'broken')", name="status"),
        Index("ix_promises_case", "case_id"),
        Index("ix_promises_status_date", "status", "promised_on"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    promised_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    evaluated_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    agent: Mapped[User] = relationship(lazy="joined")


class Plan(Base):
    """A repayment-plan proposal and its life: pending_approval / approved / rejected, then
    (jobs/plan_evaluation.py) active from its first date, kept or broken."""

    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'pending_approval', 'approved', 'rejected', 'active', 'kept',"
            " 'broken')",
            name="status",
        ),
        CheckConstraint("kind IN ('catch_up', 'restructure', 'settlement')", name="kind"),
        Index("ix_plans_case", "case_id"),
        Index("ix_plans_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    down_payment: Mapped[int] = mapped_column(BigInteger, default=0)
    payments: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(12), default="monthly")
    first_date: Mapped[date] = mapped_column(Date)
    new_term_months: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_fees: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_interest: Mapped[int] = mapped_column(BigInteger, default=0)
    violations: Mapped[list[str]] = mapped_column(JSON, default=list)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)
    # the lender's business date the plan was made (NULL on rows older than 0008: the plan
    # evaluation then takes the UTC date of created_at)
    made_on: Mapped[date | None] = mapped_column(Date)
    evaluated_on: Mapped[date | None] = mapped_column(Date)  # the run that last moved status
    # the business date an agreed restructure rebooked the loan (services/plan_booking.py)
    booked_on: Mapped[date | None] = mapped_column(Date)
    # why a broken plan broke: the earliest payment missed (its due date) and how much was
    # short of what was due by its deadline (due date + grace), in fen
    broken_due: Mapped[date | None] = mapped_column(Date)
    broken_short: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id], lazy="joined")
    lines: Mapped[list[PlanLine]] = relationship(
        order_by="PlanLine.n", lazy="selectin", cascade="all, delete-orphan"
    )


class PlanLine(Base):
    """One payment of a plan."""

    __tablename__ = "plan_lines"

    plan_id: Mapped[str] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)


class WriteOff(Base):
    """What a lender forgave on a loan, by component (fen): the waivers of a kept settlement
    (the loan closes as settled) or of a booked restructure. `balance_closed` is what the
    closed installments still owed by the books when a settlement closed them (see
    jobs/plan_settlement.py)."""

    __tablename__ = "write_offs"
    __table_args__ = (
        CheckConstraint("kind IN ('settlement', 'restructure')", name="kind"),
        Index("ix_write_offs_booked_on", "booked_on"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    loan_id: Mapped[str] = mapped_column(ForeignKey("loans.id"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    principal: Mapped[int] = mapped_column(BigInteger, default=0)
    interest: Mapped[int] = mapped_column(BigInteger, default=0)
    penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    fees: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    balance_closed: Mapped[int] = mapped_column(BigInteger, default=0)
    booked_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Callback(Base):
    """A scheduled call-back."""

    __tablename__ = "callbacks"
    __table_args__ = (Index("ix_callbacks_case", "case_id"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    due_at: Mapped[datetime] = mapped_column(index=True)
    note: Mapped[str | None] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agent: Mapped[User] = relationship(lazy="joined")
