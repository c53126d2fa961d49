"""Safe placeholder templates for call scripts.

A template is text with ``{name}`` placeholders (``{{`` and ``}}`` for literal braces).
Rendering is a single pass over pre-parsed parts: no ``str.format``, no attribute or index
access, no evaluation; a value is never parsed again, and a missing value renders as
``[name?]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.domain.errors import DomainError
from app.domain.money import Money

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

#: Placeholders a script may use.
KNOWN_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "borrower_name",
        "agent_name",
        "lender_name",
        "hotline",
        "overdue_amount",
        "overdue_days",
        "due_date",
        "installment_amount",
        "contract_no",
        "plate",
        "vehicle",
        "promise_amount",
        "promise_date",
    }
)
#: Placeholders whose value tells the listener about the debt (need a verified right party).
DISCLOSING_PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "overdue_amount",
        "overdue_days",
        "due_date",
        "installment_amount",
        "contract_no",
        "plate",
        "vehicle",
        "promise_amount",
        "promise_date",
    }
)


@dataclass(frozen=True, slots=True)
class Template:
    """Parsed text: literal strings and placeholder names alternate (``parts[1::2]`` names)."""

    parts: tuple[str, ...]

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholder names in order of appearance."""
        return self.parts[1::2]

    def render(self, values: Mapping[str, object], lang: str) -> tuple[str, tuple[str, ...]]:
        """The rendered text and the names of missing values (shown as ``[name?]``)."""
        out: list[str] = []
        missing: list[str] = []
        for i, part in enumerate(self.parts):
            if i % 2 == 0:
                out.append(part)
                continue
            text = format_value(values.get(part), lang)
            if text is None:
                missing.append(part)
                text = f"[{part}?]"
            out.append(text)
        return "".join(out), tuple(dict.fromkeys(missing))


def parse_template(text: str, field: str) -> Template:
    """Parse ``text``; unknown placeholders or stray braces raise :class:`DomainError`."""
    if not isinstance(text, str):
        raise DomainError(field, "expected text")
    parts: list[str] = []
    literal: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        literal.append(text[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        name = m.group(1)
        if name is None:
            raise DomainError(field, f"unbalanced brace at position {m.start()}")
        name = name.strip()
        if not _NAME.match(name) or name not in KNOWN_PLACEHOLDERS:
            raise DomainError(field, f"unknown placeholder {{{name}}}")
        parts.append("".join(literal))
        parts.append(name)
        literal = []
    literal.append(text[pos:])
    parts.append("".join(literal))
    return Template(tuple(parts))


def format_value(value: object, lang: str) -> str | None:
    """Text for one value; ``None`` (or an empty string) means missing."""
    if value is None:
        return None
    if isinstance(value, Money):
        return value.format()
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if lang.startswith("zh"):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%B %d, %Y").replace(" 0", " ")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return value if value.strip() else None
    return None  # anything else is not a value a script may show
