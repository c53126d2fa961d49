"""The phone's word on whether a call was answered, in the wrap-up (app.client.wrap_up):
a call that never reached anyone cannot be recorded as a contact with someone."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from app.client.wrap_up import WrapUp, problems
from app.domain.contact_history import CONNECTED_DISPOSITIONS
from app.domain.contact_policy_types import LocalWindow
from app.domain.outcomes import NOBODY_ANSWERED

AT = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _problems(w: WrapUp) -> set[str]:
    window = LocalWindow(start=time(8), end=time(21))
    return {
        p.code
        for p in problems(
            w,
            now=AT,
            today=AT.date(),
            owed_fen=100_000,
            borrower_tz="Asia/Shanghai",
            window=window,
        )
    }


def _call(**kw: object) -> WrapUp:
    return WrapUp(case_id="c1", phone_id="p1", started_at=AT, text="note", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("disposition", sorted(CONNECTED_DISPOSITIONS))
def test_an_unanswered_call_refuses_a_connected_disposition(disposition: str) -> None:
    assert "never_answered" in _problems(_call(reached=False, disposition=disposition))
    # the same call answered, or in hand-off mode (not known), may be
    assert "never_answered" not in _problems(_call(reached=True, disposition=disposition))
    assert "never_answered" not in _problems(_call(reached=None, disposition=disposition))


@pytest.mark.parametrize("disposition", sorted(NOBODY_ANSWERED))
def test_an_unanswered_call_saves_as_nobody_answered(disposition: str) -> None:
    assert _problems(_call(reached=False, disposition=disposition)) == set()


def test_reached_survives_the_draft() -> None:
    for reached in (True, False, None):
        w = _call(reached=reached, disposition="busy")
        assert WrapUp.from_json(w.to_json()).reached is reached
    assert WrapUp.from_json('{"case_id": "c1", "reached": "yes"}').reached is None
