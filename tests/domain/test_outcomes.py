"""The outcome codes of the domain and of the wire models are the same lists."""

from __future__ import annotations

from typing import get_args

from app.domain import outcomes
from app.protocol import entities


def test_wire_literals_equal_the_domain_lists() -> None:
    assert get_args(entities.Channel) == outcomes.CHANNELS
    assert get_args(entities.Disposition) == outcomes.DISPOSITIONS
    assert get_args(entities.NonPaymentReason) == outcomes.NON_PAYMENT_REASONS
    assert get_args(entities.ContactResult) == outcomes.CONTACT_RESULTS
    assert outcomes.NOBODY_ANSWERED < set(outcomes.DISPOSITIONS)
