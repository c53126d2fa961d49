"""CLI of risk and strategy (heavy imports inside the handlers only):

uv run main.py risk fit [--as-of D] [--horizon 90] [--snapshots 6] [--seed 42]
                        [--test-share 0.25] [--database-url URL]
uv run main.py risk score [--date D] [--database-url URL]
uv run main.py reminders --date D [--out FILE] [--masked] [--database-url URL]
"""

from __future__ import annotations

import argparse
import sys
from datetime import date


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `risk fit`, `risk score` and `reminders`."""
    risk = sub.add_parser("risk", help="default-risk model: fit on the book's history, score")
    risk_sub = risk.add_subparsers(dest="risk_command", metavar="RISK_COMMAND", required=True)
    fit = risk_sub.add_parser("fit", help="refit the model and report AUC on held-out loans")
    fit.add_argument("--as-of", default=None, help="last date of the history (default today)")
    fit.add_argument("--horizon", type=int, default=90, help="label window in days (default 90)")
    fit.add_argument("--snapshots", type=int, default=6, help="monthly snapshots (default 6)")
    fit.add_argument("--seed", type=int, default=42, help="hold-out split seed (default 42)")
    fit.add_argument("--test-share", type=float, default=0.25, help="held-out loans (0.25)")
    fit.add_argument("--database-url", default=None)
    fit.set_defaults(handler=_fit)
    score = risk_sub.add_parser("score", help="score the book; segments, priorities, care calls")
    score.add_argument("--date", default=None, help="business date (default today)")
    score.add_argument("--database-url", default=None)
    score.set_defaults(handler=_score)

    rem = sub.add_parser(
        "reminders", help="write the SMS/IVR reminder batch of low-risk overdue cases"
    )
    rem.add_argument("--date", required=True, help="business date YYYY-MM-DD")
    rem.add_argument("--out", default=None, help="file (default reminders-DATE.csv)")
    rem.add_argument(
        "--masked",
        action="store_true",
        help="masked numbers (a review copy; the gateway needs the clear numbers)",
    )
    rem.add_argument("--database-url", default=None)
    rem.set_defaults(handler=_reminders)


def _day(text: str | None, tz: str) -> date:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    if text is None:
        return datetime.now(ZoneInfo(tz)).date()
    return date.fromisoformat(text)


def _open(url: str | None):  # type: ignore[no-untyped-def]
    from app.server.jobs.cli import _engine

    return _engine(url)


def _fit(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from app.server.migrate import SchemaOutOfDate
    from app.server.risk.fitting import NotEnoughHistory, fit_model

    try:
        engine, settings = _open(args.database_url)
    except SchemaOutOfDate as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        as_of = _day(args.as_of, settings.lender_timezone)
        with Session(engine) as session:
            r = fit_model(
                session,
                as_of=as_of,
                horizon_days=args.horizon,
                snapshots=args.snapshots,
                seed=args.seed,
                test_share=args.test_share,
                lender_tz=settings.lender_timezone,
            )
    except (ValueError, NotEnoughHistory) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"risk model v{r.version}: reached 30+ DPD within {r.horizon_days} days, snapshots"
        f" {r.snapshots[-1]} .. {r.snapshots[0]} (base rate {r.positive_rate:.1%})"
    )
    print(
        f"  train {r.train_rows} rows / {r.train_loans} loans, AUC {r.auc_train:.3f};"
        f" held out {r.test_rows} rows / {r.test_loans} loans, AUC {r.auc_test:.3f}"
    )
    print(f"  intercept {r.intercept:+.3f}; coefficients per standard deviation:")
    for code, coef in sorted(r.coefficients.items(), key=lambda kv: -abs(kv[1])):
        print(f"    {code:<22} {coef:+.3f}")
    return 0


def _score(args: argparse.Namespace) -> int:
    from app.server.migrate import SchemaOutOfDate
    from app.server.risk.model_store import NoRiskModel
    from app.server.risk.scoring import score_book

    try:
        engine, settings = _open(args.database_url)
    except SchemaOutOfDate as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        day = _day(args.date, settings.lender_timezone)
        report = score_book(engine, business_date=day, settings=settings)
    except NoRiskModel as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    segs = ", ".join(f"{k}={v}" for k, v in report.segments.items())
    print(f"risk score for {day} with model v{report.model_version}: {segs}")
    print("  " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
    print(f"took {sum(report.timings.values()):.2f}s")
    return 0


def _reminders(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.server.migrate import SchemaOutOfDate
    from app.server.risk.reminders import ReminderError, write_reminder_batch

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        print(f"error: --date must be YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return 2
    try:
        engine, settings = _open(args.database_url)
    except SchemaOutOfDate as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(f"reminders-{day.isoformat()}.csv")
    try:
        summary = write_reminder_batch(
            engine, business_date=day, out=out, settings=settings, masked=args.masked
        )
    except ReminderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(summary.line())
    return 0
