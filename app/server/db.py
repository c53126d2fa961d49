"""Engine and session factories for SQLite (WAL, foreign keys) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String


def normalize_url(url: str) -> str:
    """Accept `postgresql://` / `postgres://` and pin the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(url_or_engine: str | Engine) -> bool:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name() == "sqlite"


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str, *, echo: bool = False, pool_size: int = 10) -> Engine:
    """Create an engine. SQLite: WAL + foreign keys + busy timeout; PostgreSQL: psycopg 3."""
    url = normalize_url(url)
    if is_sqlite(url):
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,  # no PII in error messages and logs
            pool_size=pool_size,
            max_overflow=20,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    return create_engine(
        url,
        echo=echo,
        # the API runs DB work in a threadpool of 40: a pool as large keeps connections
        # (and their prepared statements) instead of closing and reopening overflow ones
        # under load; LIFO reuses the warm ones first
        pool_size=max(pool_size, 20),
        max_overflow=20,
        pool_use_lifo=True,
        # no pre-ping round trip on every checkout (it cost one per request hop); connections
        # are recycled after 30 min instead, and a dead one fails its request once
        pool_recycle=1800,
        hide_parameters=True,  # no PII in error messages and logs
        # every session in UTC, whatever the server's default: timestamps PostgreSQL writes
        # as text (the worklist's JSON) are then the same on every deployment
        connect_args={"options": "-c TimeZone=UTC"},
    )


@contextmanager
def pg_autocommit(engine: Engine) -> Iterator[psycopg.Connection[Any]]:
    """A pooled PostgreSQL connection as the psycopg connection itself, in autocommit for the
    duration (no BEGIN / ROLLBACK round trips around read-only statements): for the hot read
    routes' prepared statements (app/server/pg_prepared.py). Back in the pool as it came."""
    pooled = engine.raw_connection()
    try:
        conn: psycopg.Connection[Any] = pooled.driver_connection  # type: ignore[assignment]
        conn.autocommit = True
        try:
            yield conn
        finally:
            if not conn.closed:
                conn.autocommit = False
    except psycopg.OperationalError:
        # the server went away (restart, network): drop this connection from the pool
        # instead of handing it to the next request
        pooled.invalidate()
        raise
    finally:
        pooled.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions are units of work; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for read-only requests: the connection runs in autocommit, so there is no
    BEGIN / ROLLBACK round trip around the request's queries. On PostgreSQL (READ
    COMMITTED) every statement of a transaction takes its own snapshot anyway, so the
    answers are the same; never use these sessions to write."""
    return sessionmaker(
        bind=engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
    )


class new_uuid(FunctionElement[str]):
    """SQL expression producing a random UUID string (for set-based INSERT ... SELECT)."""

    type = String(36)
    inherit_cache = True


@compiles(new_uuid, "postgresql")
def _new_uuid_pg(_element: new_uuid, _compiler: Any, **_kw: Any) -> str:
    return "gen_random_uuid()::text"


@compiles(new_uuid, "sqlite")
def _new_uuid_sqlite(_element: new_uuid, _compiler: Any, **_kw: Any) -> str:
    return (
        "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || "
        "substr('89ab', 1 + (abs(random()) % 4), 1) || "
        "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
    )
