"""Wire models of the team console (`app.protocol.team`, `app.protocol.desk`) to the frozen
values of `team_views`: lists become tuples, amounts get their `_fen` names. Pure; one
function per answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.client.team_views import (
    AgentLoadView,
    AgentReceivedView,
    AgentShareView,
    ApplyOutcome,
    ApprovalCaseView,
    ApprovalQueueView,
    ApprovalView,
    AuditEntryView,
    AuditPageView,
    DashboardView,
    KpiView,
    PlanDecisionView,
    PlanFiguresView,
    PlanLineView,
    PlannedMoveView,
    RateView,
    ReassignRuleSpec,
    RollView,
    RuleBreachView,
    RulePreviewView,
    TeamCasePage,
    TeamCaseQuery,
    TeamCaseRow,
)

if TYPE_CHECKING:  # pydantic loads after the desk's first paint (desk_service.warm_up)
    from app.protocol import desk as wd
    from app.protocol import entities as we
    from app.protocol import team as wt


def team_case_page(w: wt.TeamCasePage, query: TeamCaseQuery) -> TeamCasePage:
    rows = tuple(
        TeamCaseRow(
            case_id=r.case_id,
            borrower_name=r.borrower_name,
            status=r.status,
            bucket=r.bucket,
            dpd=r.dpd,
            overdue_total_fen=r.overdue_total,
            priority=r.priority,
            assigned_to=r.assigned_to,
            agent_name=r.agent_name,
            team=r.team,
            last_contact_at=r.last_contact_at,
            next_action_kind=r.next_action_kind,
            next_action_at=r.next_action_at,
            promise_status=r.promise_status,
            promise_amount_fen=r.promise_amount,
            promise_date=r.promise_date,
            phone_masked=r.phone_masked,
            contract_no=r.contract_no,
            plate=r.plate,
            flags=tuple(r.flags),
            kind=r.kind,
        )
        for r in w.rows
    )
    return TeamCasePage(rows, int(w.total), dict(w.bucket_counts), query)


def agent_load(a: wd.AgentLoad) -> AgentLoadView:
    return AgentLoadView(
        username=a.username,
        display_name=a.display_name,
        team=a.team,
        open_cases=a.open_cases,
        overdue_total_fen=a.overdue_total,
        broken_promises=a.broken_promises,
        promises_due_today=a.promises_due_today,
        callbacks_due=a.callbacks_due,
        contacts_today=a.contacts_today,
        on_leave=a.on_leave,
    )


def rule_preview(w: wt.RulePreview, rule: ReassignRuleSpec) -> RulePreviewView:
    return RulePreviewView(
        rule=rule,
        team=w.team,
        pool_cases=w.pool_cases,
        pool_amount_fen=w.pool_amount,
        moves=tuple(
            PlannedMoveView(
                str(m.case_id),
                m.from_agent,
                m.to_agent,
                m.bucket,
                m.dpd,
                m.overdue_total,
                m.borrower_name,
            )
            for m in w.moves
        ),
        agents=tuple(
            AgentShareView(
                username=a.username,
                display_name=a.display_name,
                eligible=a.eligible,
                on_leave=a.on_leave,
                cases_before=a.cases_before,
                amount_before_fen=a.amount_before,
                cases_after=a.cases_after,
                amount_after_fen=a.amount_after,
            )
            for a in w.agents
        ),
    )


def apply_outcome(w: wt.ApplyResult) -> ApplyOutcome:
    return ApplyOutcome(
        batch_id=w.batch_id,
        moved=w.moved,
        unchanged=w.unchanged,
        agents=tuple(AgentReceivedView(a.username, a.received, a.given) for a in w.agents),
    )


def _breaches(items: list[wt.RuleBreach]) -> tuple[RuleBreachView, ...]:
    return tuple(RuleBreachView(b.code, b.message_zh, b.message_en) for b in items)


def _figures(f: wt.PlanFigures | None) -> PlanFiguresView | None:
    if f is None:
        return None
    return PlanFiguresView(
        kind=f.kind,
        amount_due_fen=f.amount_due,
        total_payment_fen=f.total_payment,
        total_interest_fen=f.total_interest,
        down_payment_fen=f.down_payment,
        payments=f.payments,
        first_date=f.first_date,
        waived_principal_fen=f.waived_principal,
        waived_interest_fen=f.waived_interest,
        waived_penalty_fen=f.waived_penalty,
        waived_fees_fen=f.waived_fees,
        new_principal_fen=f.new_principal,
        extension_months=f.extension_months,
        lines=tuple(PlanLineView(ln.n, ln.due_date, ln.amount, ln.interest) for ln in f.lines),
    )


def approval_queue(w: wt.ApprovalQueue) -> ApprovalQueueView:
    items = []
    for it in w.items:
        c = it.case
        items.append(
            ApprovalView(
                plan_id=it.plan.id,
                author=it.plan.author,
                kind=it.plan.kind,
                frequency=it.plan.frequency,
                created_at=it.plan.created_at,
                total_fen=it.plan.total,
                case=ApprovalCaseView(
                    case_id=c.case_id,
                    borrower_name=c.borrower_name,
                    bucket=c.bucket,
                    dpd=c.dpd,
                    overdue_principal_fen=c.overdue_principal,
                    overdue_interest_fen=c.overdue_interest,
                    overdue_penalty_fen=c.overdue_penalty,
                    overdue_fees_fen=c.overdue_fees,
                    overdue_total_fen=c.overdue_total,
                    assigned_to=c.assigned_to,
                    team=c.team,
                ),
                figures=_figures(it.figures),
                exceeds=_breaches(it.exceeds),
                invalid=_breaches(it.invalid),
                within_your_authority=it.within_your_authority,
                error=it.error,
            )
        )
    return ApprovalQueueView(tuple(items), int(w.total))


def plan_decision(p: we.PlanData) -> PlanDecisionView:
    return PlanDecisionView(p.id, p.case_id, p.status, p.approved_by, p.decision_note)


def _rate(r: wt.Rate) -> RateView:
    return RateView(r.value, r.numerator, r.denominator)


def _kpis(k: wt.KpiFigures, key: str, label: str) -> KpiView:
    return KpiView(
        key=key,
        label=label,
        attempts=k.attempts,
        connected=k.connected,
        right_party=k.right_party,
        promise_contacts=k.promise_contacts,
        inbound_calls=k.inbound_calls,
        inbound_right_party=k.inbound_right_party,
        contact_rate=_rate(k.contact_rate),
        rpc_rate=_rate(k.rpc_rate),
        ptp_rate=_rate(k.ptp_rate),
        promises_due=k.promises_due,
        promises_kept=k.promises_kept,
        ptp_kept_rate=_rate(k.ptp_kept_rate),
        amount_collected_fen=k.amount_collected,
        cases_at_start=k.cases_at_start,
        cured=k.cured,
        cure_rate=_rate(k.cure_rate),
        roll=tuple(
            RollView(r.from_bucket, r.to_bucket, r.start_balance, r.rolled_balance, r.rate)
            for r in k.roll
        ),
    )


def dashboard(w: wt.Dashboard) -> DashboardView:
    return DashboardView(
        period=w.period,
        start=w.start,
        end=w.end,
        baseline=w.baseline,
        team=w.team,
        total=_kpis(w.total, "", ""),
        by_agent=tuple(_kpis(a, a.username, a.display_name) for a in w.by_agent),
        by_bucket=tuple(_kpis(b, b.bucket, b.bucket) for b in w.by_bucket),
    )


def _detail_text(value: Any) -> str:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def audit_page(w: wd.AuditPage) -> AuditPageView:
    return AuditPageView(
        rows=tuple(
            AuditEntryView(
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                details=tuple(sorted((k, _detail_text(v)) for k, v in e.details.items())),
            )
            for e in w.entries
        ),
        total=int(w.total),
    )
