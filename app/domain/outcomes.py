"""The codes a contact ends with (DOMAIN.md "Outcomes of a contact"), as plain data.

The wire models (app.protocol.entities) spell the same lists as `Literal`s for validation and
the OpenAPI document; tests/domain/test_outcomes.py keeps the two identical.
"""

from __future__ import annotations

CHANNELS: tuple[str, ...] = ("outbound_call", "inbound_call", "sms", "letter", "visit")
DISPOSITIONS: tuple[str, ...] = (
    "right_party",
    "third_party",
    "no_answer",
    "busy",
    "voicemail",
    "wrong_number",
    "number_invalid",
    "refused",
    "hung_up",
)
NON_PAYMENT_REASONS: tuple[str, ...] = (
    "temporary_hardship",
    "unemployment",
    "illness",
    "forgot",
    "amount_dispute",
    "vehicle_problem",
    "vehicle_sold",
    "fraud_claim",
    "refuses",
    "other",
)
CONTACT_RESULTS: tuple[str, ...] = (
    "promise_to_pay",
    "plan_proposed",
    "paid_already",
    "callback_scheduled",
    "escalate",
    "no_result",
)
#: Dispositions where nobody talked to us: a wrap-up needs no reason or result for them.
NOBODY_ANSWERED: frozenset[str] = frozenset({"no_answer", "busy", "voicemail", "number_invalid"})

#: What a script choice may set in the wrap-up, and the codes each field accepts.
SETTABLE: dict[str, tuple[str, ...]] = {
    "disposition": DISPOSITIONS,
    "reason": NON_PAYMENT_REASONS,
    "result": CONTACT_RESULTS,
}
