"""Desk (Qt) benchmark on an agent's whole book in the local store.

    uv run python bench/bench_ui_desk.py [STORE.sqlite3]

Store: the argument, else the largest store left by bench_client_sync.py (the 200,000-loan
demo book gives one agent ~20,000 cases), else a synthetic 20,000-case store. It is copied
first (sqlite backup) so other benchmarks cannot change it underneath.

Measures, with QT_QPA_PLATFORM=offscreen:
* cold start to an interactive worklist: a fresh Python process from exec to the main
  window shown with the first page of the worklist and the first case painted (target
  < 1.5 s; median of 5 runs);
* switching case (next row) until profile + history + notes are painted (p95 < 50 ms);
* search as you type, per keystroke: re-query + repaint of the worklist (< 50 ms);
* resident memory after loading and after switching through 300 cases (< 400 MB).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_client_common import (  # noqa: E402
    AGENT,
    BENCH_DIR,
    copy_store,
    describe,
    use_memory_keyring,
)
from bench_client_worklist import _synthetic as synthetic  # noqa: E402

UI_DIR = BENCH_DIR / "ui"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pick_store(arg: str | None) -> Path:
    if arg:
        src = Path(arg)
    else:
        stores = sorted(BENCH_DIR.glob("desk_*/stores/*.sqlite3"), key=lambda p: p.stat().st_size)
        src = stores[-1] if stores else synthetic(20_000)  # same as bench_client_worklist
    UI_DIR.mkdir(parents=True, exist_ok=True)
    dst = UI_DIR / "store.sqlite3"
    for extra in (dst, dst.with_name(dst.name + "-wal"), dst.with_name(dst.name + "-shm")):
        extra.unlink(missing_ok=True)
    copy_store(src, dst)
    print(f"store: copy of {src} ({dst.stat().st_size / 1e6:.0f} MB)")
    return dst


def open_desk(store_path: Path, user: str):  # type: ignore[no-untyped-def]
    """What the launcher does for a returning agent: store, service, window, first page."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(UI_DIR / "qs"))
    from app.client.desk_service import DeskService
    from app.client.store import LocalStore
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.signal_hub import SignalHub

    app = create_application(["bench"], language="zh_CN")
    store = LocalStore(store_path)
    service = DeskService(store, user=user)
    window = MainWindow(service, SignalHub(), user_label=user, restore=False)
    window.show()
    window.load()
    app.processEvents()
    window.repaint()
    return app, store, service, window


FAKE_URL = "http://127.0.0.1:9"  # nothing listens: the returning agent starts offline


def prepare_returning_agent(store_path: Path, user: str) -> Path:
    """A data dir as a returning agent leaves it: remembered account + the cached store."""
    from app.client import paths
    from app.client.session import remember_account

    data_dir = UI_DIR / "returning"
    target = paths.store_path(FAKE_URL, user, base=data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    for extra in (target, target.with_name(target.name + "-wal")):
        extra.unlink(missing_ok=True)
    copy_store(store_path, target)
    remember_account(FAKE_URL, user, base=data_dir)
    return data_dir


def child_cold(data_dir: Path, user: str) -> None:
    """The real start path of `python main.py` for a returning agent (token in the keyring)."""
    use_memory_keyring()
    import keyring

    from app.client.session import SERVICE

    keyring.set_password(SERVICE, f"{FAKE_URL}|{user}", "x" * 32)
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(UI_DIR / "qs"))
    from ui.application import create_application
    from ui.launcher import Launcher

    app = create_application(["bench"], language="zh_CN")
    launcher = Launcher(data_dir=data_dir)
    assert launcher.start(), "did not open the desk"
    app.processEvents()  # first paint of the window
    window = launcher.desk.window
    assert window.current is not None, "no case shown"
    print(f"READY {window.worklist.model.total}", flush=True)
    launcher.shutdown()


def cold_start(store_path: Path, user: str, runs: int = 5) -> None:
    data_dir = prepare_returning_agent(store_path, user)
    times = []
    total = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child-cold", str(data_dir), user],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("READY"):
                times.append(time.perf_counter() - t0)
                total = int(line.split()[1])
                break
        proc.wait(timeout=60)
    ms = [t * 1000 for t in times]
    print(
        f"cold start to interactive worklist ({total:,} open cases; returning agent: python "
        f"start, imports, store, first page, first case painted): median {statistics.median(ms):.0f} ms, "
        f"min {min(ms):.0f} ms, max {max(ms):.0f} ms (n={len(ms)})  target < 1500 ms"
    )


def in_process(store_path: Path, user: str) -> None:
    from PySide6.QtCore import QModelIndex

    t0 = time.perf_counter()
    app, _store, service, window = open_desk(store_path, user)
    print(
        f"in-process open (this process's first Qt and desk imports included): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    print(f"resident memory after loading: {rss_mb():.0f} MB  target < 400 MB")

    model = window.worklist.model
    while model.rowCount() < 400 and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    switches = []
    for row in range(1, min(301, model.rowCount())):
        t = time.perf_counter()
        window.worklist.select_row(row)
        app.processEvents()  # handles the posted UpdateRequest: the window is painted here
        switches.append(time.perf_counter() - t)
    assert window.current is not None
    print(describe("switch case until profile + history + notes painted", switches, 50))

    all_rows = service.worklist(
        __import__("app.client.views", fromlist=["WorklistQuery"]).WorklistQuery(limit=5000)
    ).rows
    rng = random.Random(7)
    samples = rng.sample(list(all_rows), min(20, len(all_rows)))
    keystrokes = []
    panel = window.worklist
    for r in samples:
        for word in (r.borrower_name, r.contract_no, r.plate, (r.phone_masked or "")[-4:]):
            for k in range(1, len(word) + 1):
                t = time.perf_counter()
                panel._search = word[:k]
                panel.apply_filters()  # what the 150 ms debounce timer fires
                app.processEvents()  # repaint of the worklist
                keystrokes.append(time.perf_counter() - t)
    print(describe("search as you type, per keystroke (query + worklist repaint)", keystrokes, 50))
    from app.client.views import WorklistQuery

    service_only = []
    for r in samples:
        for word in (r.borrower_name, r.contract_no, r.plate, (r.phone_masked or "")[-4:]):
            for k in range(1, len(word) + 1):
                t = time.perf_counter()
                service.worklist(WorklistQuery(search=word[:k], limit=200))
                service_only.append(time.perf_counter() - t)
    print(describe("  of which DeskService.worklist alone (SQL, app.client)", service_only))
    print(
        f"resident memory after 300 case switches and the searches: {rss_mb():.0f} MB"
        "  target < 400 MB"
    )
    window.side.wrap_up.setEnabled(False)
    window.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-cold":
        child_cold(Path(sys.argv[2]), sys.argv[3])
        return
    use_memory_keyring()  # the stores' keys
    store_path = pick_store(sys.argv[1] if len(sys.argv) > 1 else None)
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} (other work shares them)")
    user = AGENT
    cold_start(store_path, user)
    in_process(store_path, user)


if __name__ == "__main__":
    main()
