"""Server commands: `serve`, `db upgrade|prune-changes|prune-auth`, `users add`.

(The jobs' commands are in app/server/jobs/cli.py, `demo-data` in app/server/demo/cli.py;
main.py registers all of them.)

uv run main.py serve [--host H] [--port P] [--database-url URL] [--demo]
                     [--forwarded-allow-ips IPS]
uv run main.py db upgrade [--database-url URL]
uv run main.py users add USERNAME --role agent|team_lead|admin [--team T]
                         [--display-name N] [--password P]   (else prompt / stdin)
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.server.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = sub.add_parser("serve", help="run the central API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database-url", default=None, help="default: SQLite in the user data dir")
    serve.add_argument(
        "--demo", action="store_true", help="migrate and seed the demo book when the DB is empty"
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        metavar="IPS",
        help="addresses of the reverse proxies whose X-Forwarded-For is believed "
        "(comma-separated; default: none, the client is the socket's peer)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1); state lives in the database, metrics are summed",
    )
    serve.add_argument("--json-logs", action="store_true", help="log one JSON object per line")
    serve.set_defaults(handler=_serve)

    db = sub.add_parser("db", help="database schema commands")
    db_sub = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    up = db_sub.add_parser("upgrade", help="apply Alembic migrations up to head")
    up.add_argument("--database-url", default=None)
    up.set_defaults(handler=_db_upgrade)

    prune = db_sub.add_parser("prune-changes", help="drop sync change-log rows older than N days")
    prune.add_argument("--days", type=int, default=None, help="default: settings retention")
    prune.add_argument("--database-url", default=None)
    prune.set_defaults(handler=_db_prune)
    prune_auth = db_sub.add_parser(
        "prune-auth", help="drop expired tokens and finished login-throttle rows"
    )
    prune_auth.add_argument("--database-url", default=None)
    prune_auth.set_defaults(handler=_db_prune_auth)

    users = sub.add_parser("users", help="manage users")
    users_sub = users.add_subparsers(dest="users_command", metavar="USERS_COMMAND", required=True)
    add = users_sub.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("agent", "team_lead", "admin"))
    add.add_argument("--team", default=None)
    add.add_argument("--display-name", default=None)
    add.add_argument("--password", default=None, help="else prompted (or read from stdin)")
    add.add_argument("--database-url", default=None)
    add.set_defaults(handler=_users_add)


def _settings(url: str | None, **overrides: object):  # type: ignore[no-untyped-def]
    from app.server.settings import get_settings

    return get_settings(database_url=url, **overrides)


def _db_upgrade(args: argparse.Namespace) -> int:
    from app.server.db import make_engine
    from app.server.migrate import current_revision, upgrade

    url = _settings(args.database_url).resolved_database_url()
    upgrade(url)
    engine = make_engine(url)
    try:
        print(f"database schema at revision {current_revision(engine)}")
    finally:
        engine.dispose()
    return 0


def _db_prune(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from app.server.changes import prune_change_log
    from app.server.db import make_engine, make_session_factory
    from app.server.models import utcnow

    settings = _settings(args.database_url)
    days = args.days if args.days is not None else settings.change_log_retention_days
    engine = make_engine(settings.resolved_database_url())
    try:
        with make_session_factory(engine)() as session:
            horizon = prune_change_log(session, before=utcnow() - timedelta(days=days))
    finally:
        engine.dispose()
    print(f"change log pruned through seq {horizon}")
    return 0


def _db_prune_auth(args: argparse.Namespace) -> int:
    from app.server.auth import prune_auth
    from app.server.db import make_engine, make_session_factory
    from app.server.models import utcnow

    settings = _settings(args.database_url)
    engine = make_engine(settings.resolved_database_url())
    try:
        with make_session_factory(engine)() as session:
            tokens, throttle = prune_auth(session, settings, now=utcnow())
    finally:
        engine.dispose()
    print(f"deleted {tokens} expired tokens and {throttle} login-throttle rows")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.server.app_factory import create_app
    from app.server.migrate import SchemaOutOfDate, upgrade
    from app.server.serving import serve_log_config, uvicorn_config

    settings = _settings(args.database_url, forwarded_allow_ips=args.forwarded_allow_ips)
    url = settings.resolved_database_url()
    if args.demo:
        upgrade(url)
        _seed_demo_if_empty(url, settings)
    json_logs = bool(args.json_logs or settings.json_logs)
    if args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.workers > 1:
        return _serve_workers(args, settings, url, json_logs)
    try:
        app = create_app(settings)
    except SchemaOutOfDate as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"fix: {exc.fix_command}", file=sys.stderr)
        return 2
    config = uvicorn_config(
        app,
        settings,
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=serve_log_config(json_lines=json_logs),
    )
    server = uvicorn.Server(config)
    server.run()
    return 0 if server.started else 3  # e.g. the port is taken


def _serve_workers(args: argparse.Namespace, settings: Settings, url: str, json_logs: bool) -> int:
    """`serve --workers N`: uvicorn's process manager, each worker building the app from the
    environment (serving.worker_app). The schema is checked once here, before any worker
    starts; the workers' metrics go to one multiprocess directory (app/server/metrics.py)."""
    import os
    import tempfile

    import uvicorn

    from app.server.db import make_engine
    from app.server.migrate import SchemaOutOfDate, ensure_current
    from app.server.serving import proxy_options, serve_log_config

    engine = make_engine(url)
    try:
        ensure_current(engine, url)
    except SchemaOutOfDate as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"fix: {exc.fix_command}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    os.environ["COLLECTION_DESK_DATABASE_URL"] = url
    os.environ["COLLECTION_DESK_FORWARDED_ALLOW_IPS"] = settings.forwarded_allow_ips
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="cd-metrics-"))
    uvicorn.run(
        "app.server.serving:worker_app",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="info",
        log_config=serve_log_config(json_lines=json_logs),
        access_log=False,
        **proxy_options(settings),
    )
    return 0


