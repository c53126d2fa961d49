"""Settings: the interface language (the desk switches to it at once) and the phone: either
"hand-off" (numbers are handed to the softphone as a tel:/sip: link or a command template, no
call state) or "baresip" (the desk controls a baresip softphone over its ctrl_tcp address and
sees ringing, answer and the end of each call)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.client.softphone import DEFAULT_TEMPLATE, SoftphoneError, check_template
from app.client.telephony.baresip import parse_address
from app.client.telephony.phone import PhoneError
from ui import settings
from ui.i18n import LANGUAGE_NAMES, LANGUAGES
from ui.lock import LOCK_KEY, lock_after_ms
from ui.phone_bridge import ADDRESS_KEY, MODE_KEY, baresip_address, phone_mode
from ui.qt_util import named
from ui.softphone import problem_text

SOFTPHONE_KEY = "softphone/template"


def softphone_template() -> str:
    """The softphone template in use (Settings, else ``tel:{number}``)."""
    return settings.get_str(SOFTPHONE_KEY) or DEFAULT_TEMPLATE


class SettingsDialog(QDialog):
    """Pick the language: "system" (follow the OS), 简体中文 or English."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        current = settings.get_str("ui/language")
        self.language.setCurrentIndex(max(self.language.findData(current), 0))
        self.softphone = named(QLineEdit(softphone_template()), "softphoneTemplate")
        self.softphone.setToolTip(
            self.tr(
                "A link (tel:{number}, sip:{phone_id}@pbx) or a command "
                "(/path/dial {number} --record {recording}); {number} is fetched from the "
                "server, checked and audited, just before dialing."
            )
        )
        self.softphone_error = named(QLabel(), "errorText")
        self.softphone_error.setWordWrap(True)
        self.softphone_error.hide()
        self.phone_mode = named(QComboBox(), "phoneMode")
        self.phone_mode.addItem(self.tr("Hand-off: a link or command, no call state"), "hand-off")
        self.phone_mode.addItem(self.tr("baresip: the desk controls the softphone"), "baresip")
        self.phone_mode.setCurrentIndex(max(0, self.phone_mode.findData(phone_mode())))
        self.baresip_address = named(QLineEdit(baresip_address()), "baresipAddress")
        self.baresip_address.setToolTip(
            self.tr("host:port of baresip's ctrl_tcp_listen (e.g. 127.0.0.1:4444)")
        )
        self.phone_error = named(QLabel(), "errorText")
        self.phone_error.hide()
        self.lock_minutes = named(QSpinBox(), "lockMinutes")
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setValue(lock_after_ms() // 60_000)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setSpecialValueText(self.tr("Never"))
        self.lock_minutes.setToolTip(
            self.tr("The desk locks after this long without input and asks for the password.")
        )
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Phone"), self.phone_mode)
        form.addRow(self.tr("baresip control address"), self.baresip_address)
        form.addRow("", self.phone_error)
        form.addRow(self.tr("Softphone"), self.softphone)
        form.addRow("", self.softphone_error)
        form.addRow(self.tr("Lock when idle"), self.lock_minutes)
        note = QLabel(self.tr("The desk switches to the new language at once."))
        note.setObjectName("muted")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            template = check_template(self.softphone.text())
        except SoftphoneError as exc:
            self.softphone_error.setText(problem_text(exc))
            self.softphone_error.show()
            return
        mode = str(self.phone_mode.currentData())
        address = self.baresip_address.text().strip()
        try:
            if mode == "baresip" or address:
                parse_address(address)
        except PhoneError as exc:
            self.phone_error.setText(str(exc))
            self.phone_error.show()
            return
        settings.set_str("ui/language", str(self.language.currentData() or ""))
        settings.set_str(SOFTPHONE_KEY, template)
        settings.set_str(MODE_KEY, mode)
        settings.set_str(ADDRESS_KEY, address)
        settings.set_str(LOCK_KEY, str(self.lock_minutes.value()))
        super().accept()
