"""A reviewed call for route tests: an answered contact attempt of a seeded case, its
transcript and one finding (what `qa run` would have stored)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.server.models import CallTranscript, ContactAttempt, QualityFinding


def reviewed_call(
    session_factory: sessionmaker[Session], seeded: Any, *, call_date: Any
) -> tuple[str, int]:
    """(transcript id, finding id) of a new reviewed call of the seeded case `seeded`."""
    with session_factory() as s:
        attempt = ContactAttempt(
            case_id=seeded.case_id,
            agent_id=seeded.agent_id,
            phone_id=seeded.phone_ids[0],
            channel="outbound_call",
            disposition="right_party",
            started_at=datetime.now(UTC),
        )
        s.add(attempt)
        s.flush()
        transcript = CallTranscript(
            contact_id=attempt.id,
            case_id=seeded.case_id,
            agent_id=seeded.agent_id,
            call_date=call_date,
            language="en",
            source="import",
            segments=[{"speaker": "agent", "start": 0.0, "end": 1.0, "text": "hello"}],
            score=90,
        )
        s.add(transcript)
        s.flush()
        finding = QualityFinding(
            transcript_id=transcript.id,
            code="recording_notice_missing",
            severity="violation",
            at_ms=0,
            quote="hello",
            points=10,
        )
        s.add(finding)
        s.commit()
        return transcript.id, finding.id
