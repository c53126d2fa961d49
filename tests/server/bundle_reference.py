"""Reference loaders for the sync feed's bundles: the ORM objects turned into the validated
wire models of app.protocol.entities one by one. The set-based loader in
app.server.services.bundle_rows must answer exactly the same (test_bundle_rows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.server.models import Borrower, Case, Loan, Team, User
from app.server.services.bundles import (
    CHILD_MODELS,
    borrower_data,
    case_data,
    loan_data,
)


@dataclass
class Bundle:
    """One case and everything under it, as (entity, id, payload dict) triples."""

    case_id: str
    items: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


def name_maps(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    users = dict(session.execute(select(User.id, User.username)).all())
    teams = dict(session.execute(select(Team.id, Team.name)).all())
    return users, teams


def _dump(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json")
    return data


def load_bundles_orm(session: Session, cases: Sequence[Case], today: date) -> list[Bundle]:
    """Whole bundles for `cases` through the ORM and the validated models: the reference
    the set-based `load_bundles` (bundle_rows) is tested against; not used by the feed."""
    if not cases:
        return []
    usernames, teams = name_maps(session)
    case_ids = [c.id for c in cases]
    borrowers = {
        b.id: b
        for b in session.scalars(
            select(Borrower)
            .where(Borrower.id.in_({c.borrower_id for c in cases}))
            .options(selectinload(Borrower.phones))
        )
    }
    loans = {
        ln.id: ln
        for ln in session.scalars(
            select(Loan)
            .where(Loan.id.in_({c.loan_id for c in cases}))
            .options(selectinload(Loan.installments), selectinload(Loan.payments))
        )
    }
    children: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for entity, (model, to_data) in CHILD_MODELS.items():
        for row in session.scalars(select(model).where(model.case_id.in_(case_ids))):
            children[row.case_id].append((entity, row.id, _dump(to_data(row))))
    out = []
    for c in cases:
        bundle = Bundle(c.id)
        bundle.items.append(("case", c.id, _dump(case_data(c, usernames, teams))))
        borrower = borrowers.get(c.borrower_id)
        if borrower is not None:
            bundle.items.append(("borrower", borrower.id, _dump(borrower_data(borrower))))
        loan = loans.get(c.loan_id)
        if loan is not None:
            bundle.items.append(("loan", loan.id, _dump(loan_data(loan, today))))
        bundle.items.extend(children.get(c.id, []))
        out.append(bundle)
    return out


def load_children_orm(
    session: Session, entity: str, ids: Iterable[str]
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(entity, id, case_id, payload) for child rows by id (ORM reference of load_children)."""
    model, to_data = CHILD_MODELS[entity]
    rows = session.scalars(select(model).where(model.id.in_(list(ids))))
    return [(entity, r.id, r.case_id, _dump(to_data(r))) for r in rows]
