"""Collection Desk entry point.

`python main.py` opens the desktop client; subcommands run the demo, the central API,
jobs and tools. Each command module registers its own sub-parser and imports its heavy
dependencies only when run, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import logging
import sys

from app.cli import schedule_cmd
from app.client import cli as client_cli
from app.server import cli as server_cli
from app.server.demo import cli as demo_cli
from app.server.jobs import cli as jobs_cli
from app.server.quality import cli as quality_cli
from app.server.risk import cli as risk_cli
from ui import cli as ui_cli

# Each exposes `register(subparsers) -> None` and sets `handler` on its parsers. Imported
# statically: a renamed module fails at start-up instead of silently dropping its commands.
COMMAND_MODULES = (
    schedule_cmd,  # schedule calculator (domain)
    server_cli,  # serve, db, users
    jobs_cli,  # import, overdue-run
    demo_cli,  # demo-data
    risk_cli,  # risk fit / risk score, reminders
    quality_cli,  # qa transcribe / check / import / run
    client_cli,  # sync (headless client engine)
    ui_cli,  # desk (default)
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Collection Desk (催收工作台)")
    parser.add_argument("--log-level", default="WARNING", help="logging level (default WARNING)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    register_demo(sub)
    return parser


# --- the demo: the only place that wires the server and the desk together -------------------

DEMO_PORT = 47311  # fixed, so the desk's local store for the demo survives restarts


def register_demo(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`main.py demo`: embedded API + demo book, the desk signed in as a demo agent."""
    p = sub.add_parser("demo", help="run the desk against an embedded API with a demo book")
    p.add_argument("--loans", type=int, default=5000, help="size of the demo book (default 5000)")
    p.add_argument(
        "--screenshot",
        metavar="DIR",
        default=None,
        help="render the main screens (zh_CN and en) to DIR after the first sync, then exit",
    )
    p.add_argument(
        "--size",
        metavar="WxH",
        default=None,
        help="with --screenshot: render every screen at this window size (e.g. 1366x768)",
    )
    ui_cli.add_desk_options(p)
    p.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    if args.loans < 1:
        print("--loans must be at least 1", file=sys.stderr)
        return 2
    data_dir = args.data_dir

    def starter(loans: int) -> object:
        return start_demo_backend(loans, data_dir=data_dir)

    return ui_cli.run_demo(args, demo_starter=starter)


def start_demo_backend(loans: int, *, data_dir: str | None = None) -> object:
    """Migrate + seed (when empty) a SQLite demo database in the user data dir and serve it
    in a background thread; returns a ui.launcher.DemoBackend with a demo agent's login (and
    the first team lead's, for the team console's screenshots)."""
    from app.client.paths import data_dir as client_data_dir
    from app.server.db import make_engine
    from app.server.demo.risk_model import fit_and_score_demo
    from app.server.demo.seed import seed_demo
    from app.server.embedded import start_embedded_server
    from app.server.migrate import upgrade
    from app.server.settings import Settings
    from ui.launcher import DemoBackend

    folder = client_data_dir(data_dir) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / f'demo-server-{loans}.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        settings = Settings()
        creds = seed_demo(engine, loans=loans, settings=settings)
        fit_and_score_demo(engine, today=creds.today, settings=settings)
    finally:
        engine.dispose()
    agent, lead = creds.agents[0], creds.leads[0]
    try:
        running = start_embedded_server(url, port=DEMO_PORT, migrate=False)
    except OSError:  # the fixed port is taken: any free port (the desk re-downloads)
        running = start_embedded_server(url, port=0, migrate=False)
    return DemoBackend(
        running.url,
        agent.username,
        agent.password,
        running.stop,
        lead_username=lead.username,
        lead_password=lead.password,
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:  # no subcommand: open the desktop client
        return int(ui_cli.run_default(argv or [], demo_starter=start_demo_backend) or 0)
    return int(handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
