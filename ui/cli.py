"""Command-line entry points of the desk: `main.py desk`, `main.py` (no command), and the
UI half of `main.py demo` (main.py supplies the demo backend starter).

Heavy imports (Qt, the client) happen inside the handlers only, so `main.py --help` and
the server commands stay fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    """Register `desk` (the demo command is registered by main.py, which owns the server)."""
    p = sub.add_parser("desk", help="open the desktop client (the default)")
    add_desk_options(p)
    p.set_defaults(handler=run_desk)


def add_desk_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", default=None, help="client data directory (default: per user)")
    p.add_argument(
        "--language",
        choices=("zh_CN", "en"),
        default=None,
        help="interface language for this run (default: settings, then system)",
    )


def run_default(argv: list[str], demo_starter: Any = None) -> int:
    """`python main.py` with no command: open the desk (welcome, sign-in or resume)."""
    parser = argparse.ArgumentParser(prog="main.py")
    add_desk_options(parser)
    args, _unknown = parser.parse_known_args([a for a in argv if a != "--"])
    return run_desk(args, demo_starter=demo_starter)


def _quit_on_ctrl_c(app: Any) -> Any:
    """Let Ctrl+C in the terminal close the desk cleanly (Qt's loop hides SIGINT otherwise)."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows())
    timer = QTimer()
    timer.timeout.connect(lambda: None)  # wakes Python up so the handler can run
    timer.start(250)
    return timer


def run_desk(args: argparse.Namespace, demo_starter: Any = None) -> int:
    from ui.application import create_application
    from ui.launcher import Launcher

    app = create_application(language=getattr(args, "language", None))
    launcher = Launcher(data_dir=args.data_dir, demo_starter=demo_starter)
    _keep = _quit_on_ctrl_c(app)
    try:
        if not launcher.start():
            return 1
        return int(app.exec())
    finally:
        launcher.shutdown()


def run_demo(args: argparse.Namespace, demo_starter: Any) -> int:
    """`python main.py demo [--loans N] [--screenshot DIR]` (called by main.py)."""
    from ui.application import create_application
    from ui.launcher import Launcher

    app = create_application(language=getattr(args, "language", None))
    launcher = Launcher(data_dir=args.data_dir, demo_starter=demo_starter, demo_loans=args.loans)
    _keep = _quit_on_ctrl_c(app)
    try:
        if args.screenshot:
            size = parse_size(getattr(args, "size", None))
            if size is False or size is True:
                print("--size must be WIDTHxHEIGHT, e.g. 1366x768", file=sys.stderr)
                return 2
            from ui.call_screens import use_screen_size

            use_screen_size(size)
            return _demo_screenshots(app, launcher, Path(args.screenshot))
        if not launcher.start_demo():
            return 1
        return int(app.exec())
    finally:
        launcher.shutdown()


def parse_size(text: str | None) -> tuple[int, int] | bool | None:
    """ "1366x768" -> (1366, 768); None -> None; anything else (or below 800x600) -> False."""
    if text is None:
        return None
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return False
    width, height = int(parts[0]), int(parts[1])
    return (width, height) if width >= 800 and height >= 600 else False


def _demo_screenshots(app: Any, launcher: Any, out: Path) -> int:
    """Start the demo, wait for the first sync, render the screens, exit."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.screenshots import render_screens

    if not launcher.start_demo(first_sync_dialog=False):
        return 1
    desk = launcher.desk
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(report: Any) -> None:
        outcome["report"] = report
        loop.quit()

    desk.sync.report.connect(done)
    QTimer.singleShot(15 * 60 * 1000, loop.quit)
    loop.exec()
    report = outcome.get("report")
    if report is None or report.outcome != "ok":
        print(f"first sync did not finish: {report.summary() if report else 'timeout'}")
        return 1
    print(f"first sync: {report.summary()}")
    desk.sync.stop()
    desk.window.side.wrap_up.flush_draft()
    desk.window.hide()
    files = render_screens(desk.service, out, user_label=desk.window.user_label.text())
    files += _team_screenshots(launcher, desk, out)
    for f in files:
        print(f)
    return 0


def _team_screenshots(launcher: Any, desk: Any, out: Path) -> list[Path]:
    """The team console's screens, signed in as the demo's first team lead, in the lead's
    own desk (its store synced once, like any lead's)."""
    from app.client import paths
    from app.client.desk_service import DeskService
    from app.client.store import open_store
    from app.client.sync_engine import SyncEngine
    from app.client.team_api import TeamApi
    from app.domain.contact_policy_types import DEFAULT_POLICY_PROFILE
    from ui.launcher import login
    from ui.team.screens import render_team_screens

    backend = launcher.demo_backend
    if backend is None or not backend.lead_username:
        return []
    session = login(backend.url, backend.lead_username, backend.lead_password)
    user = session.user
    label = " · ".join(x for x in (user.display_name, user.team) if x) if user else ""
    store = open_store(
        paths.store_path(backend.url, session.username, base=launcher.data_dir),
        password=backend.lead_password,  # without a keyring the key comes from the password
    )
    engine = SyncEngine(store, session.api)
    try:
        report = engine.run_once()
        print(f"team lead's sync: {report.summary()}")
        service = DeskService(
            store,
            user=session.username,
            role=user.role if user else "agent",
            policy_profile=(user.contact_policy_profile if user else None)
            or DEFAULT_POLICY_PROFILE,
        )
        return render_team_screens(
            service, TeamApi(session.api), out, user_label=label or session.username
        )
    finally:
        engine.close()  # closes this thread's store connection
        session.logout()
