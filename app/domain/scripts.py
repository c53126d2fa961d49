"""Call scripts as data: steps, choices, fields to capture; validated on load, rendered safely.

A script (``resources/scripts/<name>_<lang>.yaml``) has an ``id``, ``lang``, ``title``, a
``start`` step and ``steps``. Each step has ``id``, ``text`` (with ``{placeholders}``),
``choices`` (``label``, ``next``, optional ``confirms_identity``), ``capture`` (fields the
agent records there) and ``end: true`` for a closing step.

Loading validates the structure (duplicate ids, unknown next steps, missing start, dead
ends, unreachable steps) and the law: no step that discloses the debt (it uses a debt
placeholder, says ``discloses_debt: true`` or names the debt in words - "欠钱", "没还",
"owes", "past due", "balance" ..., also disguised, matched like banned phrases) may be
reachable without passing a choice that confirms the right party's identity — so the
third-party branch never discloses it. :func:`load_script` is the only function here that reads a file.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from app.domain.banned_phrases import BannedHit, PhraseList, build_phrase_list, check_text
from app.domain.errors import DomainError
from app.domain.outcomes import SETTABLE
from app.domain.resources import resource_path
from app.domain.scripts_template import DISCLOSING_PLACEHOLDERS, Template, parse_template

CAPTURE_FIELDS = frozenset(
    {"right_party_verified", "reason", "promise", "plan", "callback", "disposition", "dispute"}
)
LANGS = ("zh_CN", "en")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Words that tell a listener about a debt. Matched like banned phrases (normalised: case,
# full-width, traditional characters, separators and zero-width characters between letters;
# English on word boundaries, so every inflection is listed and "power" is not "owe").
_DEBT_WORDS: dict[str, tuple[str, ...]] = {
    "zh_CN": (
        "逾期", "欠款", "欠钱", "欠债", "欠账", "欠费", "拖欠", "赖账", "没还", "未还", "还钱",
        "还款", "还清", "还贷", "应还", "待还", "结清", "贷款", "借款", "车贷", "月供", "分期",
        "本金", "利息", "罚息", "违约", "账单", "催收", "债务", "征信",
    ),
    "en": (
        "debt", "debts", "debtor", "indebted", "overdue", "past due", "amount due",
        "loan", "loans", "payment", "payments", "repay", "repays", "repaid", "repayment",
        "repayments", "pay back", "pay off", "paid off", "unpaid", "owe", "owes", "owed",
        "owing", "arrears", "balance", "balances", "behind on", "fallen behind",
        "delinquent", "delinquency", "collect", "collects", "collected", "collecting",
        "collection", "collections", "collector", "collectors", "installment", "installments",
        "instalment", "instalments", "in default", "defaulted", "credit report",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Choice:
    """An answer the agent can pick; ``confirms_identity`` marks a verified right party;
    ``sets`` fills wrap-up fields (disposition, reason, result) with codes."""

    label: Template
    next: str
    confirms_identity: bool = False
    sets: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a script."""

    id: str
    text: Template
    choices: tuple[Choice, ...]
    capture: tuple[str, ...]
    discloses_debt: bool
    end: bool


@dataclass(frozen=True, slots=True)
class Script:
    """A validated call script."""

    id: str
    lang: str
    title: str
    start: str
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        """The step with this id (``DomainError`` if unknown)."""
        for s in self.steps:
            if s.id == step_id:
                return s
        raise DomainError("step_id", f"unknown step {step_id!r}")


