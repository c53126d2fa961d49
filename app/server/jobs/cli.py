"""CLI of the jobs: `import loans|payments FILE.csv`, `overdue-run [--date D]`, the daily
chain `daily [--date D] [--from STEP]` and `close-dials` (dials left without an outcome)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the import, overdue-run, daily and close-dials commands."""
    imp = sub.add_parser("import", help="import the loan book or payments from CSV")
    imp.add_argument("kind", choices=("loans", "payments"), help="what the file holds")
    imp.add_argument("file", help="CSV file (UTF-8, header row; amounts in yuan)")
    imp.add_argument("--database-url", default=None, help="database URL (default settings)")
    imp.set_defaults(handler=_handle_import)

    run = sub.add_parser("overdue-run", help="the daily overdue job (idempotent for a date)")
    run.add_argument(
        "--date",
        default=None,
        help="business date YYYY-MM-DD (default today in the lender's time zone)",
    )
    run.add_argument("--database-url", default=None, help="database URL (default settings)")
    run.set_defaults(handler=_handle_overdue)

    daily = sub.add_parser(
        "daily",
        help="the daily chain: overdue run, risk scores, reminders, retention (one at a time)",
    )
    daily.add_argument(
        "--date",
        default=None,
        help="business date YYYY-MM-DD (default today in the lender's time zone)",
    )
    daily.add_argument(
        "--from",
        dest="start_at",
        default="overdue-run",
        help="resume from this step (overdue-run, risk-score, reminders, retention, close-dials)",
    )
    daily.add_argument("--out-dir", default=".", help="where the reminder batch is written")
    daily.add_argument("--database-url", default=None, help="database URL (default settings)")
    daily.set_defaults(handler=_handle_daily)

    close = sub.add_parser(
        "close-dials",
        help="close dials with no outcome after dial_outcome_timeout_minutes (they stay counted)",
    )
    close.add_argument("--database-url", default=None, help="database URL (default settings)")
    close.set_defaults(handler=_handle_close_dials)


def _handle_close_dials(args: argparse.Namespace) -> int:
    from app.server.jobs.daily import close_dials
    from app.server.migrate import SchemaOutOfDate

    try:
        engine, settings = _engine(args.database_url)
    except (SchemaOutOfDate, InvalidSettings) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        closed, minutes = close_dials(engine, settings)
    finally:
        engine.dispose()
    print(f"close-dials: {closed} dials without an outcome after {minutes} min closed")
    return 0


def _handle_daily(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.server.jobs.daily import STEPS, ChainBusy, run_daily

    if args.start_at not in STEPS:
        print(f"error: --from must be one of {', '.join(STEPS)}", file=sys.stderr)
        return 2
    opened = _engine_for_day(args)
    if opened is None:
        return 2
    engine, settings, day = opened
    try:
        report = run_daily(
            engine,
            business_date=day,
            settings=settings,
            out_dir=Path(args.out_dir),
            start_at=args.start_at,
        )
    except ChainBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 4
    finally:
        engine.dispose()
    for step in report.steps:
        print(f"{step.name:<12} {step.status:<8} {step.seconds:7.2f}s  {step.summary}")
    failed, resume = report.failed, report.resume_command()
    if failed is not None and resume is not None:
        print(f"error: the daily chain stopped at {failed.name}", file=sys.stderr)
        print(f"fix the cause, then resume: {resume}", file=sys.stderr)
        return 1
    print(f"daily chain for {day}: done")
    return 0


class InvalidSettings(Exception):
    """A COLLECTION_DESK_* setting the server refuses (one line, names the setting)."""


def _engine_for_day(args: argparse.Namespace) -> tuple[Any, Any, date] | None:
    """(engine, settings, business day) for a job's `--database-url` and `--date` (default:
    today in the lender's zone), or None after printing why (the engine is disposed)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.server.migrate import SchemaOutOfDate

    try:
        engine, settings = _engine(args.database_url)
    except (SchemaOutOfDate, InvalidSettings) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    try:
        day = (
            date.fromisoformat(args.date)
            if args.date
            else datetime.now(ZoneInfo(settings.lender_timezone)).date()
        )
    except ValueError:
        engine.dispose()
        print(f"error: --date must be YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return None
    return engine, settings, day


def _engine(url: str | None):  # type: ignore[no-untyped-def]
    from app.server.db import make_engine
    from app.server.migrate import SchemaOutOfDate, current_revision, head_revision
    from app.server.settings import get_settings

    try:
        settings = get_settings(database_url=url)
    except ValueError as exc:  # pydantic's ValidationError: name the first bad setting
        errors: list[dict[str, Any]] = getattr(exc, "errors", lambda: [])()
        first = errors[0] if errors else {"loc": (), "msg": str(exc)}
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise InvalidSettings(f"invalid setting {where}: {first['msg']}") from None
    resolved = settings.resolved_database_url()
    engine = make_engine(resolved)
    current = current_revision(engine)
    if current != head_revision():
        engine.dispose()
        raise SchemaOutOfDate(current, head_revision(), resolved)
    return engine, settings


def _handle_import(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session

    from app.server.jobs.csv_parsing import CsvImportError
    from app.server.jobs.import_loans import import_loans
    from app.server.jobs.import_payments import import_payments
    from app.server.migrate import SchemaOutOfDate

    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {path}", file=sys.stderr)
        return 2
    try:
        engine, settings = _engine(args.database_url)
    except (SchemaOutOfDate, InvalidSettings) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with Session(engine) as session:
            if args.kind == "loans":
                # its cost cap names the loans whose rate alone is above it
                report = import_loans(session, path, policy=settings.penalty_policy())
            else:
                today = datetime.now(ZoneInfo(settings.lender_timezone)).date()
                report = import_payments(session, path, today=today)
    except CsvImportError as exc:
        print(
            f"error: {path.name} refused, nothing imported ({len(exc.errors)} problem(s)):",
            file=sys.stderr,
        )
        for err in exc.errors[:200]:
            print(f"  {err}", file=sys.stderr)
        if len(exc.errors) > 200:
            print(f"  ... and {len(exc.errors) - 200} more", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(
        f"{args.kind}: {report.rows} rows, {report.inserted} imported, "
        f"{report.skipped} already present"
        + (f", {len(report.warnings)} warning(s)" if report.warnings else "")
    )
    for warning in report.warnings[:200]:
        print(f"  warning [{warning.code}] {warning}")
    if len(report.warnings) > 200:
        print(f"  ... and {len(report.warnings) - 200} more warnings")
    return 0


def _handle_overdue(args: argparse.Namespace) -> int:

    from app.server.jobs.overdue_run import run_overdue

    opened = _engine_for_day(args)
    if opened is None:
        return 2
    engine, settings, day = opened
    try:
        report = run_overdue(
            engine,
            business_date=day,
            policy=settings.penalty_policy(),  # tolerance, grace days, cost cap
            lender_timezone=settings.lender_timezone,
            plan_penalty=settings.plan_penalty,
            plan_call_days_before=settings.plan_call_days_before,
            plan_call_days_after=settings.plan_call_days_after,
        )
    finally:
        engine.dispose()
    print(f"overdue run for {day}: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
    print(f"took {sum(report.timings.values()):.2f}s")
    return 0
