"""Screenshots of the main screens in both languages, saved by the test run to
screenshots/ (gitignored) so a person can look at them."""

from __future__ import annotations

from PySide6.QtGui import QImage

from ui.i18n import current_language
from ui.screenshots import render_screens


def test_main_screens_render_in_chinese_and_english(qtbot, fake_service, screenshot_dir) -> None:  # type: ignore[no-untyped-def]
    files = render_screens(fake_service, screenshot_dir, user_label="王芳 · 组 3")
    names = {f.name for f in files}
    for lang in ("zh_CN", "en"):
        for screen in (
            "desk_main",
            "desk_payments_contacts",
            "needs_attention",
            "welcome",
            "sign_in",
        ):
            assert f"{screen}_{lang}.png" in names
    main_zh = QImage(str(screenshot_dir / "desk_main_zh_CN.png"))
    assert main_zh.width() >= 1200 and main_zh.height() >= 700
    assert current_language() == "en"  # the test app's language is restored
    assert fake_service.drafts == {}  # rendering wrote nothing
