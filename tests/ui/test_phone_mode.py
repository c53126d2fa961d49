"""The phone mode in Settings and in the call bar: hand-off by default, baresip with a
control address (a bad address is refused and nothing is saved), and the window dials
through the phone the settings name."""

from __future__ import annotations

from app.client.telephony.baresip import BaresipPhone
from app.client.telephony.handoff import HandOffPhone
from ui import settings
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main_window import MainWindow
from ui.phone_bridge import ADDRESS_KEY, MODE_KEY, make_phone, phone_mode
from ui.signal_hub import SignalHub


def test_settings_choose_the_phone_and_refuse_a_bad_address(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings.set_str(MODE_KEY, "")
    settings.set_str(ADDRESS_KEY, "")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.phone_mode.currentData() == "hand-off"
    dialog.phone_mode.setCurrentIndex(dialog.phone_mode.findData("baresip"))
    dialog.baresip_address.setText("localhost")  # no port
    dialog.accept()
    assert not dialog.phone_error.isHidden() and "host:port" in dialog.phone_error.text()
    assert phone_mode() == "hand-off"  # nothing saved
    dialog.baresip_address.setText("127.0.0.1:14444")
    dialog.accept()
    assert phone_mode() == "baresip" and settings.get_str(ADDRESS_KEY) == "127.0.0.1:14444"
    phone = make_phone(lambda: "tel:{number}", lambda target: None)
    assert isinstance(phone, BaresipPhone) and phone.address == ("127.0.0.1", 14444)


def test_the_call_bar_says_which_mode_is_active(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    settings.set_str(MODE_KEY, "hand-off")
    w = MainWindow(fake_service, SignalHub(), restore=False, reminders=False)
    qtbot.addWidget(w)
    assert isinstance(w.phone, HandOffPhone) and w.calls.mode == "hand-off"
    assert w.side.call_bar.mode_label.text() == "hand-off"
    w.use_phone(BaresipPhone("127.0.0.1:9"))
    assert w.calls.mode == "baresip" and w.side.call_bar.mode_label.text() == "baresip"
    w.close()
