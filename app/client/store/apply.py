"""Bulk application of pulled changes (upserts and tombstones) to the local store.

All functions run inside the caller's transaction so that a page and its cursor are
committed together. Writes use `executemany`; the worklist's denormalised columns are
refreshed with one set-based UPDATE per page.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.client.store.schema import CHILD_TABLE_NAMES, CHILD_TABLES, CHILD_TIME_FIELD

_SEPARATORS = re.compile(r"[\s·•\-_/.,]+")


class PayloadError(ValueError):
    """A pulled record lacks a field the store needs (the server answered garbage)."""


def normalize_search(text: str) -> str:
    """Lower-case and drop separators, so "京A·3F2K9" matches "京a3f2"."""
    return _SEPARATORS.sub("", text.strip().lower())


def norm_ts(value: object) -> str | None:
    """Canonical sortable UTC text for an ISO instant ("2026-11-29T06:00:00.000000+00:00")."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PayloadError(f"timestamp expected, got {type(value).__name__}")
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise PayloadError(f"bad timestamp {value!r}") from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass
class PageResult:
    """What one applied page touched."""

    upserts: int = 0
    tombstones: int = 0
    case_ids: set[str] = field(default_factory=set)
    removed_case_ids: set[str] = field(default_factory=set)


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def apply_upserts(
    conn: sqlite3.Connection, upserts: Iterable[Mapping[str, Any]], *, gen: int
) -> PageResult:
    """Insert-or-replace every upsert, grouped by entity kind."""
    by_kind: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    count = 0
    for up in upserts:
        by_kind[str(up["entity"])].append(up["data"])
        count += 1
    result = PageResult(upserts=count)
    try:
        _upsert_cases(conn, by_kind.pop("case", []), gen, result)
        borrower_ids = _upsert_borrowers(conn, by_kind.pop("borrower", []), gen)
        loan_ids = _upsert_loans(conn, by_kind.pop("loan", []), gen)
        for kind, rows in by_kind.items():
            table = CHILD_TABLES.get(kind)
            if table is None:
                continue  # an entity this client version does not know: ignore
            time_field = CHILD_TIME_FIELD[kind]
            conn.executemany(
                f"INSERT INTO {table}(id, case_id, at, data, local_state, gen) "
                "VALUES (?, ?, ?, ?, 'synced', ?) ON CONFLICT(id) DO UPDATE SET "
                "case_id=excluded.case_id, at=excluded.at, data=excluded.data, "
                "local_state='synced', gen=excluded.gen",
                [(d["id"], d["case_id"], norm_ts(d.get(time_field)), _dump(d), gen) for d in rows],
            )
            result.case_ids.update(str(d["case_id"]) for d in rows)
    except (KeyError, TypeError) as exc:
        raise PayloadError(f"pulled record is missing {exc}") from exc
    if borrower_ids or loan_ids:
        result.case_ids.update(_cases_of(conn, "borrower_id", borrower_ids))
        result.case_ids.update(_cases_of(conn, "loan_id", loan_ids))
    refresh_worklist_columns(conn, result.case_ids)
    return result


def _upsert_cases(
    conn: sqlite3.Connection, rows: list[Mapping[str, Any]], gen: int, result: PageResult
) -> None:
    conn.executemany(
        "INSERT INTO cases(id, loan_id, borrower_id, status, assigned_to, bucket, dpd, "
        "overdue_total, priority, last_contact_at, next_action_at, next_action_kind, version, "
        "flags, debtor_unreachable, kind, plan_quiet, gen)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET "
        "loan_id=excluded.loan_id, borrower_id=excluded.borrower_id, status=excluded.status, "
        "assigned_to=excluded.assigned_to, bucket=excluded.bucket, dpd=excluded.dpd, "
        "overdue_total=excluded.overdue_total, priority=excluded.priority, "
        "last_contact_at=excluded.last_contact_at, next_action_at=excluded.next_action_at, "
        "next_action_kind=excluded.next_action_kind, version=excluded.version, "
        "flags=excluded.flags, debtor_unreachable=excluded.debtor_unreachable, "
        "kind=excluded.kind, plan_quiet=excluded.plan_quiet, gen=excluded.gen",
        [
            (
                d["id"],
                d["loan_id"],
                d["borrower_id"],
                d["status"],
                d.get("assigned_to"),
                d["bucket"],
                int(d["dpd"]),
                int(d["overdue_total"]),
                int(d["priority"]),
                norm_ts(d.get("last_contact_at")),
                norm_ts(d.get("next_action_at")),
                d.get("next_action_kind") or "none",
                int(d["version"]),
                json.dumps(sorted(d.get("flags") or [])),
                1 if d.get("debtor_unreachable") else 0,
                d.get("kind") or "collection",
                1 if d.get("plan_quiet") else 0,
                gen,
            )
            for d in rows
        ],
    )
    conn.executemany(
        "INSERT INTO case_data(id, data) VALUES (?, ?) "
        "ON CONFLICT(id) DO UPDATE SET data=excluded.data",
        [(d["id"], _dump(d)) for d in rows],
    )
    result.case_ids.update(str(d["id"]) for d in rows)


def _upsert_borrowers(
    conn: sqlite3.Connection, rows: list[Mapping[str, Any]], gen: int
) -> list[str]:
    conn.executemany(
        "INSERT INTO borrowers(id, name, data, gen) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE "
        "SET name=excluded.name, data=excluded.data, gen=excluded.gen",
        [(d["id"], d["name"], _dump(d), gen) for d in rows],
    )
    return [str(d["id"]) for d in rows]


