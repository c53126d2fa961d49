"""Where the desk finds its resources (translations, styles, icons) — apart from code."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
STYLES = RESOURCES / "styles"
ICONS = RESOURCES / "icons"
STYLESHEET = STYLES / "desk.qss"
TRANSLATION_PREFIX = "collection_desk_"
