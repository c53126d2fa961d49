"""The settings dialog refuses a softphone template that takes its host or its program from
a value (issue #18 point 5), says why in words, and keeps the template in use."""

from __future__ import annotations

import pytest

from ui import settings
from ui.dialogs.settings_dialog import SOFTPHONE_KEY, SettingsDialog, softphone_template


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("sip:{number}@{case_id}", "host"),
        ("{number} --call", "program"),
        ("-oProxyCommand=sh {number}", "program"),
        ("tel:{nmber}", "Use only"),
    ],
)
def test_a_bad_template_is_refused_in_words(qtbot, template: str, words: str) -> None:  # type: ignore[no-untyped-def]
    settings.set_str(SOFTPHONE_KEY, "tel:{number}")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.softphone.setText(template)
    dialog.accept()
    assert not dialog.softphone_error.isHidden() and words in dialog.softphone_error.text()
    assert softphone_template() == "tel:{number}"


def test_a_good_template_is_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.softphone.setText("sip:{number}@pbx.example")
    dialog.accept()
    assert softphone_template() == "sip:{number}@pbx.example"
