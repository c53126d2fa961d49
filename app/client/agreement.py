"""The repayment-plan agreement as a document, in the BORROWER's language (zh_CN or en).

Pure (no Qt): `compose_agreement(detail, outcome, today=...)` answers an `Agreement` — the
parties (lender, borrower, masked ID number, contract number, vehicle and plate), what is
owed, the waivers, the plan's lines with dates and amounts, the totals, the conditions (what
happens when a payment is missed) and the signature lines — and `Agreement.html()` renders it
as simple HTML that Qt's QTextDocument lays out for the PDF writer (ui/agreement_pdf.py).
The language is the borrower's (`BorrowerView.language`), not the desk's.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.client.plan_calculator import PlanOutcome
from app.client.views import CaseDetail
from app.domain.money import Money
from app.domain.promises import DEFAULT_GRACE_DAYS
from app.domain.script_catalog import shipped_catalog

Rows = tuple[tuple[str, str], ...]

_T: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "还款计划协议",
        "proposal": "（本方案须经贷款人审批后生效）",
        "date": "协议日期：{d}",
        "parties": "一、协议各方",
        "lender": "贷款人",
        "borrower": "借款人",
        "id_number": "身份证号",
        "contract": "借款合同编号",
        "vehicle": "车辆",
        "plate": "车牌号",
        "owed": "二、截至 {d} 的欠款",
        "o_principal": "逾期本金",
        "o_interest": "逾期利息",
        "o_penalty": "罚息",
        "o_fees": "费用",
        "o_total": "逾期合计",
        "o_remaining": "未到期本金",
        "waivers": "三、减免",
        "w_penalty": "减免罚息",
        "w_fees": "减免费用",
        "w_interest": "减免利息",
        "w_total": "减免合计",
        "none": "无",
        "plan": "四、还款计划：{kind}",
        "catch_up": "分期补缴",
        "restructure": "展期重组",
        "settlement": "一次性结清",
        "terms": "新期限 {m} 个月，年利率 {r}，展期 {e} 个月",
        "n": "期次",
        "down": "首付",
        "due": "还款日",
        "amount": "金额",
        "of_interest": "其中利息",
        "totals": "五、合计",
        "due_after": "减免后应还",
        "new_interest": "新增利息",
        "total": "还款总额",
        "saves": "借款人节省",
        "costs": "借款人多付",
        "conditions": "六、条件",
        "c1": "借款人应于上表所列日期前足额还款，以贷款人实际收到款项为准。",
        "c2": "任何一期款项在还款日后 {g} 日内未足额收到的，本计划即告违约：上述减免不再适用，"
        "原借款合同项下的全部欠款（含按合同计收的罚息）恢复到期，已按本计划支付的款项予以扣减。",
        "c3": "本计划生效后,新的还款计划取代原合同 {c} 剩余各期；累计展期不超过《贷款通则》规定的期限。",
        "c4": "除本协议约定外，原借款合同其他条款继续有效。",
        "sign": "七、签署",
        "sign_borrower": "借款人（签字）：",
        "sign_lender": "贷款人（盖章）：",
        "sign_date": "日期：",
    },
    "en": {
        "title": "Repayment Plan Agreement",
        "proposal": "(This plan takes effect only once the lender approves it)",
        "date": "Date of agreement: {d}",
        "parties": "1. Parties",
        "lender": "Lender",
        "borrower": "Borrower",
        "id_number": "ID number",
        "contract": "Loan contract no.",
        "vehicle": "Vehicle",
        "plate": "Plate",
        "owed": "2. Amounts owed as of {d}",
        "o_principal": "Overdue principal",
        "o_interest": "Overdue interest",
        "o_penalty": "Penalty interest",
        "o_fees": "Fees",
        "o_total": "Total overdue",
        "o_remaining": "Principal not yet due",
        "waivers": "3. Waivers",
        "w_penalty": "Penalty interest waived",
        "w_fees": "Fees waived",
        "w_interest": "Interest waived",
        "w_total": "Total waived",
        "none": "None",
        "plan": "4. Repayment plan: {kind}",
        "catch_up": "catch-up payments",
        "restructure": "restructure (term extension)",
        "settlement": "settlement in one payment",
        "terms": "New term {m} months at {r} a year; extension {e} months",
        "n": "No.",
        "down": "Down payment",
        "due": "Due date",
        "amount": "Amount",
        "of_interest": "of which interest",
        "totals": "5. Totals",
        "due_after": "Amount due after waivers",
        "new_interest": "New interest",
        "total": "Total to pay",
        "saves": "The borrower saves",
        "costs": "The borrower pays more",
        "conditions": "6. Conditions",
        "c1": "The borrower pays each amount in full by its due date; a payment counts when the "
        "lender receives it.",
        "c2": "If any payment is not received in full within {g} days after its due date, the "
        "plan is broken: the waivers above lapse and everything owed under the original loan "
        "contract, with penalty interest as the contract provides, becomes payable again, less "
        "what was paid under this plan.",
        "c3": "Once this plan is in force, its schedule replaces the remaining installments of "
        "contract {c}; the total extension stays within the limits of the General Rules on "
        "Loans.",
        "c4": "Except as agreed here, the other terms of the loan contract remain in force.",
        "sign": "7. Signatures",
        "sign_borrower": "Borrower (signature):",
        "sign_lender": "Lender (signature and seal):",
        "sign_date": "Date:",
    },
}

BLANK = "______________________"


@dataclass(frozen=True, slots=True)
class Agreement:
    """The agreement's content, section by section, in one language."""

    language: str
    title: str
    subtitle: str | None
    dated: str
    sections: tuple[tuple[str, Rows], ...]  # (heading, (label, value) rows)
    line_header: tuple[str, ...]
    lines: tuple[tuple[str, ...], ...]
    plan_heading: str
    plan_terms: str | None
    totals_heading: str
    totals: Rows
    conditions_heading: str
    conditions: tuple[str, ...]
    signatures_heading: str
    signatures: tuple[str, ...]
    sign_date: str

    def text(self) -> str:
        """Everything the document says, as plain text (tests, accessibility)."""
        parts = [self.title, self.subtitle or "", self.dated]
        for heading, rows in self.sections:
            parts += [heading, *(f"{k} {v}" for k, v in rows)]
        parts += [self.plan_heading, self.plan_terms or "", " ".join(self.line_header)]
        parts += [" ".join(cells) for cells in self.lines]
        parts += [self.totals_heading, *(f"{k} {v}" for k, v in self.totals)]
        parts += [self.conditions_heading, *self.conditions, self.signatures_heading]
        parts += list(self.signatures)
        return "\n".join(p for p in parts if p)

    def html(self) -> str:
        """Simple HTML (tables, headings) for QTextDocument."""
        e = html.escape
        out = [f"<h2 align='center'>{e(self.title)}</h2>"]
        if self.subtitle:
            out.append(f"<p align='center'><i>{e(self.subtitle)}</i></p>")
        out.append(f"<p align='right'>{e(self.dated)}</p>")
        for heading, rows in self.sections:
            out.append(f"<h3>{e(heading)}</h3>")
            out.append(_table(rows))
        out.append(f"<h3>{e(self.plan_heading)}</h3>")
        if self.plan_terms:
            out.append(f"<p>{e(self.plan_terms)}</p>")
        head = "".join(f"<th align='left'>{e(h)}</th>" for h in self.line_header)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td{'' if i < 2 else ' align=right'}>{e(c)}</td>" for i, c in enumerate(cells)
            )
            + "</tr>"
            for cells in self.lines
        )
        out.append(
            "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
            f"<tr>{head}</tr>{body}</table>"
        )
        out.append(f"<h3>{e(self.totals_heading)}</h3>")
        out.append(_table(self.totals))
        out.append(f"<h3>{e(self.conditions_heading)}</h3><ol>")
        out += [f"<li>{e(c)}</li>" for c in self.conditions]
        out.append(f"</ol><h3>{e(self.signatures_heading)}</h3>")
        out += [
            f"<p><br/>{e(s)} {BLANK} &nbsp;&nbsp; {e(self.sign_date)} {BLANK}</p>"
            for s in self.signatures
        ]
        return "<html><body>" + "".join(out) + "</body></html>"


