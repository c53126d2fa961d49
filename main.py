"""Collection Desk entry point.

`python main.py` opens the desktop client; subcommands run the demo, the central API,
jobs and tools. Each command module registers its own sub-parser and imports its heavy
dependencies only when run, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import sys

# Modules that expose `register(subparsers) -> None`; each sets `handler` on its parsers.
COMMAND_MODULES = (
    "app.cli.schedule_cmd",  # schedule calculator (domain)
    "app.server.cli",  # serve, db, import, overdue-run, users, demo-data
    "app.client.cli",  # sync (headless client engine)
    "ui.cli",  # desk (default), demo
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Collection Desk (催收工作台)")
    parser.add_argument("--log-level", default="WARNING", help="logging level (default WARNING)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part of the product is not installed in this tree
            raise
        module.register(sub)
    register_demo(sub)
    return parser


# --- the demo: the only place that wires the server and the desk together -------------------

DEMO_PORT = 47311  # fixed, so the desk's local store for the demo survives restarts


def demo_available() -> bool:
    """Both halves of the demo (the desk and the embedded server) are in this tree."""
    return all(importlib.util.find_spec(m) for m in ("ui.cli", "app.server.embedded"))


def register_demo(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`main.py demo`: embedded API + demo book, the desk signed in as a demo agent."""
    if not demo_available():
        return
    from ui.cli import add_desk_options

    p = sub.add_parser("demo", help="run the desk against an embedded API with a demo book")
    p.add_argument("--loans", type=int, default=5000, help="size of the demo book (default 5000)")
    p.add_argument(
        "--screenshot",
        metavar="DIR",
        default=None,
        help="render the main screens (zh_CN and en) to DIR after the first sync, then exit",
    )
    add_desk_options(p)
    p.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from ui.cli import run_demo as run_desk_demo

    if args.loans < 1:
        print("--loans must be at least 1", file=sys.stderr)
        return 2
    data_dir = args.data_dir

    def starter(loans: int) -> object:
        return start_demo_backend(loans, data_dir=data_dir)

    return run_desk_demo(args, demo_starter=starter)


def start_demo_backend(loans: int, *, data_dir: str | None = None) -> object:
    """Migrate + seed (when empty) a SQLite demo database in the user data dir and serve it
    in a background thread; returns a ui.launcher.DemoBackend with a demo agent's login."""
    from app.client.paths import data_dir as client_data_dir
    from app.server.db import make_engine
    from app.server.demo.seed import seed_demo
    from app.server.embedded import start_embedded_server
    from app.server.migrate import upgrade
    from ui.launcher import DemoBackend

    folder = client_data_dir(data_dir) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / f'demo-server-{loans}.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        creds = seed_demo(engine, loans=loans)
    finally:
        engine.dispose()
    agent = creds.agents[0]
    try:
        running = start_embedded_server(url, port=DEMO_PORT, migrate=False)
    except OSError:  # the fixed port is taken: any free port (the desk re-downloads)
        running = start_embedded_server(url, port=0, migrate=False)
    return DemoBackend(running.url, agent.username, agent.password, running.stop)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:
        # No subcommand: open the desktop client when it is available.
        default = sub_default(parser)
        if default is None:
            parser.print_help()
            return 2
        starter = start_demo_backend if demo_available() else None
        return int(default(argv or [], demo_starter=starter) or 0)
    return int(handler(args) or 0)


def sub_default(parser: argparse.ArgumentParser) -> object | None:
    try:
        module = importlib.import_module("ui.cli")
    except ModuleNotFoundError:
        return None
    return getattr(module, "run_default", None)


if __name__ == "__main__":
    sys.exit(main())
