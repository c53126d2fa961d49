"""`main.py schedule`: print a repayment schedule as a table or as JSON.

    uv run main.py schedule --principal 100000.00 --annual-rate 0.06 --months 36 \\
        --method equal_installment [--first-due 2026-01-15] [--day-of-month 15] [--json]

Without --first-due the loan is taken as disbursed on --disbursed (default: today's local
date, the only clock read, here in the CLI layer; the domain is pure) and falls due monthly
on the disbursement day, or on --day-of-month, from the next month on. The month-end rule
of app.domain.schedules applies: disbursed 2026-01-31 -> due 02-28, 03-31, 04-30 ...
With --first-due the due day is the import's rule (app.domain.due_day.contract_due_day):
--day-of-month if given (the first due date must fall on it), else the first due date's
day - except a first due date at the end of a short month before the --disbursed day
(disbursed 01-31, first due 02-28) keeps the disbursement day (a note on stderr says so).
Any invalid input, including argparse errors and numbers that are not plain ASCII decimal
text (exponents, NaN, other scripts' digits: app.domain.number_text), exits with status 2
and one line on stderr: `error: --FLAG: reason`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, NoReturn

_FLAG_FOR_FIELD = {
    "principal": "--principal",
    "annual_rate": "--annual-rate",
    "months": "--months",
    "method": "--method",
    "first_due": "--first-due",
    "day_of_month": "--day-of-month",
    "due_day": "--day-of-month",
    "date": "--first-due",
    "disbursed": "--disbursed",
}
METHODS = ("equal_installment", "equal_principal")


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def register(subparsers: Any) -> None:
    """Add the `schedule` sub-command."""
    p = subparsers.add_parser(
        "schedule",
        help="repayment schedule calculator (等额本息 / 等额本金)",
        description="Print a monthly repayment schedule (amounts in yuan).",
    )
    p.add_argument("--principal", required=True, help="loan amount in yuan, e.g. 100000.00")
    p.add_argument("--annual-rate", required=True, help="annual rate, e.g. 0.06 (or 6%%)")
    p.add_argument("--months", required=True, help="term in months, 1-120")
    p.add_argument(
        "--method",
        default="equal_installment",
        help="equal_installment (等额本息, default) or equal_principal (等额本金)",
    )
    p.add_argument(
        "--first-due",
        help="first due date YYYY-MM-DD (default: a month after --disbursed)",
    )
    p.add_argument(
        "--disbursed",
        help="disbursement date YYYY-MM-DD (default: today); with --first-due it only "
        "decides the due day when the first due date is a short month's end",
    )
    p.add_argument("--day-of-month", help="due day 1-31 after the first (default: first's day)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    # One clear line on stderr for argparse-level errors too (missing flags, bad options).
    p.error = _fail  # type: ignore[method-assign,unused-ignore]
    parse_known = p.parse_known_args

    def parse_strict(*a: Any, **kw: Any) -> Any:
        namespace, extras = parse_known(*a, **kw)
        if extras:
            _fail(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras

    p.parse_known_args = parse_strict  # type: ignore[method-assign,unused-ignore]
    p.set_defaults(handler=run)


def _today() -> date:
    """Today's local date (the default disbursement date)."""
    return date.today()


def _parse_int(text: str, flag: str) -> int:
    from app.domain.errors import DomainError
    from app.domain.number_text import parse_whole_text

    try:
        return parse_whole_text(text, field=flag)
    except DomainError as exc:
        _fail(f"{flag}: {exc.reason}")


def _parse_date(text: str, flag: str = "--first-due") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        _fail(f"{flag}: not a valid date (YYYY-MM-DD): {text!r}")


def run(args: argparse.Namespace) -> int:
    """Handler: validate, build, print. Returns the exit status."""
    from decimal import Decimal

    from app.domain.due_day import contract_due_day
    from app.domain.errors import DomainError
    from app.domain.money import Money, parse_rate
    from app.domain.schedules import add_months, build_schedule

    try:
        principal = Money.from_yuan(args.principal, field="principal")
        rate_text = str(args.annual_rate).strip()
        if rate_text.endswith("%"):
            rate = parse_rate(rate_text[:-1], field="annual_rate") / Decimal(100)
        else:
            rate = parse_rate(rate_text, field="annual_rate")
        months = _parse_int(args.months, "--months")
        day = None if args.day_of_month is None else _parse_int(args.day_of_month, "--day-of-month")
        if args.first_due is None:
            disbursed = (
                _today() if args.disbursed is None else _parse_date(args.disbursed, "--disbursed")
            )
            # due on the disbursement day (or --day-of-month), clamped to short months, and
            # the schedule keeps that day: never stuck on the 28th after a February
            day = disbursed.day if day is None else day
            first_due = add_months(disbursed, 1, day)
        else:
            first_due = _parse_date(args.first_due)
            disbursed_on = (
                None if args.disbursed is None else _parse_date(args.disbursed, "--disbursed")
            )
            due = contract_due_day(first_due, disbursed=disbursed_on, due_day=day)
            if due.inferred:
                print(f"note: due day {due.day} taken from --disbursed", file=sys.stderr)
            day = due.day
        schedule = build_schedule(
            principal=principal,
            annual_rate=rate,
            months=months,
            method=args.method,
            first_due=first_due,
            day_of_month=day,
        )
    except DomainError as exc:
        _fail(f"{_FLAG_FOR_FIELD.get(exc.field, exc.field)}: {exc.reason}")
    text = json.dumps(schedule_json(schedule), indent=2) if args.json else format_table(schedule)
    try:
        print(text)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0


def schedule_json(schedule: Any) -> dict[str, Any]:
    """The --json document: lines plus totals, amounts as yuan decimal strings."""
    return {
        "payment_lines": [
            {
                "n": line.n,
                "due_date": line.due_date.isoformat(),
                "payment": line.payment.to_str(),
                "principal": line.principal.to_str(),
                "interest": line.interest.to_str(),
                "balance": line.balance.to_str(),
            }
            for line in schedule.lines
        ],
        "total_payment": schedule.total_payment.to_str(),
        "total_interest": schedule.total_interest.to_str(),
    }


def format_table(schedule: Any) -> str:
    """A plain-text table with a totals row."""
    header = ("n", "due date", "payment", "principal", "interest", "balance")
    rows = [
        (
            str(line.n),
            line.due_date.isoformat(),
            line.payment.format(symbol=False),
            line.principal.format(symbol=False),
            line.interest.format(symbol=False),
            line.balance.format(symbol=False),
        )
        for line in schedule.lines
    ]
    total_principal = schedule.principal.format(symbol=False)
    totals = (
        "total",
        "",
        schedule.total_payment.format(symbol=False),
        total_principal,
        schedule.total_interest.format(symbol=False),
        "",
    )
    widths = [max(len(r[i]) for r in [header, *rows, totals]) for i in range(len(header))]

    def fmt(row: tuple[str, ...]) -> str:
        cells = [row[0].rjust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(w) for cell, w in zip(row[2:], widths[2:], strict=True)]
        return "  ".join(cells).rstrip()

    rule = "-" * len(fmt(header))
    method = {
        "equal_installment": "等额本息 equal installment",
        "equal_principal": "等额本金 equal principal",
    }
    title = f"{method[str(schedule.method)]}: {schedule.principal.format(symbol=False)} over {len(rows)} months"
    return "\n".join([title, fmt(header), rule, *map(fmt, rows), rule, fmt(totals)])
