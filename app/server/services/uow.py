"""Ending a route's transaction inside the route's own thread hop.

FastAPI runs each sync dependency and the sync route in separate threadpool hops; a Session
that still holds its connection between hops can starve the pool under load (every thread
waiting for a connection held by requests that wait for a thread). Desk routes therefore
finish their unit of work, success or error, before returning.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def released(session: Session) -> Iterator[Session]:
    """Yield the session; afterwards end any open transaction (a no-op after a commit)."""
    try:
        yield session
    finally:
        if session.in_transaction():
            session.rollback()
