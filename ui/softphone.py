"""Hand a dial target to the workstation: a URL through the desktop (QDesktopServices:
the registered tel:/sip: handler), or the command of app.client.softphone; and the
sentence the desk shows for a template or value the softphone cannot take."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from app.client.softphone import DialTarget, SoftphoneError, run_command


def launch(target: DialTarget) -> None:
    """Start the call; SoftphoneError when nothing takes it."""
    if target.url is not None:
        if not QDesktopServices.openUrl(QUrl(target.url)):
            raise SoftphoneError("no softphone is registered for this kind of link", "start")
        return
    run_command(target)


def problem_text(exc: SoftphoneError) -> str:
    """A translated sentence for a SoftphoneError (its `code`); for a template that does not
    parse or a softphone that does not start, the system's detail after it."""
    texts = {
        "empty": QCoreApplication.translate("Softphone", "The softphone template is empty."),
        "placeholder": QCoreApplication.translate(
            "Softphone", "Use only {number}, {phone_id}, {case_id} and {recording}."
        ),
        "host": QCoreApplication.translate(
            "Softphone",
            "Write the host in the template (sip:{number}@pbx.example); it may not come "
            "from a value.",
        ),
        "program": QCoreApplication.translate(
            "Softphone",
            "Write the program in the template (/path/dial {number}); it may not come from "
            "a value or start with “-”.",
        ),
        "value": QCoreApplication.translate(
            "Softphone",
            "A number is digits with an optional leading +, nothing else; ids are letters "
            "and digits.",
        ),
        "start": QCoreApplication.translate("Softphone", "The softphone could not be started."),
    }
    if exc.code in texts and exc.code != "start":
        return texts[exc.code]
    text = texts.get(
        exc.code, QCoreApplication.translate("Softphone", "The softphone template does not parse.")
    )
    return f"{text} ({exc})"  # what the system or the parser said
