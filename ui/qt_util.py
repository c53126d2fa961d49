"""Small helpers for building widgets and crossing between Qt and Python values."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QObject, QTime

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """`widget` with its object name set (the stylesheet keys on it); PySide6 accepts
    ``objectName=`` as a constructor keyword but its type stubs do not."""
    widget.setObjectName(name)
    return widget


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a `date` (PySide6 types QDate.toPython() as object)."""
    return date(value.year(), value.month(), value.day())


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime's wall time as a naive `datetime` (seconds precision)."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


def aware_from_qdatetime(value: QDateTime, zone: tzinfo) -> datetime:
    """A QDateTime's wall time in `zone` as an aware instant (UTC)."""
    return from_qdatetime(value).replace(tzinfo=zone).astimezone(UTC)


def to_qdatetime(at: datetime, zone: tzinfo) -> QDateTime:
    """An aware instant as a QDateTime of its wall time in `zone` (minutes precision)."""
    local = at.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
