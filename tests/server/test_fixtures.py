"""The shared fixtures other teams build on: users, login, the small seeded book."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import Case, ChangeLog, Installment
from tests.server.conftest import SmallBook


def test_small_book(
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    client: TestClient,
    auth_headers,  # type: ignore[no-untyped-def]
) -> None:
    agent = small_book.agents["team-a"][0]
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 8
        case_id = small_book.cases[agent.username][1].case_id
        case = session.get(Case, case_id)
        assert case is not None and case.assigned_to_id == agent.id and case.bucket == "M2"
        n = session.scalar(select(func.count()).select_from(Installment))
        assert n == 8 * 36
        seqs = session.scalars(select(ChangeLog.seq)).all()
        assert len(seqs) == 8 and sorted(seqs) == list(range(1, 9))
    me = client.get("/auth/me", headers=auth_headers(agent))
    assert me.status_code == 200 and me.json()["team"] == "team-a"
