"""DeskService: the one façade the UI calls for local reads and local writes.

Reads come only from the local SQLite store (offline-first); writes go to the local
tables *and* the outbox in one transaction and return a `ChangeSet`. The store gives each
thread its own SQLite connection, so the GUI thread's DeskService and the sync worker's
SyncEngine can share one `LocalStore` object.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

from app.client import case_edits, lender_zone, outbox
from app.client import payload_views as payloads
from app.client.call_service import CallService
from app.client.store import LocalStore, drafts, reads
from app.client.views import (
    CaseDetail,
    ChangeSet,
    RejectedOp,
    SyncState,
    SyncStatus,
    WorklistPage,
    WorklistQuery,
)
from app.client.worklist_order import next_case_id
from app.client.worklist_sql import CallableCache, worklist_page
from app.domain.contact_policy_types import DEFAULT_POLICY_PROFILE
from app.domain.errors import DomainError
from app.domain.limits import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from app.client.plan_calculator import PlanForm

# app.client.fact_writes and app.protocol (pydantic, ~250 ms to import) are imported on the
# first write, not at start-up: the desk paints its cached worklist without them.


@cache
def dispositions() -> frozenset[str]:
    """The note dispositions the wire protocol accepts (imports app.protocol on first use)."""
    from app.protocol.entities import Disposition

    return frozenset(get_args(Disposition))


def warm_up() -> None:
    """Import what the first local write needs (call off the GUI thread after start-up)."""
    from app.client import fact_writes  # noqa: F401

    dispositions()


class CaseNotFound(LookupError):
    """The case is not (or no longer) in the local store."""


class DeskService:
    """Local reads and writes for one signed-in user's store (see module docstring)."""

    def __init__(
        self,
        store: LocalStore,
        *,
        user: str,
        policy_profile: str | None = DEFAULT_POLICY_PROFILE,
        keyring_available: bool = True,
        role: str = "agent",
    ) -> None:
        self.store = store
        self.user = user
        self.role = role
        self.policy_profile = policy_profile
        self.keyring_available = keyring_available
        self._callable = CallableCache()
        self.calls = CallService(store, user=user, role=role, policy_profile=policy_profile)

    def _policy(self) -> Any | None:
        return payloads.load_policy(self.policy_profile) if self.policy_profile else None

    # --- worklist ---------------------------------------------------------------------
    def worklist(self, query: WorklistQuery, *, now: datetime | None = None) -> WorklistPage:
        """Rows matching `query` (SQL filter/sort/paging) with totals and bucket counts.

        Sort "next_action" puts broken promises and actions due by the end of today
        (lender's day) first, soonest first, then the rest by priority (highest first).
        For other sort keys `descending` picks the direction.
        """
        now = now or datetime.now(UTC)
        end_of_day = self._horizon(now)
        return worklist_page(
            self.store.connection(),
            query,
            now=now,
            horizon=end_of_day,
            policy=self._policy(),
            cache=self._callable,
        )

    @staticmethod
    def _horizon(now: datetime | None) -> datetime:
        """End of the lender's business day (actions due before it count as due today)."""
        now = now or datetime.now(UTC)
        return datetime.combine(
            lender_zone.today(now) + timedelta(days=1), datetime.min.time(), lender_zone.zone()
        )

    def next_case(
        self, query: WorklistQuery, after_case_id: str | None, *, now: datetime | None = None
    ) -> str | None:
        """The case after `after_case_id` in the worklist order (first when None)."""
        return next_case_id(
            self.store.connection(), query, after_case_id, horizon=self._horizon(now)
        )

    # --- case -------------------------------------------------------------------------
    def case_detail(self, case_id: str, *, now: datetime | None = None) -> CaseDetail:
        """Everything about one case; raises CaseNotFound when it is not in the store."""
        conn = self.store.connection()
        found = reads.case_payloads(conn, case_id)
        if found is None:
            raise CaseNotFound(case_id)
        case, borrower, loan = found
        kids = reads.case_children(conn, case_id)
        refused: dict[str, str] = {}
        if any(state == "rejected" for _, state in kids["plans"]):
            refused = reads.rejected_plan_reasons(conn, case_id)
        policy: list[Any] = []
        profile = self._policy()
        if profile is not None:
            when = now or datetime.now(UTC)
            history = payloads.contact_events([d for d, _ in kids["contacts"]], until=when)
            for phone in borrower.get("phones") or ():
                pv = payloads.policy_for_phone(
                    profile,
                    now=when,
                    case=case,
                    phone=phone,
                    borrower_tz=borrower.get("timezone") or lender_zone.name(),
                    history=history,
                )
                if pv is not None:
                    policy.append(pv)
        return CaseDetail(
            case=payloads.case_view(case),
            borrower=payloads.borrower_view(borrower),
            loan=payloads.loan_view(loan),
            installments=payloads.installment_views(loan),
            payments=payloads.payment_views(loan),
            contacts=tuple(payloads.contact_view(d, s) for d, s in kids["contacts"]),
            notes=tuple(payloads.note_view(d, s) for d, s in kids["notes"]),
            promises=tuple(payloads.promise_view(d, s) for d, s in kids["promises"]),
            plans=tuple(payloads.plan_view(d, s, refused.get(d["id"])) for d, s in kids["plans"]),
            callbacks=tuple(payloads.callback_view(d, s) for d, s in kids["callbacks"]),
            overdue=payloads.overdue_view(case),
            policy=tuple(policy),
            draft=self.load_draft(case_id),
        )

    def save_note(
        self,
        case_id: str,
        text: str,
        disposition: str | None = None,
        next_action_on: date | None = None,
        *,
        amends: str | None = None,
        now: datetime | None = None,
    ) -> ChangeSet:
        """Store a note locally and queue it for the server (one transaction); clears the
        case's draft. Raises DomainError for empty/too long text or an unknown disposition,
        CaseNotFound when the case is not in the store."""
        body = text.strip()
        if not body:
            raise DomainError("text", "the note is empty")
        if len(body) > MAX_NOTE_CHARS:
            raise DomainError("text", f"the note is longer than {MAX_NOTE_CHARS} characters")
        if disposition is not None and disposition not in dispositions():
            raise DomainError("disposition", f"unknown disposition {disposition!r}")
        if amends is not None:
            try:
                amends = str(uuid.UUID(amends))
            except ValueError as exc:
                raise DomainError("amends", "not a note id") from exc
        created = (now or datetime.now(UTC)).astimezone(UTC)
        payload: dict[str, Any] = {
            "text": body,
            "disposition": disposition,
            "next_action_on": next_action_on,
            "amends": amends,
            "created_at": created,
        }
        self._queue("note.create", case_id, payload, {}, "author")
        return ChangeSet(case_ids=frozenset({case_id}), notes=True, sync_status=True)

    def record_contact(
        self,
        case_id: str,
        *,
        channel: str,
        disposition: str,
        started_at: datetime,
        phone_id: str | None = None,
        reason: str | None = None,
        duration_s: int = 0,
        recording_ref: str | None = None,
    ) -> ChangeSet:
        """Record a contact attempt (call, SMS, visit) locally and queue it."""
        payload = {
            "phone_id": phone_id,
            "channel": channel,
            "disposition": disposition,
            "reason": reason,
            "started_at": started_at,
            "duration_s": duration_s,
            "recording_ref": recording_ref,
        }
        self._queue("contact.create", case_id, payload, {"policy_violation": None}, "agent")
        self._callable.clear()  # the contact history changed
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def add_promise(
        self, case_id: str, *, amount_fen: int, promised_on: date, now: datetime | None = None
    ) -> ChangeSet:
        """Record a promise to pay locally and queue it."""
        payload = {
            "amount": amount_fen,
            "promised_on": promised_on,
            "created_at": (now or datetime.now(UTC)).astimezone(UTC),
        }
        self._queue("promise.create", case_id, payload, {"status": "pending"}, "agent")
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def add_callback(
        self,
        case_id: str,
        *,
        due_at: datetime,
        note: str | None = None,
        now: datetime | None = None,
    ) -> ChangeSet:
        """Schedule a callback locally and queue it."""
        created = (now or datetime.now(UTC)).astimezone(UTC)
        payload = {"due_at": due_at, "note": note, "created_at": created}
        self._queue("callback.create", case_id, payload, {"done": False}, "agent")
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def propose_plan(
        self, case_id: str, form: PlanForm, *, now: datetime | None = None
    ) -> ChangeSet:
        """Offer (within the desk role's authority) or send for approval (beyond it) a
        repayment plan: checked with the desk's calculator first — an invalid plan raises
        PlanRefused with every field's issue and writes nothing — then the local plan row
        (status 'approved' or 'pending_approval' as the local calculation says; the server's
        answer replaces it on the next pull) and its `plan.propose` op in one transaction.
        Raises CaseNotFound when the case is not in the store."""
        from app.client.plan_calculator import PlanRefused, calculate, lender_today

        when = (now or datetime.now(UTC)).astimezone(UTC)
        detail = self.case_detail(case_id, now=when)
        outcome = calculate(detail, form, role=self.role, today=lender_today(when))
        if not outcome.ok:
            raise PlanRefused(outcome.issues)
        self._queue(
            "plan.propose", case_id, form.payload(created_at=when), outcome.local_extra(), "author"
        )
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def record_agreement_export(
        self,
        case_id: str,
        *,
        language: str,
        plan_kind: str,
        payments: int,
        total_fen: int,
        now: datetime | None = None,
    ) -> ChangeSet:
        """Queue the `agreement.export` event for an agreement PDF just written for the case
        (the server audits it when it arrives; the file holds the borrower's name and
        figures). DomainError for a bad value, CaseNotFound when the case is not here."""
        from app.client import fact_writes

        when = (now or datetime.now(UTC)).astimezone(UTC)
        payload = {
            "language": language,
            "plan_kind": plan_kind,
            "payments": payments,
            "total": total_fen,
            "exported_at": when.isoformat(timespec="microseconds"),
        }
        try:
            fact_writes.queue_event(
                self.store, kind="agreement.export", case_id=case_id, payload=payload
            )
        except fact_writes.UnknownCase as exc:
            raise CaseNotFound(case_id) from exc
        return ChangeSet(case_ids=frozenset({case_id}), sync_status=True)

    def set_case_flags(
        self,
        case_id: str,
        flags: Iterable[str] | None = None,
        *,
        debtor_unreachable: bool | None = None,
    ) -> ChangeSet:
        """Edit the case's flags (do not call, cease, dispute, hardship, complaint, legal
        hold) and/or the "debtor unreachable" mark: applied here at once (the contact policy
        sees it) and queued for the server as `case.update`. Raises DomainError for an
        unknown flag, CaseNotFound when the case is not in the store."""
        from app.client import fact_writes

        try:
            op_id = case_edits.queue_case_update(
                self.store, case_id, flags=flags, debtor_unreachable=debtor_unreachable
            )
        except fact_writes.UnknownCase as exc:
            raise CaseNotFound(case_id) from exc
        if op_id is None:
            return ChangeSet()
        self._callable.clear()  # the policy answer depends on the flags
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def _queue(
        self,
        kind: str,
        case_id: str,
        payload: dict[str, Any],
        extra: dict[str, Any],
        author_field: str,
    ) -> str:
        from app.client import fact_writes

        try:
            return fact_writes.queue_fact(
                self.store,
                kind=kind,
                case_id=case_id,
                payload=payload,
                extra=extra,
                author_field=author_field,
                user=self.user,
            )
        except fact_writes.UnknownCase as exc:
            raise CaseNotFound(case_id) from exc

    # --- drafts -----------------------------------------------------------------------
    def save_draft(self, case_id: str, text: str) -> None:
        """Keep the unsaved note text for the case (called as the agent types)."""
        if not text.strip():
            self.clear_draft(case_id)
            return
        with self.store.transaction() as tx:
            drafts.save(tx, case_id, text, None, datetime.now(UTC).isoformat(timespec="seconds"))

    def load_draft(self, case_id: str) -> str | None:
        """The saved draft for the case, or None."""
        found = drafts.load(self.store.connection(), case_id)
        return None if found is None else found[0]

    def clear_draft(self, case_id: str) -> None:
        """Forget the case's draft."""
        with self.store.transaction() as tx:
            drafts.clear(tx, case_id)

    # --- sync state -------------------------------------------------------------------
    def sync_status(self) -> SyncStatus:
        """Pending/rejected op counts, last success, last error, user."""
        conn = self.store.connection()
        pending, rejected = outbox.counts(conn)
        state = reads.sync_state(conn)
        states: dict[str, SyncState] = {
            "online": "online",
            "offline": "offline",
            "syncing": "syncing",
            "error": "error",
        }
        current = states.get(state.get("state") or "", "offline")
        return SyncStatus(
            state=current,
            pending_ops=pending,
            rejected_ops=rejected,
            last_success_at=payloads.ts(state.get("last_success_at")),
            last_error=state.get("last_error"),
            user=self.user,
            keyring_available=self.keyring_available,
            paused_mass_removal=int(state.get("paused_removal") or 0),
        )

    def needs_attention(self) -> tuple[RejectedOp, ...]:
        """Ops the server rejected, oldest first."""
        rows = reads.rejected_ops(self.store.connection())
        return tuple(
            RejectedOp(
                op_id=r[0],
                kind=r[1],
                case_id=r[2],
                entity_id=r[3],
                code=r[4],
                message=r[5],
                created_at=payloads.ts(r[6]) or datetime.now(UTC),
                payload=json.loads(r[7]),
                current=json.loads(r[8]) if r[8] else None,
            )
            for r in rows
        )

    def discard_rejected(self, op_id: str) -> ChangeSet:
        """Drop a rejected op (and its local-only entity)."""
        with self.store.transaction() as tx:
            op = outbox.discard(tx, op_id)
        if op is None:
            return ChangeSet()
        return ChangeSet(case_ids=frozenset({op.case_id}), notes=True, sync_status=True)

    def retry_rejected(self, op_id: str) -> ChangeSet:
        """Put a rejected op back in the queue to be pushed again."""
        with self.store.transaction() as tx:
            op = outbox.retry(tx, op_id)
            if op is not None and op.kind == case_edits.KIND:
                case_edits.rebase(tx, op_id)  # the agent's edit over the newer state
        if op is None:
            return ChangeSet()
        return ChangeSet(
            case_ids=frozenset({op.case_id}),
            notes=True,
            sync_status=True,
            worklist=op.kind == case_edits.KIND,
        )