def _seed_demo_if_empty(url: str, settings: Settings) -> None:
    from sqlalchemy import func, select

    from app.server.db import make_engine
    from app.server.demo.risk_model import fit_and_score_demo
    from app.server.demo.seed import seed_demo  # `serve --demo` only
    from app.server.models import Loan

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(Loan)).scalar_one():
                print("database already holds a loan book; demo seeding skipped")
                return
        creds = seed_demo(engine, settings=settings)
        fit_and_score_demo(engine, today=creds.today, settings=settings)
        for line in creds.lines():
            print(line)
    finally:
        engine.dispose()


def _read_password(args: argparse.Namespace) -> str:
    if args.password:
        return str(args.password)
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise SystemExit("error: passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _users_add(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.server.db import make_engine, make_session_factory
    from app.server.migrate import ensure_current
    from app.server.models import Team, User
    from app.server.passwords import hash_password, make_hasher

    settings = _settings(args.database_url)
    url = settings.resolved_database_url()
    password = _read_password(args)
    if len(password) < 8:
        print("error: password must have at least 8 characters", file=sys.stderr)
        return 1
    engine = make_engine(url)
    try:
        ensure_current(engine, url)
        with make_session_factory(engine)() as session:
            if session.scalar(select(User.id).where(User.username == args.username)):
                print(f"error: user {args.username!r} already exists", file=sys.stderr)
                return 1
            team_id = None
            if args.team:
                team = session.scalar(select(Team).where(Team.name == args.team))
                if team is None:
                    team = Team(name=args.team)
                    session.add(team)
                    session.flush()
                team_id = team.id
            session.add(
                User(
                    username=args.username,
                    display_name=args.display_name or args.username,
                    password_hash=hash_password(make_hasher(settings), password),
                    role=args.role,
                    team_id=team_id,
                )
            )
            session.commit()
    finally:
        engine.dispose()
    print(f"user {args.username} ({args.role}{', team ' + args.team if args.team else ''}) created")
    return 0
