"""The call script of a case: which script, the values it is rendered with, and where the
agent is in it. Pure (no Qt, no I/O beyond reading the shipped scripts once).

The script is chosen by the catalog (app.domain.script_catalog: next action, then bucket)
in the borrower's language unless the agent picks the other one. The walk is a value
(`ScriptProgress`): the choices taken so far; going back drops the last one. What the
choices set (disposition, reason, result) is folded along the walk and fills the wrap-up.
Identity comes first by construction: app.domain.scripts refuses any script in which a
step that discloses the debt is reachable before a choice that confirms the right party.

Values filled into a script are checked against the banned phrases: a value that trips
the checker is not rendered (it shows as ``[name?]``) and is reported in `warnings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.client.views import CaseDetail
from app.domain.banned_phrases import check_values
from app.domain.money import Money
from app.domain.script_catalog import Catalog, shipped_catalog
from app.domain.scripts import LANGS, RenderedStep, Script, load_shipped_script, render_step

OVERDUE_STATES = frozenset({"overdue", "partly_paid"})


@cache
def script(name: str, lang: str) -> Script:
    """A shipped script (read and validated once per process)."""
    return load_shipped_script(name, lang)


def script_name_for(detail: CaseDetail, catalog: Catalog | None = None) -> str:
    """The catalog's script for this case (by next action, then bucket)."""
    cat = catalog or shipped_catalog()
    return cat.script_for(detail.case.bucket, detail.case.next_action_kind)


def script_language(detail: CaseDetail) -> str:
    """The borrower's language, when a script exists in it."""
    lang = detail.borrower.language
    return lang if lang in LANGS else "zh_CN"


def script_values(
    detail: CaseDetail, *, agent_name: str, lang: str, today: date, catalog: Catalog | None = None
) -> dict[str, object]:
    """The values a script may use for this case (see scripts_template.KNOWN_PLACEHOLDERS)."""
    cat = catalog or shipped_catalog()
    loan = detail.loan
    oldest = next(
        (i for i in detail.installments if i.state in OVERDUE_STATES and i.due_date < today),
        None,
    )
    promise = next((p for p in detail.promises if p.status in ("pending", "broken")), None)
    values: dict[str, object] = {
        "borrower_name": detail.borrower.name,
        "agent_name": agent_name,
        "lender_name": cat.lender_name(lang),
        "hotline": cat.hotline,
        "overdue_amount": Money(detail.overdue.total_fen),
        "overdue_days": detail.case.dpd,
        "contract_no": loan.contract_no,
        "plate": loan.plate,
        "vehicle": f"{loan.vehicle_brand} {loan.vehicle_model}".strip(),
    }
    if oldest is not None:
        values["due_date"] = oldest.due_date
        values["installment_amount"] = Money(oldest.payment_fen)
    if promise is not None:
        values["promise_amount"] = Money(promise.amount_fen)
        values["promise_date"] = promise.promised_on
    return values


def screen_values(values: Mapping[str, object], lang: str) -> tuple[dict[str, object], list[str]]:
    """The values without those that trip the banned-phrase checker (as a script would
    show them: app.domain.banned_phrases.check_values), and their names. Only a "block"
    hit holds a value back: a name that merely sounds like a two-character phrase (a
    "review" hit, e.g. 曲思/去死) is the borrower's name and is shown."""
    flagged = list(
        dict.fromkeys(name for name, hit in check_values(values, lang) if hit.severity == "block")
    )
    clean = {k: v for k, v in values.items() if k not in flagged}
    return clean, flagged


@dataclass(frozen=True, slots=True)
class ScriptProgress:
    """Where the agent is in a script: the (step id, choice index) pairs taken so far."""

    script_id: str
    lang: str
    trail: tuple[tuple[str, int], ...] = ()

    def step_id(self, s: Script) -> str:
        """The current step (the start step, then wherever the last choice led)."""
        if not self.trail:
            return s.start
        step_id, index = self.trail[-1]
        return s.step(step_id).choices[index].next

    def verified(self, s: Script) -> bool:
        """Whether a choice on the walk confirmed the right party's identity."""
        return any(s.step(sid).choices[i].confirms_identity for sid, i in self.trail)

    def sets(self, s: Script) -> dict[str, str]:
        """What the choices taken set in the wrap-up (a later choice wins)."""
        out: dict[str, str] = {}
        for sid, i in self.trail:
            out.update(s.step(sid).choices[i].sets)
        return out


def start(s: Script) -> ScriptProgress:
    return ScriptProgress(s.id, s.lang)


def choose(progress: ScriptProgress, s: Script, index: int) -> ScriptProgress:
    """Take choice `index` of the current step (IndexError when there is no such choice)."""
    step = s.step(progress.step_id(s))
    if not 0 <= index < len(step.choices):
        raise IndexError(f"step {step.id!r} has {len(step.choices)} choices")
    return ScriptProgress(progress.script_id, progress.lang, (*progress.trail, (step.id, index)))


def back(progress: ScriptProgress) -> ScriptProgress:
    """Undo the last choice (no-op at the start)."""
    return ScriptProgress(progress.script_id, progress.lang, progress.trail[:-1])


def restore(s: Script, trail: object) -> ScriptProgress:
    """A progress rebuilt from a saved trail; steps that no longer fit are dropped."""
    progress = start(s)
    if not isinstance(trail, list | tuple):
        return progress
    for item in trail:
        try:
            step_id, index = item
            if progress.step_id(s) != step_id:
                break
            progress = choose(progress, s, int(index))
        except (ValueError, TypeError, IndexError, LookupError):
            break
    return progress


@dataclass(frozen=True, slots=True)
class ScriptView:
    """What the script panel shows for the current step."""

    title: str
    step: RenderedStep
    step_number: int  # 1-based position on the walk
    can_go_back: bool
    verified: bool
    sets: dict[str, str]
    warnings: tuple[str, ...]  # names of values held back by the banned-phrase check


def view(progress: ScriptProgress, s: Script, values: Mapping[str, object]) -> ScriptView:
    """Render the current step with `values` (banned values held back)."""
    clean, flagged = screen_values(values, s.lang)
    return ScriptView(
        title=s.title,
        step=render_step(s, progress.step_id(s), clean),
        step_number=len(progress.trail) + 1,
        can_go_back=bool(progress.trail),
        verified=progress.verified(s),
        sets=progress.sets(s),
        warnings=tuple(flagged),
    )
