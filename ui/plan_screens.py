"""Screenshots of the plan calculator and the agreement it exports, for ui/screenshots.py.

`render_plan_screens(panel, detail, out_dir, lang)` fills `panel` (a PlanPanel built in the
current UI language) with a sample plan on `detail`'s case — a restructure with a down
payment and a penalty waiver beyond an agent's authority, so the panel shows the lines, the
totals, an approval note next to the waiver and "Send for approval" — and writes
plan_calculator_<lang>.png, agreement_<lang>.pdf (the agreement in `lang`, whatever the
borrower's language) and agreement_<lang>.png (its first page). Nothing is saved to the store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.client.agreement import compose_agreement
from app.client.plan_calculator import lender_today
from app.client.views import CaseDetail
from ui import formatting
from ui.agreement_pdf import render_pdf_page, write_agreement_pdf
from ui.widgets.plan_panel import PlanPanel

PANEL_SIZE = (480, 1180)


def fill_sample_plan(panel: PlanPanel, detail: CaseDetail) -> None:
    """Show `detail` and type a sample restructure into the panel's form."""
    panel.show_case(detail)
    form = panel.form
    form.kind.setCurrentIndex(form.kind.findData("restructure"))
    remaining = panel._calc.figures.remaining_term_months if panel._calc else 24
    form.new_term_months.setValue(min(120, max(remaining + 12, 12)))
    form.down_payment.setText("5000")
    penalty = detail.overdue.penalty_fen * 3 // 4  # 75 %: beyond an agent's 50 %
    form.waive_penalty.setText(formatting.money(penalty, symbol=False).replace(",", ""))
    panel.recompute()


def render_plan_screens(
    panel: PlanPanel, detail: CaseDetail, out_dir: str | Path, lang: str
) -> list[Path]:
    """Write the calculator and agreement screens for `lang`; returns the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not panel.isVisible():
        panel.resize(*PANEL_SIZE)
        panel.show()
    fill_sample_plan(panel, detail)
    app = QApplication.instance()
    for _ in range(3):
        if app is not None:
            app.processEvents()
    written: list[Path] = []
    png = out / f"plan_calculator_{lang}.png"
    if not panel.grab().save(str(png)):
        raise OSError(f"could not write {png}")
    written.append(png)
    outcome = panel.outcome()
    if outcome is None or not outcome.calculated:
        raise ValueError("the sample plan did not calculate")
    agreement = compose_agreement(
        detail, outcome, today=lender_today(panel._clock()), language=lang
    )
    pdf = write_agreement_pdf(agreement, out / f"agreement_{lang}.pdf")
    written += [pdf, render_pdf_page(pdf, out / f"agreement_{lang}.png")]
    return written