def _upsert_loans(conn: sqlite3.Connection, rows: list[Mapping[str, Any]], gen: int) -> list[str]:
    conn.executemany(
        "INSERT INTO loans(id, borrower_id, contract_no, plate, data, gen) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET borrower_id=excluded.borrower_id, "
        "contract_no=excluded.contract_no, plate=excluded.plate, data=excluded.data, "
        "gen=excluded.gen",
        [
            (d["id"], d["borrower_id"], d["contract_no"], d["vehicle"]["plate"], _dump(d), gen)
            for d in rows
        ],
    )
    return [str(d["id"]) for d in rows]


def _cases_of(conn: sqlite3.Connection, column: str, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            r[0] for r in conn.execute(f"SELECT id FROM cases WHERE {column} IN ({marks})", chunk)
        )
    return out


def refresh_worklist_columns(conn: sqlite3.Connection, case_ids: Iterable[str]) -> None:
    """Recompute the denormalised name/contract/plate/phone/search columns of cases."""
    ids = list(case_ids)
    if not ids:
        return
    rows = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        rows.extend(
            conn.execute(
                "SELECT c.id, b.data, l.contract_no, l.plate FROM cases c "
                "LEFT JOIN borrowers b ON b.id = c.borrower_id "
                f"LEFT JOIN loans l ON l.id = c.loan_id WHERE c.id IN ({marks})",
                chunk,
            ).fetchall()
        )
    updates = []
    for case_id, bdata, contract_no, plate in rows:
        name, phone, phone_id, phone_tz, last4 = "", None, None, None, []
        if bdata:
            b = json.loads(bdata)
            name = str(b.get("name") or "")
            phones = b.get("phones") or []
            own = [p for p in phones if p.get("owner") == "borrower"]
            if own:
                phone, phone_id = own[0].get("number_masked"), own[0].get("id")
                phone_tz = own[0].get("timezone") or b.get("timezone")
            elif phones:
                phone = phones[0].get("number_masked")
            last4 = [str(p.get("number_masked") or "")[-4:] for p in phones]
        search = "|".join(
            [
                normalize_search(name),
                normalize_search(contract_no or ""),
                normalize_search(plate or ""),
                *last4,
            ]
        )
        updates.append(
            (name, contract_no or "", plate or "", phone, phone_id, phone_tz, search, case_id)
        )
    conn.executemany(
        "UPDATE cases SET borrower_name=?, contract_no=?, plate=?, phone_masked=?, "
        "phone_id=?, phone_tz=?, search_text=? WHERE id=?",
        updates,
    )


def apply_tombstones(
    conn: sqlite3.Connection, tombstones: Iterable[Mapping[str, Any]], result: PageResult
) -> None:
    """Remove records that left the user's view. Local facts still in the outbox stay."""
    case_ids: list[str] = []
    for t in tombstones:
        kind, rid = str(t["entity"]), str(t["id"])
        result.tombstones += 1
        if kind == "case":
            case_ids.append(rid)
        elif kind == "borrower":
            conn.execute("DELETE FROM borrowers WHERE id=?", (rid,))
        elif kind == "loan":
            conn.execute("DELETE FROM loans WHERE id=?", (rid,))
        elif kind in CHILD_TABLES:
            conn.execute(
                f"DELETE FROM {CHILD_TABLES[kind]} WHERE id=? AND local_state='synced'", (rid,)
            )
    if case_ids:
        remove_cases(conn, case_ids)
        result.removed_case_ids.update(case_ids)
        result.case_ids.update(case_ids)


def remove_cases(conn: sqlite3.Connection, case_ids: list[str]) -> None:
    """Delete cases, their synced child facts and their no-longer-referenced loan/borrower."""
    for i in range(0, len(case_ids), 500):
        chunk = case_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        refs = conn.execute(
            f"SELECT loan_id, borrower_id FROM cases WHERE id IN ({marks})", chunk
        ).fetchall()
        conn.execute(f"DELETE FROM cases WHERE id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM case_data WHERE id IN ({marks})", chunk)
        for table in CHILD_TABLE_NAMES:
            conn.execute(
                f"DELETE FROM {table} WHERE case_id IN ({marks}) AND local_state='synced'", chunk
            )
        for loan_id, borrower_id in refs:
            conn.execute(
                "DELETE FROM loans WHERE id=? AND NOT EXISTS (SELECT 1 FROM cases WHERE loan_id=?)",
                (loan_id, loan_id),
            )
            conn.execute(
                "DELETE FROM borrowers WHERE id=? AND NOT EXISTS "
                "(SELECT 1 FROM cases WHERE borrower_id=?)",
                (borrower_id, borrower_id),
            )


def sweep_older_generations(conn: sqlite3.Connection, gen: int) -> set[str]:
    """After a full resync at `gen`: drop every synced row the resync did not see."""
    stale = [r[0] for r in conn.execute("SELECT id FROM cases WHERE gen < ?", (gen,))]
    if stale:
        remove_cases(conn, stale)
    for table in ("borrowers", "loans"):
        conn.execute(f"DELETE FROM {table} WHERE gen < ?", (gen,))
    for table in CHILD_TABLE_NAMES:
        conn.execute(f"DELETE FROM {table} WHERE gen < ? AND local_state='synced'", (gen,))
    return set(stale)
