"""The desk keeps what the risk model sends: a care call's kind (shown in the worklist) and
the loan's score with its top factors (shown on the profile)."""

from __future__ import annotations

from app.client.desk_service import DeskService
from app.client.store import LocalStore
from app.client.store.apply import apply_upserts
from app.client.views import WorklistQuery
from tests.client import factories as f

RISK = {
    "score": 0.4077,
    "segment": "high",
    "factors": [
        {"code": "max_dpd_12m", "label_zh": "近12个月最长逾期32天", "label_en": "longest delay 32 days", "weight": 3.51},
        {"code": "loan_age", "label_zh": "贷款已满58个月", "label_en": "loan age 58 months", "weight": -0.93},
    ],
    "model_version": 3,
}  # fmt: skip


def test_care_kind_and_risk_factors_reach_the_views(store: LocalStore) -> None:
    book = f.book(3)
    for up in book:
        if up["entity"] == "case" and up["id"] == str(book[2]["data"]["id"]):
            up["data"]["kind"] = "care"
        if up["entity"] == "loan" and up["id"] == book[1]["id"]:
            up["data"]["risk"] = RISK
    with store.transaction() as tx:
        apply_upserts(tx, book, gen=1)
    desk = DeskService(store, user="agent1", policy_profile=None)
    rows = {r.case_id: r for r in desk.worklist(WorklistQuery()).rows}
    care_id = str(book[2]["data"]["id"])
    assert rows[care_id].kind == "care"
    assert {r.kind for cid, r in rows.items() if cid != care_id} == {"collection"}
    detail = desk.case_detail(care_id)
    assert detail.case.kind == "care"
    risk = detail.loan.risk
    assert risk is not None and risk.segment == "high" and round(risk.score, 4) == 0.4077
    assert [x.code for x in risk.factors] == ["max_dpd_12m", "loan_age"]
    assert risk.factors[1].weight < 0
    other = next(cid for cid in rows if cid != care_id)
    assert desk.case_detail(other).loan.risk is None
