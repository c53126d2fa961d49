"""The pull side of sync (DESIGN.md §4): `GET /sync/changes` pages.

Cursor (opaque, base64url): `1|epoch|user_id|f|S0|last_case_id` during a full sync (cases
visible now, ordered by id, then continue from the log after seq S0), or
`1|epoch|user_id|i|seq|id` when following the change log in (seq, id) order. A cursor from
another database (epoch), another user, beyond the log's head, or before its pruned horizon
answers 410 `cursor_expired` and the client resyncs fully.

Upserts are computed from the current state (so a replay from any cursor converges):
a `case` change or an assignment sends the whole case bundle; a change to a note, contact,
promise, plan or callback sends that entity; a case that is no longer visible to the user
gets a tombstone when the user held it (reassigned away) or it was closed in the user's scope.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic_core import to_json
from sqlalchemy import ColumnElement, exists, select, true, tuple_
from sqlalchemy.orm import Session

from app.protocol.sync import ChangesResponse, Tombstone, Upsert
from app.server.errors import ApiError
from app.server.models import Case, ChangeCounter, ChangeLog, User
from app.server.scope import (
    can_see_case,
    lost_in_change,
    lost_in_change_clause,
    visible_cases_clause,
)
from app.server.services.bundle_rows import load_bundles, load_children
from app.server.services.bundles import CHILD_MODELS

_END = 2**62


@dataclass(frozen=True)
class Cursor:
    """Decoded cursor position."""

    mode: str  # "f" (full sync) or "i" (incremental)
    seq: int
    key: str  # last case id (full) or last change id (incremental)


def _expired(message: str) -> ApiError:
    return ApiError(410, "cursor_expired", message, {"resync": True})


def encode_cursor(epoch: str, user_id: int, cur: Cursor) -> str:
    raw = f"1|{epoch}|{user_id}|{cur.mode}|{cur.seq}|{cur.key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str, epoch: str, user_id: int) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        version, c_epoch, c_user, mode, seq, key = raw.split("|")
        pos = Cursor(mode, int(seq), key)
        if mode == "i":
            int(key)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise _expired("unknown cursor; resync from scratch") from exc
    if version != "1" or c_epoch != epoch or c_user != str(user_id) or mode not in "fi":
        raise _expired("cursor belongs to another server, database or user; resync")
    return pos


def _visible_open(user: User) -> Any:
    return visible_cases_clause(user) & (Case.status != "closed")


def pull_changes(
    session: Session, user: User, *, cursor: str | None, limit: int, today: date
) -> ChangesResponse:
    """One page of the change feed for `user`."""
    page = _pull(session, user, cursor=cursor, limit=limit, today=today)
    return ChangesResponse.model_construct(
        upserts=[Upsert.model_construct(**u) for u in page["upserts"]],
        tombstones=[Tombstone.model_construct(**t) for t in page["tombstones"]],
        cursor=page["cursor"],
        has_more=page["has_more"],
    )


def pull_changes_json(
    session: Session, user: User, *, cursor: str | None, limit: int, today: date
) -> bytes:
    """The same page as `pull_changes`, as the JSON text of a ChangesResponse: the payloads
    are server-built from stored (validated) rows, so it is written in one pass."""
    return to_json(_pull(session, user, cursor=cursor, limit=limit, today=today))


def _pull(
    session: Session, user: User, *, cursor: str | None, limit: int, today: date
) -> dict[str, Any]:
    counter = session.execute(select(ChangeCounter).where(ChangeCounter.id == 1)).scalar_one()
    if not cursor:
        pos = Cursor("f", counter.value, "")
    else:
        pos = decode_cursor(cursor, counter.epoch, user.id)
    if pos.seq > counter.value:
        raise _expired("cursor is ahead of this server's change log; resync")
    if pos.mode == "f":
        return _full_page(session, user, pos, limit, today, counter.epoch)
    if pos.seq < counter.pruned_through:
        raise _expired("cursor is older than the retained change log; resync")
    return _log_page(session, user, pos, limit, today, counter.epoch, counter.value)


def _full_page(
    session: Session, user: User, pos: Cursor, limit: int, today: date, epoch: str
) -> dict[str, Any]:
    query = select(Case).where(_visible_open(user)).order_by(Case.id).limit(limit + 1)
    if pos.key:
        query = query.where(Case.id > pos.key)
    cases = list(session.scalars(query))
    more_cases = len(cases) > limit
    cases = cases[:limit]
    upserts = [
        _upsert(e, i, d) for b in load_bundles(session, cases, today) for (e, i, d) in b.items
    ]
    if more_cases:
        nxt = Cursor("f", pos.seq, cases[-1].id)
        has_more = True
    else:
        nxt = Cursor("i", pos.seq, str(_END))
        has_more = bool(session.scalar(select(exists().where(ChangeLog.seq > pos.seq))))
    return _page(upserts, [], encode_cursor(epoch, user.id, nxt), has_more)


def _upsert(entity: str, entity_id: str, data: dict[str, Any]) -> dict[str, Any]:
    # an Upsert as its JSON object (server-built payload of a known entity kind)
    return {"entity": entity, "id": entity_id, "data": data}


def _page(
    upserts: list[dict[str, Any]], tombstones: list[dict[str, Any]], cursor: str, has_more: bool
) -> dict[str, Any]:
    """A ChangesResponse as its JSON object; upserts deduplicated (first wins)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for u in upserts:
        key = (u["entity"], u["id"])
        if key not in seen:
            seen.add(key)
            out.append(u)
    return {"upserts": out, "tombstones": tombstones, "cursor": cursor, "has_more": has_more}


