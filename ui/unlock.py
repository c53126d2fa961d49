"""How the locked desk checks the password (ui.lock's `Checker`): offline first, against
the key derivation (a store keyed from the password: Argon2 with its salt must give the
store's key) or the Argon2 hash kept in the encrypted store; else the server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from app.client.desk_guard import check_online, password_ok, remember_password
from app.client.http_client import ApiError, ServerUnreachable
from app.client.session import Session
from app.client.store import LocalStore, keys
from ui.background import run_task
from ui.lock import Checker


def _off_gui_thread(fn: Callable[[], Any]) -> Any:
    """Run `fn` on the background helper (the GUI thread never calls the HTTP client,
    DESIGN.md §5) and wait in a local event loop; the lock keeps the window covered."""
    loop = QEventLoop()
    box: dict[str, Any] = {}

    def ok(result: Any) -> None:
        box["result"] = result
        loop.quit()

    def err(exc: BaseException) -> None:
        box["error"] = exc
        loop.quit()

    run_task(fn, ok, err)
    loop.exec()
    if "error" in box:
        raise box["error"]
    return box["result"]


def unlock_checker(session: Session, store: LocalStore) -> Checker:
    def check(password: str) -> str | None:
        salt = keys.salt_path(store.path)
        if salt.exists():
            ok: bool | None = keys.derive(password, salt.read_bytes()) == store.cipher_key
        else:
            ok = password_ok(store, password)
        if ok is None:
            try:
                ok = bool(_off_gui_thread(lambda: check_online(session.login, password)))
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
