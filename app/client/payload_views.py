"""Turn stored wire payloads (JSON) into the frozen views of app.client.views."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from app.client import lender_zone
from app.client.views import (
    BorrowerView,
    CallbackView,
    CaseView,
    ContactView,
    InstallmentView,
    LoanRisk,
    LoanView,
    NoteView,
    OverdueBreakdown,
    PaymentView,
    PhoneView,
    PlanReturnView,
    PlanView,
    PolicyView,
    PromiseView,
    RiskFactor,
)

log = logging.getLogger(__name__)

J = Mapping[str, Any]


def ts(value: Any) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def case_view(d: J) -> CaseView:
    return CaseView(
        id=d["id"],
        loan_id=d["loan_id"],
        borrower_id=d["borrower_id"],
        status=d["status"],
        assigned_to=d.get("assigned_to"),
        team=d.get("team"),
        dpd=int(d["dpd"]),
        bucket=d["bucket"],
        overdue_total_fen=int(d["overdue_total"]),
        priority=int(d["priority"]),
        flags=tuple(d.get("flags") or ()),
        debtor_unreachable=bool(d.get("debtor_unreachable")),
        opened_on=day(d["opened_on"]) or date.min,
        closed_on=day(d.get("closed_on")),
        last_contact_at=ts(d.get("last_contact_at")),
        next_action_at=ts(d.get("next_action_at")),
        next_action_kind=d.get("next_action_kind") or "none",
        version=int(d.get("version", 0)),
        kind=d.get("kind") or "collection",
        plan_return=plan_return_view(d.get("plan_return")),
    )


def plan_return_view(d: J | None) -> PlanReturnView | None:
    """CaseData.plan_return: the broken plan that returned the case to collection."""
    if not d:
        return None
    return PlanReturnView(
        plan_id=str(d["plan_id"]),
        kind=str(d.get("kind") or ""),
        broken_on=day(d.get("broken_on")),
        due_date=day(d.get("due_date")),
        shortfall_fen=int(d.get("shortfall") or 0),
    )


def overdue_view(d: J) -> OverdueBreakdown:
    return OverdueBreakdown(
        dpd=int(d["dpd"]),
        bucket=d["bucket"],
        principal_fen=int(d.get("overdue_principal", 0)),
        interest_fen=int(d.get("overdue_interest", 0)),
        penalty_fen=int(d.get("overdue_penalty", 0)),
        fees_fen=int(d.get("overdue_fees", 0)),
        total_fen=int(d["overdue_total"]),
    )


def borrower_view(d: J) -> BorrowerView:
    phones = tuple(
        PhoneView(
            id=p["id"],
            number_masked=p["number_masked"],
            owner=p["owner"],
            relation=p.get("relation"),
            name=p.get("name"),
            timezone=p.get("timezone") or lender_zone.name(),
        )
        for p in d.get("phones") or ()
    )
    return BorrowerView(
        id=d["id"],
        name=d["name"],
        id_number_masked=d.get("id_number_masked", ""),
        gender=d.get("gender"),
        birth_date=day(d.get("birth_date")),
        address=d.get("address", ""),
        employer=d.get("employer"),
        timezone=d.get("timezone") or lender_zone.name(),
        phones=phones,
        bank_card_masked=d.get("bank_card_masked"),
        risk_segment=d.get("risk_segment", "medium"),
        language="en" if d.get("language") == "en" else "zh_CN",
    )


def loan_view(d: J) -> LoanView:
    v = d.get("vehicle") or {}
    return LoanView(
        id=d["id"],
        contract_no=d["contract_no"],
        product=d.get("product", ""),
        method=d.get("method", ""),
        principal_fen=int(d["principal"]),
        annual_rate=str(d.get("annual_rate", "")),
        term_months=int(d.get("term_months", 0)),
        disbursed_on=day(d["disbursed_on"]) or date.min,
        first_due_date=day(d["first_due_date"]) or date.min,
        outstanding_principal_fen=int(d.get("outstanding_principal", 0)),
        written_off=bool(d.get("written_off")),
        vehicle_brand=v.get("brand", ""),
        vehicle_model=v.get("model", ""),
        plate=v.get("plate", ""),
        vin_masked=v.get("vin_masked", ""),
        vehicle_year=int(v.get("year") or 0),
        extensions_months=int(d.get("extensions_months") or 0),
        risk=_risk(d.get("risk")),
    )


def _risk(d: Any) -> LoanRisk | None:
    if not isinstance(d, Mapping):
        return None
    return LoanRisk(
        score=float(d.get("score") or 0.0),
        segment=str(d.get("segment") or "medium"),
        factors=tuple(
            RiskFactor(
                str(f.get("code", "")),
                str(f.get("label_zh", "")),
                str(f.get("label_en", "")),
                float(f.get("weight") or 0.0),
            )
            for f in d.get("factors") or ()
            if isinstance(f, Mapping)
        ),
        model_version=int(d.get("model_version") or 0),
    )


def installment_views(d: J) -> tuple[InstallmentView, ...]:
    return tuple(
        InstallmentView(
            n=int(i["n"]),
            due_date=day(i["due_date"]) or date.min,
            payment_fen=int(i["payment"]),
            principal_fen=int(i["principal"]),
            interest_fen=int(i["interest"]),
            paid_principal_fen=int(i.get("paid_principal", 0)),
            paid_interest_fen=int(i.get("paid_interest", 0)),
            paid_penalty_fen=int(i.get("paid_penalty", 0)),
            paid_fees_fen=int(i.get("paid_fees", 0)),
            penalty_fen=int(i.get("penalty", 0)),
            fees_fen=int(i.get("fees", 0)),
            state=i.get("state", "future"),
            paid_on=day(i.get("paid_on")),
        )
        for i in d.get("installments") or ()
    )


def payment_views(d: J) -> tuple[PaymentView, ...]:
    return tuple(
        PaymentView(
            id=p["id"],
            paid_on=day(p["paid_on"]) or date.min,
            amount_fen=int(p["amount"]),
            channel=p.get("channel", ""),
            reference=p.get("reference"),
        )
        for p in d.get("payments") or ()
    )


def contact_view(d: J, state: str) -> ContactView:
    return ContactView(
        id=d["id"],
        agent=d.get("agent", ""),
        phone_id=d.get("phone_id"),
        channel=d.get("channel", ""),
        disposition=d.get("disposition", ""),
        reason=d.get("reason"),
        started_at=ts(d["started_at"]) or datetime.min.replace(tzinfo=UTC),
        duration_s=int(d.get("duration_s", 0)),
        recording_ref=d.get("recording_ref"),
        policy_violation=d.get("policy_violation"),
        pending=state != "synced",
        result=d.get("result"),
        override_reason=d.get("override_reason"),
    )


def note_view(d: J, state: str) -> NoteView:
    return NoteView(
        id=d["id"],
        case_id=d["case_id"],
        author=d.get("author", ""),
        text=d.get("text", ""),
        disposition=d.get("disposition"),
        next_action_on=day(d.get("next_action_on")),
        amends=d.get("amends"),
        created_at=ts(d["created_at"]) or datetime.min.replace(tzinfo=UTC),
        pending=state == "pending",
        rejected=state == "rejected",
        contact_id=d.get("contact_id"),
        banned_phrases=tuple(d.get("banned_phrases") or ()),
    )


def promise_view(d: J, state: str) -> PromiseView:
    return PromiseView(
        id=d["id"],
        agent=d.get("agent", ""),
        amount_fen=int(d["amount"]),
        promised_on=day(d["promised_on"]) or date.min,
        created_at=ts(d["created_at"]) or datetime.min.replace(tzinfo=UTC),
        status=d.get("status", "pending"),
        pending=state != "synced",
    )


def plan_view(d: J, state: str, rejection_reason: str | None = None) -> PlanView:
    lines = tuple(
        (int(x["n"]), day(x["due_date"]) or date.min, int(x["amount"]))
        for x in d.get("lines") or ()
    )
    return PlanView(
        id=d["id"],
        author=d.get("author", ""),
        kind=d.get("kind", ""),
        status=d.get("status", ""),
        down_payment_fen=int(d.get("down_payment", 0)),
        lines=lines,
        waived_penalty_fen=int(d.get("waived_penalty", 0)),
        waived_fees_fen=int(d.get("waived_fees", 0)),
        waived_interest_fen=int(d.get("waived_interest", 0)),
        violations=tuple(d.get("violations") or ()),
        approved_by=d.get("approved_by"),
        created_at=ts(d["created_at"]) or datetime.min.replace(tzinfo=UTC),
        pending=state != "synced",
        total_fen=int(d.get("total") or sum(x[2] for x in lines)),
        payments=int(d.get("payments") or 1),
        frequency=d.get("frequency") or "monthly",
        first_date=day(d.get("first_date")),
        new_term_months=d.get("new_term_months"),
        decision_note=d.get("decision_note"),
        evaluated_on=day(d.get("evaluated_on")),
        rejected=state == "rejected",
        rejection_reason=rejection_reason if state == "rejected" else None,
        booked_on=day(d.get("booked_on")),
        broken_due=day(d.get("broken_due")),
        broken_short_fen=d.get("broken_short"),
    )


def callback_view(d: J, state: str) -> CallbackView:
    return CallbackView(
        id=d["id"],
        agent=d.get("agent", ""),
        due_at=ts(d["due_at"]) or datetime.min.replace(tzinfo=UTC),
        note=d.get("note"),
        done=bool(d.get("done")),
        pending=state != "synced",
    )


# --- contact policy ---------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_policy(name: str) -> Any | None:
    """The contact-policy profile, or None when the domain module/profile is unavailable."""
    try:
        from app.domain.contact_policy import load_profile

        return load_profile(name)
    except Exception:  # a missing or broken profile must not break the worklist
        log.warning("contact policy %r unavailable; 'callable now' not shown", name)
        return None


def contact_events(contacts: Sequence[J], *, until: datetime | None = None) -> list[Any]:
    """Recorded contacts (up to `until`) as the policy engine's history
    (app.domain.contact_history: the same rule the server applies)."""
    from app.domain.contact_history import contact_history

    rows = []
    for c in contacts:
        at = ts(c.get("started_at"))
        if at is not None:
            rows.append((str(c.get("channel")), str(c.get("disposition")), at, c.get("phone_id")))
    return contact_history(rows, until=until)


def policy_for_phone(
    profile: Any, *, now: datetime, case: J, phone: J, borrower_tz: str, history: Sequence[Any]
) -> PolicyView | None:
    """Evaluate the policy for one number; None if the engine refuses the input."""
    from app.domain.contact_policy import evaluate_contact

    try:
        dec = evaluate_contact(
            profile,
            now=now,
            borrower_tz=phone.get("timezone") or borrower_tz,
            number_owner=phone.get("owner", "borrower"),
            flags=set(case.get("flags") or ()),
            debtor_unreachable=bool(case.get("debtor_unreachable")),
            history=history,
            number_id=str(phone["id"]),
        )
    except Exception:
        log.warning("contact policy evaluation failed for a number", exc_info=True)
        return None
    return PolicyView(
        phone_id=str(phone["id"]),
        allowed=bool(dec.allowed),
        reasons=tuple(r.code for r in dec.reasons),
        messages_zh=tuple(r.message_zh for r in dec.reasons),
        messages_en=tuple(r.message_en for r in dec.reasons),
        next_allowed_at=dec.next_allowed_at,
    )
