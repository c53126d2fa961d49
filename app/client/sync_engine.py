"""The sync engine (DESIGN.md §4): push the outbox, then pull changes page by page.

- Push: batches of pending ops; per op `applied`/`duplicate` -> the op is deleted in the
  transaction that stores the ack; `rejected` -> kept as a visible rejected op. A 422 on
  a whole batch is split in halves until the bad op is isolated, so one bad op never
  blocks the rest. A batch is also split while its body is over PUSH_BODY_TARGET, or
  when the server answers 413 (its byte cap is configurable, and a server may answer 413
  before the body is sent, which the HTTP stack may see as a dropped connection).
- Pull: each page and its cursor are committed in one local transaction. 410 (cursor
  expired) starts a full resync that keeps the outbox: rows are re-stamped with a new
  generation and, after the last page, synced rows the resync did not see are swept.
- Mass-removal pause: a pull whose case tombstones would remove more than
  `mass_removal_ratio` of the cached cases stops before applying that page and returns
  outcome "paused"; `run_once(confirm_mass_removal=True)` goes ahead.

One engine owns one connection (the thread that calls `run_once`).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from app.client import case_edits, local_next_action, outbox
from app.client.http_client import (
    ApiClient,
    ApiError,
    BadResponse,
    ClientError,
    CursorExpired,
    ServerError,
    ServerUnreachable,
    Unauthorized,
)
from app.client.store import LocalStore, StoreError, cipher
from app.client.store.apply import (
    PageResult,
    PayloadError,
    apply_tombstones,
    apply_upserts,
    sweep_older_generations,
)
from app.client.views import CancelToken, ChangeSet, SyncReport

log = logging.getLogger(__name__)

DISABLED_MESSAGE = "user disabled"  # the server's 401 for a disabled account (auth.py)

ProgressFn = Callable[[str, int, int | None], None]

# Each push body stays under this many bytes (the server's default cap,
# Settings.push_max_body_bytes, is 8 MiB; one op is at most ~120 KB encoded).
PUSH_BODY_TARGET = 1024 * 1024


class SyncCancelled(Exception):
    """The caller cancelled the sync between two steps (nothing half-applied)."""


class MassRemovalPause(Exception):
    """A pull page would remove too many cached cases; needs the user's confirmation."""

    def __init__(self, count: int) -> None:
        super().__init__(f"the server would remove {count} cases from this desk")
        self.count = count


