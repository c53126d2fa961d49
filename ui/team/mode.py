"""Team mode of the main window, for a team lead or an admin (an agent never sees it).

The window's central area becomes a stack: the agent's desk (worklist | case | the call) and
the team console. "Team console" (Ctrl+T) in the toolbar and the Desk menu switches
between them; the status bar, the sync and the lead's own store stay the same. The console
is built the first time it is shown, so a lead's desk starts as fast as an agent's. While
it is shown, the desk's case keys (next case, call) and its search box are off. A
double-click on a case of the team worklist opens it in the lead's own desk (the lead's
store syncs the team's cases).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStackedWidget, QToolBar

from app.client.team_views import TEAM_ROLES
from ui.qt_util import named

DESK_PAGE, TEAM_PAGE = 0, 1
STATUS_MS = 10_000


class TeamMode(QObject):
    """Installs the team console into `window` (a ui.main_window.MainWindow)."""

    def __init__(self, window: Any, api: Any, role: str) -> None:
        super().__init__(window)
        if role not in TEAM_ROLES:
            raise ValueError(f"team mode is for team leads and admins, not {role!r}")
        self.window: Any = window
        self.api = api
        self.role = role
        self.console: Any = None
        self.stack = named(QStackedWidget(), "centralStack")
        desk = window.takeCentralWidget()
        if desk is None:
            raise ValueError("the window has no desk to share its place with")
        self.stack.addWidget(desk)
        window.setCentralWidget(self.stack)

        self.action = QAction(self.tr("Team console (Ctrl+T)"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_T))
        self.action.setToolTip(self.tr("Switch between your desk and the team console"))
        self.action.toggled.connect(self.set_active)
        bar = window.findChild(QToolBar, "mainToolbar")
        if bar is not None:
            bar.insertAction(self.window.help_action, self.action)
        menus = window.menuBar().actions()
        menu = menus[0].menu() if menus else None
        if isinstance(menu, QMenu) and menu.actions():
            menu.insertAction(menu.actions()[0], self.action)

    @property
    def active(self) -> bool:
        return self.stack.currentIndex() == TEAM_PAGE

    def set_active(self, on: bool) -> None:
        """Show the team console (building it the first time) or the desk."""
        if on and self.console is None:
            self._build()
        self.stack.setCurrentIndex(TEAM_PAGE if on else DESK_PAGE)
        w = self.window
        for thing in (w.next_action, w.call_action, w.search):
            thing.setEnabled(not on)
        if self.action.isChecked() != on:
            self.action.blockSignals(True)
            self.action.setChecked(on)
            self.action.blockSignals(False)

    def _build(self) -> None:
        from ui.team.console import TeamConsole

        self.console = TeamConsole(self.api, role=self.role)
        self.stack.addWidget(self.console)
        self.console.message.connect(
            lambda text: self.window.statusBar().showMessage(text, STATUS_MS)
        )
        self.console.open_case.connect(self.open_case)
        self.console.start()

    def open_case(self, case_id: str) -> None:
        """Back to the desk with `case_id` open (from the lead's own store)."""
        self.set_active(False)
        w = self.window
        if not w.worklist.select_case(case_id):
            w.show_case(case_id)
        if w.current is None or w.current.case.id != case_id:
            w.statusBar().showMessage(
                self.tr("This case is not on your desk yet: it arrives with the next sync."),
                STATUS_MS,
            )
