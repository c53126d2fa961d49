"""Render the desk's main screens to PNG files in both languages (demo --screenshot, tests).

Each language gets freshly built windows (strings are set at construction), the first
worklist case selected, and `widget.grab()` saved as <screen>_<lang>.png.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui import labels
from ui.call_screens import ReadOnlyService, render_call_screens, screen_size
from ui.i18n import LANGUAGES, current_language, install_language
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.signal_hub import SignalHub
from ui.widgets.case_side_panel import CONTACTS_TAB

log = logging.getLogger(__name__)


def _settle(app: QCoreApplication, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, out: Path, name: str, lang: str) -> Path:
    path = out / f"{name}_{lang}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def render_screens(
    service: Any,
    out_dir: str | Path,
    *,
    user_label: str = "",
    languages: Sequence[str] = LANGUAGES,
    case_row: int = 0,
) -> list[Path]:
    """Save the main screens for every language; returns the files written."""
    from ui.dialogs.attention_dialog import AttentionDialog
    from ui.dialogs.signin_dialog import SignInDialog
    from ui.dialogs.welcome_dialog import WelcomeDialog

    app = QApplication.instance()
    assert app is not None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    before = current_language()
    written: list[Path] = []
    try:
        for lang in languages:
            install_language(app, lang)
            labels.clear_cache()
            window = MainWindow(
                ReadOnlyService(service),
                SignalHub(),
                user_label=user_label,
                restore=False,
                reminders=False,
            )
            window.fit_panes(*screen_size(DEFAULT_SIZE))
            window.show()
            window.load()
            window.worklist.select_row(case_row)
            _settle(app)
            written.append(_save(window, out, "desk_main", lang))
            window.history.tabs.setCurrentIndex(1)
            window.side.tabs.setCurrentIndex(CONTACTS_TAB)
            _settle(app)
            written.append(_save(window, out, "desk_payments_contacts", lang))
            attention = AttentionDialog(service, SignalHub(), window)
            attention.show()
            _settle(app)
            written.append(_save(attention, out, "needs_attention", lang))
            attention.close()
            if window.current is not None:  # the flags dialog of the selected case
                from ui.dialogs.case_flags_dialog import CaseFlagsDialog

                case = window.current.case
                flags = CaseFlagsDialog(
                    window.current.borrower.name, case.flags, case.debtor_unreachable, window
                )
                flags.show()
                _settle(app)
                written.append(_save(flags, out, "case_flags", lang))
                flags.close()
            window.side.tabs.setCurrentIndex(0)
            written += render_call_screens(window, out, lang)
            window.close()

            welcome = WelcomeDialog(demo_available=True)
            welcome.show()
            _settle(app)
            written.append(_save(welcome, out, "welcome", lang))
            welcome.close()
            signin = SignInDialog(
                lambda *_: None,
                url="https://desk.example.com",
                username="agent01",
                keyring_available=False,
            )
            signin.password.setText("secret")
            signin._show_error(
                QCoreApplication.translate("SignInDialog", "Wrong username or password.")
            )
            signin.show()
            _settle(app)
            written.append(_save(signin, out, "sign_in", lang))
            signin.close()
    finally:
        install_language(app, before)
        labels.clear_cache()
    log.info("wrote %d screenshots to %s", len(written), out)
    return written
