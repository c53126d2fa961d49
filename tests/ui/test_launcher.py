"""Start-up: a returning agent opens straight into the cached worklist, online or not; with
no usable keyring the desk says so and asks for the password."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from ui.dialogs.signin_dialog import SignInDialog
from ui.launcher import Launcher, login


def _first_sign_in(qtbot, live, agent, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    launcher = Launcher(data_dir=data_dir)
    session = login(live.url, agent.username, agent.clear_password)
    desk = launcher.open_desk(session)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "ok"
    qtbot.waitUntil(lambda: desk.window.worklist.model.total == 2, timeout=5_000)
    desk.window.close()
    launcher.shutdown()
    desk.store.close()


def test_returning_agent_opens_into_the_cached_worklist_online_or_not(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-back")
    make_case(agent, dpd=40, borrower_name="王强")
    make_case(agent, dpd=8, borrower_name="赵敏")
    _first_sign_in(qtbot, live, agent, tmp_path)

    # online: no dialog, the cached worklist is there before the first sync answers
    launcher = Launcher(data_dir=tmp_path)
    assert launcher.start() is True
    desk = launcher.desk
    qtbot.addWidget(desk.window)
    assert desk.window.worklist.model.total == 2
    assert desk.window.current is not None
    assert desk.window.user_label.text() == "agent-back · team-1"  # remembered, not asked
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "ok"
    desk.window.close()
    launcher.shutdown()

    # offline: still straight in, the status bar says offline
    live.stop()
    launcher = Launcher(data_dir=tmp_path)
    assert launcher.start() is True
    desk = launcher.desk
    qtbot.addWidget(desk.window)
    assert desk.window.worklist.model.total == 2
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "offline"
    qtbot.waitUntil(lambda: desk.window.status.state.text() == "○ offline", timeout=5_000)
    desk.window.close()
    launcher.shutdown()


def test_without_a_keyring_the_desk_asks_for_the_password(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-nokr")
    make_case(agent, dpd=40)
    make_case(agent, dpd=9)
    _first_sign_in(qtbot, live, agent, tmp_path)

    keyring.set_keyring(fail.Keyring())  # a headless box: only the fail backend
    seen: dict[str, object] = {}

    def answer_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(50, answer_dialog)
            return
        seen["keyring_note"] = not dialog.keyring_note.isHidden()
        seen["prefilled"] = (dialog.url.text(), dialog.username.text())
        dialog.reject()

    QTimer.singleShot(50, answer_dialog)
    launcher = Launcher(data_dir=tmp_path)
    assert launcher.start() is False  # the agent cancelled the sign-in
    assert seen == {"keyring_note": True, "prefilled": (live.url, "agent-nokr")}
    launcher.shutdown()


def test_first_start_offers_the_demo_and_opens_it(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    from ui.dialogs.welcome_dialog import WelcomeDialog
    from ui.launcher import DemoBackend

    agent = make_user("agent", username="demo-agent")
    make_case(agent, dpd=33, borrower_name="周杰")
    stopped: list[bool] = []

    def starter(loans: int) -> DemoBackend:
        assert loans == 123
        return DemoBackend(
            live.url, "demo-agent", agent.clear_password, lambda: stopped.append(True)
        )

    def choose_demo() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WelcomeDialog):
            QTimer.singleShot(50, choose_demo)
            return
        buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
        buttons["Try the demo"].click()

    QTimer.singleShot(50, choose_demo)
    launcher = Launcher(data_dir=tmp_path, demo_starter=starter, demo_loans=123)
    assert launcher.start() is True
    desk = launcher.desk
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "ok"
    qtbot.waitUntil(lambda: desk.window.worklist.model.total == 1, timeout=5_000)
    desk.window.close()
    launcher.shutdown()
    assert stopped == [True]  # the demo server stops with the desk


def test_expired_session_asks_for_the_password_once_and_resumes(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    from app.client.http_client import Tokens

    agent = make_user("agent", username="agent-exp")
    make_case(agent, dpd=20)
    launcher = Launcher(data_dir=tmp_path)
    desk = launcher.open_desk(login(live.url, "agent-exp", agent.clear_password))
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000):
        pass
    desk.session.api.tokens = Tokens("revoked-access", "revoked-refresh-token-0123456789")
    prompts: list[SignInDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignInDialog):
            QTimer.singleShot(50, answer)
            return
        prompts.append(dialog)
        assert not dialog.url.isEnabled() and not dialog.username.isEnabled()
        dialog.password.setText(agent.clear_password)
        dialog.submit()

    QTimer.singleShot(50, answer)
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        desk.sync.sync_now()
    assert blocker.args[0].outcome == "unauthorized"
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass  # the dialog signs in again and syncs
    assert blocker.args[0].outcome == "ok"
    assert len(prompts) == 1
    desk.window.close()
    launcher.shutdown()


def test_a_damaged_store_is_kept_aside_and_rebuilt(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from app.client import paths
    from ui.launcher import open_store

    path = paths.store_path("http://desk.example", "agent01", base=tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    store = open_store("http://desk.example", "agent01", data_dir=tmp_path)
    try:
        assert store.check_integrity()
        kept = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
        assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")
        assert warned and kept[0].name in warned[0]
        assert "No unsent changes or drafts" in warned[0]
    finally:
        store.close()


def test_the_desk_starts_without_importing_pydantic() -> None:
    """Cold start: pydantic (app.client.fact_writes, app.protocol) is loaded on the first write or
    by the background warm-up, not on the way to the first painted worklist."""
    import subprocess
    import sys

    code = (
        "import sys, ui.launcher, app.client.desk_service as d\n"
        "assert 'pydantic' not in sys.modules, 'pydantic imported at start'\n"
        "d.warm_up()\n"
        "assert 'pydantic' in sys.modules and 'right_party' in d.dispositions()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_new_language_applies_at_once_on_the_open_desk(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path, monkeypatch
) -> None:
    """Settings → 简体中文: the desk is rebuilt in Chinese right away, on the same store and
    sync worker, with the same case open and the unsaved note text kept; back to English."""
    from PySide6.QtWidgets import QDialog

    from ui import settings
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.i18n import current_language, install_language

    agent = make_user("agent", username="agent-lang")
    make_case(agent, dpd=40, borrower_name="王强")
    make_case(agent, dpd=8, borrower_name="赵敏")
    launcher = Launcher(data_dir=tmp_path)
    desk = launcher.open_desk(login(live.url, agent.username, agent.clear_password))
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "ok"
    qtbot.waitUntil(lambda: desk.window.worklist.model.total == 2, timeout=5_000)
    old = desk.window
    old.worklist.select_row(1)
    case_id = old.current.case.id
    old.side.wrap_up.text.setPlainText("客户说月底前还款")  # typed, not saved
    assert old.profile._field_names()["flags"] == "Flags"

    def choose(lang: str):  # type: ignore[no-untyped-def]
        def fake_exec(dialog: SettingsDialog) -> int:
            dialog.language.setCurrentIndex(dialog.language.findData(lang))
            dialog.accept()
            return QDialog.DialogCode.Accepted

        return fake_exec

    try:
        monkeypatch.setattr(SettingsDialog, "exec", choose("zh_CN"))
        old.open_settings()
        new = launcher.desk.window
        assert new is not old and launcher.desk.sync is desk.sync
        assert current_language() == "zh_CN" and settings.get_str("ui/language") == "zh_CN"
        assert new.profile._field_names()["flags"] == "标记"
        assert new.current is not None and new.current.case.id == case_id
        assert new.side.wrap_up.text.toPlainText() == "客户说月底前还款"  # the draft came along
        # the sync worker now reports to the new window only
        with qtbot.waitSignal(desk.sync.report, timeout=20_000):
            desk.sync.sync_now()
        monkeypatch.setattr(SettingsDialog, "exec", choose("en"))
        new.open_settings()
        assert current_language() == "en"
        assert launcher.desk.window.profile._field_names()["flags"] == "Flags"
    finally:
        install_language(QApplication.instance(), "en")
        launcher.desk.window.close()
        launcher.shutdown()
