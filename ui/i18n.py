"""Language selection: follows the system locale unless the agent picked one in settings.

Source strings are English; Simplified Chinese and English ship as compiled .qm files in
resources/translations. Switching language takes effect on the next start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.paths import TRANSLATION_PREFIX, TRANSLATIONS

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []  # keep references: Qt does not own them
_current = ["en"]


def current_language() -> str:
    """The language installed by the last `install_language` call."""
    return _current[0]


def system_language(locale: QLocale | None = None) -> str:
    """zh_CN for any Chinese system locale, otherwise English."""
    name = (locale or QLocale.system()).name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def resolve_language(preference: str | None, locale: QLocale | None = None) -> str:
    """The language to use: a valid saved preference, else the system's."""
    if preference in LANGUAGES:
        return str(preference)
    return system_language(locale)


def install_language(app: QCoreApplication, language: str) -> str:
    """Replace the installed translators with `language`'s; returns the language in use."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language not in LANGUAGES:
        language = "en"
    ours = QTranslator(app)
    qm = TRANSLATIONS / f"{TRANSLATION_PREFIX}{language}.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation file missing: %s", qm.name)
    if language != "en":
        qt_tr = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_tr.load(QLocale(language), "qtbase", "_", qt_dir):
            app.installTranslator(qt_tr)
            _installed.append(qt_tr)
    QLocale.setDefault(QLocale(language))
    _current[0] = language
    return language
