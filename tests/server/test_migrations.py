"""The Alembic migrations produce exactly the ORM model (no autogenerate diff)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.migrate import current_revision, head_revision
from app.server.models import Base, ChangeCounter


def test_models_match_migrations(engine: Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "target_metadata": Base.metadata}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_database_is_at_head_with_counter_row(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    assert current_revision(engine) == head_revision()
    with session_factory() as session:
        counter = session.execute(select(ChangeCounter)).scalar_one()
    assert counter.id == 1 and counter.value == 0 and len(counter.epoch) == 36
