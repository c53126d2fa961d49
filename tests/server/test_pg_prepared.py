"""app/server/pg_prepared.py and db.pg_autocommit on the real PostgreSQL (skipped on SQLite):
constants written in the statement, bind processors of the types (JSON, aware datetimes),
clear refusals, and a connection that died is not handed out again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import JSON, Engine, bindparam, literal, select, text

from app.server.db import make_engine, pg_autocommit
from app.server.models import User
from app.server.models.base import UTCDateTime
from app.server.pg_prepared import PgStatement
from tests.server.conftest import PG_URL


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An engine on the test PostgreSQL database (these tests have no SQLite leg)."""
    if not PG_URL:
        pytest.skip("PostgreSQL only (set COLLECTION_DESK_TEST_PG_URL)")
    url, _maint = request.getfixturevalue("_pg_database")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_constants_runtime_values_and_processors(pg: Engine) -> None:
    stmt = select(
        literal("open"),  # a constant written in the statement
        bindparam("n") + 1,
        bindparam("at", type_=UTCDateTime()),
        bindparam("doc", type_=JSON()),
    )
    prepared = PgStatement(stmt)
    assert "$1" in prepared.sql
    at = datetime(2026, 11, 29, 8, 30, tzinfo=timezone(timedelta(hours=8)))
    with pg_autocommit(pg) as conn:
        for _ in range(3):  # prepared on the server from the first run, reused after
            row = prepared.run(conn, {"n": 41, "at": at, "doc": {"k": ["中文", 1]}})[0]
            assert row[0] == "open" and row[1] == 42
            assert row[2] == at and row[2].utcoffset() == timedelta(0)  # UTC session
            assert row[3] == {"k": ["中文", 1]}
        assert conn.autocommit is True
    with pytest.raises(KeyError, match="'n'"):
        prepared.params({"at": at, "doc": None})
    with pytest.raises(Exception, match="timezone"):  # UTCDateTime refuses naive instants
        prepared.params({"n": 1, "at": datetime(2026, 11, 29), "doc": None})


def test_expanding_lists_are_refused(pg: Engine) -> None:
    with pytest.raises(ValueError, match="ANY"):
        PgStatement(select(User.id).where(User.username.in_(bindparam("names", expanding=True))))


def test_connection_goes_back_to_the_pool_as_it_came(pg: Engine) -> None:
    with pg_autocommit(pg) as conn:
        raw_id = id(conn)
    with pg.connect() as c:  # the ORM side gets transactions again
        assert c.connection.driver_connection.autocommit is False  # type: ignore[union-attr]
        assert id(c.connection.driver_connection) == raw_id
        c.execute(text("SELECT 1"))
        assert c.in_transaction()


def test_a_dead_connection_is_not_reused(pg: Engine) -> None:
    with pytest.raises(psycopg.OperationalError):
        with pg_autocommit(pg) as conn:
            dead = id(conn)
            pid = conn.info.backend_pid
            with pg.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
            conn.execute("SELECT 1")
    with pg_autocommit(pg) as conn:  # a working connection, not the dead one
        assert id(conn) != dead
        assert conn.execute("SELECT 1").fetchone() == (1,)
