"""A desk (session + store + DeskService + SyncEngine) wired to a live server for tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.client import paths
from app.client.desk_service import DeskService
from app.client.session import Session
from app.client.store import LocalStore
from app.client.sync_engine import SyncEngine
from app.client.views import SyncReport
from tests.client.faults import FaultyAdapter, install

SYNCED_TABLES = (
    "cases",
    "borrowers",
    "loans",
    "contacts",
    "notes",
    "promises",
    "plans",
    "callbacks",
)


class Desk:
    """One agent's desk on this machine: can be 'killed' and reopened on the same files."""

    def __init__(
        self,
        url: str,
        username: str,
        password: str | None,
        data_dir: Path,
        *,
        page_size: int = 1000,
        push_batch: int = 200,
    ) -> None:
        self.url, self.username, self.data_dir = url, username, data_dir
        self.page_size, self.push_batch = page_size, push_batch
        self.session = Session(url, username, timeout=10)
        self.faults: FaultyAdapter = install(self.session.api.http)
        self.session.api.backoff.base = 0.0  # tests retry at once
        if password is not None:
            self.session.login(password)
        else:
            assert self.session.resume(), "no refresh token in the keyring"
        self.store = LocalStore(paths.store_path(url, username, base=data_dir))
        self.desk = DeskService(self.store, user=username)
        self.engine = SyncEngine(
            self.store, self.session.api, page_size=page_size, push_batch=push_batch
        )

    def sync(self, **kw: Any) -> SyncReport:
        return self.engine.run_once(**kw)

    def reopen(self) -> Desk:
        """The desk process died and starts again (same store file, token from keyring)."""
        self.store.close()
        return Desk(
            self.url,
            self.username,
            None,
            self.data_dir,
            page_size=self.page_size,
            push_batch=self.push_batch,
        )

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Synced rows of every server-derived table, for comparing two stores."""
        conn = self.store.connection()
        out: dict[str, dict[str, Any]] = {}
        for table in SYNCED_TABLES:
            state = (
                "" if table in ("cases", "borrowers", "loans") else " WHERE local_state='synced'"
            )
            source = "case_data" if table == "cases" else table  # case payloads live apart
            out[table] = {
                r[0]: json.loads(r[1])
                for r in conn.execute(f"SELECT id, data FROM {source}{state}")
            }
        return out

    def outbox_statuses(self) -> list[str]:
        return [r[0] for r in self.store.connection().execute("SELECT status FROM outbox")]
