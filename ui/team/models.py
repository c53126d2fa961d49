"""The team console's item models: QAbstractTableModels over tuples of frozen views (never
QStandardItemModel, never a proxy). The team's cases and the audit log page from the server
(`PagedTableModel`); the other lists are small (a team's agents, a preview's flows, the
approval queue, a plan's lines, the dashboard's groups) and are set whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.client.team_views import (
    AgentLoadView,
    AgentShareView,
    ApprovalView,
    AuditEntryView,
    PlanLineView,
    TeamCaseRow,
)
from ui import formatting, labels
from ui.models.base import ALIGN_CENTER, ALIGN_RIGHT, Column, RecordTableModel
from ui.team.paged_model import PagedTableModel

BUCKET_COLORS = {"M1": "#2f6fab", "M2": "#9a5b00", "M3": "#b44d12", "M3+": "#a61b1b"}
PROMISE_COLORS = {"broken": "#a61b1b", "kept": "#1f7a3f", "pending": "#2f6fab"}
MUTED = "#7b8794"


def _today() -> date:
    return datetime.now(formatting.local_zone()).date()


def _signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else f"{n:,}" if n < 0 else "0"


def _signed_money(fen: int) -> str:
    return ("+" if fen > 0 else "−" if fen < 0 else "") + formatting.money(abs(fen))


# --- the team's cases ------------------------------------------------------------------------


class TeamCasesModel(PagedTableModel[TeamCaseRow]):
    """The team worklist: agent, borrower, bucket, DPD, amount, last contact, promise,
    next action. Sorted by the server (the `sortable` columns)."""

    sortable = frozenset({"agent", "name", "bucket", "dpd", "overdue", "last_contact", "next"})

    def columns(self) -> Sequence[Column[TeamCaseRow]]:
        return (
            Column("agent", self._agent, foreground=lambda r: None if r.assigned_to else MUTED),
            Column("name", lambda r: r.borrower_name, tooltip=self._case_tip),
            Column(
                "bucket",
                lambda r: r.bucket,
                ALIGN_CENTER,
                foreground=lambda r: BUCKET_COLORS.get(r.bucket),
            ),
            Column("dpd", lambda r: str(r.dpd), ALIGN_RIGHT),
            Column("overdue", lambda r: formatting.money(r.overdue_total_fen), ALIGN_RIGHT),
            Column(
                "last_contact",
                lambda r: formatting.local_time(r.last_contact_at, today=_today()),
            ),
            Column(
                "promise",
                self._promise,
                foreground=lambda r: PROMISE_COLORS.get(r.promise_status or ""),
            ),
            Column("next", self._next_action),
        )

    def header(self, key: str) -> str:
        return {
            "agent": self.tr("Agent"),
            "name": self.tr("Borrower"),
            "bucket": self.tr("Bucket"),
            "dpd": self.tr("DPD"),
            "overdue": self.tr("Overdue"),
            "last_contact": self.tr("Last contact"),
            "promise": self.tr("Promise"),
            "next": self.tr("Next action"),
        }[key]

    def _agent(self, r: TeamCaseRow) -> str:
        return r.agent_name or r.assigned_to or self.tr("Unassigned")

    def _promise(self, r: TeamCaseRow) -> str:
        if r.promise_status is None:
            return ""
        state = labels.label(labels.promise_states(), r.promise_status)
        parts = [state, formatting.money(r.promise_amount_fen)]
        if r.promise_date is not None:
            parts.append(formatting.short_day(r.promise_date, today=_today()))
        return " · ".join(p for p in parts if p)

    def _next_action(self, r: TeamCaseRow) -> str:
        """As the agent's worklist says it: "PTP due · today", "Callback · 14:30",
        "PTP broken" (the promise's date is in the promise column), "Care call" for a care
        call with nothing due."""
        kind = labels.label(labels.next_actions(), r.next_action_kind)
        if not kind:
            return self.tr("Care call") if r.kind == "care" else ""
        today = _today()
        if r.next_action_kind == "callback":
            when = formatting.local_time(r.next_action_at, today=today)
        elif r.next_action_kind == "promise_due":
            due = r.promise_date
            when = formatting.short_day(due, today=today) if due and due != today else ""
            when = when or self.tr("today")
        else:
            when = ""
        return f"{kind} · {when}" if when else kind

    def _case_tip(self, r: TeamCaseRow) -> str:
        return " · ".join(p for p in (r.contract_no, r.plate, r.phone_masked) if p)


# --- the agents ------------------------------------------------------------------------------


class AgentLoadModel(RecordTableModel[AgentLoadView]):
    """Each agent's load: cases, overdue amount, contacts today, promises due, on leave."""

    def columns(self) -> Sequence[Column[AgentLoadView]]:
        return (
            Column("agent", lambda a: a.display_name, tooltip=lambda a: a.username),
            Column("team", lambda a: a.team or ""),
            Column("cases", lambda a: f"{a.open_cases:,}", ALIGN_RIGHT),
            Column("overdue", lambda a: formatting.money(a.overdue_total_fen), ALIGN_RIGHT),
            Column("contacts", lambda a: f"{a.contacts_today:,}", ALIGN_RIGHT),
            Column("due", lambda a: f"{a.promises_due_today:,}", ALIGN_RIGHT),
            Column("broken", lambda a: f"{a.broken_promises:,}", ALIGN_RIGHT),
            Column("callbacks", lambda a: f"{a.callbacks_due:,}", ALIGN_RIGHT),
            Column(
                "leave",
                lambda a: self.tr("On leave") if a.on_leave else "",
                foreground=lambda a: "#9a5b00" if a.on_leave else None,
            ),
        )

    def header(self, key: str) -> str:
        return {
            "agent": self.tr("Agent"),
            "team": self.tr("Team"),
            "cases": self.tr("Cases"),
            "overdue": self.tr("Overdue amount"),
            "contacts": self.tr("Contacts today"),
            "due": self.tr("Promises due today"),
            "broken": self.tr("Broken promises"),
            "callbacks": self.tr("Callbacks due"),
            "leave": self.tr("Leave"),
        }[key]


# --- a rule's preview ------------------------------------------------------------------------


class ShareModel(RecordTableModel[AgentShareView]):
    """Each agent's cases and amount before and after the preview's moves."""

    def columns(self) -> Sequence[Column[AgentShareView]]:
        return (
            Column("agent", lambda a: a.display_name, tooltip=lambda a: a.username),
            Column("state", self._state, foreground=lambda a: None if a.eligible else "#9a5b00"),
            Column("before", lambda a: f"{a.cases_before:,}", ALIGN_RIGHT),
            Column("after", lambda a: f"{a.cases_after:,}", ALIGN_RIGHT),
            Column(
                "delta",
                lambda a: _signed(a.cases_after - a.cases_before),
                ALIGN_RIGHT,
                foreground=lambda a: _delta_color(a.cases_after - a.cases_before),
            ),
            Column("amount_before", lambda a: formatting.money(a.amount_before_fen), ALIGN_RIGHT),
            Column("amount_after", lambda a: formatting.money(a.amount_after_fen), ALIGN_RIGHT),
            Column(
                "amount_delta",
                lambda a: _signed_money(a.amount_after_fen - a.amount_before_fen),
                ALIGN_RIGHT,
                foreground=lambda a: _delta_color(a.amount_after_fen - a.amount_before_fen),
            ),
        )

    def header(self, key: str) -> str:
        return {
            "agent": self.tr("Agent"),
            "state": self.tr("Receives cases"),
            "before": self.tr("Cases before"),
            "after": self.tr("Cases after"),
            "delta": self.tr("Change"),
            "amount_before": self.tr("Amount before"),
            "amount_after": self.tr("Amount after"),
            "amount_delta": self.tr("Amount change"),
        }[key]

    def _state(self, a: AgentShareView) -> str:
        if a.on_leave:
            return self.tr("No — on leave")
        return self.tr("Yes") if a.eligible else self.tr("No — disabled")


def _delta_color(n: int) -> str | None:
    return "#1f7a3f" if n > 0 else "#b44d12" if n < 0 else None


@dataclass(frozen=True, slots=True)
class Flow:
    """The preview's moves from one agent to another: how many cases, how much."""

    from_label: str
    to_label: str
    cases: int
    amount_fen: int
    buckets: tuple[str, ...]


class FlowModel(RecordTableModel[Flow]):
    """Who gives how many cases to whom (the preview's moves, grouped)."""

    def columns(self) -> Sequence[Column[Flow]]:
        return (
            Column("from", lambda f: f.from_label),
            Column("to", lambda f: f.to_label),
            Column("cases", lambda f: f"{f.cases:,}", ALIGN_RIGHT),
            Column("amount", lambda f: formatting.money(f.amount_fen), ALIGN_RIGHT),
            Column("buckets", lambda f: " ".join(f.buckets)),
        )

    def header(self, key: str) -> str:
        return {
            "from": self.tr("From"),
            "to": self.tr("To"),
            "cases": self.tr("Cases"),
            "amount": self.tr("Overdue amount"),
            "buckets": self.tr("Buckets"),
        }[key]


# --- approvals -------------------------------------------------------------------------------


class ApprovalsModel(RecordTableModel[ApprovalView]):
    """The plans awaiting approval, oldest first. `names`: display names by username."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def author(self, a: ApprovalView) -> str:
        return self.names.get(a.author, a.author)

    def columns(self) -> Sequence[Column[ApprovalView]]:
        return (
            Column("name", lambda a: a.case.borrower_name),
            Column(
                "bucket",
                lambda a: a.case.bucket,
                ALIGN_CENTER,
                foreground=lambda a: BUCKET_COLORS.get(a.case.bucket),
            ),
            Column("dpd", lambda a: str(a.case.dpd), ALIGN_RIGHT),
            Column("kind", lambda a: labels.label(labels.plan_kinds(), a.kind)),
            Column("total", lambda a: formatting.money(a.total_fen), ALIGN_RIGHT),
            Column("author", self.author, tooltip=lambda a: a.author),
            Column("created", lambda a: formatting.local_time(a.created_at, today=_today())),
            Column("decision", self._decision, foreground=self._decision_color),
        )

    def header(self, key: str) -> str:
        return {
            "name": self.tr("Borrower"),
            "bucket": self.tr("Bucket"),
            "dpd": self.tr("DPD"),
            "kind": self.tr("Plan"),
            "total": self.tr("Total"),
            "author": self.tr("Proposed by"),
            "created": self.tr("Proposed"),
            "decision": self.tr("Who may approve"),
        }[key]

    def _decision(self, a: ApprovalView) -> str:
        if a.error is not None or a.invalid:
            return self.tr("Cannot be approved now")
        return self.tr("You") if a.within_your_authority else self.tr("An administrator")

    def _decision_color(self, a: ApprovalView) -> str | None:
        if a.error is not None or a.invalid:
            return "#a61b1b"
        return "#1f7a3f" if a.within_your_authority else "#9a5b00"


class PlanLinesModel(RecordTableModel[PlanLineView]):
    """The lines of a plan as the calculator makes them today."""

    def columns(self) -> Sequence[Column[PlanLineView]]:
        return (
            Column("n", lambda ln: str(ln.n) if ln.n else self.tr("Down"), ALIGN_RIGHT),
            Column("due", lambda ln: formatting.day(ln.due_date)),
            Column("amount", lambda ln: formatting.money(ln.amount_fen), ALIGN_RIGHT),
            Column("interest", lambda ln: formatting.money(ln.interest_fen), ALIGN_RIGHT),
        )

    def header(self, key: str) -> str:
        return {
            "n": self.tr("#"),
            "due": self.tr("Due"),
            "amount": self.tr("Amount"),
            "interest": self.tr("Interest"),
        }[key]


# --- the audit log ---------------------------------------------------------------------------


class AuditModel(PagedTableModel[AuditEntryView]):
    """Audit entries, newest first (the server's order)."""

    def columns(self) -> Sequence[Column[AuditEntryView]]:
        return (
            Column("at", lambda e: formatting.local_time(e.at)),
            Column("actor", lambda e: e.actor or ""),
            Column(
                "action",
                lambda e: labels.label(labels.audit_actions(), e.action),
                tooltip=lambda e: e.action,
            ),
            Column("entity", lambda e: " ".join(p for p in (e.entity, e.entity_id or "") if p)),
            Column("details", _details, tooltip=lambda e: "\n".join(_detail_lines(e))),
        )

    def header(self, key: str) -> str:
        return {
            "at": self.tr("When"),
            "actor": self.tr("Who"),
            "action": self.tr("What"),
            "entity": self.tr("Record"),
            "details": self.tr("Details"),
        }[key]


def _detail_lines(e: AuditEntryView) -> list[str]:
    return [f"{k}: {v}" for k, v in e.details]


def _details(e: AuditEntryView) -> str:
    text = "; ".join(_detail_lines(e))
    return text if len(text) <= 160 else text[:159] + "…"


def flows(moves: Sequence[Any], names: dict[str, str], nobody: str) -> tuple[Flow, ...]:
    """Group a preview's moves by (from, to), the largest flows first."""
    groups: dict[tuple[str | None, str], list[Any]] = {}
    for m in moves:
        groups.setdefault((m.from_agent, m.to_agent), []).append(m)
    out = [
        Flow(
            from_label=names.get(src, src) if src else nobody,
            to_label=names.get(dst, dst),
            cases=len(ms),
            amount_fen=sum(m.overdue_total_fen for m in ms),
            buckets=tuple(sorted({m.bucket for m in ms}, key=_bucket_order)),
        )
        for (src, dst), ms in groups.items()
    ]
    out.sort(key=lambda f: (-f.cases, -f.amount_fen, f.from_label, f.to_label))
    return tuple(out)


def _bucket_order(bucket: str) -> int:
    order = ("M0", "M1", "M2", "M3", "M3+")
    return order.index(bucket) if bucket in order else len(order)
