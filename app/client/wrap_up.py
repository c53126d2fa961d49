"""The wrap-up of a contact: what the agent records when a call ends (or without a call).

`WrapUp` is the whole form as a value — the call (number, start, duration, recording
reference, a lead's override reason), the disposition, the reason for non-payment, the
result, a promise (amount, date), a callback (date and time), the note and what the script
walk set — so the desk can keep it as a draft while the agent types (a crash loses nothing)
and restore it exactly. `problems` checks it with the same rules the server applies
(app.domain.followups), each problem tied to its field; `banned_hits` lists the banned phrases
in the note with their severity (the desk warns on both: "block", the agent's own words, and
"review", a quote, a denial or a doubtful match), and `banned` the violations alone (the
agent may save anyway and the note carries them to the server as its flag).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from app.domain.banned_phrases import BannedHit, check_text
from app.domain.contact_policy_types import LocalWindow
from app.domain.followups import FieldProblem, check_callback, check_promise
from app.domain.limits import MAX_NOTE_CHARS
from app.domain.outcomes import NOBODY_ANSWERED

PAYING_RESULTS = frozenset({"promise_to_pay", "plan_proposed", "paid_already"})


@dataclass(frozen=True, slots=True)
class WrapUp:
    """Everything the wrap-up form holds (see module docstring). Amounts in fen."""

    case_id: str
    channel: str = "outbound_call"
    phone_id: str | None = None
    contact_id: str | None = None  # the attempt's id, made when the call started
    started_at: datetime | None = None  # None: no call (a note or an inbound contact)
    duration_s: int = 0
    recording_ref: str | None = None
    override_reason: str | None = None
    disposition: str | None = None
    reason: str | None = None
    result: str | None = None
    promise_amount_fen: int | None = None
    promise_date: date | None = None
    callback_at: datetime | None = None
    text: str = ""
    amends: str | None = None
    script: dict[str, Any] = field(default_factory=dict)  # {"id", "lang", "trail"} for drafts

    @property
    def call_placed(self) -> bool:
        return self.started_at is not None

    def with_(self, **changes: Any) -> WrapUp:
        return replace(self, **changes)

    # --- drafts -----------------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        for k, v in data.items():
            if isinstance(v, date | datetime):
                data[k] = v.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> WrapUp:
        """A draft read back; unknown keys are ignored, bad values dropped (never raises
        for a damaged draft beyond a missing case id)."""
        raw = json.loads(text)
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in raw or raw[f.name] is None:
                continue
            value = raw[f.name]
            try:
                if f.name in ("started_at", "callback_at"):
                    value = datetime.fromisoformat(value)
                    if value.tzinfo is None:
                        continue
                elif f.name == "promise_date":
                    value = date.fromisoformat(value)
                elif f.name in ("duration_s", "promise_amount_fen"):
                    value = int(value)
            except (TypeError, ValueError):
                continue
            kwargs[f.name] = value
        return cls(**kwargs)

    @property
    def is_blank(self) -> bool:
        """Nothing worth keeping as a draft."""
        return (
            not self.text.strip()
            and not self.call_placed
            and self.disposition is None
            and self.result is None
            and self.promise_amount_fen is None
            and self.callback_at is None
        )


def problems(
    w: WrapUp,
    *,
    now: datetime,
    today: date,
    owed_fen: int,
    borrower_tz: str,
    window: LocalWindow,
) -> list[FieldProblem]:
    """Every broken rule, tied to its field (empty when the wrap-up can be saved)."""
    out: list[FieldProblem] = []
    text = w.text.strip()
    if not text:
        out.append(FieldProblem("text", "empty", "请填写通话备注", "write what happened"))
    elif len(text) > MAX_NOTE_CHARS:
        out.append(
            FieldProblem(
                "text",
                "too_long",
                f"备注最多 {MAX_NOTE_CHARS:,} 字",
                f"at most {MAX_NOTE_CHARS:,} characters",
            )
        )
    if w.call_placed and w.disposition is None:
        out.append(
            FieldProblem("disposition", "required", "请选择联系结果", "pick how the call ended")
        )
    if w.disposition in NOBODY_ANSWERED and w.result in PAYING_RESULTS:
        out.append(
            FieldProblem(
                "result",
                "nobody_answered",
                "无人接听时不能登记承诺、方案或已还款",
                "nobody answered: no promise, plan or payment can be recorded",
            )
        )
    wants_promise = w.result == "promise_to_pay" or w.promise_amount_fen is not None
    if wants_promise:
        if w.disposition not in (None, "right_party"):
            out.append(
                FieldProblem(
                    "result",
                    "promise_needs_right_party",
                    "只有本人可以承诺还款",
                    "only the borrower (right party) can promise to pay",
                )
            )
        if w.promise_amount_fen is None:
            out.append(
                FieldProblem("promise_amount", "required", "请填写承诺金额", "enter the amount")
            )
        if w.promise_date is None:
            out.append(FieldProblem("promise_date", "required", "请选择承诺日期", "pick the date"))
        if w.promise_amount_fen is not None and w.promise_date is not None:
            out += check_promise(
                w.promise_amount_fen, w.promise_date, today=today, owed_fen=owed_fen
            )
    if w.result == "callback_scheduled" and w.callback_at is None:
        out.append(
            FieldProblem("callback_at", "required", "请选择回拨时间", "pick when to call back")
        )
    if w.callback_at is not None:
        out += check_callback(w.callback_at, now=now, borrower_tz=borrower_tz, window=window)
    return out


def banned_hits(text: str) -> list[BannedHit]:
    """Banned phrases in the note (Chinese and English lists), one hit per phrase - its
    first "block" hit when it has one, else its first "review" hit - in order of place."""
    best: dict[str, BannedHit] = {}
    for hit in sorted(
        (h for lang in ("zh_CN", "en") for h in check_text(text, lang)), key=lambda h: h.start
    ):
        known = best.get(hit.phrase)
        if known is None or (known.severity != "block" and hit.severity == "block"):
            best[hit.phrase] = hit
    return sorted(best.values(), key=lambda h: h.start)


def banned(text: str) -> list[str]:
    """The banned phrases that are violations in the note ("block": the agent's own words),
    in order, no duplicates: what the note is flagged with."""
    return [h.phrase for h in banned_hits(text) if h.severity == "block"]
