"""Handing a number to the workstation's softphone: a URL (tel:/sip:) or a command.

The template comes from Settings (default ``tel:{number}``). Placeholders: ``{number}``
(the clear number — the desk fetches it from the server's audited dial route just before
dialing and never stores it), ``{phone_id}``, ``{case_id}``, ``{recording}`` (the reference
the recording is filed under). A template that starts with a URL scheme is opened as a URL
(the UI does that through QDesktopServices); anything else is run as a command: split like
a shell would but never through a shell, so a value cannot inject anything.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from dataclasses import dataclass

DEFAULT_TEMPLATE = "tel:{number}"
PLACEHOLDERS = frozenset({"number", "phone_id", "case_id", "recording"})
_URL = re.compile(r"^(tel|sip|sips|callto|https?):", re.IGNORECASE)
_FIELD = re.compile(r"\{([^{}]*)\}")
_SAFE_VALUE = re.compile(r"^[0-9A-Za-z+*#@._:-]*$")


class SoftphoneError(ValueError):
    """A template or a value the softphone cannot take."""


@dataclass(frozen=True, slots=True)
class DialTarget:
    """What to hand over: a URL to open, or a command line (argv) to run."""

    url: str | None
    argv: tuple[str, ...] = ()


def check_template(template: str) -> str:
    """The template, stripped; SoftphoneError for unknown placeholders or an empty one."""
    t = template.strip()
    if not t:
        raise SoftphoneError("the softphone template is empty")
    unknown = sorted(set(_FIELD.findall(t)) - PLACEHOLDERS)
    if unknown:
        raise SoftphoneError(f"unknown placeholder {{{unknown[0]}}} (use {sorted(PLACEHOLDERS)})")
    return t


def needs_number(template: str) -> bool:
    """Whether dialing with this template needs the clear number from the server."""
    return "{number}" in template


def build_target(template: str, **values: str) -> DialTarget:
    """Fill the template. Values must look like numbers/ids (no spaces, quotes, ;, $...)."""
    t = check_template(template)
    for name, value in values.items():
        if name not in PLACEHOLDERS:
            raise SoftphoneError(f"unknown value {name!r}")
        if not _SAFE_VALUE.match(value):
            raise SoftphoneError(f"{name} has characters a softphone cannot take")

    def fill(text: str) -> str:
        return _FIELD.sub(lambda m: values.get(m.group(1), ""), text)

    if _URL.match(t):
        return DialTarget(url=fill(t))
    try:
        argv = tuple(fill(part) for part in shlex.split(t))
    except ValueError as exc:
        raise SoftphoneError(f"the command template does not parse: {exc}") from None
    return DialTarget(url=None, argv=argv)


def run_command(target: DialTarget) -> None:
    """Start the softphone command (detached; never through a shell)."""
    if not target.argv:
        raise SoftphoneError("no command to run")
    try:
        subprocess.Popen(
            list(target.argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise SoftphoneError(f"cannot start the softphone: {exc.strerror}") from None
