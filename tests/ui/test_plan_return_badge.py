"""A case back in collection because an agreed plan broke says so: the profile's badge and
the plan list's tooltip name the plan, the payment missed and the shortfall (issue 14)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from app.client.views import PlanReturnView, PlanView
from ui.models.plan_models import CasePlansModel
from ui.widgets.profile_panel import ProfilePanel


def _broken_plan() -> PlanView:
    return PlanView(
        id="p-1",
        author="agent01",
        kind="catch_up",
        status="broken",
        down_payment_fen=0,
        lines=((1, date(2027, 1, 31), 50_000),),
        waived_penalty_fen=0,
        waived_fees_fen=0,
        waived_interest_fen=0,
        violations=(),
        approved_by="agent01",
        created_at=datetime(2027, 1, 20, 2, tzinfo=UTC),
        total_fen=50_000,
        evaluated_on=date(2027, 2, 4),
        broken_due=date(2027, 1, 31),
        broken_short_fen=25_000,
    )


def test_profile_badge_and_plan_tooltip_give_the_reason(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    detail = fake_service.case_detail(fake_service.rows[3].case_id)
    ret = PlanReturnView("p-1", "catch_up", date(2027, 2, 4), date(2027, 1, 31), 25_000)
    detail = replace(detail, case=replace(detail.case, plan_return=ret), plans=(_broken_plan(),))
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.show_case(detail)
    shown = panel.badges.text()
    assert "Back in collection: Catch-up plan broken, payment due" in shown
    assert "¥250.00" in shown
    # without a return the badge is not there
    plain = replace(detail, case=replace(detail.case, plan_return=None))
    panel.show_case(plain)
    assert "Back in collection" not in panel.badges.text()

    model = CasePlansModel()
    model.set_rows([_broken_plan()])
    tip = model._tooltip(_broken_plan())
    assert tip.startswith("Broken: payment due") and "¥250.00" in tip
