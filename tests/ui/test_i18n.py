"""Translations: language choice, complete zh_CN catalogue, compiled .qm up to date."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from ui.dialogs.settings_dialog import SettingsDialog
from ui.i18n import current_language, install_language, resolve_language
from ui.paths import TRANSLATIONS
from ui.settings import get_str


def test_language_follows_the_system_unless_chosen() -> None:
    assert resolve_language(None, QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("", QLocale("zh_TW")) == "zh_CN"
    assert resolve_language(None, QLocale("en_US")) == "en"
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("fr", QLocale("de_DE")) == "en"


def test_chinese_catalogue_is_complete_and_loads(qapp) -> None:  # type: ignore[no-untyped-def]
    tree = ET.parse(TRANSLATIONS / "collection_desk_zh_CN.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []
    try:
        install_language(qapp, "zh_CN")
        assert QCoreApplication.translate("MainWindow", "Sync") == "同步"
        assert QCoreApplication.translate("Labels", "Right party") == "本人"
        assert QCoreApplication.translate("DeskStatusBar", "%n pending", "", 3) == "3 条待同步"
    finally:
        install_language(qapp, "en")
    assert current_language() == "en"
    assert QCoreApplication.translate("DeskStatusBar", "%n need(s) attention", "", 1) == (
        "1 needs attention"
    )


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_compiled_qm_matches_the_ts_source(lang: str, tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease")
    assert lrelease, "pyside6-lrelease ships with PySide6-Essentials"
    out = tmp_path / "check.qm"
    subprocess.run(
        [lrelease, str(TRANSLATIONS / f"collection_desk_{lang}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    committed = TRANSLATIONS / f"collection_desk_{lang}.qm"
    assert out.read_bytes() == committed.read_bytes(), (
        "run: uv run python -m ui.tools.update_translations"
    )


def test_settings_dialog_saves_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.accept()
    assert get_str("ui/language") == "zh_CN"


def test_every_ui_string_is_in_the_catalogue(tmp_path: Path) -> None:
    """lupdate over ui/ finds no string the zh_CN catalogue lacks."""
    lupdate = shutil.which("pyside6-lupdate")
    assert lupdate
    root = Path(__file__).resolve().parents[2]
    copy = tmp_path / "check_zh_CN.ts"
    shutil.copyfile(TRANSLATIONS / "collection_desk_zh_CN.ts", copy)
    sources = sorted(str(p) for p in (root / "ui").rglob("*.py"))
    done = subprocess.run(
        [lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "(0 new and" in done.stdout + done.stderr, done.stdout + done.stderr
    tree = ET.parse(copy)
    assert not [m for m in tree.iter("message") if m.find("translation").get("type")]


def test_no_tr_call_hides_inside_an_f_string() -> None:
    """lupdate does not look inside f-string expressions: a tr() there never gets into the
    catalogue, so it would stay English in the Chinese desk without any test noticing."""
    import ast
    from pathlib import Path

    hidden = []
    for path in sorted((Path(__file__).resolve().parents[2] / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute | ast.Name)
                    and getattr(inner.func, "attr", getattr(inner.func, "id", ""))
                    in ("tr", "translate")
                ):
                    hidden.append(f"{path.name}:{inner.lineno}")
    assert hidden == []
