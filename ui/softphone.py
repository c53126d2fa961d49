"""Hand a dial target to the workstation: a URL through the desktop (QDesktopServices:
the registered tel:/sip: handler), or the command of app.client.softphone."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.client.softphone import DialTarget, SoftphoneError, run_command


def launch(target: DialTarget) -> None:
    """Start the call; SoftphoneError when nothing takes it."""
    if target.url is not None:
        if not QDesktopServices.openUrl(QUrl(target.url)):
            raise SoftphoneError("no softphone is registered for this kind of link")
        return
    run_command(target)
