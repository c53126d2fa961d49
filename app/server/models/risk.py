"""Risk and strategy tables: fitted default-probability models, per-loan scores, reminders.

A model is stored as data (coefficients, the features' means and scales, its metrics),
never as a pickle: scoring is a dot product any process can do with numpy, and a model row
can be read, compared and audited. `loan_risk` holds the latest score of each loan with
its segment and top factors; `reminder_sends` the SMS/IVR reminders handed to the gateway.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.server.models.base import Base, utcnow


class RiskModel(Base):
    """A fitted logistic-regression default model (one row per fit; the newest is used)."""

    __tablename__ = "risk_models"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    as_of: Mapped[date] = mapped_column(Date)  # the last business date the fit could see
    horizon_days: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(64))  # e.g. "dpd30_within_90d"
    features: Mapped[list[str]] = mapped_column(JSON)  # feature codes, in coefficient order
    coefficients: Mapped[list[float]] = mapped_column(JSON)  # per standardised feature
    intercept: Mapped[float] = mapped_column(Float)
    means: Mapped[list[float]] = mapped_column(JSON)
    scales: Mapped[list[float]] = mapped_column(JSON)
    auc_test: Mapped[float] = mapped_column(Float)  # on held-out loans
    auc_train: Mapped[float] = mapped_column(Float)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # counts, base rate...
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # seed, C, library...


class LoanRisk(Base):
    """The latest score of a loan: probability, segment and its top factors."""

    __tablename__ = "loan_risk"
    __table_args__ = (Index("ix_loan_risk_segment", "segment"),)

    loan_id: Mapped[str] = mapped_column(
        ForeignKey("loans.id", ondelete="CASCADE"), primary_key=True
    )
    model_version: Mapped[int] = mapped_column(ForeignKey("risk_models.version"))
    score: Mapped[float] = mapped_column(Float)  # probability, rounded to 4 decimals
    segment: Mapped[str] = mapped_column(String(8))
    # [{code, label_zh, label_en, weight}], largest contribution first (app.domain.risk)
    factors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    scored_on: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReminderSend(Base):
    """One automated reminder handed to the SMS/IVR gateway for a business date."""

    __tablename__ = "reminder_sends"
    __table_args__ = (Index("ix_reminder_sends_phone_from", "phone_id", "send_from"),)

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    phone_id: Mapped[str] = mapped_column(ForeignKey("phones.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(8), primary_key=True)  # sms | ivr
    template_id: Mapped[str] = mapped_column(String(48))
    lang: Mapped[str] = mapped_column(String(8))
    send_from: Mapped[datetime]
    send_until: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