class SyncEngine:
    """Runs sync cycles for one store and one API client."""

    def __init__(
        self,
        store: LocalStore,
        api: ApiClient,
        *,
        page_size: int = 200,
        push_batch: int = 200,
        mass_removal_ratio: float = 0.3,
        mass_removal_min: int = 20,
    ) -> None:
        self.store = store
        self.api = api
        self.page_size = page_size
        self.push_batch = push_batch
        self.mass_removal_ratio = mass_removal_ratio
        self.mass_removal_min = mass_removal_min
        if self.store.get_state("state") == "syncing":  # a previous run died mid-sync
            self._set_state(state="offline")

    def close(self) -> None:
        """Close this thread's store connection (call from the thread that ran the engine)."""
        self.store.close()

    # --- one cycle --------------------------------------------------------------------
    def run_once(
        self,
        cancel: CancelToken | None = None,
        progress: ProgressFn | None = None,
        *,
        confirm_mass_removal: bool = False,
    ) -> SyncReport:
        """Push then pull; never raises for network/server trouble (see the report)."""
        started = time.perf_counter()
        stats: dict[str, Any] = {
            "pulled_upserts": 0,
            "pulled_tombstones": 0,
            "pages": 0,
            "pushed_applied": 0,
            "pushed_duplicate": 0,
            "pushed_rejected": 0,
            "full_resync": False,
        }
        changes = ChangeSet(sync_status=True)
        outcome, error, removal = "ok", None, 0
        self._set_state(state="syncing")
        try:
            changes = changes.merge(self._push(stats, cancel, progress))
            changes = changes.merge(self._pull(stats, cancel, progress, confirm_mass_removal))
            changes = changes.merge(self._push(stats, cancel, progress))  # written meanwhile
        except SyncCancelled:
            outcome = "cancelled"
        except MassRemovalPause as exc:
            outcome, removal, error = "paused", exc.count, str(exc)
        except ServerUnreachable as exc:
            outcome, error = "offline", str(exc)
        except Unauthorized as exc:  # "disabled": the account ended, the desk wipes its data
            outcome = "disabled" if str(exc) == DISABLED_MESSAGE else "unauthorized"
            error = str(exc)
        except (ApiError, PayloadError, StoreError) as exc:
            outcome, error = "error", f"{type(exc).__name__}: {exc}"
        except cipher.DatabaseError as exc:
            outcome, error = "error", f"{type(exc).__name__}: {exc}"
        now = datetime.now(UTC).isoformat(timespec="seconds")
        if outcome == "ok":
            self._set_state(
                state="online", last_success_at=now, last_error=None, paused_removal=None
            )
            self._prune_acks()
            if stats["pulled_upserts"] >= 1000:
                self._analyze()
        elif outcome == "paused":
            self._set_state(state="online", paused_removal=str(removal), last_error=None)
        elif outcome == "cancelled":
            self._set_state(state="online")
        else:
            self._set_state(state="offline" if outcome == "offline" else "error", last_error=error)
            log.warning("sync %s: %s", outcome, error)
        report = SyncReport(
            outcome=outcome,  # type: ignore[arg-type]
            pending_removal=removal,
            error=error,
            elapsed_s=time.perf_counter() - started,
            changes=changes,
            **stats,
        )
        log.info("sync: %s", report.summary())
        return report

    # --- push -------------------------------------------------------------------------
    def _push(
        self, stats: dict[str, Any], cancel: CancelToken | None, progress: ProgressFn | None
    ) -> ChangeSet:
        conn = self.store.connection()
        total = outbox.counts(conn)[0]
        if total == 0:
            return ChangeSet()
        after, done = 0, 0
        case_ids: set[str] = set()
        while True:
            _check(cancel)
            batch = outbox.pending(conn, limit=self.push_batch, after_seq=after)
            if not batch:
                break
            self._push_ops(batch, stats)
            after = batch[-1].seq
            done += len(batch)
            case_ids.update(op.case_id for op in batch)
            if progress:
                progress("push", done, total)
        return ChangeSet(case_ids=frozenset(case_ids), notes=True, worklist=True)

    def _push_ops(self, batch: list[outbox.OutboxOp], stats: dict[str, Any]) -> None:
        wire = [op.to_wire() for op in batch]
        if len(batch) > 1 and len(json.dumps({"ops": wire})) > PUSH_BODY_TARGET:
            mid = len(batch) // 2
            self._push_ops(batch[:mid], stats)
            self._push_ops(batch[mid:], stats)
            return
        try:
            body = self.api.push(wire)
        except ClientError as exc:
            if exc.status not in (413, 422):
                raise
            if len(batch) > 1:  # too big for the server, or isolate the op it cannot parse
                mid = len(batch) // 2
                self._push_ops(batch[:mid], stats)
                self._push_ops(batch[mid:], stats)
                return
            with self.store.transaction() as conn:
                outbox.record_rejection(
                    conn,
                    batch[0],
                    code=exc.code or "validation_error",
                    message=str(exc),
                    current=None,
                )
                local_next_action.refresh(conn, [batch[0].case_id])  # its fact no longer counts
            stats["pushed_rejected"] += 1
            return
        except (ServerUnreachable, ServerError, BadResponse) as exc:
            with self.store.transaction() as conn:
                outbox.record_attempt_failure(conn, [op.op_id for op in batch], type(exc).__name__)
            raise
        results = body.get("results")
        if not isinstance(results, list):
            raise BadResponse("push answer without results")
        by_id = {op.op_id: op for op in batch}
        with self.store.transaction() as conn:
            for res in results:
                if not isinstance(res, dict):
                    raise BadResponse("push result is not an object")
                op = by_id.pop(str(res.get("op_id")), None)
                if op is None:
                    continue
                status = res.get("status")
                if status in ("applied", "duplicate"):
                    outbox.record_ack(
                        conn,
                        op,
                        str(status),
                        entity=res.get("entity"),
                        entity_id=res.get("entity_id"),
                    )
                    stats["pushed_applied" if status == "applied" else "pushed_duplicate"] += 1
                elif status == "rejected":
                    outbox.record_rejection(
                        conn,
                        op,
                        code=res.get("code"),
                        message=res.get("message"),
                        current=res.get("current"),
                    )
                    if op.kind == case_edits.KIND:  # show what the server holds again
                        case_edits.restore_current(conn, op.case_id, res.get("current"))
                    local_next_action.refresh(conn, [op.case_id])  # its fact no longer counts
                    stats["pushed_rejected"] += 1
            if by_id:  # the server did not answer for these: try again next cycle
                outbox.record_attempt_failure(conn, list(by_id), "no result")

    # --- pull -------------------------------------------------------------------------
    def _pull(
        self,
        stats: dict[str, Any],
        cancel: CancelToken | None,
        progress: ProgressFn | None,
        confirm: bool,
    ) -> ChangeSet:
        conn = self.store.connection()
        cached = int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
        removed_total = 0
        case_ids: set[str] = set()
        full = False
        restarted = False
        while True:
            _check(cancel)
            cursor = self.store.get_state("cursor")
            try:
                body = self.api.changes(cursor, self.page_size)
            except CursorExpired:
                if restarted:
                    raise
                restarted = True
                self._start_full_resync()
                stats["full_resync"] = full = True
                continue
            upserts, tombstones, next_cursor, has_more = _parse_page(body)
            doomed = _local_cases(
                conn, [str(t["id"]) for t in tombstones if t.get("entity") == "case"]
            )
            if (
                not confirm
                and doomed
                and cached >= self.mass_removal_min
                and removed_total + len(doomed) > self.mass_removal_ratio * cached
            ):
                raise MassRemovalPause(removed_total + len(doomed))
            with self.store.transaction() as tx:
                gen = int(self.store.get_state("gen", tx) or 1)
                result: PageResult = apply_upserts(tx, upserts, gen=gen)
                apply_tombstones(tx, tombstones, result)
                # an edit of ours not yet answered stays visible over the pulled copy
                case_edits.reapply_pending(tx, result.case_ids)
                # and so do facts of ours not yet sent: the next action counts them
                local_next_action.refresh_unsent(tx, result.case_ids)
                LocalStore.set_state(tx, "cursor", next_cursor)
                sweep = self.store.get_state("sweep_gen", tx)
                if not has_more and sweep is not None:
                    result.case_ids.update(sweep_older_generations(tx, int(sweep)))
                    LocalStore.set_state(tx, "sweep_gen", None)
            removed_total += len(doomed)
            stats["pages"] += 1
            stats["pulled_upserts"] += result.upserts
            stats["pulled_tombstones"] += result.tombstones
            if len(case_ids) < 5000:
                case_ids.update(result.case_ids)
            else:
                full = True
            if progress:
                progress("pull", stats["pulled_upserts"], None)
            if not has_more:
                break
        if not case_ids and not full:
            return ChangeSet()
        return ChangeSet(case_ids=frozenset(case_ids), worklist=True, notes=True, full_reload=full)

    def _start_full_resync(self) -> None:
        log.info("cursor expired: full resync (outbox kept)")
        with self.store.transaction() as tx:
            gen = int(self.store.get_state("gen", tx) or 1) + 1
            LocalStore.set_state(tx, "gen", str(gen))
            LocalStore.set_state(tx, "sweep_gen", str(gen))
            LocalStore.set_state(tx, "cursor", None)

    def _analyze(self) -> None:
        """Refresh the planner's statistics after a large pull (first sync, resync)."""
        try:
            self.store.connection().execute("ANALYZE")
        except Exception:
            log.warning("ANALYZE failed", exc_info=True)

    def _prune_acks(self, keep_days: int = 30) -> None:
        """Forget acknowledgements older than `keep_days` (they only serve support)."""
        cutoff = (datetime.now(UTC) - timedelta(days=keep_days)).isoformat(timespec="seconds")
        try:
            with self.store.transaction() as tx:
                tx.execute("DELETE FROM acks WHERE acked_at < ?", (cutoff,))
        except StoreError:
            log.warning("could not prune old acknowledgements")

    # --- state ------------------------------------------------------------------------
    def _set_state(self, **values: str | None) -> None:
        try:
            with self.store.transaction() as tx:
                for key, value in values.items():
                    LocalStore.set_state(tx, key, value)
        except StoreError:
            log.exception("cannot record sync state")


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise SyncCancelled()


def _local_cases(conn: Any, ids: list[str]) -> list[str]:
    found: list[str] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.extend(
            r[0] for r in conn.execute(f"SELECT id FROM cases WHERE id IN ({marks})", chunk)
        )
    return found


def _parse_page(
    body: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str, bool]:
    upserts, tombstones = body.get("upserts"), body.get("tombstones")
    cursor, has_more = body.get("cursor"), body.get("has_more")
    if not isinstance(upserts, list) or not isinstance(tombstones, list):
        raise BadResponse("changes page without upserts/tombstones lists")
    if not isinstance(cursor, str) or not isinstance(has_more, bool):
        raise BadResponse("changes page without cursor/has_more")
    for item in (*upserts, *tombstones):
        if not isinstance(item, dict) or "entity" not in item or "id" not in item:
            raise BadResponse("malformed change record")
    for up in upserts:
        if not isinstance(up.get("data"), dict):
            raise BadResponse("upsert without data")
    return upserts, tombstones, cursor, has_more
