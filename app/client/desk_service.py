"""DeskService: the one façade the UI calls for local reads and local writes.

Reads come only from the local SQLite store (offline-first); writes go to the local
tables *and* the outbox in one transaction and return a `ChangeSet`. The service owns
its own SQLite connection, so create one per thread (the GUI thread has one; the sync
worker owns a `SyncEngine` with its own connection).
"""

from __future__ import annotations

from datetime import date, datetime

from app.client.views import (
    CaseDetail,
    ChangeSet,
    RejectedOp,
    SyncStatus,
    WorklistPage,
    WorklistQuery,
)


class CaseNotFound(LookupError):
    """The case is not (or no longer) in the local store."""


class DeskService:
    """Local reads and writes for one signed-in user's store (see module docstring)."""

    def __init__(self, store: object, *, user: str) -> None:
        """`store` is an `app.client.store.LocalStore`; `user` the signed-in username."""
        raise NotImplementedError

    # --- worklist ---------------------------------------------------------------------
    def worklist(self, query: WorklistQuery, *, now: datetime | None = None) -> WorklistPage:
        """Rows matching `query` (SQL filter/sort/paging) with totals and bucket counts."""
        raise NotImplementedError

    def next_case(self, query: WorklistQuery, after_case_id: str | None) -> str | None:
        """The case after `after_case_id` in the worklist order (first when None)."""
        raise NotImplementedError

    # --- case -------------------------------------------------------------------------
    def case_detail(self, case_id: str, *, now: datetime | None = None) -> CaseDetail:
        """Everything about one case; raises CaseNotFound when it is not in the store."""
        raise NotImplementedError

    def save_note(
        self,
        case_id: str,
        text: str,
        disposition: str | None = None,
        next_action_on: date | None = None,
        *,
        amends: str | None = None,
    ) -> ChangeSet:
        """Store a note locally and queue it for the server (one transaction); clears the
        case's draft. Raises DomainError for empty/too long text or an unknown disposition."""
        raise NotImplementedError

    # --- drafts -----------------------------------------------------------------------
    def save_draft(self, case_id: str, text: str) -> None:
        """Keep the unsaved note text for the case (called as the agent types)."""
        raise NotImplementedError

    def load_draft(self, case_id: str) -> str | None:
        """The saved draft for the case, or None."""
        raise NotImplementedError

    def clear_draft(self, case_id: str) -> None:
        """Forget the case's draft."""
        raise NotImplementedError

    # --- sync state -------------------------------------------------------------------
    def sync_status(self) -> SyncStatus:
        """Pending/rejected op counts, last success, last error, user."""
        raise NotImplementedError

    def needs_attention(self) -> tuple[RejectedOp, ...]:
        """Ops the server rejected, oldest first."""
        raise NotImplementedError

    def discard_rejected(self, op_id: str) -> ChangeSet:
        """Drop a rejected op (and its local-only entity)."""
        raise NotImplementedError

    def retry_rejected(self, op_id: str) -> ChangeSet:
        """Put a rejected op back in the queue to be pushed again."""
        raise NotImplementedError
