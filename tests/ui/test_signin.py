"""Sign-in dialog against the real in-process server: success, wrong password,
unreachable server, and the no-keyring notice."""

from __future__ import annotations

from tests.client.live import _free_port
from ui.dialogs.signin_dialog import SignInDialog
from ui.launcher import login


def _dialog(qtbot, url: str, user: str, password: str, **kw) -> SignInDialog:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(login, **kw)
    qtbot.addWidget(dialog)
    dialog.url.setText(url)
    dialog.username.setText(user)
    dialog.password.setText(password)
    return dialog


def test_sign_in_succeeds_and_stores_the_refresh_token(
    qtbot, live, make_user, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    agent = make_user("agent", username="agent-ok")
    dialog = _dialog(qtbot, live.url, "agent-ok", agent.clear_password)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    session = dialog.result_session
    assert session.user.username == "agent-ok"
    assert dialog.password.text() == ""  # not kept around
    assert any(memory_keyring.secrets.values())  # refresh token went to the keyring


def test_wrong_password_gets_a_clear_message(qtbot, live, make_user, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    make_user("agent", username="agent-wrong")
    dialog = _dialog(qtbot, live.url, "agent-wrong", "not the password")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10_000)
    assert dialog.error.text() == "Wrong username or password."
    assert dialog.result_session is None and dialog.sign_in.isEnabled()
    assert not memory_keyring.secrets


def test_unreachable_server_gets_a_clear_message(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{_free_port()}"
    offered: list[tuple[str, str]] = []

    def has_store(u: str, user: str) -> bool:
        offered.append((u, user))
        return True

    dialog = _dialog(qtbot, url, "agent01", "pw", can_work_offline=has_store)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=20_000)
    assert dialog.error.text() == (
        f"Cannot reach the server at {url}. Check the address and the network, then try again."
    )
    assert offered == [(url, "agent01")] and not dialog.offline.isHidden()
    dialog.offline.click()
    assert dialog.work_offline and dialog.result() == 1


def test_missing_fields_and_no_keyring_notice(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, "", "", "", keyring_available=False)
    dialog.show()
    assert not dialog.keyring_note.isHidden()
    dialog.submit()
    assert dialog.error.text() == "Enter the server address, your username and password."


def test_after_a_wrong_password_enter_signs_in_again_not_cancel(
    qtbot, live, make_user, memory_keyring
) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: after one wrong password, Enter activated Cancel and the desk exited."""
    from PySide6.QtCore import Qt

    agent = make_user("agent", username="agent-retry")
    dialog = _dialog(qtbot, live.url, "agent-retry", "not the password")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.password.setFocus()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10_000)
    default_kept = dialog.sign_in.isDefault()
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    dialog.password.setText(agent.clear_password)
    focused = dialog.focusWidget()
    assert focused is dialog.password
    with qtbot.waitSignal(dialog.accepted, timeout=10_000, raising=False):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not rejected, "Enter cancelled the sign-in"
    assert dialog.result_session is not None and default_kept
