"""The one error type domain code raises for bad input."""

from __future__ import annotations


class DomainError(ValueError):
    """Bad input to a domain function: names the offending field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")
