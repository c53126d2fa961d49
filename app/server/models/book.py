"""The loan book imported from the lender's core system: borrowers, phones, loans, payments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

if TYPE_CHECKING:
    from app.server.models.risk import LoanRisk

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.server.models.base import UUID_LEN, Base, new_id, utcnow

INSTALLMENT_IN_FORCE = "scheduled"


class Borrower(Base):
    """A borrower. Clear PII (ID number, bank card) sits beside its masked form."""

    __tablename__ = "borrowers"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)  # core-system customer id
    name: Mapped[str] = mapped_column(String(128))
    id_number: Mapped[str] = mapped_column(String(32))
    id_number_masked: Mapped[str] = mapped_column(String(32))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    address: Mapped[str] = mapped_column(String(512), default="")
    employer: Mapped[str | None] = mapped_column(String(256))
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_LENDER_TIMEZONE)
    bank_card: Mapped[str | None] = mapped_column(String(32))
    bank_card_masked: Mapped[str | None] = mapped_column(String(32))
    risk_segment: Mapped[str] = mapped_column(String(8), default="medium")
    language: Mapped[str] = mapped_column(String(8), default="zh_CN")  # scripts, agreements
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    phones: Mapped[list[Phone]] = relationship(
        back_populates="borrower", order_by="Phone.sort_order", lazy="selectin"
    )


class RelatedParty(Base):
    """A related person (spouse, colleague...) or an emergency contact named at origination."""

    __tablename__ = "related_parties"
    __table_args__ = (CheckConstraint("kind IN ('related', 'emergency')", name="kind"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    borrower_id: Mapped[str] = mapped_column(
        ForeignKey("borrowers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(128))
    relation: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Phone(Base):
    """A phone number tagged by owner; the clear number is only returned by the audited reveal."""

    __tablename__ = "phones"
    __table_args__ = (
        CheckConstraint("owner IN ('borrower', 'related', 'emergency')", name="owner"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    borrower_id: Mapped[str] = mapped_column(
        ForeignKey("borrowers.id", ondelete="CASCADE"), index=True
    )
    related_party_id: Mapped[str | None] = mapped_column(
        ForeignKey("related_parties.id", ondelete="CASCADE"), index=True
    )
    owner: Mapped[str] = mapped_column(String(16))
    relation: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(128))
    number: Mapped[str] = mapped_column(String(32))
    number_masked: Mapped[str] = mapped_column(String(32))
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_LENDER_TIMEZONE)
    valid: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    borrower: Mapped[Borrower] = relationship(back_populates="phones")


class Loan(Base):
    """An auto loan: contract terms, outstanding principal, delinquency as of the last run."""

    __tablename__ = "loans"
    __table_args__ = (
        CheckConstraint("method IN ('equal_installment', 'equal_principal')", name="method"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    borrower_id: Mapped[str] = mapped_column(ForeignKey("borrowers.id"), index=True)
    contract_no: Mapped[str] = mapped_column(String(64), unique=True)
    product: Mapped[str] = mapped_column(String(64), default="auto_loan")
    method: Mapped[str] = mapped_column(String(24))
    principal: Mapped[int] = mapped_column(BigInteger)  # fen
    annual_rate: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    term_months: Mapped[int] = mapped_column(Integer)
    disbursed_on: Mapped[date] = mapped_column(Date)
    first_due_date: Mapped[date] = mapped_column(Date)
    day_of_month: Mapped[int | None] = mapped_column(Integer)
    extensions_months: Mapped[int] = mapped_column(Integer, default=0)
    outstanding_principal: Mapped[int] = mapped_column(BigInteger)  # fen
    dpd: Mapped[int] = mapped_column(Integer, default=0)
    bucket: Mapped[str] = mapped_column(String(4), default="M0")
    written_off: Mapped[bool] = mapped_column(default=False)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # how the loan closed: 'settled' when a settlement plan was kept (the rest written off,
    # write_offs); NULL while open (migration 0010_plan_rebooking)
    closed_as: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    borrower: Mapped[Borrower] = relationship()
    vehicle: Mapped[Vehicle | None] = relationship(back_populates="loan", lazy="joined")
    # the schedule in force: lines closed by a restructure or a settlement are history
    # (`closed_installments`) and count for nothing (services/plan_booking.py)
    installments: Mapped[list[Installment]] = relationship(
        order_by="Installment.n",
        lazy="selectin",
        viewonly=True,
        primaryjoin="and_(Installment.loan_id == Loan.id, Installment.status == 'scheduled')",
    )
    closed_installments: Mapped[list[Installment]] = relationship(
        order_by="Installment.n",
        lazy="select",
        viewonly=True,
        primaryjoin="and_(Installment.loan_id == Loan.id, Installment.status != 'scheduled')",
    )
    payments: Mapped[list[Payment]] = relationship(
        order_by="Payment.paid_on", lazy="selectin", back_populates="loan"
    )
    # the latest risk score (risk/scoring.py); loaded on access only
    risk: Mapped[LoanRisk | None] = relationship(viewonly=True)


class Vehicle(Base):
    """The financed vehicle (collateral) of a loan."""

    __tablename__ = "vehicles"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    loan_id: Mapped[str] = mapped_column(ForeignKey("loans.id", ondelete="CASCADE"), unique=True)
    brand: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(64))
    plate: Mapped[str] = mapped_column(String(16), index=True)
    vin: Mapped[str] = mapped_column(String(17))
    vin_masked: Mapped[str] = mapped_column(String(17))
    year: Mapped[int] = mapped_column(Integer)

    loan: Mapped[Loan] = relationship(back_populates="vehicle")


class Installment(Base):
    """One scheduled installment with what has been paid, accrued penalty and fees (all fen)."""

    __tablename__ = "installments"

    loan_id: Mapped[str] = mapped_column(
        ForeignKey("loans.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    payment: Mapped[int] = mapped_column(BigInteger)
    principal: Mapped[int] = mapped_column(BigInteger)
    interest: Mapped[int] = mapped_column(BigInteger)
    fees: Mapped[int] = mapped_column(BigInteger, default=0)
    penalty: Mapped[int] = mapped_column(BigInteger, default=0)  # accrued as of the last run
    # penalty frozen when the unpaid base last changed (payment allocation), and the date it
    # runs to: the overdue run adds base x days since then (domain InstallmentState fields)
    penalty_accrued: Mapped[int] = mapped_column(BigInteger, default=0)
    accrued_through: Mapped[date | None] = mapped_column(Date)
    paid_principal: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_interest: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_fees: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_fees: Mapped[int] = mapped_column(BigInteger, default=0)
    waived_interest: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_on: Mapped[date | None] = mapped_column(Date)  # date it became fully paid
    # 'scheduled' (in force), 'restructured' (closed when a 展期 restructure rebooked the
    # loan: its unpaid part went into the plan) or 'settled' (closed by a kept settlement:
    # its unpaid part was written off). Closed lines are kept for history and every job and
    # view of the schedule reads only 'scheduled' ones (migration 0010_plan_rebooking).
    status: Mapped[str] = mapped_column(
        String(12), default=INSTALLMENT_IN_FORCE, server_default=INSTALLMENT_IN_FORCE
    )
    # the plan whose line this is (a rebooked restructure); NULL for the contract's lines
    plan_id: Mapped[str | None] = mapped_column(String(UUID_LEN))

    loan: Mapped[Loan] = relationship()


class Payment(Base):
    """A payment received by the core system; `allocated` once applied to installments."""

    __tablename__ = "payments"
    __table_args__ = (
        Index("ix_payments_loan_paid_on", "loan_id", "paid_on"),
        # the dashboard's amount collected reads a period's payments from this index alone
        # on PostgreSQL (index-only scan; migration 0005_team_console)
        Index("ix_payments_paid_on", "paid_on", postgresql_include=["loan_id", "amount"]),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    loan_id: Mapped[str] = mapped_column(ForeignKey("loans.id", ondelete="CASCADE"))
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    channel: Mapped[str] = mapped_column(String(32), default="bank_transfer")
    reference: Mapped[str | None] = mapped_column(String(128))
    allocated: Mapped[bool] = mapped_column(default=False, index=True)
    unapplied: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    loan: Mapped[Loan] = relationship(back_populates="payments")
