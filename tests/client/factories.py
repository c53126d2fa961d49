"""Wire-shaped records (app.protocol.entities) for store-level client tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any


def uid() -> str:
    return str(uuid.uuid4())


def book(n: int, *, agent: str = "agent1", start: int = 0) -> list[dict[str, Any]]:
    """Upserts (case + borrower + loan) for n cases."""
    out: list[dict[str, Any]] = []
    for i in range(start, start + n):
        bid, lid, cid = f"b{i:06d}", f"l{i:06d}", str(uuid.UUID(int=i + 1))
        out.append({"entity": "borrower", "id": bid, "data": borrower(bid, i)})
        out.append({"entity": "loan", "id": lid, "data": loan(lid, bid, i)})
        out.append({"entity": "case", "id": cid, "data": case(cid, lid, bid, i, agent=agent)})
    return out


def borrower(bid: str, i: int) -> dict[str, Any]:
    return {
        "id": bid,
        "name": f"张{'伟芳娜敏静'[i % 5]}{i}",
        "id_number_masked": "110105********1234",
        "gender": "M",
        "birth_date": "1990-01-01",
        "address": "北京市朝阳区",
        "employer": None,
        "timezone": "Asia/Shanghai",
        "bank_card_masked": "**** **** **** 1234",
        "risk_segment": "high",
        "phones": [
            {
                "id": f"p{i}a",
                "number_masked": f"138****{i % 10000:04d}",
                "owner": "borrower",
                "relation": None,
                "name": None,
                "timezone": "Asia/Shanghai",
            },
            {
                "id": f"p{i}b",
                "number_masked": "139****0000",
                "owner": "emergency",
                "relation": "spouse",
                "name": "李娜",
                "timezone": "Asia/Shanghai",
            },
        ],
    }


def loan(lid: str, bid: str, i: int) -> dict[str, Any]:
    inst = [
        {
            "n": k,
            "due_date": (date(2026, 1, 15) + timedelta(days=30 * (k - 1))).isoformat(),
            "payment": 304219,
            "principal": 254219,
            "interest": 50000,
            "state": "paid" if k < 9 else "overdue",
            "paid_on": None,
        }
        for k in range(1, 13)
    ]
    return {
        "id": lid,
        "borrower_id": bid,
        "contract_no": f"HT-2025-{i:06d}",
        "product": "car",
        "method": "equal_installment",
        "principal": 10000000,
        "annual_rate": "0.0600",
        "term_months": 36,
        "disbursed_on": "2025-12-15",
        "first_due_date": "2026-01-15",
        "vehicle": {
            "brand": "比亚迪",
            "model": "秦PLUS",
            "plate": f"京A·{i:05d}",
            "vin_masked": "LGX*********1234",
            "year": 2025,
        },
        "installments": inst,
        "payments": [
            {
                "id": f"pay{i}",
                "paid_on": "2026-02-15",
                "amount": 304219,
                "channel": "bank_transfer",
                "reference": None,
            }
        ],
        "outstanding_principal": 8000000,
        "written_off": False,
    }


def case(
    cid: str,
    lid: str,
    bid: str,
    i: int,
    *,
    agent: str = "agent1",
    next_action_at: datetime | None = None,
    kind: str = "none",
) -> dict[str, Any]:
    return {
        "id": cid,
        "loan_id": lid,
        "borrower_id": bid,
        "status": "open",
        "assigned_to": agent,
        "team": "t1",
        "dpd": 10 + i % 100,
        "bucket": ["M1", "M2", "M3", "M3+"][i % 4],
        "overdue_principal": 100000,
        "overdue_interest": 2000,
        "overdue_penalty": 300,
        "overdue_fees": 0,
        "overdue_total": 102300 + i,
        "priority": i % 1000,
        "flags": [],
        "debtor_unreachable": False,
        "opened_on": "2026-10-01",
        "closed_on": None,
        "last_contact_at": None,
        "next_action_at": next_action_at.astimezone(UTC).isoformat() if next_action_at else None,
        "next_action_kind": kind,
        "version": 1,
    }


def page(
    upserts: list[dict[str, Any]],
    tombstones: list[dict[str, Any]] | None = None,
    *,
    cursor: str = "c1",
    has_more: bool = False,
) -> dict[str, Any]:
    return {
        "upserts": upserts,
        "tombstones": tombstones or [],
        "cursor": cursor,
        "has_more": has_more,
    }
