"""The data of a quality review: transcript, recorded facts, findings, hints, review.

A transcript is the documented JSON import format (docs/ARCHITECTURE.md, "Quality review"):

    {"call_ref": "...", "language": "zh" | "en", "call_date": "YYYY-MM-DD" (optional),
     "segments": [{"speaker": "agent" | "customer", "start": 1.5, "end": 4.0, "text": "..."}],
     "facts": {...} (optional, see :class:`CallFacts`)}

Times are seconds from the start of the call. :func:`transcript_from_mapping` validates a
decoded document and raises :class:`DomainError` naming the offending field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.domain.errors import DomainError

SPEAKERS = ("agent", "customer")
LANGUAGES = ("zh", "en")
MAX_SEGMENTS = 5000
MAX_TEXT = 5000


@dataclass(frozen=True, slots=True)
class Segment:
    """One utterance: who spoke, from ``start`` to ``end`` seconds, saying ``text``."""

    speaker: str
    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class CallFacts:
    """What the desk recorded about the call (the wrap-up and the contact-rule verdict).

    ``identity_confirmed_at`` is the time in the call (seconds) at which the agent recorded
    the right-party check; None when it never was. ``promise_amount_fen``/``promise_date``
    are the wrap-up's promise, None when the wrap-up has none. ``contact_violations`` are
    the contact-rule verdicts recorded for the attempt (empty when within the rules).
    """

    disposition: str | None = None
    result: str | None = None
    identity_confirmed_at: float | None = None
    promise_amount_fen: int | None = None
    promise_date: date | None = None
    contact_violations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Transcript:
    """The words of one call, in time order."""

    call_ref: str
    language: str
    segments: tuple[Segment, ...]
    call_date: date | None = None
    facts: CallFacts = field(default_factory=CallFacts)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule broken: its code, severity, the time in the call and the quoted words."""

    code: str
    severity: str
    at: float
    quote: str
    points: int = 0  # deducted from the score (from the rule weights)
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "at": round(self.at, 1),
            "quote": self.quote,
            "points": self.points,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Hint:
    """A coaching hint (talk-over, long silence): not a violation, no points."""

    code: str
    at: float
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "at": round(self.at, 1), "seconds": round(self.seconds, 1)}


@dataclass(frozen=True, slots=True)
class Review:
    """The findings, hints and score (100 minus the findings' points, at least 0)."""

    call_ref: str
    findings: tuple[Finding, ...]
    hints: tuple[Hint, ...]
    score: int

    def as_dict(self) -> dict[str, object]:
        return {
            "call_ref": self.call_ref,
            "score": self.score,
            "findings": [f.as_dict() for f in self.findings],
            "hints": [h.as_dict() for h in self.hints],
        }


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise DomainError(name, "expected a number of seconds")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(name, "expected a number of seconds") from None
    if not d.is_finite() or d < 0 or d > 86400:
        raise DomainError(name, "expected seconds between 0 and 86400")
    return float(d)


def _date(value: object, name: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DomainError(name, "expected a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError(name, "expected a date YYYY-MM-DD") from None


def segment_from_mapping(doc: object, name: str) -> Segment:
    if not isinstance(doc, Mapping):
        raise DomainError(name, "expected an object {speaker, start, end, text}")
    speaker = doc.get("speaker")
    if speaker not in SPEAKERS:
        raise DomainError(f"{name}.speaker", f"expected one of {', '.join(SPEAKERS)}")
    start = _seconds(doc.get("start"), f"{name}.start")
    end = _seconds(doc.get("end"), f"{name}.end")
    if end < start:
        raise DomainError(f"{name}.end", "ends before it starts")
    text = doc.get("text")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise DomainError(f"{name}.text", f"expected a string of at most {MAX_TEXT} characters")
    return Segment(str(speaker), start, end, text)


def facts_from_mapping(doc: object) -> CallFacts:
    """Validate the optional ``facts`` object of a transcript document."""
    if doc is None:
        return CallFacts()
    if not isinstance(doc, Mapping):
        raise DomainError("facts", "expected an object")
    amount = doc.get("promise_amount_fen")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        raise DomainError("facts.promise_amount_fen", "expected whole fen")
    if isinstance(amount, int) and amount <= 0:
        raise DomainError("facts.promise_amount_fen", "expected a positive amount")
    at = doc.get("identity_confirmed_at")
    violations = doc.get("contact_violations", [])
    if not isinstance(violations, list) or not all(isinstance(v, str) for v in violations):
        raise DomainError("facts.contact_violations", "expected a list of strings")
    for key in ("disposition", "result"):
        if doc.get(key) is not None and not isinstance(doc.get(key), str):
            raise DomainError(f"facts.{key}", "expected a string")
    return CallFacts(
        disposition=doc.get("disposition"),
        result=doc.get("result"),
        identity_confirmed_at=None if at is None else _seconds(at, "facts.identity_confirmed_at"),
        promise_amount_fen=amount,
        promise_date=_date(doc.get("promise_date"), "facts.promise_date"),
        contact_violations=tuple(violations),
    )


def transcript_from_mapping(doc: object) -> Transcript:
    """Validate a decoded transcript document (the import format above)."""
    if not isinstance(doc, Mapping):
        raise DomainError("transcript", "expected an object")
    ref = doc.get("call_ref")
    if not isinstance(ref, str) or not ref.strip() or len(ref) > 200:
        raise DomainError("call_ref", "required, a string of at most 200 characters")
    lang = doc.get("language")
    if lang not in LANGUAGES:
        raise DomainError("language", f"expected one of {', '.join(LANGUAGES)}")
    raw = doc.get("segments")
    if not isinstance(raw, list) or len(raw) > MAX_SEGMENTS:
        raise DomainError("segments", f"expected a list of at most {MAX_SEGMENTS} segments")
    segments = [segment_from_mapping(s, f"segments[{i}]") for i, s in enumerate(raw)]
    segments.sort(key=lambda s: (s.start, s.end))
    return Transcript(
        call_ref=ref.strip(),
        language=str(lang),
        segments=tuple(segments),
        call_date=_date(doc.get("call_date"), "call_date"),
        facts=facts_from_mapping(doc.get("facts")),
    )


def transcript_to_mapping(t: Transcript) -> dict[str, object]:
    """The import format of a transcript (without facts)."""
    return {
        "call_ref": t.call_ref,
        "language": t.language,
        "call_date": t.call_date.isoformat() if t.call_date else None,
        "segments": [
            {"speaker": s.speaker, "start": s.start, "end": s.end, "text": s.text}
            for s in t.segments
        ],
    }