def _held_by(user: User, row: ChangeLog) -> bool:
    """Did `user` see this case before the assignment change `row`?"""
    return lost_in_change(user, from_user_id=row.from_user_id, from_team_id=row.from_team_id)


def _relevant(user: User) -> ColumnElement[bool]:
    """SQL filter of change rows that can matter to `user`: rows of cases in their scope
    (open or closed), assignments that took a case away from them, and loan/borrower rows
    of their cases. Everything else is skipped in the database, not in Python."""
    if user.role == "admin":
        return true()
    scope = visible_cases_clause(user)
    cond: ColumnElement[bool] = ChangeLog.case_id.in_(select(Case.id).where(scope))
    cond |= ChangeLog.case_id.is_(None) & (
        ((ChangeLog.entity == "loan") & ChangeLog.entity_id.in_(select(Case.loan_id).where(scope)))
        | (
            (ChangeLog.entity == "borrower")
            & ChangeLog.entity_id.in_(select(Case.borrower_id).where(scope))
        )
    )
    taken = lost_in_change_clause(user, ChangeLog.from_user_id, ChangeLog.from_team_id)
    return cond | ((ChangeLog.kind == "assign") & taken)


def _log_page(
    session: Session,
    user: User,
    pos: Cursor,
    limit: int,
    today: date,
    epoch: str,
    head: int,
) -> dict[str, Any]:
    """`head` is the counter value read before this query: every seq <= head has committed
    and is visible to the query, so with no further matching rows the cursor may jump there."""
    rows = list(
        session.scalars(
            select(ChangeLog)
            .where(
                ChangeLog.seq.is_not(None),
                tuple_(ChangeLog.seq, ChangeLog.id) > tuple_(pos.seq, int(pos.key)),
                _relevant(user),
            )
            .order_by(ChangeLog.seq, ChangeLog.id)
            .limit(limit + 1)
        )
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    nxt = Cursor("i", int(rows[-1].seq or 0), str(rows[-1].id)) if rows else pos
    if not has_more and head > nxt.seq:
        nxt = Cursor("i", head, str(_END))
    if not rows:
        return _page([], [], encode_cursor(epoch, user.id, nxt), False)

    # resolve every row to a case id
    loan_ids = {r.entity_id for r in rows if r.case_id is None and r.entity == "loan"}
    borrower_ids = {r.entity_id for r in rows if r.case_id is None and r.entity == "borrower"}
    extra: dict[tuple[str, str], list[str]] = {}
    if loan_ids or borrower_ids:
        for cid, lid, bid in session.execute(
            select(Case.id, Case.loan_id, Case.borrower_id).where(
                (Case.loan_id.in_(loan_ids)) | (Case.borrower_id.in_(borrower_ids)),
                _visible_open(user),
            )
        ):
            extra.setdefault(("loan", lid), []).append(cid)
            extra.setdefault(("borrower", bid), []).append(cid)
    case_ids = {r.case_id for r in rows if r.case_id}
    for ids in extra.values():
        case_ids.update(ids)
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
    visible = {cid for cid, c in cases.items() if can_see_case(user, c) and c.status != "closed"}

    full: list[Case] = []  # cases whose whole bundle goes out, in first-seen order
    full_ids: set[str] = set()
    singles: dict[str, dict[str, str]] = {}  # entity -> {id: case_id}
    partial_kinds: dict[str, set[str]] = {}  # case id -> {'loan', 'borrower'}
    tombstones: dict[str, dict[str, Any]] = {}
    for r in rows:
        targets = [r.case_id] if r.case_id else extra.get((r.entity, r.entity_id), [])
        for cid in targets:
            case = cases.get(cid)
            if case is None:
                continue
            if cid in visible:
                tombstones.pop(cid, None)
                if r.entity == "case" and cid not in full_ids:
                    full.append(case)
                    full_ids.add(cid)
                elif r.entity in CHILD_MODELS:
                    singles.setdefault(r.entity, {})[r.entity_id] = cid
                elif r.entity in ("loan", "borrower"):
                    partial_kinds.setdefault(cid, set()).add(r.entity)
            elif r.kind == "assign" and _held_by(user, r):
                tombstones[cid] = {"entity": "case", "id": cid, "reason": "reassigned"}
            elif case.status == "closed" and can_see_case(user, case):
                tombstones[cid] = {"entity": "case", "id": cid, "reason": "closed"}

    upserts: list[dict[str, Any]] = []
    for b in load_bundles(session, full, today):
        upserts.extend(_upsert(e, i, d) for (e, i, d) in b.items)
    partial = [cases[cid] for cid in partial_kinds if cid not in full_ids]
    if partial:
        for b in load_bundles(session, partial, today):
            upserts.extend(
                _upsert(e, i, d) for (e, i, d) in b.items if e in partial_kinds[b.case_id]
            )
    for entity, by_id in singles.items():
        wanted = {i for i, cid in by_id.items() if cid not in full_ids}
        if wanted:
            for e, i, _cid, d in load_children(session, entity, wanted):
                upserts.append(_upsert(e, i, d))
    return _page(upserts, list(tombstones.values()), encode_cursor(epoch, user.id, nxt), has_more)


__all__ = ["Cursor", "decode_cursor", "encode_cursor", "pull_changes", "pull_changes_json"]
