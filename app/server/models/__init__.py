"""All ORM tables of the central API (SQLAlchemy 2 typed models)."""

from app.server.models.base import Base, UTCDateTime, new_id, utcnow
from app.server.models.book import (
    Borrower,
    Installment,
    Loan,
    Payment,
    Phone,
    RelatedParty,
    Vehicle,
)
from app.server.models.cases import (
    Callback,
    Case,
    CaseAssignment,
    ContactAttempt,
    Note,
    Plan,
    PlanLine,
    Promise,
    WriteOff,
)
from app.server.models.history import CaseSnapshot
from app.server.models.people import ROLES, AuthToken, LoginThrottle, Team, User
from app.server.models.quality import CallTranscript, QualityFinding
from app.server.models.risk import LoanRisk, ReminderSend, RiskModel
from app.server.models.system import (
    AppliedOp,
    AuditLog,
    CallScript,
    ChangeCounter,
    ChangeLog,
    ContactPolicy,
)

__all__ = [
    "ROLES",
    "AppliedOp",
    "AuditLog",
    "AuthToken",
    "Base",
    "Borrower",
    "CallScript",
    "CallTranscript",
    "Callback",
    "Case",
    "CaseAssignment",
    "CaseSnapshot",
    "ChangeCounter",
    "ChangeLog",
    "ContactAttempt",
    "ContactPolicy",
    "Installment",
    "Loan",
    "LoanRisk",
    "LoginThrottle",
    "Note",
    "Payment",
    "Phone",
    "Plan",
    "PlanLine",
    "Promise",
    "QualityFinding",
    "RelatedParty",
    "ReminderSend",
    "RiskModel",
    "Team",
    "UTCDateTime",
    "User",
    "Vehicle",
    "WriteOff",
    "new_id",
    "utcnow",
]
