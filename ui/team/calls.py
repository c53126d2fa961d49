"""Background requests of the team console and what their failures mean in words.

`LatestCall` runs one kind of request of a panel off the GUI thread (ui.background.run_task)
and delivers only the answer to the latest call, and only while the panel still exists: a
filter changed twice quickly never shows the first answer after the second, and a closed
console is never touched by a late answer. It stays `busy` until its answer has been taken
(a view asks a paged model for more rows while the model inserts the last page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from app.client.http_client import (
    BadResponse,
    ClientError,
    Conflict,
    Forbidden,
    ServerError,
    ServerUnreachable,
    Unauthorized,
)
from app.client.team_api import ReassignRefused
from ui import labels
from ui.background import run_task

T = TypeVar("T")


class LatestCall:
    """See module docstring. `busy` while the latest call has not answered."""

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._generation = 0
        self.busy = False

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._generation += 1
        generation = self._generation
        self.busy = True

        def current() -> bool:
            return generation == self._generation and shiboken6.isValid(self._owner)

        def done(result: Any) -> None:
            if not current():
                return
            try:  # still busy while the answer is taken: a model inserting the rows of a
                on_done(result)  # page is asked canFetchMore() by its views meanwhile
            finally:
                if generation == self._generation:
                    self.busy = False

        def failed(exc: BaseException) -> None:
            if current():
                self.busy = False
                on_error(exc)

        run_task(fn, done, failed)

    def cancel(self) -> None:
        """Forget the call in flight (its answer will be dropped)."""
        self._generation += 1
        self.busy = False


def error_text(exc: BaseException) -> str:
    """A failed team-console request, in words for the lead."""
    if isinstance(exc, ReassignRefused):
        return refusal_text(exc, {})
    if isinstance(exc, ServerUnreachable):
        return QCoreApplication.translate(
            "TeamErrors",
            "The server cannot be reached. The team console needs the server; your own "
            "cases keep working offline.",
        )
    if isinstance(exc, Unauthorized):
        return QCoreApplication.translate(
            "TeamErrors", "The server no longer accepts your sign-in. Sign in again."
        )
    if isinstance(exc, Forbidden):
        if exc.code == "beyond_authority":
            return QCoreApplication.translate(
                "TeamErrors",
                "This plan is beyond your authority: an administrator must approve it.",
            )
        return QCoreApplication.translate("TeamErrors", "Your role may not do this.")
    if isinstance(exc, Conflict):
        if exc.code == "not_pending":
            return QCoreApplication.translate(
                "TeamErrors", "This plan was decided meanwhile: it is no longer pending."
            )
        if exc.code == "plan_invalid":
            return QCoreApplication.translate(
                "TeamErrors", "The plan no longer works on today's figures: %1"
            ).replace("%1", str(exc))
        return QCoreApplication.translate("TeamErrors", "The server refused: %1").replace(
            "%1", str(exc)
        )
    if isinstance(exc, ClientError):
        if exc.code == "not_found":
            return QCoreApplication.translate(
                "TeamErrors", "Not found: it may have left your team."
            )
        if exc.code == "export_too_large":
            return QCoreApplication.translate(
                "TeamErrors", "Too many rows to export: narrow the filter."
            )
        return QCoreApplication.translate(
            "TeamErrors", "The server refused the request: %1"
        ).replace("%1", str(exc))
    if isinstance(exc, ServerError):
        return QCoreApplication.translate(
            "TeamErrors", "The server failed (%1). Try again in a moment."
        ).replace("%1", str(exc))
    if isinstance(exc, BadResponse):
        return QCoreApplication.translate("TeamErrors", "The server's answer was not understood.")
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "TeamErrors", "The file could not be written: %1"
        ).replace("%1", str(exc))
    return f"{type(exc).__name__}: {exc}"


def refusal_text(exc: ReassignRefused, names: Mapping[str, str]) -> str:
    """A refused reassignment in words; `names` gives a borrower's name per case id."""

    def case_label(case_id: str) -> str:
        return names.get(case_id) or case_id[:8]

    def agent_label(username: str | None) -> str:
        return username or QCoreApplication.translate("TeamErrors", "nobody")

    if exc.code == "case_moved":
        text = QCoreApplication.translate(
            "TeamErrors",
            "Nothing was moved: %1 case(s) changed holder or closed since you listed them.",
        ).replace("%1", str(exc.count))
        examples = []
        for c in exc.cases[:3]:
            if c.status not in (None, "open", "recovery"):
                now = labels.label(labels.case_statuses(), c.status)
            else:
                now = agent_label(c.actual)
            examples.append(
                QCoreApplication.translate("TeamErrors", "%1: you saw %2, now %3")
                .replace("%1", case_label(c.case_id))
                .replace("%2", agent_label(c.expected))
                .replace("%3", now)
            )
        if examples:
            text += "\n" + "\n".join(examples)
        return (
            text
            + "\n"
            + QCoreApplication.translate(
                "TeamErrors", "The lists have been refreshed: check them and try again."
            )
        )
    if exc.code == "invalid_target":
        who = ", ".join(
            f"{a.username} ({labels.label(labels.target_refusals(), a.reason)})" for a in exc.agents
        )
        return QCoreApplication.translate(
            "TeamErrors", "Nothing was moved: %1 cannot receive cases."
        ).replace("%1", who)
    if exc.code == "duplicate_case":
        return QCoreApplication.translate(
            "TeamErrors", "Nothing was moved: a case appears twice in the moves."
        )
    if exc.code == "not_found":
        return QCoreApplication.translate(
            "TeamErrors", "Nothing was moved: %1 case(s) are no longer in your team."
        ).replace("%1", str(len(exc.cases) or 1))
    if exc.code == "no_eligible_agent":
        return QCoreApplication.translate(
            "TeamErrors", "No agent of the team can receive cases: all are on leave or disabled."
        )
    return QCoreApplication.translate("TeamErrors", "The server refused: %1").replace(
        "%1", exc.message
    )
