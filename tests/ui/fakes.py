"""An in-memory stand-in for DeskService used by widget tests (same methods, same views).

It does what the real service promises (filter/sort/page, drafts, notes into an "outbox")
over a small generated book, so widgets can be tested without a store or a server.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.client.call_service import DueCallback, WrapUpRefused
from app.client.desk_service import CaseNotFound
from app.client.dial_guard import DialCheck, dial_check
from app.client.views import (
    BorrowerView,
    CaseDetail,
    CaseView,
    ChangeSet,
    ContactView,
    InstallmentView,
    LoanView,
    NoteView,
    OverdueBreakdown,
    PaymentView,
    PhoneView,
    PolicyView,
    RejectedOp,
    SyncStatus,
    WorklistPage,
    WorklistQuery,
    WorklistRow,
)
from app.client.wrap_up import WrapUp, banned, banned_hits
from app.client.wrap_up import problems as wrap_up_problems
from app.domain.banned_phrases import BannedHit
from app.domain.contact_policy_types import LocalWindow
from app.domain.errors import DomainError
from app.domain.followups import FieldProblem

NAMES = ("张伟", "李娜", "刘洋", "陈静", "王芳", "杨帆", "赵磊", "黄敏", "周杰", "吴婷")
BUCKETS = ("M1", "M2", "M3", "M3+")
NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


def _installments(k: int) -> tuple[InstallmentView, ...]:
    out = []
    for n in range(1, 25):
        due = date(2025, 1, 15) + timedelta(days=30 * (n - 1))
        state = "paid" if n < 18 else ("overdue" if n < 20 + k % 3 else "future")
        paid = state == "paid"
        out.append(
            InstallmentView(
                n=n,
                due_date=due,
                payment_fen=304_219,
                principal_fen=260_000,
                interest_fen=44_219,
                paid_principal_fen=260_000 if paid else 0,
                paid_interest_fen=44_219 if paid else 0,
                paid_penalty_fen=0,
                paid_fees_fen=0,
                penalty_fen=2_282 if state == "overdue" else 0,
                fees_fen=0,
                state=state,
                paid_on=due if paid else None,
            )
        )
    return tuple(out)


class FakeDeskService:
    """See module docstring."""

    def __init__(self, cases: int = 60, *, user: str = "agent01") -> None:
        self.user = user
        self.drafts: dict[str, str] = {}
        self.outbox: list[NoteView] = []
        self.rejected: list[RejectedOp] = []
        self.details: dict[str, CaseDetail] = {}
        self.rows: list[WorklistRow] = []
        self.flag_edits: list[tuple[str, tuple[str, ...], bool]] = []
        self.role = "agent"
        self.plans: list[tuple[str, object]] = []
        self.exports: list[tuple[str, dict[str, object]]] = []
        self.calls = FakeCalls(self)
        for k in range(cases):
            self._add(k)

    def _add(self, k: int) -> None:
        cid = str(uuid.UUID(int=k + 1))
        name = NAMES[k % len(NAMES)] + ("" if k < len(NAMES) else str(k))
        bucket = BUCKETS[k % 4]
        dpd = 5 + 25 * (k % 4) + k % 7
        total = 641_237 + 10_000 * k
        phones = (
            PhoneView(f"p{k}a", "138****5678", "borrower", None, None, "Asia/Shanghai"),
            PhoneView(f"p{k}b", "139****1234", "emergency", "配偶", "李秀英", "Asia/Shanghai"),
        )
        policy = (PolicyView(f"p{k}a", k % 3 != 0, () if k % 3 else ("night",), (), (), None),)
        case = CaseView(
            id=cid,
            loan_id=f"l{k}",
            borrower_id=f"b{k}",
            status="open",
            assigned_to=self.user,
            team="组 3",
            dpd=dpd,
            bucket=bucket,
            overdue_total_fen=total,
            priority=100 - k,
            flags=("hardship",) if k % 5 == 0 else (),
            debtor_unreachable=False,
            opened_on=date(2026, 10, 1),
            closed_on=None,
            last_contact_at=NOW - timedelta(hours=k),
            next_action_at=NOW + timedelta(hours=k % 5),
            next_action_kind="promise_due" if k % 4 == 0 else "callback" if k % 4 == 1 else "none",
            version=1,
        )
        detail = CaseDetail(
            case=case,
            borrower=BorrowerView(
                id=f"b{k}",
                name=name,
                id_number_masked="110105********1234",
                gender="M",
                birth_date=date(1988, 3, 2),
                address="北京市朝阳区建国路88号3单元1502室",
                employer="北京华信科技有限公司",
                timezone="Asia/Shanghai",
                phones=phones,
                bank_card_masked="**** **** **** 1234",
                risk_segment="high",
            ),
            loan=LoanView(
                id=f"l{k}",
                contract_no=f"AL2025{k:06d}",
                product="新车贷 36期",
                method="equal_installment",
                principal_fen=10_000_000,
                annual_rate="0.0600",
                term_months=36,
                disbursed_on=date(2024, 12, 15),
                first_due_date=date(2025, 1, 15),
                outstanding_principal_fen=4_160_000,
                written_off=False,
                vehicle_brand="比亚迪",
                vehicle_model="秦PLUS",
                plate=f"京A·3F{k:03d}",
                vin_masked="LGXC*********1234",
                vehicle_year=2024,
            ),
            installments=_installments(k),
            payments=tuple(
                PaymentView(
                    f"pay{k}-{n}",
                    date(2025, 1, 14) + timedelta(days=30 * n),
                    304_219,
                    "bank_transfer",
                    f"TX{n:04d}",
                )
                for n in range(17)
            ),
            contacts=(
                ContactView(
                    f"c{k}",
                    "agent01",
                    f"p{k}a",
                    "outbound_call",
                    "right_party",
                    "temporary_hardship",
                    NOW - timedelta(days=1),
                    185,
                    None,
                    None,
                ),
            ),
            notes=(
                NoteView(
                    f"n{k}",
                    cid,
                    "agent01",
                    "客户表示月底前还款。",
                    "right_party",
                    date(2026, 11, 30),
                    None,
                    NOW - timedelta(days=1),
                ),
            ),
            promises=(),
            plans=(),
            callbacks=(),
            overdue=OverdueBreakdown(dpd, bucket, 520_000, 88_438, 32_799, 0, total),
            policy=policy,
        )
        self.details[cid] = detail
        self.rows.append(
            WorklistRow(
                case_id=cid,
                borrower_name=name,
                bucket=bucket,
                dpd=dpd,
                overdue_total_fen=total,
                last_contact_at=case.last_contact_at,
                next_action_at=case.next_action_at,
                next_action_kind=case.next_action_kind,  # type: ignore[arg-type]
                callable_now=policy[0].allowed,
                priority=case.priority,
                phone_masked="138****5678",
                contract_no=detail.loan.contract_no,
                plate=detail.loan.plate,
            )
        )

    # --- DeskService API ---------------------------------------------------------------
    def worklist(self, query: WorklistQuery, *, now: datetime | None = None) -> WorklistPage:
        rows = [
            r
            for r in self.rows
            if (not query.buckets or r.bucket in query.buckets)
            and (
                not query.search
                or query.search in r.borrower_name
                or query.search.lower() in r.contract_no.lower()
                or query.search in r.plate
            )
        ]
        key = {
            "name": lambda r: r.borrower_name,
            "dpd": lambda r: r.dpd,
            "overdue": lambda r: r.overdue_total_fen,
            "priority": lambda r: -r.priority,
            "last_contact": lambda r: r.last_contact_at,
            "next_action": lambda r: -r.priority,
        }[query.sort]
        rows.sort(key=key, reverse=query.descending)  # type: ignore[arg-type]
        counts: dict[str, int] = {}
        for r in self.rows:
            counts[r.bucket] = counts.get(r.bucket, 0) + 1
        pending = {n.case_id for n in self.outbox}
        page = tuple(
            replace(r, pending_ops=1) if r.case_id in pending else r
            for r in rows[query.offset : query.offset + query.limit]
        )
        return WorklistPage(page, len(rows), counts, query)

    def case_detail(self, case_id: str, *, now: datetime | None = None) -> CaseDetail:
        try:
            d = self.details[case_id]
        except KeyError:
            raise CaseNotFound(case_id) from None
        notes = d.notes + tuple(n for n in self.outbox if n.case_id == case_id)
        return replace(d, notes=notes, draft=self.drafts.get(case_id))

    def save_note(self, case_id, text, disposition=None, next_action_on=None, *, amends=None):  # type: ignore[no-untyped-def]
        if not text.strip():
            raise DomainError("text", "empty note")
        self.outbox.append(
            NoteView(
                str(uuid.uuid4()),
                case_id,
                self.user,
                text,
                disposition,
                next_action_on,
                amends,
                datetime.now(UTC),
                pending=True,
            )
        )
        self.drafts.pop(case_id, None)
        return ChangeSet(case_ids=frozenset({case_id}), notes=True, worklist=True)

    def propose_plan(self, case_id, form, *, now=None):  # type: ignore[no-untyped-def]
        from app.client.plan_calculator import PlanRefused, calculate, lender_today

        when = now or datetime.now(UTC)
        outcome = calculate(self.details[case_id], form, role=self.role, today=lender_today(when))
        if not outcome.ok:
            raise PlanRefused(outcome.issues)
        self.plans.append((case_id, form))
        return ChangeSet(case_ids=frozenset({case_id}), sync_status=True)

    def record_agreement_export(self, case_id, **export):  # type: ignore[no-untyped-def]
        if case_id not in self.details:
            raise CaseNotFound(case_id)
        self.exports.append((case_id, export))
        return ChangeSet(case_ids=frozenset({case_id}), sync_status=True)

    def set_case_flags(self, case_id, flags=None, *, debtor_unreachable=None):  # type: ignore[no-untyped-def]
        bad = set(flags or ()) - {
            "do_not_call",
            "cease",
            "dispute",
            "hardship",
            "complaint",
            "legal_hold",
        }
        if bad:
            raise DomainError("flags", f"unknown flag {sorted(bad)[0]!r}")
        if case_id not in self.details:
            raise CaseNotFound(case_id)
        detail = self.details[case_id]
        case = replace(
            detail.case,
            flags=tuple(sorted(flags if flags is not None else detail.case.flags)),
            debtor_unreachable=detail.case.debtor_unreachable
            if debtor_unreachable is None
            else debtor_unreachable,
        )
        self.details[case_id] = replace(detail, case=case)
        self.flag_edits.append((case_id, tuple(case.flags), case.debtor_unreachable))
        return ChangeSet(case_ids=frozenset({case_id}), worklist=True, sync_status=True)

    def save_draft(self, case_id: str, text: str) -> None:
        self.drafts[case_id] = text

    def load_draft(self, case_id: str) -> str | None:
        return self.drafts.get(case_id)

    def clear_draft(self, case_id: str) -> None:
        self.drafts.pop(case_id, None)

    def sync_status(self) -> SyncStatus:
        return SyncStatus("online", len(self.outbox), len(self.rejected), NOW, None, self.user)

    def needs_attention(self) -> tuple[RejectedOp, ...]:
        return tuple(self.rejected)

    def retry_rejected(self, op_id: str) -> ChangeSet:
        self.rejected = [o for o in self.rejected if o.op_id != op_id]
        return ChangeSet(sync_status=True)

    def discard_rejected(self, op_id: str) -> ChangeSet:
        return self.retry_rejected(op_id)


class FakeCalls:
    """The CallService slice the call widgets use, in memory, with the real pure rules
    (dial guard, wrap-up problems, banned phrases) over the fake book."""

    def __init__(self, desk: FakeDeskService, role: str = "agent") -> None:
        self.desk = desk
        self.role = role
        self.drafts: dict[str, WrapUp] = {}
        self.saved: list[WrapUp] = []
        self.due: list[DueCallback] = []
        self.reminded: list[str] = []
        self.dials: list[tuple[str, str, str, bool]] = []  # case, phone, attempt id, on server
        self.ends: list[tuple[str, str, bool, str | None, int]] = []  # the phone's call ends

    def record_dial(
        self,
        case_id: str,
        phone_id: str,
        *,
        attempt_id: str,
        now: datetime,
        on_server: bool,
        override_reason: str | None = None,
    ) -> None:
        self.dials.append((case_id, phone_id, attempt_id, on_server))

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
    ) -> None:
        self.ends.append((case_id, attempt_id, answered, disposition, duration_s))

    def dial_check(self, case_id: str, phone_id: str, *, now: datetime) -> DialCheck:
        d = self.desk.details[case_id]
        phone = next(p for p in d.borrower.phones if p.id == phone_id)
        decision = next((p for p in d.policy if p.phone_id == phone_id), None)
        if decision is None and phone.owner != "borrower":
            decision = PolicyView(
                phone_id,
                d.case.debtor_unreachable,
                () if d.case.debtor_unreachable else ("third_party_requires_unreachable",),
                ("只有在登记债务人失联后才可联系紧急联系人",),
                ("An emergency contact may be called only after 'debtor unreachable'",),
                None,
            )
        return dial_check(phone, decision, role=self.role)

    def owed_fen(self, case_id: str, *, now: datetime) -> int:
        d = self.desk.details[case_id]
        return d.overdue.total_fen + d.loan.outstanding_principal_fen

    def wrap_up_problems(self, w: WrapUp, *, now: datetime) -> list[FieldProblem]:
        return wrap_up_problems(
            w,
            now=now,
            today=now.astimezone(ZoneInfo("Asia/Shanghai")).date(),
            owed_fen=self.owed_fen(w.case_id, now=now),
            borrower_tz="Asia/Shanghai",
            window=LocalWindow(time(8), time(22)),
        )

    def banned_phrases(self, text: str) -> list[BannedHit]:
        return banned_hits(text)

    def save_wrap_up(self, w: WrapUp, *, now: datetime | None = None) -> ChangeSet:
        now = now or datetime.now(UTC)
        found = self.wrap_up_problems(w, now=now)
        if found:
            raise WrapUpRefused(tuple(found))
        self.saved.append(w)
        self.desk.outbox.append(
            NoteView(
                str(uuid.uuid4()),
                w.case_id,
                self.desk.user,
                w.text.strip(),
                w.disposition,
                None,
                w.amends,
                now,
                pending=True,
                banned_phrases=tuple(banned(w.text)),
            )
        )
        self.drafts.pop(w.case_id, None)
        return ChangeSet(case_ids=frozenset({w.case_id}), notes=True, worklist=True)

    def save_draft(self, w: WrapUp) -> None:
        if w.is_blank:
            self.drafts.pop(w.case_id, None)
        else:
            self.drafts[w.case_id] = w

    def load_draft(self, case_id: str) -> WrapUp | None:
        return self.drafts.get(case_id)

    def clear_draft(self, case_id: str) -> None:
        self.drafts.pop(case_id, None)

    def due_callbacks(self, *, now: datetime) -> tuple[DueCallback, ...]:
        return tuple(d for d in self.due if d.due_at <= now and d.callback_id not in self.reminded)

    def mark_reminded(self, callback_id: str, *, now: datetime) -> None:
        self.reminded.append(callback_id)
