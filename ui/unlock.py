"""How the locked desk checks the password (ui.lock's `Checker`): offline first, against
the key derivation (a store keyed from the password: Argon2 with its salt must give the
store's key) or the Argon2 hash kept in the encrypted store; else the server."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.client.desk_guard import check_online, password_ok, remember_password
from app.client.http_client import ApiError, ServerUnreachable
from app.client.session import Session
from app.client.store import LocalStore, keys
from ui.lock import Checker


def unlock_checker(session: Session, store: LocalStore) -> Checker:
    def check(password: str) -> str | None:
        salt = keys.salt_path(store.path)
        if salt.exists():
            ok: bool | None = keys.derive(password, salt.read_bytes()) == store.cipher_key
        else:
            ok = password_ok(store, password)
        if ok is None:
            try:
                ok = check_online(session.login, password)
            except ServerUnreachable:
                return QApplication.translate(
                    "Lock",
                    "The server cannot be reached to check the password. Try again when "
                    "the network is back.",
                )
            except ApiError as exc:
                return str(exc)
            if ok:
                remember_password(store, password)
        return None if ok else QApplication.translate("Lock", "Wrong password.")

    return check
