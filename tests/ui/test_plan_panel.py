"""The plan calculator panel over the real DeskService and store: typing recomputes, issues
show next to their fields, "Offer plan" within authority and "Send for approval" beyond it,
nothing written while invalid; the agreement PDF; the screenshots in both languages."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from app.client import outbox
from app.client.desk_service import DeskService
from app.client.plan_calculator import lender_today
from app.client.store import LocalStore
from tests.client.plan_cases import CASE_ID, PENALTY_FEN, fill_store
from ui import formatting
from ui.agreement_pdf import pdf_page_count, pdf_text
from ui.models.plan_models import CasePlansModel, PlanLinesModel
from ui.widgets.plan_panel import PlanPanel

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
TODAY = lender_today(NOW)


def _service(tmp_path: Path, *, role: str = "agent", language: str | None = None) -> DeskService:
    store = LocalStore(tmp_path / "store.sqlite3")
    fill_store(store, TODAY, language=language)
    return DeskService(store, user="agent1", role=role)


@pytest.fixture
def service(tmp_path: Path) -> DeskService:
    return _service(tmp_path)


def _panel(qtbot, service: DeskService) -> PlanPanel:  # type: ignore[no-untyped-def]
    panel = PlanPanel(service, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(480, 1100)
    panel.show()
    panel.show_case(service.case_detail(CASE_ID, now=NOW))
    return panel


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def _error(panel: PlanPanel, field: str) -> str:
    label = panel.form.errors[field]
    return label.text() if label.isVisible() else ""


def _nothing_written(service: DeskService) -> bool:
    conn = service.store.connection()
    plans = conn.execute("SELECT count(*) FROM plans").fetchone()[0]
    return plans == 0 and outbox.counts(conn) == (0, 0)


def test_starts_from_the_cases_figures(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    detail = service.case_detail(CASE_ID, now=NOW)
    assert panel.isEnabled()
    assert formatting.money(detail.overdue.total_fen) in panel.figures.text()
    assert formatting.money(detail.overdue.penalty_fen) in panel.figures.text()
    out = panel.outcome()
    assert out is not None and out.ok and len(out.lines) == 3
    assert panel.totals["owed"].text() == formatting.money(detail.overdue.total_fen)
    assert panel.totals["total"].text() == formatting.money(out.total_payment_fen)
    assert panel.submit_button.text() == "Offer plan" and panel.submit_button.isEnabled()
    assert panel.lines_model.rowCount() == 3


def test_typing_recomputes_key_by_key(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    seen = []
    errors = []
    panel.form.down_payment.setFocus()
    for key in "1500":
        qtbot.keyClicks(panel.form.down_payment, key)
        out = panel.outcome()
        assert out is not None
        seen.append(out.lines[0][2] if out.lines and out.lines[0][0] == 0 else None)
        errors.append(_error(panel, "down_payment"))
    assert seen == [100, 1_500, 15_000, 150_000]
    # "1" and "15" yuan are below the ¥100 minimum: said at the field, gone at "150"
    assert "below the minimum" in errors[0] and "below the minimum" in errors[1]
    assert errors[2:] == ["", ""]
    assert panel.lines_model.data(panel.lines_model.index(0, 0)) == "Down"
    assert panel.lines_model.data(panel.lines_model.index(0, 2)) == "1,500.00"
    assert panel.outcome().ok  # type: ignore[union-attr]


def test_sixty_month_restructure_typed(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    form = panel.form
    form.kind.setFocus()
    form.kind.setCurrentIndex(form.kind.findData("restructure"))
    assert form.new_term_months.isVisible() and not form.payments.isVisible()
    assert form.new_term_months.value() == 37  # the remaining term to start from
    _type(qtbot, form.new_term_months, "60")
    out = panel.outcome()
    assert out is not None and out.ok and len(out.lines) == 60
    assert out.extension_months == 23
    assert panel.totals["interest"].text() != "—"
    assert panel.saves_caption.text() == "Costs more"  # a longer term costs more interest
    _type(qtbot, form.new_term_months, "120")
    assert "extension" in _error(panel, "new_term_months")
    assert not panel.submit_button.isEnabled()


def test_each_issue_is_shown_next_to_its_field(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    form = panel.form
    _type(qtbot, form.payments, "40")
    assert "exceed the maximum of 36" in _error(panel, "payments")
    assert not panel.submit_button.isEnabled() and not panel.export_button.isEnabled()
    _type(qtbot, form.payments, "4")
    assert _error(panel, "payments") == "" and panel.submit_button.isEnabled()
    past = TODAY - timedelta(days=2)
    form.first_date.setDate(QDate(past.year, past.month, past.day))
    assert "before today" in _error(panel, "first_date")
    far = QDate(9999, 12, 31)
    form.first_date.setDate(far)
    assert "out of range" in _error(panel, "first_date")
    assert form.first_date.minimumDate() > QDate(1, 1, 1)  # 0001-01-01 cannot even be typed
    soon = TODAY + timedelta(days=5)
    form.first_date.setDate(QDate(soon.year, soon.month, soon.day))
    assert _error(panel, "first_date") == ""
    for text, words in (("12.345", "two decimal"), ("-5", "negative"), ("abc", "not an amount")):
        _type(qtbot, form.waive_fees, text)
        assert words in _error(panel, "waive_fees"), text
        assert panel.lines_model.rowCount() == 0 and panel.totals["total"].text() == "—"
        assert not panel.submit_button.isEnabled()
    _type(qtbot, form.waive_fees, "200")  # more than the ¥150 of fees owed
    assert "exceeds the fees owed" in _error(panel, "waive_fees")
    _type(qtbot, form.waive_fees, "")
    assert panel.submit_button.isEnabled()


def test_offer_within_authority_send_beyond_it(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    assert panel.submit_button.text() == "Offer plan"
    _type(qtbot, panel.form.waive_penalty, "300")  # 78 % of ¥386.12: an agent may waive 50 %
    assert panel.submit_button.text() == "Send for approval" and panel.submit_button.isEnabled()
    note = panel.form.errors["waive_penalty"]
    assert note.isVisible() and note.objectName() == "fieldWarning" and "50%" in note.text()
    with qtbot.waitSignal(panel.proposed, timeout=2000) as sent:
        qtbot.keyClick(panel.form.waive_penalty, Qt.Key.Key_Return)  # Enter submits
    assert CASE_ID in sent.args[0].case_ids
    assert "approval" in panel.message.text()
    assert panel.form.waive_penalty.text() == ""  # a fresh form after the proposal
    detail = service.case_detail(CASE_ID, now=NOW)
    (plan,) = detail.plans
    assert plan.status == "pending_approval" and plan.waived_penalty_fen == 30_000
    panel.show_case(detail)  # the hub refreshes the case
    assert panel.plans_model.rowCount() == 1
    status = panel.plans_model.data(panel.plans_model.index(0, 1))
    assert status == "Pending approval · waiting to sync"
    qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)  # default plan: offered
    assert "offered" in panel.message.text()
    statuses = sorted(p.status for p in service.case_detail(CASE_ID, now=NOW).plans)
    assert statuses == ["approved", "pending_approval"]


def test_a_lead_offers_what_an_agent_must_send(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, _service(tmp_path, role="team_lead"))
    _type(qtbot, panel.form.waive_penalty, f"{PENALTY_FEN / 100:.2f}")
    assert (
        panel.submit_button.text() == "Offer plan" and panel.form.errors["waive_penalty"].isHidden()
    )


def test_nothing_is_written_while_invalid(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    _type(qtbot, panel.form.payments, "40")
    assert not panel.submit_button.isEnabled()
    qtbot.keyClick(panel.form.payments, Qt.Key.Key_Return)
    assert panel.submit() is False
    _type(qtbot, panel.form.payments, "3")
    _type(qtbot, panel.form.down_payment, "1.001")
    qtbot.keyClick(panel.form.down_payment, Qt.Key.Key_Return)
    assert panel.submit() is False and panel.export_agreement(Path("/tmp/never.pdf")) is None
    assert _nothing_written(service)


def test_same_case_keeps_the_form_another_resets_it(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    _type(qtbot, panel.form.down_payment, "800")
    panel.show_case(service.case_detail(CASE_ID, now=NOW))
    assert panel.form.down_payment.text() == "800"
    panel.clear()
    assert not panel.isEnabled() and panel.lines_model.rowCount() == 0
    panel.show_case(service.case_detail(CASE_ID, now=NOW))
    assert panel.form.down_payment.text() == ""


def test_tab_order_follows_the_form(qtbot, service: DeskService) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    form = panel.form
    order = [
        form.kind,
        form.down_payment,
        form.payments,
        form.frequency,
        form.first_date,
        form.waive_penalty,
        form.waive_fees,
        form.waive_interest,
        panel.submit_button,
    ]
    for a, b in itertools.pairwise(order):
        a.setFocus()
        qtbot.keyClick(a, Qt.Key.Key_Tab)
        assert panel.focusWidget() is b


def test_plan_models_pass_qtmodeltester(qtmodeltester, service: DeskService, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, service)
    _type(qtbot, panel.form.down_payment, "2000")
    lines = PlanLinesModel()
    lines.set_rows(panel.outcome().lines)  # type: ignore[union-attr]
    qtmodeltester.check(lines)
    panel.submit()
    plans = CasePlansModel()
    plans.set_rows(service.case_detail(CASE_ID, now=NOW).plans)
    assert plans.rowCount() == 1
    qtmodeltester.check(plans)


@pytest.mark.parametrize(
    ("language", "title"), [(None, "还款计划协议"), ("en", "Repayment Plan Agreement")]
)
def test_export_writes_the_agreement_in_the_borrowers_language(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, language: str | None, title: str
) -> None:
    service = _service(tmp_path, language=language)
    panel = _panel(qtbot, service)
    _type(qtbot, panel.form.payments, "4")
    out = panel.outcome()
    assert out is not None
    written = panel.export_agreement(tmp_path / "agreement.pdf")
    assert written is not None and written.read_bytes().startswith(b"%PDF")
    assert pdf_page_count(written) >= 1
    text = pdf_text(written)
    assert title in text
    assert "张伟" in text and "110105********1234" in text and "AL-2024-000817" in text
    assert "京A·3F2K9" in text
    # the lender is named on the real export path too (issue 16: it was left blank)
    from app.domain.script_catalog import shipped_catalog

    lender = shipped_catalog().lender_name(language or "zh_CN")
    assert lender and lender in text
    for _n, due, amount, _i in out.lines:
        assert due.isoformat() in text and f"{amount / 100:,.2f}" in text
    assert "written" in panel.message.text()
    # no plan is stored; the export itself is queued for the server's audit
    conn = service.store.connection()
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    (op,) = outbox.pending(conn, limit=10)
    assert (op.kind, op.case_id) == ("agreement.export", CASE_ID)
    assert op.payload["language"] == (language or "zh_CN")
    assert op.payload["plan_kind"] == out.form.kind
    assert op.payload["payments"] == len(out.lines)
    assert op.payload["total"] == out.total_payment_fen
    assert "张伟" not in json.dumps(op.payload, ensure_ascii=False)  # what, not whose


def test_an_export_that_cannot_be_recorded_leaves_no_file(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    service = _service(tmp_path)
    panel = _panel(qtbot, service)
    _type(qtbot, panel.form.payments, "4")
    emitted: list[object] = []
    panel.exported.connect(emitted.append)

    def broken_store(*_a: object, **_k: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(service, "record_agreement_export", broken_store)
    target = tmp_path / "agreement.pdf"
    assert panel.export_agreement(target) is None
    assert not target.exists()  # no copy the audit does not know of
    assert "could not be recorded" in panel.message.text()
    assert emitted == [] and _nothing_written(service)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_plan_screens_render(
    qtbot, service: DeskService, screenshot_dir: Path, lang: str, qapp
) -> None:  # type: ignore[no-untyped-def]
    from ui import labels
    from ui.i18n import install_language
    from ui.plan_screens import render_plan_screens

    try:
        install_language(qapp, lang)
        labels.clear_cache()
        panel = PlanPanel(service, clock=lambda: NOW)
        qtbot.addWidget(panel)
        files = render_plan_screens(
            panel, service.case_detail(CASE_ID, now=NOW), screenshot_dir, lang
        )
    finally:
        install_language(qapp, "en")
        labels.clear_cache()
    names = [f.name for f in files]
    assert names == [
        f"plan_calculator_{lang}.png",
        f"agreement_{lang}.pdf",
        f"agreement_{lang}.png",
    ]
    assert all(f.stat().st_size > 10_000 for f in files)
    text = pdf_text(files[1])
    assert ("还款计划协议" if lang == "zh_CN" else "Repayment Plan Agreement") in text
    assert panel.submit_button.text() == ("提交审批" if lang == "zh_CN" else "Send for approval")
    assert _nothing_written(service)
