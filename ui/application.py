"""Create and dress the QApplication: names, CJK-capable font, stylesheet, translators."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.i18n import install_language, resolve_language
from ui.paths import STYLESHEET

CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)


def pick_font_family() -> str | None:
    """The first installed CJK-capable family (Chinese text needs one), if any."""
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    return None


def create_application(
    argv: list[str] | None = None, *, language: str | None = None
) -> QApplication:
    """The QApplication, created once; dressed with font, style and translations."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("Collection Desk")
    dress_application(app, language=language)
    return app


def dress_application(app: QApplication, *, language: str | None = None) -> str:
    """Apply font, stylesheet and language; returns the language in use."""
    family = pick_font_family()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    if STYLESHEET.exists():
        app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    chosen = resolve_language(language or settings.get_str("ui/language") or None)
    return install_language(app, chosen)
