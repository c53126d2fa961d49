"""CallService: what the call workflow asks of the local store (the desk's other service
beside DeskService, reached as `DeskService.calls`).

- `dial_check`: may this number be dialled now (the dial guard, on local data);
- `record_dial` / `record_end`: a dial counted at once as a provisional attempt, and the
  phone's end of it (app.client.dial_attempts);
- `wrap_up_problems` / `save_wrap_up`: check and store a wrap-up (one transaction);
- `save_draft` / `load_draft`: the whole wrap-up form kept as the agent types;
- `due_callbacks` / `mark_reminded`: callbacks that have come due and not been reminded.

Reads come from the local store only (works offline); writes go through the outbox.
Returns frozen values and `ChangeSet`s like DeskService. Times are passed in (`now`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.client import lender_zone
from app.client import payload_views as payloads
from app.client.dial_guard import DialCheck, dial_check
from app.client.store import LocalStore, drafts, reads
from app.client.views import ChangeSet
from app.client.wrap_up import WrapUp, banned, banned_hits, problems
from app.domain.banned_phrases import BannedHit
from app.domain.contact_policy_types import DEFAULT_POLICY_PROFILE, LocalWindow
from app.domain.followups import FieldProblem

_ALL_DAY = LocalWindow(datetime.min.time(), datetime.min.time())


class CaseMissing(LookupError):
    """The case is not (or no longer) in the local store."""


@dataclass(frozen=True, slots=True)
class DueCallback:
    """A callback that has come due (for the reminder)."""

    callback_id: str
    case_id: str
    borrower_name: str
    due_at: datetime
    note: str | None


class CallService:
    """See module docstring. `role` decides who may override a block (lead, admin)."""

    def __init__(
        self,
        store: LocalStore,
        *,
        user: str,
        role: str = "agent",
        policy_profile: str | None = DEFAULT_POLICY_PROFILE,
    ) -> None:
        self.store = store
        self.user = user
        self.role = role
        self.policy_profile = policy_profile

    # --- the case's facts the rules need ----------------------------------------------
    def _case(self, case_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        found = reads.case_payloads(self.store.connection(), case_id)
        if found is None:
            raise CaseMissing(case_id)
        return found

    def _today(self, now: datetime) -> Any:
        return lender_zone.today(now)

    def owed_fen(self, case_id: str, *, now: datetime) -> int:
        """What the borrower owes in total: overdue amount + principal not yet due."""
        case, _b, loan = self._case(case_id)
        today = self._today(now).isoformat()
        future = sum(
            int(i["principal"]) - int(i.get("paid_principal", 0))
            for i in loan.get("installments") or ()
            if str(i["due_date"]) >= today
        )
        return int(case["overdue_total"]) + future

    def _window(self) -> LocalWindow:
        profile = payloads.load_policy(self.policy_profile) if self.policy_profile else None
        return profile.call_window if profile is not None else _ALL_DAY

    # --- dialing ----------------------------------------------------------------------
    def dial_check(self, case_id: str, phone_id: str, *, now: datetime) -> DialCheck:
        """The dial guard's answer for one of the case's numbers at `now`."""
        case, borrower, _loan = self._case(case_id)
        phone = next((p for p in borrower.get("phones") or () if p["id"] == phone_id), None)
        if phone is None:
            raise CaseMissing(f"{case_id}/{phone_id}")
        contacts = reads.contacts_of_case(self.store.connection(), case_id)
        profile = payloads.load_policy(self.policy_profile) if self.policy_profile else None
        decision = (
            payloads.policy_for_phone(
                profile,
                now=now,
                case=case,
                phone=phone,
                borrower_tz=borrower.get("timezone") or lender_zone.name(),
                history=payloads.contact_events(contacts, until=now),
            )
            if profile is not None
            else None
        )
        view = payloads.borrower_view(borrower)
        pv = next(p for p in view.phones if p.id == phone_id)
        return dial_check(pv, decision, role=self.role)

    def record_dial(
        self,
        case_id: str,
        phone_id: str,
        *,
        attempt_id: str,
        now: datetime,
        on_server: bool,
        override_reason: str | None = None,
    ) -> ChangeSet:
        """Count the dial now (a local provisional attempt with `attempt_id`, the id the
        wrap-up's contact keeps); `on_server`: the server's dial route recorded it too."""
        from app.client import dial_attempts, fact_writes

        try:
            dial_attempts.record_dial(
                self.store,
                case_id=case_id,
                phone_id=phone_id,
                attempt_id=attempt_id,
                user=self.user,
                at=now,
                on_server=on_server,
                override_reason=override_reason,
            )
        except fact_writes.UnknownCase as exc:
            raise CaseMissing(case_id) from exc
        return ChangeSet(case_ids=frozenset({case_id}), notes=True)

    def record_end(
        self,
        case_id: str,
        attempt_id: str,
        *,
        answered: bool,
        disposition: str | None,
        duration_s: int,
        ended_at: datetime,
        recording_ref: str | None = None,
    ) -> ChangeSet:
        """The softphone's end of the dialled call `attempt_id`: answered (the wrap-up says
        who), or the phone's outcome (no_answer, busy, voicemail, number_invalid) and the
        talk time. Updates the local attempt and queues `contact.end` for the server (the
        server completes the attempt once, whichever of this and the wrap-up comes first).
        DomainError for an end the wire refuses; CaseMissing when the desk knows no such
        dial."""
        from app.client import dial_attempts

        if not dial_attempts.record_end(
            self.store,
            case_id=case_id,
            attempt_id=attempt_id,
            answered=answered,
            disposition=disposition,
            duration_s=duration_s,
            ended_at=ended_at,
            recording_ref=recording_ref,
        ):
            raise CaseMissing(f"{case_id}/{attempt_id}")
        return ChangeSet(case_ids=frozenset({case_id}), notes=True, sync_status=True)

    # --- wrap-up ----------------------------------------------------------------------
    def wrap_up_problems(self, w: WrapUp, *, now: datetime) -> list[FieldProblem]:
        """Every rule the wrap-up breaks, tied to its field (the server's rules too)."""
        _case, borrower, _loan = self._case(w.case_id)
        return problems(
            w,
            now=now,
            today=self._today(now),
            owed_fen=self.owed_fen(w.case_id, now=now),
            borrower_tz=borrower.get("timezone") or lender_zone.name(),
            window=self._window(),
        )

    def banned_phrases(self, text: str) -> list[BannedHit]:
        """Banned phrases in a note with their severity, one hit per phrase (warned as the
        agent types and before saving; the note carries the "block" ones as its flag)."""
        return banned_hits(text)

    def save_wrap_up(self, w: WrapUp, *, now: datetime | None = None) -> ChangeSet:
        """Check and store the wrap-up (contact, note, promise, callback) in one transaction.
        Raises WrapUpRefused with the problems when a rule is broken (nothing written),
        DomainError for a value the wire refuses, CaseMissing when the case is gone."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        found = self.wrap_up_problems(w, now=now)
        if found:
            raise WrapUpRefused(tuple(found))
        from app.client import call_records, fact_writes  # pydantic: not at start-up

        try:
            call_records.save_wrap_up(
                self.store,
                w,
                user=self.user,
                now=now,
                lender_tz=lender_zone.name(),
                banned=banned(w.text),
            )
        except fact_writes.UnknownCase as exc:
            raise CaseMissing(w.case_id) from exc
        return ChangeSet(
            case_ids=frozenset({w.case_id}), worklist=True, notes=True, sync_status=True
        )

    # --- drafts -----------------------------------------------------------------------
    def save_draft(self, w: WrapUp) -> None:
        """Keep the whole form for the case (called as the agent types); a blank form
        removes the draft."""
        if w.is_blank:
            self.clear_draft(w.case_id)
            return
        with self.store.transaction() as tx:
            drafts.save(
                tx, w.case_id, w.text, w.to_json(), datetime.now(UTC).isoformat(timespec="seconds")
            )

    def load_draft(self, case_id: str) -> WrapUp | None:
        """The case's draft form (a text-only draft of an older desk becomes its note)."""
        row = drafts.load(self.store.connection(), case_id)
        if row is None:
            return None
        if row[1]:
            try:
                draft = WrapUp.from_json(row[1])
                if draft.case_id == case_id:
                    return draft
            except (ValueError, TypeError):
                pass
        return WrapUp(case_id=case_id, text=str(row[0] or ""))

    def clear_draft(self, case_id: str) -> None:
        with self.store.transaction() as tx:
            drafts.clear(tx, case_id)

    # --- reminders --------------------------------------------------------------------
    def due_callbacks(self, *, now: datetime) -> tuple[DueCallback, ...]:
        """This user's callbacks that are due, not done and not yet reminded, oldest first."""
        rows = reads.due_callbacks(
            self.store.connection(), now.astimezone(UTC).isoformat(timespec="microseconds")
        )
        out = []
        for cid, case_id, at, d, name in rows:
            if d.get("done") or d.get("agent") not in (None, self.user):
                continue
            out.append(DueCallback(cid, case_id, name, datetime.fromisoformat(at), d.get("note")))
        return tuple(out)

    def mark_reminded(self, callback_id: str, *, now: datetime) -> None:
        """Do not remind this callback again (also after a restart)."""
        with self.store.transaction() as tx:
            drafts.mark_reminded(tx, callback_id, now.astimezone(UTC).isoformat(timespec="seconds"))


class WrapUpRefused(ValueError):
    """The wrap-up breaks rules; `problems` says which, per field. Nothing was written."""

    def __init__(self, found: tuple[FieldProblem, ...]) -> None:
        self.problems = found
        super().__init__("; ".join(f"{p.field}: {p.message_en}" for p in found))
