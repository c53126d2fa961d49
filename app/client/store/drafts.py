"""Drafts and reminders in the local store: what the agent typed but has not saved (the
note's text and, since schema 6, the whole wrap-up form as JSON), and which callbacks were
reminded already. Writers run inside the caller's transaction."""

from __future__ import annotations

import sqlite3


def save(tx: sqlite3.Connection, case_id: str, text: str, form: str | None, at: str) -> None:
    """Keep the case's draft (`form` None: a text-only draft)."""
    tx.execute(
        "INSERT INTO drafts(case_id, text, updated_at, form) VALUES (?,?,?,?) "
        "ON CONFLICT(case_id) DO UPDATE SET text=excluded.text, "
        "updated_at=excluded.updated_at, form=excluded.form",
        (case_id, text, at, form),
    )


def load(conn: sqlite3.Connection, case_id: str) -> tuple[str, str | None] | None:
    """(text, form JSON or None) of the case's draft, or None."""
    row = conn.execute("SELECT text, form FROM drafts WHERE case_id=?", (case_id,)).fetchone()
    return None if row is None else (str(row[0] or ""), row[1])


def clear(tx: sqlite3.Connection, case_id: str) -> None:
    tx.execute("DELETE FROM drafts WHERE case_id=?", (case_id,))


def mark_reminded(tx: sqlite3.Connection, callback_id: str, at: str) -> None:
    """Remember that a callback was reminded (so it is not reminded again)."""
    tx.execute(
        "INSERT OR IGNORE INTO reminders(callback_id, reminded_at) VALUES (?,?)",
        (callback_id, at),
    )
