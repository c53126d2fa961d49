"""Sign-in: server URL, username, password; clear messages for every way it can fail.

The network call runs off the GUI thread (ui.background.run_task). Wrong password,
unreachable server and a server that answers garbage each get their own message; when a
cached store exists for that server and user, "Work offline" opens it without signing in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.http_client import BadResponse, Forbidden, ServerUnreachable, Unauthorized
from ui.background import run_task
from ui.qt_util import named

log = logging.getLogger(__name__)

LoginFn = Callable[[str, str, str], Any]  # (url, username, password) -> signed-in session


def signin_error_text(exc: BaseException, url: str) -> str:
    """The message the agent sees for a failed sign-in (no PII, no stack trace)."""
    from PySide6.QtCore import QCoreApplication

    if isinstance(exc, Unauthorized):
        return QCoreApplication.translate("SignInDialog", "Wrong username or password.")
    if isinstance(exc, Forbidden):
        return QCoreApplication.translate(
            "SignInDialog", "This account may not use the desk. Ask your team lead."
        )
    if isinstance(exc, ServerUnreachable):
        return QCoreApplication.translate(
            "SignInDialog",
            "Cannot reach the server at %1. Check the address and the network, then try again.",
        ).replace("%1", url)
    if isinstance(exc, BadResponse):
        return QCoreApplication.translate(
            "SignInDialog",
            "The server at %1 answered something unexpected. Is this the Collection Desk "
            "server address?",
        ).replace("%1", url)
    return QCoreApplication.translate("SignInDialog", "Sign-in failed: %1").replace(
        "%1", str(exc) or type(exc).__name__
    )


class SignInDialog(QDialog):
    """Collects credentials and calls `login`; `result_session` holds what it returned."""

    def __init__(
        self,
        login: LoginFn,
        parent: QWidget | None = None,
        *,
        url: str = "",
        username: str = "",
        keyring_available: bool = True,
        can_work_offline: Callable[[str, str], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in — Collection Desk"))
        self.setMinimumWidth(420)
        self._login = login
        self._can_work_offline = can_work_offline
        self.result_session: Any = None
        self.work_offline = False
        self._account_locked = False

        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://desk.example.com")
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.url)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)

        self.keyring_note = named(
            QLabel(
                self.tr(
                    "No secure keyring is available on this computer, so the desk cannot "
                    "remember your sign-in: it will ask for your password at each start."
                )
            ),
            "bannerWarning",
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not keyring_available)
        self.error = named(QLabel(), "errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = named(QLabel(self.tr("Signing in…")), "muted")
        self.busy.hide()

        self.buttons = QDialogButtonBox()
        self.sign_in = named(QPushButton(self.tr("Sign in")), "primaryButton")
        self.sign_in.setDefault(True)
        self.offline = QPushButton(self.tr("Work offline"))
        cancel = QPushButton(self.tr("Cancel"))
        # Enter signs in, whatever had the focus while signing in was busy: while the
        # sign-in button and the password are disabled the focus moves on to Cancel, and an
        # auto-default button with the focus takes Enter (after one wrong password Enter
        # cancelled and the desk exited)
        for other in (self.offline, cancel):
            other.setAutoDefault(False)
        self.buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.offline, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in.clicked.connect(self.submit)
        self.offline.clicked.connect(self._go_offline)
        cancel.clicked.connect(self.reject)
        self.offline.hide()  # after addButton, which shows it

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        (self.password if url and username else self.url).setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        url, user, password = (
            self.url.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        if not url or not user or not password:
            self._show_error(self.tr("Enter the server address, your username and password."))
            return
        if "://" not in url:
            url = "http://" + url
            self.url.setText(url)
        self._set_busy(True)
        run_task(
            lambda: self._login(url, user, password),
            self._done,
            lambda exc: self._failed(exc, url, user),
        )

    def _done(self, session: Any) -> None:
        self._set_busy(False)
        self.result_session = session
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException, url: str, user: str) -> None:
        self._set_busy(False)
        log.info("sign-in failed: %s", type(exc).__name__)
        self._show_error(signin_error_text(exc, url))
        if isinstance(exc, ServerUnreachable) and self._can_work_offline is not None:
            self.offline.setVisible(self._can_work_offline(url, user))
        if isinstance(exc, Unauthorized):
            self.password.selectAll()
            self.password.setFocus()

    def _go_offline(self) -> None:
        self.work_offline = True
        self.accept()

    def lock_account(self) -> None:
        """Signing in again as the same user on the same server: only the password is asked."""
        self._account_locked = True
        self.url.setEnabled(False)
        self.username.setEnabled(False)
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.sign_in.setEnabled(not busy)
        if not busy:
            self.sign_in.setDefault(True)
        self.password.setEnabled(not busy)
        if not self._account_locked:
            self.url.setEnabled(not busy)
            self.username.setEnabled(not busy)
        if busy:
            self.error.hide()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
