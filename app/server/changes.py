"""The sync change log: record changes inside a transaction; numbering follows commit order.

Writers call `record_change(...)` (one row) or the set-based `record_case_changes_sql(...)` /
`record_reassignments_sql(...)` (INSERT ... SELECT) anywhere inside their Session's transaction.
Single rows wait in `session.info`; set-based rows are inserted with `seq = NULL`. Just
before the Session commits, a `before_commit` hook increments the single `change_counter` row
(`UPDATE ... RETURNING`, which row-locks it on PostgreSQL and takes the write lock on SQLite),
inserts the waiting rows with that number and stamps it on the transaction's NULL rows
(releasing a SAVEPOINT stamps nothing: one seq per outer transaction; `discard_changes_since`
forgets the rows of a rolled-back SAVEPOINT). The lock is held until commit, so transactions get their numbers in
commit order: a reader that sees seq N also sees every seq < N. Feed order is (seq, id).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Select,
    Table,
    bindparam,
    delete,
    event,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.server.models import ChangeCounter, ChangeLog, utcnow

_PENDING = "collection_desk.changes_pending"  # set-based rows with seq NULL exist
_ROWS = "collection_desk.change_rows"  # rows recorded one by one, inserted at commit


def record_change(
    session: Session,
    *,
    entity: str,
    entity_id: str,
    case_id: str | None,
    kind: str = "upsert",
    from_user_id: int | None = None,
    from_team_id: int | None = None,
    to_user_id: int | None = None,
    to_team_id: int | None = None,
) -> None:
    """Record that `entity/entity_id` (belonging to `case_id`) changed in this transaction.

    The row is written, with its seq, when the session commits."""
    session.info.setdefault(_ROWS, []).append(
        {
            "entity": entity,
            "entity_id": str(entity_id),
            "case_id": case_id,
            "kind": kind,
            "from_user_id": from_user_id,
            "from_team_id": from_team_id,
            "to_user_id": to_user_id,
            "to_team_id": to_team_id,
            "at": utcnow(),
        }
    )


def record_case_changes_sql(
    session: Session, case_ids_select: Select[Any], *, entity: str = "case"
) -> int:
    """Set-based: one `upsert` change per case id returned by `case_ids_select` (one column).

    With entity="case" the feed sends the whole case bundle to whoever sees the case.
    Returns the number of rows recorded.
    """
    sub = case_ids_select.subquery()
    col = next(iter(sub.c))
    stmt = insert(ChangeLog).from_select(
        ["seq", "entity", "entity_id", "case_id", "kind", "at"],
        select(
            literal(None).label("seq"),
            literal(entity).label("entity"),
            col,
            col,
            literal("upsert").label("kind"),
            bindparam("now", utcnow(), type_=ChangeLog.__table__.c.at.type),
        ),
    )
    result = session.connection().execute(stmt.execution_options(preserve_rowcount=True))
    session.info[_PENDING] = True
    return int(result.rowcount or 0)


def record_case_changes(session: Session, case_ids_select: Select[Any]) -> int:
    """Alias of `record_case_changes_sql` (the name used in the brief)."""
    return record_case_changes_sql(session, case_ids_select)


def record_reassignments_sql(session: Session, rows_select: Select[Any]) -> int:
    """Set-based reassignment record. `rows_select` yields, in this order:
    case_id, from_user_id, from_team_id, to_user_id, to_team_id (select the old values
    BEFORE updating the cases). The feed tombstones the case for the old holder and sends the
    whole bundle to the new one."""
    sub = rows_select.subquery()
    c = list(sub.c)
    stmt = insert(ChangeLog).from_select(
        [
            "seq",
            "entity",
            "entity_id",
            "case_id",
            "kind",
            "from_user_id",
            "from_team_id",
            "to_user_id",
            "to_team_id",
            "at",
        ],
        select(
            literal(None).label("seq"),
            literal("case").label("entity"),
            c[0],
            c[0],
            literal("assign").label("kind"),
            c[1],
            c[2],
            c[3],
            c[4],
            bindparam("now", utcnow(), type_=ChangeLog.__table__.c.at.type),
        ),
    )
    result = session.connection().execute(stmt.execution_options(preserve_rowcount=True))
    session.info[_PENDING] = True
    return int(result.rowcount or 0)


_COUNTER = cast(Table, ChangeCounter.__table__)
_LOG = cast(Table, ChangeLog.__table__)
_NEXT_SEQ = (
    update(_COUNTER)
    .where(_COUNTER.c.id == 1)
    .values(value=_COUNTER.c.value + 1)
    .returning(_COUNTER.c.value)
)


_ROW_COLUMNS = (
    "entity", "entity_id", "case_id", "kind",
    "from_user_id", "from_team_id", "to_user_id", "to_team_id", "at",
)  # fmt: skip


def _one_row_statement() -> Any:
    """PostgreSQL: take the next seq and insert one change row in a single round trip."""
    seq = _NEXT_SEQ.cte("next_seq")
    return _LOG.insert().from_select(
        ["seq", *_ROW_COLUMNS],
        select(seq.c.value, *(bindparam(c, type_=_LOG.c[c].type) for c in _ROW_COLUMNS)),
    )


_ONE_ROW_PG = _one_row_statement()


def _stamp_pending_changes(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT is released: its rows wait for the outer COMMIT (one seq)
    set_based = session.info.pop(_PENDING, False)
    rows = session.info.pop(_ROWS, None)
    if not set_based and not rows:
        return
    session.flush()
    conn = session.connection()  # Core from here: the ORM bulk paths cost more per op
    if not set_based and len(rows) == 1 and conn.dialect.name == "postgresql":
        conn.execute(_ONE_ROW_PG, rows[0])
        return
    seq = conn.execute(_NEXT_SEQ).scalar_one()
    if rows:
        conn.execute(_LOG.insert(), [{**row, "seq": seq} for row in rows])
    if set_based:
        conn.execute(_LOG.update().where(_LOG.c.seq.is_(None)).values(seq=seq))


def changes_mark(session: Session) -> tuple[list[dict[str, Any]], int]:
    """Where the single change rows waiting in this transaction stand now: take it before a
    SAVEPOINT, hand it to `discard_changes_since` if the SAVEPOINT rolls back."""
    rows: list[dict[str, Any]] = session.info.setdefault(_ROWS, [])
    return rows, len(rows)


def discard_changes_since(session: Session, mark: tuple[list[dict[str, Any]], int]) -> None:
    """After a SAVEPOINT rolled back: keep the rows recorded before `mark`, forget the later
    ones (their writes are gone). SQLAlchemy reports the SAVEPOINT rollback as a rollback,
    which forgot all rows; the rows of the outer transaction come back here. (Set-based rows
    are not tracked by marks: the push path records single rows only.)"""
    rows, n = mark
    del rows[n:]
    session.info[_ROWS] = rows


def _forget_pending(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_ROWS, None)


event.listen(Session, "before_commit", _stamp_pending_changes)
event.listen(Session, "after_rollback", _forget_pending)


def current_seq(session: Session) -> int:
    """The last seq handed out (every transaction up to it has committed)."""
    return int(session.execute(select(func.max(ChangeCounter.value))).scalar_one() or 0)


def prune_change_log(session: Session, *, before: datetime) -> int:
    """Delete whole seqs of changes recorded before `before`; cursors older than the new
    horizon answer 410 and their clients resync fully. Returns the horizon seq."""
    horizon = session.execute(
        select(func.max(ChangeLog.seq)).where(ChangeLog.at < before)
    ).scalar_one()
    if horizon is None:
        return int(session.execute(select(ChangeCounter.pruned_through)).scalar_one())
    session.execute(delete(ChangeLog).where(ChangeLog.seq <= horizon))
    session.execute(
        update(ChangeCounter)
        .where(ChangeCounter.id == 1, ChangeCounter.pruned_through < horizon)
        .values(pruned_through=horizon)
    )
    session.commit()
    return int(horizon)