def _table(rows: Rows) -> str:
    e = html.escape
    body = "".join(f"<tr><td width='40%'>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows)
    return f"<table cellspacing='0' cellpadding='2' width='100%'>{body}</table>"


def _m(fen: int) -> str:
    return Money(fen).format()


def compose_agreement(
    detail: CaseDetail,
    outcome: PlanOutcome,
    *,
    today: date,
    language: str | None = None,
    lender: str | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> Agreement:
    """The agreement for a calculated plan (`outcome.calculated`) on `detail`'s case, in
    `language` (default: the borrower's). The lender is named as the call scripts name it
    (`Catalog.lender_name`) unless `lender` is given, so no export path leaves it blank."""
    if not outcome.calculated:
        raise ValueError("the plan has not been calculated (fix its input first)")
    lang = language or detail.borrower.language
    t = _T["en" if lang == "en" else "zh_CN"]
    form, o, loan = outcome.form, detail.overdue, detail.loan
    vehicle = " ".join(x for x in (loan.vehicle_brand, loan.vehicle_model) if x)
    if loan.vehicle_year:
        vehicle = f"{vehicle} ({loan.vehicle_year})"
    parties: Rows = (
        (t["lender"], lender or shipped_catalog().lender_name(lang) or BLANK),
        (t["borrower"], detail.borrower.name),
        (t["id_number"], detail.borrower.id_number_masked),
        (t["contract"], loan.contract_no),
        (t["vehicle"], vehicle),
        (t["plate"], loan.plate),
    )
    owed: list[tuple[str, str]] = [
        (t["o_principal"], _m(o.principal_fen)),
        (t["o_interest"], _m(o.interest_fen)),
        (t["o_penalty"], _m(o.penalty_fen)),
        (t["o_fees"], _m(o.fees_fen)),
        (t["o_total"], _m(o.total_fen)),
    ]
    if form.kind != "catch_up":
        owed.append((t["o_remaining"], _m(outcome.owed_fen - o.total_fen)))
    waived = (
        (t["w_penalty"], form.waive_penalty_fen),
        (t["w_fees"], form.waive_fees_fen),
        (t["w_interest"], form.waive_interest_fen),
    )
    waiver_rows: Rows = (
        *tuple((k, _m(v)) for k, v in waived if v),
        (t["w_total"], _m(outcome.waived_fen) if outcome.waived_fen else t["none"]),
    )
    restructure = form.kind == "restructure"
    header = (t["n"], t["due"], t["amount"]) + ((t["of_interest"],) if restructure else ())
    lines = tuple(
        (t["down"] if n == 0 else str(n), due.isoformat(), _m(amount))
        + ((_m(interest),) if restructure else ())
        for n, due, amount, interest in outcome.lines
    )
    terms = None
    if restructure:
        rate = f"{(Decimal(loan.annual_rate or '0') * 100).quantize(Decimal('0.01'))}%"
        terms = t["terms"].format(m=form.new_term_months, r=rate, e=outcome.extension_months)
    totals: list[tuple[str, str]] = [(t["due_after"], _m(outcome.amount_due_fen))]
    if outcome.new_interest_fen:
        totals.append((t["new_interest"], _m(outcome.new_interest_fen)))
    totals.append((t["total"], _m(outcome.total_payment_fen)))
    if outcome.savings_fen >= 0:
        totals.append((t["saves"], _m(outcome.savings_fen)))
    else:
        totals.append((t["costs"], _m(-outcome.savings_fen)))
    conditions = [t["c1"], t["c2"].format(g=grace_days)]
    if restructure:
        conditions.append(t["c3"].format(c=loan.contract_no))
    conditions.append(t["c4"])
    return Agreement(
        language="en" if lang == "en" else "zh_CN",
        title=t["title"],
        subtitle=t["proposal"] if outcome.needs_approval else None,
        dated=t["date"].format(d=today.isoformat()),
        sections=(
            (t["parties"], parties),
            (t["owed"].format(d=today.isoformat()), tuple(owed)),
            (t["waivers"], waiver_rows),
        ),
        line_header=header,
        lines=lines,
        plan_heading=t["plan"].format(kind=t[form.kind]),
        plan_terms=terms,
        totals_heading=t["totals"],
        totals=tuple(totals),
        conditions_heading=t["conditions"],
        conditions=tuple(conditions),
        signatures_heading=t["sign"],
        signatures=(t["sign_borrower"], t["sign_lender"]),
        sign_date=t["sign_date"],
    )
