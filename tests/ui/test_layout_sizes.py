"""The desk at the screen sizes agents have (#16 point 2): 1366x768, 1600x900, 1920x1080,
in both languages. The case header stays above the scrolling profile, the phones are the
first thing in it, nothing scrolls sideways, and the plan calculator shows a dozen schedule
lines with its buttons on screen (the wrap-up folds away on the plan tab)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.ui.fakes import FakeDeskService
from ui import labels
from ui.i18n import current_language, install_language
from ui.main_window import MainWindow
from ui.screenshots import ReadOnlyService
from ui.signal_hub import SignalHub
from ui.widgets.case_side_panel import PLAN_TAB, SCRIPT_TAB
from ui.window_layout import pane_widths

SIZES = [(1366, 768), (1600, 900), (1920, 1080)]


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp) -> str:  # type: ignore[no-untyped-def]
    before = current_language()
    install_language(qapp, request.param)
    labels.clear_cache()
    yield request.param
    install_language(qapp, before)
    labels.clear_cache()


def _window(qtbot, qapp, width: int, height: int) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(
        ReadOnlyService(FakeDeskService(60)), SignalHub(), restore=False, reminders=False
    )
    qtbot.addWidget(w)
    w.fit_panes(width, height)
    w.show()
    w.load()
    w.worklist.select_row(0)
    for _ in range(4):
        qapp.processEvents()
    return w


def _bottom_in_window(w: MainWindow, widget) -> int:  # type: ignore[no-untyped-def]
    return widget.mapTo(w, QPoint(0, widget.height())).y()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_desk_fits_the_screen(qtbot, qapp, language: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, qapp, width, height)
    hint = w.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height
    assert (w.width(), w.height()) == (width, height)
    # the header is not inside the scrolling profile, and stays one or two lines high
    header = w.profile.header
    assert header.isVisible() and not w.profile_scroll.isAncestorOf(header)
    assert header.height() <= 64
    assert w.profile.name.height() < 2 * w.profile.name.fontMetrics().height() + 8
    # nothing scrolls sideways; the phones are visible without scrolling
    assert w.profile_scroll.horizontalScrollBar().maximum() == 0
    phones = w.profile.values["phones"]
    assert phones.mapTo(w.profile_scroll.viewport(), QPoint(0, phones.height())).y() <= (
        w.profile_scroll.viewport().height()
    )
    # the script tab shows the wrap-up whole (its save button on screen)
    assert w.side.tabs.currentIndex() == SCRIPT_TAB
    save = w.side.wrap_up.save_button
    assert save.isVisible() and _bottom_in_window(w, save) <= w.height()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_plan_calculator_has_room(qtbot, qapp, language: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, qapp, width, height)
    w.show_tab(PLAN_TAB)
    for _ in range(4):
        qapp.processEvents()
    plan = w.side.plan
    rows_visible = (
        plan.lines.viewport().height() // plan.lines.verticalHeader().defaultSectionSize()
    )
    assert rows_visible >= 12
    for button in (plan.submit_button, plan.export_button):
        assert button.isVisible()
        assert _bottom_in_window(w, button) <= w.side.height() + w.side.mapTo(w, QPoint()).y()
    assert w.side.wrap_up_folded()
    w.focus_wrap_up()  # Ctrl+W brings the wrap-up back
    assert not w.side.wrap_up_folded()


@pytest.mark.parametrize("width", [1024, 1280, 1366, 1440, 1600, 1920, 2560])
def test_pane_widths_share_the_window(width: int) -> None:
    worklist, centre, side = pane_widths(width, worklist_wants=520, side_needs=480)
    assert min(worklist, centre, side) > 0
    assert worklist + centre + side <= max(width, 912)
    assert side >= 480
    if width >= 1600:
        assert worklist >= 500


def test_screenshots_render_at_the_size_asked(qtbot, fake_service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`demo --screenshot DIR --size 1366x768`: every desk screen at that window size."""
    from PySide6.QtGui import QImage

    from ui.call_screens import use_screen_size
    from ui.cli import parse_size
    from ui.screenshots import render_screens

    assert parse_size("1366x768") == (1366, 768) and parse_size(None) is None
    assert parse_size("1366") is False and parse_size("640x480") is False
    use_screen_size((1366, 768))
    try:
        files = render_screens(fake_service, tmp_path, languages=("en",))
    finally:
        use_screen_size(None)
    for name in ("desk_main_en.png", "call_script_en.png", "plan_calculator_en.png"):
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (1366, 768), name
    assert len(files) > 5
