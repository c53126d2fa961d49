"""Pydantic models of the wire format, shared by the central API and the desktop client.

Amounts are integer fen; instants are timezone-aware ISO-8601 UTC; business dates are dates.
Every model rejects unknown fields.
"""