@dataclass(frozen=True, slots=True)
class RenderedChoice:
    """A choice ready to show: its label, the step it leads to, banned phrases in the label."""

    label: str
    next: str
    banned: tuple[BannedHit, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedStep:
    """A step ready to show; ``missing`` names the values rendered as ``[name?]``;
    ``banned`` lists banned phrases in the rendered text (positions in ``text``) - the
    shipped scripts are clean, so a hit there came in with a value."""

    id: str
    text: str
    choices: tuple[RenderedChoice, ...]
    capture: tuple[str, ...]
    end: bool
    missing: tuple[str, ...]
    banned: tuple[BannedHit, ...] = ()


def load_script(path: str | Path) -> Script:
    """Read and validate a script file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise DomainError("script", f"cannot read {p.name}: {exc.strerror}") from None
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DomainError("script", f"{p.name} is not valid YAML: {exc}") from None
    return script_from_mapping(doc)


def load_shipped_script(name: str, lang: str) -> Script:
    """Read ``resources/scripts/<name>_<lang>.yaml``."""
    if lang not in LANGS:
        raise DomainError("lang", f"expected one of {', '.join(LANGS)}")
    return load_script(resource_path("scripts", f"{name}_{lang}", ".yaml"))


def render_step(script: Script, step_id: str, values: Mapping[str, object]) -> RenderedStep:
    """Render one step's text and choice labels with ``values`` (never raises for values);
    banned phrases in the result are reported (see RenderedStep), so a banned value is
    caught; `banned_phrases.check_values` checks the values on their own."""
    step = script.step(step_id)
    text, missing = step.text.render(values, script.lang)
    choices = []
    all_missing = list(missing)
    for c in step.choices:
        label, miss = c.label.render(values, script.lang)
        all_missing.extend(miss)
        choices.append(RenderedChoice(label, c.next, tuple(check_text(label, script.lang))))
    return RenderedStep(
        step.id,
        text,
        tuple(choices),
        step.capture,
        step.end,
        tuple(dict.fromkeys(all_missing)),
        tuple(check_text(text, script.lang)),
    )


def banned_phrase_hits(script: Script) -> list[tuple[str, BannedHit]]:
    """Banned phrases in the script's texts and choice labels, as ``(step id, hit)``."""
    hits: list[tuple[str, BannedHit]] = []
    for step in script.steps:
        for tpl in (step.text, *(c.label for c in step.choices)):
            hits.extend((step.id, h) for h in check_text("".join(tpl.parts), script.lang))
    return hits


def script_from_mapping(doc: object) -> Script:
    """Validate a raw mapping and build the script (pure)."""
    if not isinstance(doc, Mapping):
        raise DomainError("script", "a script must be a mapping")
    unknown = sorted(str(k) for k in doc if k not in {"id", "lang", "title", "start", "steps"})
    if unknown:
        raise DomainError(unknown[0], "unknown script key")
    sid = _ident(doc.get("id"), "id")
    lang = doc.get("lang")
    if lang not in LANGS:
        raise DomainError("lang", f"expected one of {', '.join(LANGS)}")
    title = doc.get("title", sid)
    if not isinstance(title, str):
        raise DomainError("title", "expected text")
    raw_steps = doc.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise DomainError("steps", "required, a non-empty list")
    steps = [_step(raw, f"steps[{i}]") for i, raw in enumerate(raw_steps)]
    by_id: dict[str, Step] = {}
    for i, s in enumerate(steps):
        if s.id in by_id:
            raise DomainError(f"steps[{i}].id", f"duplicate step id {s.id!r}")
        by_id[s.id] = s
    start = doc.get("start")
    if not isinstance(start, str) or start not in by_id:
        raise DomainError("start", f"missing or unknown start step {start!r}")
    for s in steps:
        for j, c in enumerate(s.choices):
            if c.next not in by_id:
                raise DomainError(f"steps.{s.id}.choices[{j}].next", f"unknown step {c.next!r}")
    script = Script(sid, str(lang), title, start, tuple(steps))
    _check_reachability_and_disclosure(script, by_id)
    return script


def _step(raw: object, where: str) -> Step:
    if not isinstance(raw, Mapping):
        raise DomainError(where, "a step must be a mapping")
    allowed = {"id", "text", "choices", "capture", "discloses_debt", "end"}
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        raise DomainError(f"{where}.{unknown[0]}", "unknown step key")
    sid = _ident(raw.get("id"), f"{where}.id")
    text = parse_template(raw.get("text"), f"steps.{sid}.text")  # type: ignore[arg-type]
    raw_choices = raw.get("choices", [])
    if not isinstance(raw_choices, list):
        raise DomainError(f"steps.{sid}.choices", "expected a list")
    choices = tuple(_choice(c, f"steps.{sid}.choices[{j}]") for j, c in enumerate(raw_choices))
    capture = raw.get("capture", [])
    if not isinstance(capture, list) or any(f not in CAPTURE_FIELDS for f in capture):
        raise DomainError(f"steps.{sid}.capture", f"fields must be among {sorted(CAPTURE_FIELDS)}")
    end = raw.get("end", False)
    discloses = raw.get("discloses_debt", False)
    if not isinstance(end, bool) or not isinstance(discloses, bool):
        raise DomainError(f"steps.{sid}", "end and discloses_debt must be true/false")
    if end and choices:
        raise DomainError(f"steps.{sid}.choices", "an end step has no choices")
    if not end and not choices:
        raise DomainError(f"steps.{sid}.choices", "a step without choices must be an end step")
    return Step(sid, text, choices, tuple(capture), discloses, end)


def _choice(raw: object, where: str) -> Choice:
    if not isinstance(raw, Mapping):
        raise DomainError(where, "a choice must be a mapping with label and next")
    unknown = sorted(str(k) for k in raw if k not in {"label", "next", "confirms_identity", "sets"})
    if unknown:
        raise DomainError(f"{where}.{unknown[0]}", "unknown choice key")
    label = parse_template(raw.get("label"), f"{where}.label")  # type: ignore[arg-type]
    nxt = _ident(raw.get("next"), f"{where}.next")
    confirms = raw.get("confirms_identity", False)
    if not isinstance(confirms, bool):
        raise DomainError(f"{where}.confirms_identity", "expected true/false")
    return Choice(label, nxt, confirms, _sets(raw.get("sets", {}), f"{where}.sets"))


def _sets(raw: object, where: str) -> tuple[tuple[str, str], ...]:
    """What a choice fills in the wrap-up: ``{disposition|reason|result: code}``."""
    if not isinstance(raw, Mapping):
        raise DomainError(where, "expected a mapping of wrap-up field to code")
    out = []
    for key, value in raw.items():
        codes = SETTABLE.get(str(key))
        if codes is None:
            raise DomainError(f"{where}.{key}", f"a choice may set only {sorted(SETTABLE)}")
        if value not in codes:
            raise DomainError(f"{where}.{key}", f"unknown code {value!r}")
        out.append((str(key), str(value)))
    return tuple(out)


def _ident(value: Any, field: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise DomainError(field, "required, lower_snake_case identifier")
    return value


@cache
def _debt_words(lang: str) -> PhraseList:
    return build_phrase_list({"lang": lang, "categories": {"debt": list(_DEBT_WORDS[lang])}})


def _discloses(step: Step, lang: str) -> bool:
    if step.discloses_debt or DISCLOSING_PLACEHOLDERS.intersection(step.text.placeholders):
        return True
    words = "".join(step.text.parts[0::2])
    return bool(check_text(words, lang, _debt_words(lang)))


def _check_reachability_and_disclosure(script: Script, by_id: Mapping[str, Step]) -> None:
    """Walk (step, identity verified?) states from the start step."""
    seen: set[tuple[str, bool]] = {(script.start, False)}
    queue = deque(seen)
    while queue:
        sid, verified = queue.popleft()
        step = by_id[sid]
        if not verified and _discloses(step, script.lang):
            raise DomainError(
                f"steps.{sid}", "discloses the debt on a path where identity is not verified"
            )
        for c in step.choices:
            state = (c.next, verified or c.confirms_identity)
            if state not in seen:
                seen.add(state)
                queue.append(state)
    reached = {sid for sid, _ in seen}
    for s in script.steps:
        if s.id not in reached:
            raise DomainError(f"steps.{s.id}", "not reachable from the start step")
