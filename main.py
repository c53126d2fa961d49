"""Collection Desk entry point.

`python main.py` opens the desktop client; subcommands run the demo, the central API,
jobs and tools. Each command module registers its own sub-parser and imports its heavy
dependencies only when run, so start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
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
    return parser


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
        return int(default(argv or []) or 0)
    return int(handler(args) or 0)


def sub_default(parser: argparse.ArgumentParser) -> object | None:
    try:
        module = importlib.import_module("ui.cli")
    except ModuleNotFoundError:
        return None
    return getattr(module, "run_default", None)


if __name__ == "__main__":
    sys.exit(main())
