"""Small dialect helpers for the set-based jobs (SQLite and PostgreSQL from one SQL text).

The jobs write plain SQL with a few placeholders filled per dialect: date differences,
adding days to a date, the UTC or lender-local calendar date of a timestamp, and temporary
tables that are dropped at the end of the run. SQLite has no named time zones, so the
runner registers `lender_date(ts, zone)` (Python's zoneinfo) on its connection. Parameters are bound (never formatted into the text) except
the constants derived from configuration (bucket limits, penalty ratios, risk weights),
which are integers produced here, not user input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Date, bindparam, text
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session

from app.server.models.base import UTCDateTime


@dataclass(frozen=True, slots=True)
class Dialect:
    """SQL snippets that differ between SQLite and PostgreSQL."""

    name: str

    @property
    def pg(self) -> bool:
        return self.name == "postgresql"

    def days(self, later: str, earlier: str) -> str:
        """Whole days from `earlier` to `later` (both date expressions)."""
        if self.pg:
            return f"({later} - {earlier})"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def add_days(self, expr: str, days: int) -> str:
        """A date expression plus a constant number of days."""
        if self.pg:
            return f"({expr} + {int(days)})"
        return f"date({expr}, '{int(days):+d} days')"

    def utc_date(self, ts: str) -> str:
        """Calendar date (UTC) of a stored timestamp."""
        if self.pg:
            return f"CAST(({ts} AT TIME ZONE 'UTC') AS DATE)"
        return f"date({ts})"

    def local_date(self, ts: str, zone_param: str = ":lender_tz") -> str:
        """Calendar date of a stored (UTC) timestamp in the zone bound to `zone_param`."""
        if self.pg:
            return f"CAST(({ts} AT TIME ZONE {zone_param}) AS DATE)"
        return f"lender_date({ts}, {zone_param})"

    def rate_ppm(self, rate: str) -> str:
        """An annual-rate column (6 decimals) as an exact integer in millionths."""
        return f"CAST(ROUND({rate} * 1000000) AS BIGINT)"

    def true(self) -> str:
        return "TRUE" if self.pg else "1"

    def false(self) -> str:
        return "FALSE" if self.pg else "0"


def _sqlite_local_date(stored: str | None, zone: str) -> str | None:
    """SQLite stores UTC instants as naive ISO text; their date in `zone`, as ISO text."""
    if stored is None:
        return None
    instant = datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return instant.astimezone(ZoneInfo(zone)).date().isoformat()


class SqlRunner:
    """Executes SQL text in a Session with date/datetime parameters typed for the dialect."""

    def __init__(self, session: Session, *, now: datetime | None = None) -> None:
        self.session = session
        self.now = now if now is not None else datetime.now(UTC)
        self.dialect = Dialect(session.get_bind().dialect.name)
        self.temp_tables: list[str] = []
        if not self.dialect.pg:
            raw = session.connection().connection.driver_connection
            raw.create_function("lender_date", 2, _sqlite_local_date, deterministic=True)  # type: ignore[union-attr]

    def execute(
        self, sql: str, params: Mapping[str, Any] | None = None
    ) -> Result[*tuple[Any, ...]]:
        stmt = text(sql)
        binds = []
        for key, value in (params or {}).items():
            if isinstance(value, datetime):
                binds.append(bindparam(key, value, type_=UTCDateTime()))
            elif isinstance(value, date):
                binds.append(bindparam(key, value, type_=cast(Any, Date())))
            else:
                binds.append(bindparam(key, value))
        if binds:
            stmt = stmt.bindparams(*binds)
        return self.session.execute(stmt)

    def rowcount(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        result = self.execute(sql, params)
        return int(getattr(result, "rowcount", 0) or 0)

    def temp_table(
        self, name: str, select_sql: str, params: Mapping[str, Any] | None = None
    ) -> int:
        """CREATE TEMP TABLE name AS select; returns its row count (ANALYZEd on PostgreSQL)."""
        self.drop(name)
        self.execute(f"CREATE TEMP TABLE {name} AS {select_sql}", params)
        self.temp_tables.append(name)
        if self.dialect.pg:
            self.execute(f"ANALYZE {name}")
        return int(self.execute(f"SELECT COUNT(*) FROM {name}").scalar_one())

    def create_temp(self, name: str, columns: str) -> None:
        """CREATE TEMP TABLE name (columns)."""
        self.drop(name)
        self.execute(f"CREATE TEMP TABLE {name} ({columns})")
        self.temp_tables.append(name)

    def drop(self, name: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {name}")

    def drop_all(self) -> None:
        for name in reversed(self.temp_tables):
            self.drop(name)
        self.temp_tables.clear()
