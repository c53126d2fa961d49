"""Importing transcripts into call_transcripts (the lender's recognition service, or ours).

The import file is one transcript object or a list of them, in the format of
:mod:`app.domain.quality.types` (``call_ref``, ``language``, ``segments``; ``facts`` and
``call_date`` are ignored here: the server knows the call). ``call_ref`` names the call:
the contact attempt's id, or its ``recording_ref`` (the reference the telephony platform
gave the recording). A file is imported whole or not at all: a bad transcript or an
unknown call reference refuses the file, naming the item, and changes nothing. Importing a
call again replaces its transcript (and drops its old findings: the next review run
recomputes them). Transcript text is never logged or printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.quality.types import Transcript, transcript_from_mapping, transcript_to_mapping
from app.server.models import Case, ContactAttempt
from app.server.models.quality import CallTranscript, QualityFinding


class ImportRefused(ValueError):
    """The file was refused (one line naming the item and the problem); nothing changed."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: int
    replaced: int


def parse_import(doc: object) -> list[Transcript]:
    """The transcripts of a decoded import file (ImportRefused naming the item)."""
    items = doc if isinstance(doc, list) else [doc]
    out: list[Transcript] = []
    for i, item in enumerate(items):
        try:
            out.append(transcript_from_mapping(item))
        except DomainError as exc:
            raise ImportRefused(f"item {i}: {exc}") from None
    refs = [t.call_ref for t in out]
    if len(set(refs)) != len(refs):
        raise ImportRefused("the file names the same call_ref twice")
    return out


def _attempt(session: Session, ref: str) -> ContactAttempt | None:
    rows = session.scalars(
        select(ContactAttempt).where(
            or_(ContactAttempt.id == ref, ContactAttempt.recording_ref == ref)
        )
    ).all()
    return rows[0] if len(rows) == 1 else None


def business_date(attempt: ContactAttempt, lender_timezone: str) -> date:
    return attempt.started_at.astimezone(ZoneInfo(lender_timezone)).date()


def import_transcripts(
    session: Session,
    transcripts: Sequence[Transcript],
    *,
    source: str,
    lender_timezone: str,
) -> ImportResult:
    """Store ``transcripts`` (all or none; the caller commits)."""
    matched: list[tuple[Transcript, ContactAttempt]] = []
    for i, t in enumerate(transcripts):
        attempt = _attempt(session, t.call_ref)
        if attempt is None:
            raise ImportRefused(f"item {i}: no single call has the reference given as call_ref")
        matched.append((t, attempt))
    imported = replaced = 0
    for t, attempt in matched:
        row = session.scalar(select(CallTranscript).where(CallTranscript.contact_id == attempt.id))
        if row is None:
            case = session.get(Case, attempt.case_id)
            assert case is not None
            row = CallTranscript(contact_id=attempt.id, case_id=case.id, agent_id=attempt.agent_id)
            session.add(row)
            imported += 1
        else:
            session.execute(delete(QualityFinding).where(QualityFinding.transcript_id == row.id))
            row.score, row.hints, row.reviewed_at = None, None, None
            replaced += 1
        doc = transcript_to_mapping(t)
        row.call_date = business_date(attempt, lender_timezone)
        row.language = t.language
        row.source = source
        row.segments = list(doc["segments"])  # type: ignore[call-overload]
    session.flush()
    return ImportResult(imported, replaced)
