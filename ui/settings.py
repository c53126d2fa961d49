"""Persistent desk preferences in QSettings (never tokens or passwords).

Keys: ui/language, window geometry/state and splitter sizes; per account
(`accounts/<store key>/…`) the label, the role and the server's rules (lender_timezone,
contact_policy) for offline starts. The last server and user are remembered by
app.client.session (no secrets); tokens live only in the OS keyring.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "CollectionDesk"
APPLICATION = "desk"


def desk_settings() -> QSettings:
    """The desk's settings file (INI in the platform's user config dir)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def get_str(key: str, default: str = "") -> str:
    value = desk_settings().value(key, default)
    return str(value) if value is not None else default


def set_str(key: str, value: str) -> None:
    s = desk_settings()
    s.setValue(key, value)
    s.sync()
