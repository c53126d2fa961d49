"""The desk's stylesheet: a disabled primary (or default) button looks disabled.

Issue 16: `QPushButton#primaryButton` outranked `QPushButton:disabled` (an id beats a
pseudo-state), so Approve beyond the lead's authority and Apply before Preview looked
clickable. Rendered with the desk's stylesheet (the session's dressed application) and
compared pixel by pixel: the disabled primary button has the background of any disabled
button, not the primary blue.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget

from ui.qt_util import named


def _background(qtbot, button: QPushButton) -> QColor:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    button.setParent(holder)
    button.resize(160, 32)
    holder.resize(200, 50)
    holder.show()
    qtbot.waitExposed(holder)
    image = button.grab().toImage()
    # inside the border, left of any text
    return image.pixelColor(6, image.height() // 2)


def _disabled_plain(qtbot) -> QColor:  # type: ignore[no-untyped-def]
    plain = QPushButton("Cancel")
    plain.setEnabled(False)
    return _background(qtbot, plain)


def _button(kind: str) -> QPushButton:
    if kind == "primary":
        return named(QPushButton("Approve"), "primaryButton")
    button = QPushButton("Sign in")
    button.setDefault(True)
    return button


@pytest.mark.parametrize("kind", ["primary", "default"])
def test_a_disabled_primary_button_looks_disabled(qtbot, kind: str) -> None:  # type: ignore[no-untyped-def]
    enabled = _background(qtbot, _button(kind))
    off = _button(kind)
    off.setEnabled(False)
    disabled = _background(qtbot, off)
    plain = QPushButton("Cancel")
    plain.setEnabled(False)
    plain_disabled = _background(qtbot, plain)
    assert enabled != disabled, (enabled.name(), disabled.name())
    assert disabled == plain_disabled, (disabled.name(), plain_disabled.name())
    # the enabled one is the primary colour: far from the disabled grey
    assert abs(enabled.blue() - enabled.red()) > 60 and disabled.lightness() > enabled.lightness()


def test_apply_before_preview_looks_disabled_on_the_real_panel(qtbot, lead_api) -> None:  # type: ignore[no-untyped-def]
    """The rule reassignment's "Apply these moves" before any preview (the real screen)."""
    from ui.team.reassign_panel import ReassignPanel

    panel = ReassignPanel(lead_api)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    assert not panel.apply_button.isEnabled()
    image = panel.apply_button.grab().toImage()
    assert image.pixelColor(6, image.height() // 2) == _disabled_plain(qtbot)
