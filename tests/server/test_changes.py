"""The change log: numbering follows commit order (concurrent writers, a paging reader),
set-based recording, one seq per transaction."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.sync import NotePayload
from app.server.changes import current_seq, record_case_changes_sql, record_change
from app.server.models import Case, ChangeLog, User
from app.server.services.feed import pull_changes
from app.server.services.ops import create_note
from app.server.settings import Settings
from tests.server.conftest import SeededCase, SmallBook, business_today


def test_one_seq_per_transaction_in_commit_order(
    session_factory: sessionmaker[Session], make_case: Callable[..., SeededCase], backend: str
) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite has one writer at a time: transactions cannot interleave")
    seeded = make_case(None)
    with session_factory() as s1, session_factory() as s2:
        record_change(s1, entity="note", entity_id="n1", case_id=seeded.case_id)
        record_change(s1, entity="note", entity_id="n2", case_id=seeded.case_id)
        s1.flush()  # s1 got the smaller row ids ...
        record_change(s2, entity="note", entity_id="n3", case_id=seeded.case_id)
        s2.commit()  # ... but s2 commits first
        s1.commit()
    with session_factory() as session:
        rows = session.execute(
            select(ChangeLog.entity_id, ChangeLog.seq).where(ChangeLog.entity == "note")
        ).all()
        by_id = dict(rows)
        assert by_id["n3"] < by_id["n1"] == by_id["n2"]
        assert current_seq(session) == by_id["n1"]


def test_rollback_records_nothing(
    session_factory: sessionmaker[Session], make_case: Callable[..., SeededCase]
) -> None:
    seeded = make_case(None)
    with session_factory() as session:
        before = current_seq(session)
        record_change(session, entity="note", entity_id="gone", case_id=seeded.case_id)
        session.flush()
        session.rollback()
        session.commit()
        assert current_seq(session) == before
        assert session.scalar(select(ChangeLog).where(ChangeLog.entity_id == "gone")) is None


def test_set_based_case_changes(
    session_factory: sessionmaker[Session], small_book: SmallBook
) -> None:
    with session_factory() as session:
        before = current_seq(session)
        n = record_case_changes_sql(session, select(Case.id).where(Case.bucket == "M2"))
        session.commit()
        assert n == 4
        rows = session.scalars(select(ChangeLog).where(ChangeLog.seq > before)).all()
        assert len(rows) == 4 and {r.seq for r in rows} == {before + 1}
        assert all(r.entity == "case" and r.case_id == r.entity_id for r in rows)


def test_concurrent_writers_never_skip_a_change(
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
) -> None:
    """Writers commit notes out of id order (random pauses between insert and commit) while
    a reader pages the feed; every note must reach the reader."""
    admin = make_user("admin", None)
    agent = make_user("agent", "t")
    cases = [make_case(agent).case_id for _ in range(3)]
    writers, per_writer = 4, 15
    written: list[str] = []
    seen: set[str] = set()
    errors: list[BaseException] = []
    done = threading.Event()
    rng = random.Random(7)
    pauses = [[rng.random() * 0.004 for _ in range(per_writer)] for _ in range(writers)]

    def write(w: int) -> None:
        try:
            for i in range(per_writer):
                with session_factory() as session:
                    note_id = str(uuid.uuid4())
                    create_note(
                        session,
                        agent,
                        case_id=cases[(w + i) % 3],
                        note_id=note_id,
                        payload=NotePayload(text=f"w{w} #{i}", created_at=datetime.now(UTC)),
                        settings=settings,
                    )
                    session.flush()
                    time.sleep(pauses[w][i])
                    session.commit()
                    written.append(note_id)
        except BaseException as exc:
            errors.append(exc)

    def read() -> None:
        try:
            cursor: str | None = None
            with session_factory() as session:
                page = pull_changes(session, admin, cursor=None, limit=1000, today=business_today())
                cursor = page.cursor
            while True:
                finished = done.is_set()
                with session_factory() as session:
                    page = pull_changes(
                        session, admin, cursor=cursor, limit=3, today=business_today()
                    )
                seen.update(u.id for u in page.upserts if u.entity == "note")
                cursor = page.cursor
                if finished and not page.has_more:
                    return
        except BaseException as exc:
            errors.append(exc)

    reader = threading.Thread(target=read)
    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    assert not errors, errors
    assert len(written) == writers * per_writer
    assert set(written) <= seen, f"skipped {len(set(written) - seen)} changes"


def test_prune_sets_the_horizon(
    session_factory: sessionmaker[Session], small_book: SmallBook
) -> None:
    from app.server.changes import prune_change_log
    from app.server.models import ChangeCounter

    with session_factory() as session:
        top = current_seq(session)
        horizon = prune_change_log(session, before=datetime.now(UTC) + timedelta(seconds=5))
        assert horizon == top
        assert session.scalar(select(ChangeLog.id)) is None
        assert session.get(ChangeCounter, 1).pruned_through == top  # type: ignore[union-attr]
        assert prune_change_log(session, before=datetime.now(UTC)) == top
