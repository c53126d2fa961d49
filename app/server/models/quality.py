"""Call transcripts and the quality findings on them (migration 0017_quality_review).

A transcript belongs to one contact attempt (the call) and so to its case: it is personal
data, scoped like the case, masked in exports and never written to logs. ``segments`` is
the documented import format's list (speaker, start, end, text). The review run
(app/server/quality/review_run.py) stores the score, hints and findings; a re-run for the
same call replaces the findings but keeps a lead's verdicts of findings that stay the same.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.server.models.base import UUID_LEN, Base, BigIntPK, new_id, utcnow


class CallTranscript(Base):
    """The words of one call, from an engine or the lender's recognition service."""

    __tablename__ = "call_transcripts"
    __table_args__ = (Index("ix_call_transcripts_call_date", "call_date"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contact_attempts.id", ondelete="CASCADE"), unique=True
    )
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    call_date: Mapped[date] = mapped_column(Date)  # business date of the call (lender zone)
    language: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(32))  # "import" or an engine's name
    segments: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[int | None] = mapped_column(Integer)
    hints: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    reviewed_at: Mapped[datetime | None]


class QualityFinding(Base):
    """One rule broken on a call, with a lead's verdict (agree/disagree) when given."""

    __tablename__ = "quality_findings"
    __table_args__ = (Index("ix_quality_findings_code", "code"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    transcript_id: Mapped[str] = mapped_column(
        ForeignKey("call_transcripts.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16))
    at_ms: Mapped[int] = mapped_column(BigInteger)  # time in the call
    quote: Mapped[str] = mapped_column(Text)
    points: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(String(200), default="")
    verdict: Mapped[str | None] = mapped_column(String(12))  # agree / disagree
    verdict_comment: Mapped[str | None] = mapped_column(Text)
    verdict_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verdict_at: Mapped[datetime | None]
