"""Set-based case bundles for the sync feed: one Core query per entity kind for a whole page.

`load_bundles(session, cases, today)` answers the same payloads as the ORM converters of
app.server.services.bundles (`_dump(case_data(...))` etc.), built as plain dicts from Core
rows: the rows were validated when they were written, so the pydantic models are not
re-validated per row, and no ORM object is created for the ~50 installments, payments and
contact attempts of each case. Dates and datetimes are converted to their JSON form by
pydantic-core in one call per page, so the text is exactly what the models would emit.
A page of N cases costs a fixed handful of queries (users, teams, borrowers, phones, loans +
vehicles, installments, payments, and one per child kind), whatever N is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.orm import Session

from app.protocol.common import rate_text
from app.server.models import (
    Borrower,
    Callback,
    Case,
    ContactAttempt,
    Installment,
    Loan,
    LoanRisk,
    Note,
    Payment,
    Phone,
    Plan,
    PlanLine,
    Promise,
    Team,
    User,
    Vehicle,
)
from app.server.models.book import INSTALLMENT_IN_FORCE
from app.server.services import bundles

Item = tuple[str, str, dict[str, Any]]
Rows = list[tuple[str, str, dict[str, Any]]]  # (id, case_id, payload)


def _d(v: date | None) -> str | None:
    return None if v is None else v.isoformat()


def _dt(v: datetime | None) -> str | None:
    """An aware datetime as pydantic writes it in JSON ("Z" for UTC)."""
    if v is None:
        return None
    text = v.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_IDS: BindParameter[Any] = bindparam("ids", expanding=True)  # every loader selects by a list of ids
_USERS = select(User.id, User.username)
_TEAMS = select(Team.id, Team.name)


def name_maps(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    users = {r[0]: r[1] for r in session.execute(_USERS)}
    teams = {r[0]: r[1] for r in session.execute(_TEAMS)}
    return users, teams


def _case(c: Case, users: dict[int, str], teams: dict[int, str]) -> dict[str, Any]:
    return {
        "id": c.id,
        "loan_id": c.loan_id,
        "borrower_id": c.borrower_id,
        "status": c.status,
        "assigned_to": users.get(c.assigned_to_id) if c.assigned_to_id else None,
        "team": teams.get(c.team_id) if c.team_id else None,
        "dpd": c.dpd,
        "bucket": c.bucket,
        "overdue_principal": c.overdue_principal,
        "overdue_interest": c.overdue_interest,
        "overdue_penalty": c.overdue_penalty,
        "overdue_fees": c.overdue_fees,
        "overdue_total": c.overdue_total,
        "priority": c.priority,
        "flags": list(c.flags or []),
        "debtor_unreachable": c.debtor_unreachable,
        "opened_on": _d(c.opened_on),
        "closed_on": _d(c.closed_on),
        "last_contact_at": _dt(c.last_contact_at),
        "next_action_at": _dt(c.next_action_at),
        "next_action_kind": c.next_action_kind,
        "version": c.version,
        "kind": c.kind,
        "plan_return": _plan_return(c),
        "plan_quiet": c.plan_quiet,
    }


def _plan_return(c: Case) -> dict[str, Any] | None:
    data = bundles.plan_return_data(c)
    return data.model_dump(mode="json") if data is not None else None


_PHONES = (
    select(
        Phone.borrower_id,
        Phone.id,
        Phone.number_masked,
        Phone.owner,
        Phone.relation,
        Phone.name,
        Phone.timezone,
    )
    .where(Phone.borrower_id.in_(_IDS))
    .order_by(Phone.borrower_id, Phone.sort_order)
)
_BORROWERS = select(
    Borrower.id,
    Borrower.name,
    Borrower.id_number_masked,
    Borrower.gender,
    Borrower.birth_date,
    Borrower.address,
    Borrower.employer,
    Borrower.timezone,
    Borrower.bank_card_masked,
    Borrower.risk_segment,
    Borrower.language,
).where(Borrower.id.in_(_IDS))


def _borrowers(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    phones: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in session.execute(_PHONES, {"ids": list(ids)}):
        phones[p[0]].append(
            {
                "id": p[1],
                "number_masked": p[2],
                "owner": p[3],
                "relation": p[4],
                "name": p[5],
                "timezone": p[6],
            }
        )
    out: dict[str, dict[str, Any]] = {}
    for b in session.execute(_BORROWERS, {"ids": list(ids)}):
        out[b[0]] = {
            "id": b[0],
            "name": b[1],
            "id_number_masked": b[2],
            "gender": b[3],
            "birth_date": _d(b[4]),
            "address": b[5],
            "employer": b[6],
            "timezone": b[7],
            "phones": phones.get(b[0], []),
            "bank_card_masked": b[8],
            "risk_segment": b[9],
            "language": b[10],
        }
    return out


_INSTALLMENTS = (
    select(
        Installment.loan_id,
        Installment.n,
        Installment.due_date,
        Installment.payment,
        Installment.principal,
        Installment.interest,
        Installment.paid_principal,
        Installment.paid_interest,
        Installment.paid_penalty,
        Installment.paid_fees,
        Installment.penalty,
        Installment.fees,
        Installment.paid_on,
    )
    .where(Installment.loan_id.in_(_IDS), Installment.status == INSTALLMENT_IN_FORCE)
    .order_by(Installment.loan_id, Installment.n)
)


def _installments(session: Session, ids: set[str], today: date) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[Any]] = defaultdict(list)
    for r in session.execute(_INSTALLMENTS, {"ids": list(ids)}):
        rows[r[0]].append(r)
    out: dict[str, list[dict[str, Any]]] = {}
    for loan_id, insts in rows.items():
        # the first installment not paid and not yet overdue is "due" (bundles.loan_data)
        next_unpaid = next(
            (i[1] for i in insts if i[6] + i[7] < i[4] + i[5] and i[2] >= today), None
        )
        items = []
        for _lid, n, due_date, payment, principal, interest, pp, pi, ppen, pf, pen, fees, paid_on in insts:  # fmt: skip
            if pp + pi >= principal + interest:
                state = "paid"
            elif due_date < today:
                state = "overdue"
            elif pp + pi > 0:
                state = "partly_paid"
            else:
                state = "due" if n == next_unpaid else "future"
            items.append(
                {
                    "n": n,
                    "due_date": due_date.isoformat(),
                    "payment": payment,
                    "principal": principal,
                    "interest": interest,
                    "paid_principal": pp,
                    "paid_interest": pi,
                    "paid_penalty": ppen,
                    "paid_fees": pf,
                    "penalty": pen,
                    "fees": fees,
                    "state": state,
                    "paid_on": _d(paid_on),
                }
            )
        out[loan_id] = items
    return out


_PAYMENTS = (
    select(
        Payment.loan_id,
        Payment.id,
        Payment.paid_on,
        Payment.amount,
        Payment.channel,
        Payment.reference,
    )
    .where(Payment.loan_id.in_(_IDS))
    .order_by(Payment.loan_id, Payment.paid_on, Payment.id)
)
_LOANS = (
    select(
        Loan.id,
        Loan.borrower_id,
        Loan.contract_no,
        Loan.product,
        Loan.method,
        Loan.principal,
        Loan.annual_rate,
        Loan.term_months,
        Loan.disbursed_on,
        Loan.first_due_date,
        Loan.outstanding_principal,
        Loan.written_off,
        Loan.extensions_months,
        Vehicle.brand,
        Vehicle.model,
        Vehicle.plate,
        Vehicle.vin_masked,
        Vehicle.year,
        Vehicle.id,
        LoanRisk.score,
        LoanRisk.segment,
        LoanRisk.factors,
        LoanRisk.model_version,
    )
    .outerjoin(Vehicle, Vehicle.loan_id == Loan.id)
    .outerjoin(LoanRisk, LoanRisk.loan_id == Loan.id)
    .where(Loan.id.in_(_IDS))
)


def _loans(session: Session, ids: set[str], today: date) -> dict[str, dict[str, Any]]:
    installments = _installments(session, ids, today)
    payments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in session.execute(_PAYMENTS, {"ids": list(ids)}):
        payments[p[0]].append(
            {
                "id": p[1],
                "paid_on": p[2].isoformat(),
                "amount": p[3],
                "channel": p[4],
                "reference": p[5],
            }
        )
    out: dict[str, dict[str, Any]] = {}
    for ln in session.execute(_LOANS, {"ids": list(ids)}):
        has_vehicle = ln[18] is not None
        out[ln[0]] = {
            "id": ln[0],
            "borrower_id": ln[1],
            "contract_no": ln[2],
            "product": ln[3],
            "method": ln[4],
            "principal": ln[5],
            "annual_rate": rate_text(ln[6]),
            "term_months": ln[7],
            "disbursed_on": ln[8].isoformat(),
            "first_due_date": ln[9].isoformat(),
            "vehicle": {
                "brand": ln[13] if has_vehicle else "",
                "model": ln[14] if has_vehicle else "",
                "plate": ln[15] if has_vehicle else "",
                "vin_masked": ln[16] if has_vehicle else "",
                "year": ln[17] if has_vehicle else 0,
            },
            "installments": installments.get(ln[0], []),
            "payments": payments.get(ln[0], []),
            "outstanding_principal": ln[10],
            "written_off": ln[11],
            "extensions_months": ln[12],
            "risk": None
            if ln[19] is None
            else {
                "score": ln[19],
                "segment": ln[20],
                "factors": ln[21] or [],
                "model_version": ln[22],
            },
        }
    return out


@cache
def _child_select(entity: str, by: str) -> Select[Any]:
    """The columns a child loader reads, for rows whose `by` column ("case_id" or "id") is
    in the list bound as `ids` (built once per loader and column)."""
    model, columns = _CHILD_COLUMNS[entity]
    return select(*(getattr(model, c) for c in columns)).where(getattr(model, by).in_(_IDS))


_CHILD_COLUMNS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "contact_attempt": (
        ContactAttempt,
        ("id", "case_id", "agent_id", "phone_id", "channel", "disposition", "reason",
         "started_at", "duration_s", "recording_ref", "policy_violation", "result",
         "override_reason", "dial_state"),
    ),
    "note": (
        Note,
        ("id", "case_id", "author_id", "text", "disposition", "next_action_on", "amends",
         "contact_id", "banned_phrases", "created_at"),
    ),
    "promise": (
        Promise,
        ("id", "case_id", "agent_id", "amount", "promised_on", "created_at", "status"),
    ),
    "plan": (
        Plan,
        ("id", "case_id", "author_id", "kind", "status", "down_payment", "waived_penalty",
         "waived_fees", "waived_interest", "violations", "approved_by_id", "created_at",
         "payments", "frequency", "first_date", "new_term_months", "total", "decided_at",
         "decision_note", "evaluated_on", "booked_on", "broken_due", "broken_short"),
    ),
    "callback": (Callback, ("id", "case_id", "agent_id", "due_at", "note", "done", "created_at")),
}  # fmt: skip
_PLAN_LINES = (
    select(PlanLine.plan_id, PlanLine.n, PlanLine.due_date, PlanLine.amount)
    .where(PlanLine.plan_id.in_(_IDS))
    .order_by(PlanLine.plan_id, PlanLine.n)
)


def _contacts(session: Session, by: str, ids: list[str], users: dict[int, str]) -> Rows:
    rows = session.execute(_child_select("contact_attempt", by), {"ids": ids})
    return [
        (r[0], r[1], {"id": r[0], "case_id": r[1], "agent": users[r[2]], "phone_id": r[3],
                      "channel": r[4], "disposition": r[5], "reason": r[6], "result": r[11],
                      "started_at": _dt(r[7]), "duration_s": r[8], "recording_ref": r[9],
                      "policy_violation": r[10], "override_reason": r[12],
                      "dial_state": r[13]})
        for r in rows
    ]  # fmt: skip


def _notes(session: Session, by: str, ids: list[str], users: dict[int, str]) -> Rows:
    rows = session.execute(_child_select("note", by), {"ids": ids})
    return [
        (r[0], r[1], {"id": r[0], "case_id": r[1], "author": users[r[2]], "text": r[3],
                      "disposition": r[4], "next_action_on": _d(r[5]), "amends": r[6],
                      "contact_id": r[7], "banned_phrases": list(r[8] or []),
                      "created_at": _dt(r[9])})
        for r in rows
    ]  # fmt: skip


def _promises(session: Session, by: str, ids: list[str], users: dict[int, str]) -> Rows:
    rows = session.execute(_child_select("promise", by), {"ids": ids})
    return [
        (r[0], r[1], {"id": r[0], "case_id": r[1], "agent": users[r[2]], "amount": r[3],
                      "promised_on": r[4].isoformat(), "created_at": _dt(r[5]), "status": r[6]})
        for r in rows
    ]  # fmt: skip


def _plans(session: Session, by: str, ids: list[str], users: dict[int, str]) -> Rows:
    rows = session.execute(_child_select("plan", by), {"ids": ids}).all()
    lines: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if rows:
        for pl in session.execute(_PLAN_LINES, {"ids": [r[0] for r in rows]}):
            lines[pl[0]].append({"n": pl[1], "due_date": pl[2].isoformat(), "amount": pl[3]})
    return [
        (r[0], r[1], {"id": r[0], "case_id": r[1], "author": users[r[2]], "kind": r[3],
                      "status": r[4], "down_payment": r[5], "lines": lines.get(r[0], []),
                      "waived_penalty": r[6], "waived_fees": r[7], "waived_interest": r[8],
                      "violations": list(r[9] or []),
                      "approved_by": users.get(r[10]) if r[10] is not None else None,
                      "created_at": _dt(r[11]), "payments": r[12], "frequency": r[13],
                      "first_date": _d(r[14]), "new_term_months": r[15], "total": r[16],
                      "decided_at": _dt(r[17]), "decision_note": r[18],
                      "evaluated_on": _d(r[19]), "booked_on": _d(r[20]),
                      "broken_due": _d(r[21]), "broken_short": r[22]})
        for r in rows
    ]  # fmt: skip


def _callbacks(session: Session, by: str, ids: list[str], users: dict[int, str]) -> Rows:
    rows = session.execute(_child_select("callback", by), {"ids": ids})
    return [
        (r[0], r[1], {"id": r[0], "case_id": r[1], "agent": users[r[2]], "due_at": _dt(r[3]),
                      "note": r[4], "done": r[5], "created_at": _dt(r[6])})
        for r in rows
    ]  # fmt: skip


# entity -> (its model, loader(session, "case_id" | "id", ids, usernames))
CHILD_LOADERS: dict[str, Any] = {
    "contact_attempt": (ContactAttempt, _contacts),
    "note": (Note, _notes),
    "promise": (Promise, _promises),
    "plan": (Plan, _plans),
    "callback": (Callback, _callbacks),
}


class Bundle:
    """One case and everything under it, as (entity, id, payload dict) triples."""

    __slots__ = ("case_id", "items")

    def __init__(self, case_id: str, items: list[Item] | None = None) -> None:
        self.case_id = case_id
        self.items: list[Item] = items if items is not None else []


def load_bundles(session: Session, cases: Sequence[Case], today: date) -> list[Bundle]:
    """Whole bundles for `cases` (already loaded and scope-checked), set-based."""
    if not cases:
        return []
    users, teams = name_maps(session)
    case_ids = [c.id for c in cases]
    borrowers = _borrowers(session, {c.borrower_id for c in cases})
    loans = _loans(session, {c.loan_id for c in cases}, today)
    children: dict[str, list[Item]] = defaultdict(list)
    for entity, (_model, loader) in CHILD_LOADERS.items():
        for item_id, case_id, data in loader(session, "case_id", case_ids, users):
            children[case_id].append((entity, item_id, data))
    out = []
    for c in cases:
        items: list[Item] = [("case", c.id, _case(c, users, teams))]
        borrower = borrowers.get(c.borrower_id)
        if borrower is not None:
            items.append(("borrower", c.borrower_id, borrower))
        loan = loans.get(c.loan_id)
        if loan is not None:
            items.append(("loan", c.loan_id, loan))
        items.extend(children.get(c.id, ()))
        out.append(Bundle(c.id, items))
    return out


def load_children(
    session: Session, entity: str, ids: Iterable[str]
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(entity, id, case_id, payload) for child rows by id."""
    _model, loader = CHILD_LOADERS[entity]
    users, _teams = name_maps(session)
    return [(entity, i, c, d) for (i, c, d) in loader(session, "id", list(ids), users)]


# the loaders case detail shares with the feed
case_payload = _case
load_borrowers = _borrowers
load_loans = _loans
