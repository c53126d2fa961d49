"""The automated reminder batch: SMS / IVR reminders for low-risk overdue cases.

`write_reminder_batch(engine, business_date=D, out=FILE)` selects the open collection cases
of the configured buckets (default M1) whose loan is in the configured risk segments
(default low; the loan's model segment, else the borrower's), and plans one row per
(case, borrower's own number, channel, template): an SMS in the SMS window and, from the
DPD the IVR template starts at, an IVR call in the IVR window, both in the borrower's local
time (the number's zone) on D. Reminders go to the borrower's own numbers only, never to a
related person or an emergency contact (they may not be told about the debt).

Every row is checked with the contact policy (app.domain.contact_policy) at the start and
at the last minute of its window, as a call attempt would be: flags (do-not-call, cease,
dispute, hardship, complaint, legal hold) and the time window block it, and so do the daily
and period limits counted over the calls of the 8 days before (and the IVR reminders of
earlier batches, as unanswered attempts). An SMS is held to the same answer as a call
(conservative: a profile that would not let an agent dial now does not let a robot text).
Blocked rows are skipped and counted by reason; invalid numbers, cases without a number
and DPDs no template serves are counted too.

The file: CSV (UTF-8), one row per reminder, sorted, so the same state gives the same
bytes. It holds the clear number: the gateway cannot send to 138****5678. It is therefore
sensitive personal information and treated so: written to a temporary file created with
mode 0600 in the target directory and renamed over the target (never world-readable, never
half-written), its SHA-256, row count and file name audited (`reminder_batch.export`), and
no number is ever logged or printed (the summary line holds counts only). `masked=True`
writes the masked numbers instead, for a review copy. The batch is recorded in
`reminder_sends` (replacing that date's rows), so running it twice for a date writes the
same file and the same rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.contact_policy import ContactEvent, PolicyProfile, evaluate_contact, load_profile
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.reminder_templates import (
    TemplateSet,
    contract_tail,
    load_templates,
    parse_window,
    split_list,
)
from app.server.audit import audit
from app.server.models import (
    AuditLog,
    Borrower,
    Case,
    ContactAttempt,
    LoanRisk,
    Phone,
    ReminderSend,
)
from app.server.settings import Settings

HISTORY_DAYS = 8  # the longest counter window of the shipped profiles (7 days) + a day
CONNECTED = frozenset({"right_party", "third_party", "refused", "hung_up", "wrong_number"})
COLUMNS = (
    "business_date",
    "case_id",
    "borrower_id",
    "phone_id",
    "number",
    "channel",
    "template_id",
    "lang",
    "params",
    "send_from",
    "send_until",
    "timezone",
)


class ReminderError(Exception):
    """The batch cannot be built (bad settings or date); nothing was written."""


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    """One row of the batch."""

    case_id: str
    borrower_id: str
    phone_id: str
    number: str
    number_masked: str
    channel: str
    template_id: str
    params: dict[str, str]
    send_from: datetime  # aware, in the borrower's zone
    send_until: datetime
    timezone: str
    order: tuple[str, int, str, int]


@dataclass(slots=True)
class ReminderSummary:
    """Counts of one batch (no personal data: safe to print and log)."""

    business_date: date
    out: Path | None = None
    masked: bool = False
    cases: int = 0
    rows: int = 0
    channels: Counter[str] = field(default_factory=Counter)
    skipped_rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        chans = ", ".join(f"{k}={v}" for k, v in sorted(self.channels.items())) or "none"
        why = ", ".join(f"{k}={v}" for k, v in sorted(self.skipped.items()))
        where = f" to {self.out.name}" if self.out else ""
        kind = " (masked numbers)" if self.masked else ""
        return (
            f"reminders for {self.business_date}: {self.rows} rows written{where}{kind}"
            f" ({chans}) for {self.cases} cases; skipped {self.skipped_rows}"
            + (f": {why}" if why else "")
        )


_CASES = (
    select(
        Case.id, Case.borrower_id, Case.flags, Case.debtor_unreachable, Case.dpd,
        Case.overdue_total, Case.contract_no, Phone.id, Phone.number, Phone.number_masked,
        Phone.timezone, Phone.valid, Phone.sort_order,
    )
    .join(Borrower, Borrower.id == Case.borrower_id)
    .outerjoin(LoanRisk, LoanRisk.loan_id == Case.loan_id)
    .outerjoin(Phone, and_(Phone.borrower_id == Case.borrower_id, Phone.owner == "borrower"))
    .where(
        Case.status == "open",
        Case.kind == "collection",
        Case.bucket.in_(bindparam("buckets", expanding=True)),
        func.coalesce(LoanRisk.segment, Borrower.risk_segment).in_(
            bindparam("segments", expanding=True)
        ),
    )
)  # fmt: skip


def plan_reminders(
    session: Session,
    *,
    business_date: date,
    settings: Settings,
    templates: TemplateSet | None = None,
    profile: PolicyProfile | None = None,
) -> tuple[list[PlannedReminder], ReminderSummary]:
    """The rows of the batch for `business_date` and the counts (nothing written)."""
    try:
        templates = templates or load_templates()
        profile = profile or load_profile(settings.contact_policy_profile)
        windows = {
            "sms": parse_window(settings.reminder_sms_window, "reminder_sms_window"),
            "ivr": parse_window(settings.reminder_ivr_window, "reminder_ivr_window"),
        }
    except DomainError as exc:
        raise ReminderError(str(exc)) from exc
    lang = settings.reminder_lang
    if lang not in ("zh_CN", "en"):
        raise ReminderError(f"reminder_lang must be zh_CN or en, got {lang!r}")
    rows = session.execute(
        _CASES,
        {
            "buckets": list(split_list(settings.reminder_buckets)),
            "segments": list(split_list(settings.reminder_segments)),
        },
    ).all()
    summary = ReminderSummary(business_date)
    summary.cases = len({r[0] for r in rows})
    candidates: list[tuple[Any, Any]] = []  # (row, template)
    for r in rows:
        phone_id, valid = r[7], r[11]
        if phone_id is None:
            summary.skipped["no_number"] += 1
            continue
        if not valid:
            summary.skipped["number_invalid"] += 1
            continue
        chosen = templates.for_case(int(r[4]))
        if not chosen:
            summary.skipped["no_template"] += 1
        candidates.extend((r, t) for t in chosen)
    history = _history(session, {r[1] for r, _t in candidates}, business_date)
    planned: list[PlannedReminder] = []
    for r, t in candidates:
        zone = r[10] or DEFAULT_LENDER_TIMEZONE
        start, end = windows[t.channel]
        tz = ZoneInfo(zone)
        midnight = datetime.combine(business_date, time(0), tzinfo=tz)
        send_from = midnight + timedelta(minutes=start)
        send_until = midnight + timedelta(minutes=end)
        reasons: list[str] = []
        for at in (send_from, send_until - timedelta(minutes=1)):
            decision = evaluate_contact(
                profile,
                now=at,
                borrower_tz=zone,
                number_owner="borrower",
                flags=set(r[2] or []),
                debtor_unreachable=bool(r[3]),
                history=history.get(r[1], []),
                number_id=r[7],
            )
            reasons.extend(c for c in decision.codes if c not in reasons)
        if reasons:
            summary.skipped_rows += 1
            summary.skipped.update(reasons)
            continue
        params = {
            "contract_tail": contract_tail(r[6]),
            "amount": Money(int(r[5])).format(symbol=False),
            "hotline": templates.hotline,
        }
        planned.append(
            PlannedReminder(
                r[0], r[1], r[7], r[8], r[9], t.channel, t.id, params, send_from, send_until,
                zone, (r[0], int(r[12] or 0), r[7], 0 if t.channel == "sms" else 1),
            )
        )  # fmt: skip
    summary.skipped_rows += sum(summary.skipped[k] for k in ("no_number", "number_invalid"))
    summary.skipped_rows += summary.skipped["no_template"]
    planned.sort(key=lambda p: p.order)
    summary.rows = len(planned)
    summary.channels.update(p.channel for p in planned)
    return planned, summary


def _history(session: Session, borrower_ids: set[str], day: date) -> dict[str, list[ContactEvent]]:
    """Per borrower: calls of the HISTORY_DAYS before `day` (+ a day for zones ahead of
    UTC) and IVR reminders of earlier batches (unanswered attempts), sorted by time."""
    out: dict[str, list[ContactEvent]] = defaultdict(list)
    lo = datetime.combine(day - timedelta(days=HISTORY_DAYS + 1), time(0), tzinfo=UTC)
    hi = datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)
    ids = sorted(borrower_ids)
    for k in range(0, len(ids), 5000):
        chunk = ids[k : k + 5000]
        calls = (
            select(Case.borrower_id, ContactAttempt.started_at, ContactAttempt.phone_id,
                   ContactAttempt.disposition)
            .join(Case, Case.id == ContactAttempt.case_id)
            .where(ContactAttempt.channel == "outbound_call", ContactAttempt.started_at >= lo,
                   ContactAttempt.started_at < hi, Case.borrower_id.in_(chunk))
        )  # fmt: skip
        for bid, at, phone_id, disposition in session.execute(calls):
            connected = disposition in CONNECTED
            out[bid].append(
                ContactEvent(at, phone_id or "", connected, disposition == "right_party")
            )
        ivr = (
            select(Case.borrower_id, ReminderSend.send_from, ReminderSend.phone_id)
            .join(Case, Case.id == ReminderSend.case_id)
            .where(ReminderSend.channel == "ivr", ReminderSend.business_date < day,
                   ReminderSend.send_from >= lo, Case.borrower_id.in_(chunk))
        )  # fmt: skip
        for bid, at, phone_id in session.execute(ivr):
            out[bid].append(ContactEvent(at, phone_id, False, False))
    for events in out.values():
        events.sort(key=lambda e: e.at)
    return out


def batch_text(rows: Sequence[PlannedReminder], day: date, *, masked: bool, lang: str) -> str:
    """The CSV text of the batch (header + rows in their order)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for p in rows:
        w.writerow(
            [
                day.isoformat(), p.case_id, p.borrower_id, p.phone_id,
                p.number_masked if masked else p.number, p.channel, p.template_id,
                lang, json.dumps(p.params, ensure_ascii=False, sort_keys=True),
                p.send_from.isoformat(), p.send_until.isoformat(), p.timezone,
            ]
        )  # fmt: skip
    return buf.getvalue()


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` readable by the owner only (0600): a temporary file created
    with that mode beside the target, synced, then renamed over it."""
    path = path.resolve()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _overdue_run_done(session: Session, day: date) -> bool:
    return (
        session.scalar(
            select(AuditLog.id)
            .where(AuditLog.action == "overdue_run", AuditLog.entity_id == day.isoformat())
            .limit(1)
        )
        is not None
    )


def write_reminder_batch(
    target: Engine | Session,
    *,
    business_date: date,
    out: Path,
    settings: Settings | None = None,
    masked: bool = False,
    now: datetime | None = None,
) -> ReminderSummary:
    """Plan, record (reminder_sends), write the file (0600) and audit; commits."""
    settings = settings or Settings()
    if isinstance(target, Engine):
        with Session(target) as session:
            return write_reminder_batch(
                session,
                business_date=business_date,
                out=out,
                settings=settings,
                masked=masked,
                now=now,
            )
    session = target
    if not out.parent.exists():
        raise ReminderError(f"no such directory: {out.parent}")
    if not _overdue_run_done(session, business_date):
        raise ReminderError(
            f"the overdue run for {business_date} has not run: the cases' DPD would be stale"
            f" (run `main.py overdue-run --date {business_date}` first)"
        )
    planned, summary = plan_reminders(session, business_date=business_date, settings=settings)
    summary.out, summary.masked = out, masked
    created = now or datetime.now(UTC)
    try:
        session.execute(delete(ReminderSend).where(ReminderSend.business_date == business_date))
        if planned:
            session.execute(
                insert(ReminderSend),
                [
                    {
                        "business_date": business_date,
                        "case_id": p.case_id,
                        "phone_id": p.phone_id,
                        "channel": p.channel,
                        "template_id": p.template_id,
                        "lang": settings.reminder_lang,
                        "send_from": p.send_from,
                        "send_until": p.send_until,
                        "created_at": created,
                    }
                    for p in planned
                ],
            )
        data = batch_text(planned, business_date, masked=masked, lang=settings.reminder_lang)
        audit(
            session,
            actor=None,
            action="reminder_batch.export",
            entity="reminder_batch",
            entity_id=business_date.isoformat(),
            details={
                "file": out.name,
                "sha256": hashlib.sha256(data.encode()).hexdigest(),
                "rows": summary.rows,
                "clear_numbers": not masked,
                "skipped": dict(summary.skipped),
            },
        )
        session.flush()
        write_private_file(out, data.encode("utf-8"))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary
