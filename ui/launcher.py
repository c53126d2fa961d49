"""Start-up flow: welcome / sign-in / resume, then the main window with background sync.

* No account remembered: the welcome dialog offers "connect to a server" or "try the demo".
* A returning agent with a refresh token in the keyring opens straight into the cached
  worklist (online or not); without a usable keyring the desk says so and asks for the
  password, and "Work offline" opens the cached store when the server cannot be reached.
* The demo backend (embedded API + demo book) is started by a `DemoStarter` that main.py
  supplies: this package never imports the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.client import lender_zone, paths
from app.client import store as local_store
from app.client.desk_guard import remember_password, wipe_desk
from app.client.desk_service import DeskService, warm_up
from app.client.online import OnlineActions
from app.client.session import Session, last_account, remember_account
from app.client.store import LocalStore, StoreCorrupted, StoreError, recover_store
from app.client.sync_engine import SyncEngine
from app.client.team_api import TeamApi
from app.client.team_views import TEAM_ROLES
from app.domain.contact_policy_types import DEFAULT_POLICY_PROFILE
from app.domain.errors import DomainError
from ui import labels, settings
from ui.background import BackgroundSync, run_task
from ui.i18n import install_language, resolve_language
from ui.lock import IdleLock
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub
from ui.unlock import unlock_checker

log = logging.getLogger(__name__)
SYNC_START_DELAY_MS = 300
WARM_UP_DELAY_MS = 1_000


@dataclass(frozen=True)
class DemoBackend:
    """A running demo API, the demo agent's credentials and a demo team lead's (the
    screenshot run signs in as the lead for the team console)."""

    url: str
    username: str
    password: str
    stop: Callable[[], None]
    lead_username: str = ""
    lead_password: str = ""


DemoStarter = Callable[[int], DemoBackend]  # (number of loans) -> running backend


@dataclass
class Desk:
    """Everything one signed-in desk consists of (kept alive together)."""

    session: Session
    store: LocalStore
    service: DeskService
    hub: SignalHub
    sync: BackgroundSync
    window: MainWindow


def login(url: str, username: str, password: str) -> Session:
    """Sign in (runs off the GUI thread); raises the http_client errors on failure."""
    session = Session(url, username)
    session.login(password)
    return session


def open_store(
    url: str, username: str, *, data_dir: str | Path | None, password: str | None = None
) -> LocalStore:
    """Open the local store (encrypted; its key from the keyring, else derived from
    `password`). A damaged file is moved aside (kept for support), a fresh store
    is created and every readable unsent change and draft is copied into it, so no work the
    agent saved is lost; the agent is told what was recovered."""
    path = paths.store_path(url, username, base=data_dir)
    try:
        return local_store.open_store(path, password=password)  # this process's, if open
    except StoreCorrupted:
        log.warning("local store was damaged; moving it aside and salvaging local work")
    store, _rows = recover_store(path)
    conn = store.connection()
    unsent = int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    drafts = int(conn.execute("SELECT count(*) FROM drafts").fetchone()[0])
    kept = [p.name for p in path.parent.glob(f"{path.name}.corrupt-*")]
    numbers = [int(n.rsplit("-", 1)[1]) for n in kept if n.rsplit("-", 1)[1].isdigit()]
    aside = f"{path.name}.corrupt-{max(numbers)}" if numbers else path.name
    if unsent or drafts:
        recovered = QApplication.translate(
            "Launcher",
            "Recovered from it: %1 unsent change(s), which will be sent at the next sync, "
            "and %2 draft note(s).",
        )
        recovered = recovered.replace("%1", str(unsent)).replace("%2", str(drafts))
    else:
        recovered = QApplication.translate(
            "Launcher", "No unsent changes or drafts were found in it."
        )
    QMessageBox.warning(
        None,
        QApplication.translate("Launcher", "Local data rebuilt"),
        QApplication.translate(
            "Launcher",
            "The local data file was damaged. It was kept as %1 and your cases will be "
            "downloaded again.",
        ).replace("%1", aside)
        + "\n\n"
        + recovered,
    )
    return store


class Launcher(QObject):
    """Drives the start-up flow; `desk` is set once the main window is open."""

    desk_opened = Signal(object)
    signed_out = Signal()

    def __init__(
        self,
        *,
        data_dir: str | Path | None = None,
        demo_starter: DemoStarter | None = None,
        demo_loans: int = 5000,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.demo_starter = demo_starter
        self.demo_loans = demo_loans
        self.demo_backend: DemoBackend | None = None
        self.desk: Desk | None = None
        self._reauth_open = False
        self._signing_out = False

    # --- entry points -----------------------------------------------------------------
    def start(self) -> bool:
        """Default start: resume, sign in, or welcome. False when the user gave up."""
        account = last_account(base=self.data_dir)
        if account is None:
            return self.welcome()
        if settings.get_str("last/mode") == "demo" and self.demo_starter is not None:
            return self.start_demo()  # the demo's server only lives while the desk runs
        url, username = account
        session = Session(url, username)
        if session.resume():
            self.open_desk(session)
            return True
        return self.ask_sign_in(url, username, keyring_available=session.keyring_available)

    def welcome(self) -> bool:
        from ui.dialogs.welcome_dialog import WelcomeDialog

        dialog = WelcomeDialog(demo_available=self.demo_starter is not None)
        if not dialog.exec():
            return False
        if dialog.choice == "demo":
            return self.start_demo()
        return self.ask_sign_in("", "", keyring_available=True)

    def ask_sign_in(self, url: str, username: str, *, keyring_available: bool) -> bool:
        from ui.dialogs.signin_dialog import SignInDialog

        typed: dict[str, str] = {}

        def login_keeping_password(url: str, username: str, password: str) -> Session:
            session = login(url, username, password)
            typed["password"] = password  # the store key without a keyring; the lock
            return session

        dialog = SignInDialog(
            login_keeping_password,
            url=url,
            username=username,
            keyring_available=keyring_available,
            can_work_offline=self._has_store,
        )
        if not dialog.exec():
            return False
        if dialog.work_offline:
            self.open_desk(
                Session(dialog.url.text().strip(), dialog.username.text().strip()),
                password=dialog.password.text() or None,
            )
        else:
            self.open_desk(dialog.result_session, password=typed.get("password"))
        return True

    def start_demo(self, *, first_sync_dialog: bool = True) -> bool:
        """Start the embedded API with the demo book, sign in as the demo agent."""
        if self.demo_starter is None:
            return False
        starter, loans = self.demo_starter, self.demo_loans
        try:
            backend: DemoBackend = _wait_with_progress(
                lambda: starter(loans),
                QApplication.translate("Launcher", "Preparing the demo portfolio…"),
            )
            self.demo_backend = backend
            session: Session = _wait_with_progress(
                lambda: login(backend.url, backend.username, backend.password),
                QApplication.translate("Launcher", "Signing in as the demo agent…"),
            )
        except Exception as exc:
            log.exception("demo start failed")
            QMessageBox.critical(
                None,
                QApplication.translate("Launcher", "Demo"),
                QApplication.translate("Launcher", "The demo could not start: %1").replace(
                    "%1", f"{type(exc).__name__}: {exc}"
                ),
            )
            return False
        self.open_desk(session, first_sync_dialog=first_sync_dialog, password=backend.password)
        settings.set_str("last/mode", "demo")
        return True

    # --- the desk ---------------------------------------------------------------------
    def _has_store(self, url: str, username: str) -> bool:
        return paths.store_path(url, username, base=self.data_dir).exists()

    def open_desk(
        self, session: Session, *, first_sync_dialog: bool = True, password: str | None = None
    ) -> Desk:
        url, username = session.server_url, session.username
        try:
            store = open_store(url, username, data_dir=self.data_dir, password=password)
        except StoreError as exc:
            QMessageBox.critical(None, QApplication.translate("Launcher", "Local data"), str(exc))
            raise
        if password:
            remember_password(store, password)  # the lock checks it offline
        remember_account(url, username, base=self.data_dir)
        settings.set_str("last/mode", "server")
        zone, policy = _server_rules(session)
        try:
            lender_zone.use(zone)
        except DomainError:
            log.warning("the server's lender zone %r is unknown here; using the default", zone)
            lender_zone.use(None)
        service = DeskService(
            store,
            user=username,
            keyring_available=session.keyring_available,
            role=_user_role(session),
            policy_profile=policy,
        )
        hub = SignalHub()
        api = session.api
        sync = BackgroundSync(lambda: SyncEngine(store, api))
        window = self._main_window(session, service, hub, sync)
        desk = Desk(session, store, service, hub, sync, window)
        self.desk = desk
        window.load()
        window.show()
        first = store.get_state("cursor") is None
        # paint the cached worklist first; the sync worker starts a moment later
        QTimer.singleShot(SYNC_START_DELAY_MS, sync.start)
        # the first note save needs pydantic (not imported for the first paint): load it
        # off the GUI thread once the window is up
        QTimer.singleShot(
            WARM_UP_DELAY_MS, lambda: run_task(warm_up, lambda _r: None, lambda _e: None)
        )
        if first and first_sync_dialog:
            from ui.dialogs.first_sync_dialog import FirstSyncDialog

            FirstSyncDialog(sync, window).open()
        self.desk_opened.emit(desk)
        return desk

    def _main_window(
        self, session: Session, service: DeskService, hub: SignalHub, sync: BackgroundSync
    ) -> MainWindow:
        label = _user_label(session)
        role = _user_role(session)
        window = MainWindow(
            service,
            hub,
            sync=sync,
            user_label=label,
            online=OnlineActions(session.api),
            agent_name=label.split(" · ")[0],
            team=TeamApi(session.api) if role in TEAM_ROLES else None,
            role=role,
        )
        window.reauth_needed.connect(lambda: self._reauth(session))
        window.account_disabled.connect(lambda: self._account_disabled(session))
        store = getattr(service, "store", None)
        if store is not None:
            IdleLock(window, unlock_checker(session, store), label)
        window.sign_out_requested.connect(lambda: self._sign_out(session))
        window.language_changed.connect(self.switch_language)
        return window

    def switch_language(self, preference: str) -> None:
        """Show the desk in the newly chosen language now: install its translations and
        rebuild the main window (strings are set when widgets are built) on the same store,
        hub and sync worker, with the same case open; the old window retires."""
        desk = self.desk
        app = QApplication.instance()
        if desk is None or app is None:
            return
        install_language(app, resolve_language(preference))
        labels.clear_cache()
        old = desk.window
        case_id = old.current.case.id if old.current is not None else None
        old.retire()  # saves the draft and the layout the new window restores
        window = self._main_window(desk.session, desk.service, desk.hub, desk.sync)
        desk.window = window
        window.load()
        if case_id is not None:
            window.worklist.select_case(case_id)
        window.show()

    def _reauth(self, session: Session) -> None:
        """The server no longer accepts our tokens: ask for the password (once at a time)."""
        from ui.dialogs.signin_dialog import SignInDialog

        if self._reauth_open:
            return
        self._reauth_open = True

        def relogin(url: str, username: str, password: str) -> Session:
            session.login(password)
            return session

        dialog = SignInDialog(
            relogin,
            self.desk.window if self.desk else None,
            url=session.server_url,
            username=session.username,
            keyring_available=session.keyring_available,
        )
        dialog.lock_account()
        try:
            if dialog.exec() and self.desk is not None:
                self.desk.sync.sync_now()
        finally:
            self._reauth_open = False

    def _account_disabled(self, session: Session) -> None:
        """The server says the account is disabled: stop syncing (the cycle already pushed
        what the server would take), wipe the store and its key, say so, close the desk."""
        desk = self.desk
        if desk is None:
            return
        self.desk = None
        desk.sync.stop()
        # close first: the window saves the draft being typed, into the store about to go
        desk.window.setEnabled(False)
        desk.window.close()
        wiped = wipe_desk(desk.store)
        session.forget_token()
        text = QApplication.translate(
            "Launcher",
            "This account has been disabled on the server. The cases and notes kept on this "
            "computer have been erased.",
        )
        if wiped.unsent or wiped.drafts:
            text += "\n\n" + QApplication.translate(
                "Launcher",
                "%1 change(s) not yet sent and %2 draft note(s) were erased with them.",
            ).replace("%1", str(wiped.unsent)).replace("%2", str(wiped.drafts))
        QMessageBox.warning(None, QApplication.translate("Launcher", "Account disabled"), text)
        self.signed_out.emit()

    def _sign_out(self, session: Session) -> None:
        """Revoke the token on the server off the GUI thread (DESIGN.md §5), then close.

        The sync worker is stopped first (without waiting) so no cycle starts with a token
        that is being revoked; the window stays painted and says it is signing out."""
        desk = self.desk
        if desk is None or self._signing_out:
            return
        self._signing_out = True
        desk.window.setEnabled(False)
        desk.window.statusBar().showMessage(QApplication.translate("Launcher", "Signing out…"))
        desk.sync.stop(timeout_ms=0)

        def finished(_result: object = None) -> None:
            self._signing_out = False
            desk.window.close()
            self.signed_out.emit()

        def failed(exc: BaseException) -> None:
            log.info(
                "logout could not reach the server (%s); the local token is forgotten",
                type(exc).__name__,
            )
            session.forget_token()
            finished()

        run_task(session.logout, finished, failed)

    def shutdown(self) -> None:
        if self.desk is not None:
            self.desk.sync.stop()
        if self.demo_backend is not None:
            self.demo_backend.stop()
            self.demo_backend = None


def _user_label(session: Session) -> str:
    """ "display name · team" from the sign-in answer, remembered (no secret) for the starts
    that resume from the keyring without asking the server who we are."""
    key = f"accounts/{paths.store_key(session.server_url, session.username)}/label"
    user = session.user
    if user is None:
        return settings.get_str(key) or session.username
    label = " · ".join(x for x in (user.display_name, user.team) if x)
    settings.set_str(key, label)
    return label


def _user_role(session: Session) -> str:
    """The signed-in user's role (agent, team_lead, admin), remembered like the label for
    offline starts. It only shapes the desk (who is offered an override); the server
    decides what each role may do."""
    key = f"accounts/{paths.store_key(session.server_url, session.username)}/role"
    user = session.user
    if user is None:
        return settings.get_str(key) or "agent"
    settings.set_str(key, user.role)
    return user.role


def _server_rules(session: Session) -> tuple[str | None, str]:
    """The lender's zone and the contact-policy profile the server applies (sent with every
    token), remembered like the role for offline starts, so the desk judges business dates
    and dials by the server's rules; from a server that does not say, the defaults
    (Asia/Shanghai, cn)."""
    base = f"accounts/{paths.store_key(session.server_url, session.username)}"
    user = session.user
    if user is not None and user.lender_timezone:
        settings.set_str(f"{base}/lender_timezone", user.lender_timezone)
    if user is not None and user.contact_policy_profile:
        settings.set_str(f"{base}/contact_policy", user.contact_policy_profile)
    zone = settings.get_str(f"{base}/lender_timezone") or None
    return zone, settings.get_str(f"{base}/contact_policy") or DEFAULT_POLICY_PROFILE


def _wait_with_progress(fn: Callable[[], Any], text: str) -> Any:
    """Run `fn` off the GUI thread behind a busy dialog; return its result or raise."""
    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setWindowTitle(QApplication.translate("Launcher", "Collection Desk"))
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
    dialog.close()
    if "error" in box:
        raise box["error"]
    return box["result"]
