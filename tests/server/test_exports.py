"""Exports: CSV (UTF-8 with BOM) and XLSX of every console table, masked for every role,
scoped like the list routes, and audited."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.masking import mask_name, mask_plate
from app.server.models import AuditLog, User
from tests.server.conftest import SmallBook

SF = sessionmaker[Session]
CLEAR = ("张伟", "13812345678", "110105199001011234", "6222020200112233445", "京A3F2K9",
         "13987654321", "李娜")  # fmt: skip
ROUTES = [
    "/team/cases/export",
    "/team/agents/export",
    "/team/approvals/export",
    "/team/dashboard/export",
    "/audit/export",
]


def _csv(resp: Any) -> list[list[str]]:
    assert resp.content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM"
    return list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))


def _xlsx(resp: Any) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(resp.content), read_only=True).active
    assert ws is not None
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_masks() -> None:
    assert mask_name("张伟") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳") == "欧*"
    assert mask_name("王") == "*"
    assert mask_plate("京A3F2K9") == "京A***K9"
    assert mask_plate("沪AD12345") == "沪A****45"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_team_cases_export_is_masked_scoped_and_audited(
    fmt: str,
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    lead = small_book.leads["team-a"]
    h = auth_headers(lead)
    resp = client.get("/team/cases/export", params={"format": fmt, "sort": "dpd"}, headers=h)
    assert resp.status_code == 200, resp.text
    assert "attachment" in resp.headers["content-disposition"]
    rows = _csv(resp) if fmt == "csv" else _xlsx(resp)
    assert rows[0][:4] == ["案件编号", "借款人", "合同号", "催收员"]
    body = rows[1:]
    mine = {c.case_id for a in small_book.agents["team-a"] for c in small_book.cases[a.username]}
    assert {r[0] for r in body} == mine  # the lead's team only, every row
    assert [int(r[8]) for r in body] == sorted((int(r[8]) for r in body), reverse=True)
    flat = " ".join(str(v) for r in rows for v in r)
    for clear in CLEAR:
        assert clear not in flat, f"clear personal data {clear!r} in the export"
    assert {r[1] for r in body} == {"张*"} and {r[16] for r in body} == {"京A***K9"}
    assert {r[15] for r in body} == {"138****5678"}
    with session_factory() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "export.team_cases")).one()
    assert (entry.actor, entry.details["format"], entry.details["rows"]) == (lead.username, fmt, 4)
    assert entry.details["filters"] == {"sort": "dpd"}
    en = client.get("/team/cases/export", params={"format": fmt, "lang": "en"}, headers=h)
    assert (_csv(en) if fmt == "csv" else _xlsx(en))[0][:2] == ["case id", "borrower"]


def test_every_table_exports_in_both_formats_for_every_console_role(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    # something to export in the audit log first (a reveal)
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    client.post(f"/cases/{case_id}/reveal", headers=auth_headers(agent),
                json={"field": "id_number", "reason": "核实身份信息"})  # fmt: skip
    for user in (small_book.leads["team-a"], small_book.admin):
        for route in ROUTES:
            for fmt in ("csv", "xlsx"):
                resp = client.get(route, params={"format": fmt}, headers=auth_headers(user))
                assert resp.status_code == 200, (route, resp.text)
                rows = _csv(resp) if fmt == "csv" else _xlsx(resp)
                assert len(rows) >= 1
                flat = " ".join(str(v) for r in rows for v in r)
                for clear in CLEAR:
                    assert clear not in flat, (route, clear)
        # an agent may export nothing
        assert client.get(ROUTES[0], headers=auth_headers(agent)).status_code == 403
    with session_factory() as s:
        n = len(s.scalars(select(AuditLog).where(AuditLog.action.startswith("export."))).all())
    assert n == 2 * len(ROUTES) * 2


def test_audit_export_has_the_entries_and_the_lead_cannot_name_another_team(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    client.post(f"/cases/{case_id}/reveal", headers=auth_headers(agent),
                json={"field": "phone", "phone_id": small_book.cases[agent.username][0].phone_ids[0],
                      "reason": "confirm_contact_number"})  # fmt: skip
    h = auth_headers(small_book.leads["team-a"])
    rows = _csv(client.get("/audit/export", params={"case_id": case_id}, headers=h))
    assert [r[2] for r in rows[1:]] == ["pii.reveal"]
    assert rows[1][1] == agent.username and "13812345678" not in rows[1][5]
    for route in ROUTES[:4]:
        assert client.get(route, params={"team": "team-b"}, headers=h).status_code == 404
