"""`main.py sync`: run the client's sync engine without a window (scripts and support).

    main.py sync --once [--server URL] [--user U] [--password P | env COLLECTION_DESK_PASSWORD]
    main.py sync --status
    main.py sync                      # loop: one cycle every --interval seconds until Ctrl-C

Server and user default to the last account used on this machine. The password is only
needed when the keyring holds no refresh token; it is never stored.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

ENV_PASSWORD = "COLLECTION_DESK_PASSWORD"


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="sync the local store with the server (headless)")
    p.add_argument("--once", action="store_true", help="run one sync cycle and exit")
    p.add_argument("--status", action="store_true", help="print pending/rejected/last success")
    p.add_argument("--server", help="server URL (default: last used)")
    p.add_argument("--user", help="username (default: last used)")
    p.add_argument("--password", help=f"password (or env {ENV_PASSWORD}; prefer the keyring)")
    p.add_argument("--data-dir", help="client data directory (default: platform user data dir)")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between cycles (loop)")
    p.add_argument(
        "--confirm-removal",
        action="store_true",
        help="go ahead when a pull would remove many cases (mass-removal pause)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import logging
    import time

    from app.client import paths
    from app.client.desk_guard import account_disabled, remember_password
    from app.client.desk_service import DeskService
    from app.client.http_client import ApiError
    from app.client.session import Session, last_account, remember_account
    from app.client.store import StoreError, StoreLocked, open_store
    from app.client.sync_engine import SyncEngine

    log = logging.getLogger("app.client.cli")
    account = last_account(base=args.data_dir)
    server = args.server or (account[0] if account else None)
    user = args.user or (account[1] if account else None)
    if not server or not user:
        print("no account yet: pass --server URL and --user NAME", file=sys.stderr)
        return 2
    password = args.password or os.environ.get(ENV_PASSWORD)
    try:  # the password derives the store key where no keyring holds it
        store = open_store(paths.store_path(server, user, base=args.data_dir), password=password)
    except StoreLocked as exc:
        hint = "" if password else f": pass --password or set {ENV_PASSWORD}"
        print(f"no stored sign-in ({exc}){hint}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"local store problem: {exc}", file=sys.stderr)
        return 1
    desk = DeskService(store, user=user, policy_profile=None)
    if args.status:
        _print_status(desk)
        return 0

    session = Session(server, user)
    try:
        if session.resume():
            try:
                session.refresh_now()
            except ApiError as exc:
                if not password or account_disabled(exc):
                    raise
                session.login(password)
        elif password:
            session.login(password)
        elif sys.stdin.isatty():
            import getpass

            session.login(getpass.getpass(f"password for {user} at {server}: "))
        else:
            print(f"no stored sign-in: pass --password or set {ENV_PASSWORD}", file=sys.stderr)
            return 2
    except ApiError as exc:
        if account_disabled(exc):
            return _wiped(store, session)
        print(f"sign-in failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    remember_account(server, user, base=args.data_dir)
    if password:
        remember_password(store, password)
    if not session.keyring_available:
        print("note: no usable keyring; the password will be needed next time")
    engine = SyncEngine(store, session.api)
    while True:
        report = engine.run_once(confirm_mass_removal=args.confirm_removal)
        print(report.summary())
        if report.outcome == "disabled":
            engine.close()
            return _wiped(store, session)
        _print_status(desk)
        if args.once:
            return 0 if report.outcome == "ok" else 1
        try:
            time.sleep(args.interval)
        except KeyboardInterrupt:
            log.info("stopped")
            return 0


def _wiped(store: Any, session: Any) -> int:
    """The server says the account is disabled: wipe the local store, forget the token."""
    from app.client.desk_guard import wipe_desk

    wiped = wipe_desk(store)
    session.forget_token()
    print(
        "the account is disabled on the server: the local data was wiped "
        f"({wiped.unsent} unsent change(s) and {wiped.drafts} draft(s) discarded)",
        file=sys.stderr,
    )
    return 3


def _print_status(desk: Any) -> None:
    st = desk.sync_status()
    last = st.last_success_at.isoformat(timespec="seconds") if st.last_success_at else "never"
    print(
        f"user={st.user} state={st.state} pending={st.pending_ops} rejected={st.rejected_ops} "
        f"last_success={last}" + (f" last_error={st.last_error}" if st.last_error else "")
    )
    for op in desk.needs_attention():
        print(
            f"  needs attention: {op.kind} op={op.op_id} case={op.case_id} "
            f"code={op.code} {op.message or ''}"
        )
