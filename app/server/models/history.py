"""Daily history of the case book: one row per active case per business date.

Written by the overdue run (jobs/case_snapshots.py) at the end of each run, set-based and
idempotent per date; read by the team dashboard (services/kpi_sql.py) for what the KPIs
need to know about the start of a period: which cases were open, in which bucket, with
what balance, held by whom (roll and cure rates, attribution of payments).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.server.models.base import UUID_LEN, Base


class CaseSnapshot(Base):
    """The state of one active case as computed by the overdue run for `snap_date`."""

    __tablename__ = "case_snapshots"
    __table_args__ = (
        Index("ix_case_snapshots_case", "case_id"),
        # the dashboard looks up (day, case) tens of thousands of times a request (payments
        # by the day before, the cohort's start and end): on PostgreSQL an index-only probe
        # (measured 12-17 µs against 47 µs through the heap on the 200,000-loan book)
        Index(
            "ix_case_snapshots_day_case",
            "snap_date",
            "case_id",
            postgresql_include=["team_id", "assigned_to_id", "bucket", "outstanding_principal"],
        ),
    )

    snap_date: Mapped[date] = mapped_column(Date, primary_key=True)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    loan_id: Mapped[str] = mapped_column(String(UUID_LEN))
    status: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[int | None] = mapped_column(Integer)
    assigned_to_id: Mapped[int | None] = mapped_column(Integer)
    bucket: Mapped[str] = mapped_column(String(4))
    dpd: Mapped[int] = mapped_column(Integer)
    overdue_total: Mapped[int] = mapped_column(BigInteger)
    # the loan's outstanding principal that day: the "balance" of the roll (flow) rates
    outstanding_principal: Mapped[int] = mapped_column(BigInteger)
