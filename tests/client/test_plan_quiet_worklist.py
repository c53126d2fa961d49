"""The desk's worklist follows the server's plan_quiet: a case whose catch-up plan performs
away from its due dates is not in the calling queue, but a search still finds it; the
profile gets the broken plan that returned a case (issue 14 point 2)."""

from __future__ import annotations

from app.client.desk_service import DeskService
from app.client.store import LocalStore
from app.client.store.apply import apply_upserts
from app.client.views import WorklistQuery
from tests.client import factories as f


def test_quiet_case_leaves_the_queue_and_the_return_reason_reaches_the_view(
    store: LocalStore,
) -> None:
    book = f.book(3)
    cases = [up for up in book if up["entity"] == "case"]
    quiet, returned = cases[0]["data"], cases[1]["data"]
    quiet["plan_quiet"] = True
    returned["plan_return"] = {
        "plan_id": "p-9",
        "kind": "catch_up",
        "broken_on": "2027-02-04",
        "due_date": "2027-01-31",
        "shortfall": 25_000,
    }
    with store.transaction() as tx:
        apply_upserts(tx, book, gen=1)
    desk = DeskService(store, user="agent1", policy_profile=None)
    queue = {r.case_id for r in desk.worklist(WorklistQuery()).rows}
    assert str(quiet["id"]) not in queue
    assert {str(c["data"]["id"]) for c in cases[1:]} <= queue
    name = next(
        up["data"]["name"]
        for up in book
        if up["entity"] == "borrower" and up["id"] == quiet["borrower_id"]
    )
    found = desk.worklist(WorklistQuery(search=str(name))).rows
    assert str(quiet["id"]) in {r.case_id for r in found}
    ret = desk.case_detail(str(returned["id"])).case.plan_return
    assert ret is not None and (ret.plan_id, ret.shortfall_fen) == ("p-9", 25_000)
    assert ret.due_date is not None and ret.due_date.isoformat() == "2027-01-31"
    assert desk.case_detail(str(quiet["id"])).case.plan_return is None
