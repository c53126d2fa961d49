"""Masking used when the demo book stores the masked beside the clear values.

Uses app.domain.masking (DOMAIN-C) when present so the formats are the project's; the
fallbacks produce the same documented formats (DOMAIN.md "Personal information").
"""

from __future__ import annotations

try:  # pragma: no cover - depends on the tree
    from app.domain.masking import mask_card, mask_id_number, mask_phone, mask_vin
except ImportError:  # pragma: no cover

    def mask_id_number(value: str) -> str:
        """110105199001011234 -> 110105********1234."""
        return value[:6] + "*" * (len(value) - 10) + value[-4:]

    def mask_phone(value: str) -> str:
        """13812345678 -> 138****5678."""
        return value[:3] + "****" + value[-4:]

    def mask_card(value: str) -> str:
        """Any card number -> **** **** **** 1234."""
        return "**** **** **** " + value[-4:]

    def mask_vin(value: str) -> str:
        """LGX5URGX8PA023406 -> LGX**********3406 (WMI and last 4 kept)."""
        return value[:3] + "*" * (len(value) - 7) + value[-4:]


__all__ = ["mask_card", "mask_id_number", "mask_phone", "mask_vin"]
