"""Handing a number to the workstation's softphone: a URL (tel:/sip:) or a command.

The template comes from Settings (default ``tel:{number}``). Placeholders: ``{number}``
(the clear number — the desk fetches it from the server's audited dial route just before
dialing and never stores it), ``{phone_id}``, ``{case_id}``, ``{recording}`` (the reference
the recording is filed under). A template that starts with a URL scheme is opened as a URL
(the UI does that through QDesktopServices); anything else is run as a command: split like
a shell would but never through a shell, so a value cannot inject anything.

What a value may be (issue #18 point 5), checked as a whole string (no trailing newline):

- ``{number}``: ASCII digits with an optional leading ``+``, nothing else (3-20 digits);
- ``{phone_id}``, ``{case_id}``, ``{recording}``: letters, digits, ``.``, ``_``, ``-``,
  starting with a letter or a digit;

so a value never starts with ``-`` (no option injection: ``-oProxyCommand=…``, ``--help``)
and never carries ``@``, ``:``, ``/`` or spaces (no ``number@host:port``). The host comes
only from the template: a placeholder may not stand in a URL's host part (after ``@`` in
sip:, the authority of http:) nor be the program of a command.
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
# fullmatch only: `$` would let a trailing newline through
_NUMBER = re.compile(r"\+?[0-9]{3,20}")
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,127}")


class SoftphoneError(ValueError):
    """A template or a value the softphone cannot take; `code` names the kind of problem
    (the desk shows a translated sentence for it)."""

    def __init__(self, message: str, code: str = "bad_template") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class DialTarget:
    """What to hand over: a URL to open, or a command line (argv) to run."""

    url: str | None
    argv: tuple[str, ...] = ()


def _url_host(template: str) -> str:
    """The host part of a URL template ("" when the scheme has none: tel:, callto:)."""
    scheme, _, rest = template.partition(":")
    scheme = scheme.lower()
    if scheme in ("http", "https"):
        authority = rest.removeprefix("//")
        return re.split(r"[/?#]", authority, maxsplit=1)[0]
    if scheme in ("sip", "sips"):
        user_host = re.split(r"[;?]", rest, maxsplit=1)[0]
        return user_host.rpartition("@")[2] if "@" in user_host else user_host
    return ""


def check_template(template: str) -> str:
    """The template, stripped; SoftphoneError for unknown placeholders, an empty one, or a
    placeholder where the host or the program belongs."""
    t = template.strip()
    if not t:
        raise SoftphoneError("the softphone template is empty", "empty")
    unknown = sorted(set(_FIELD.findall(t)) - PLACEHOLDERS)
    if unknown:
        raise SoftphoneError(
            f"unknown placeholder {{{unknown[0]}}} (use {sorted(PLACEHOLDERS)})", "placeholder"
        )
    if _URL.match(t):
        host = _url_host(t)
        if "{" in host:
            raise SoftphoneError("the host must be written in the template", "host")
        if t.lower().startswith(("sip:", "sips:")) and not host:
            raise SoftphoneError("a sip: link needs its host in the template", "host")
        return t
    try:
        parts = shlex.split(t)
    except ValueError as exc:
        raise SoftphoneError(f"the command template does not parse: {exc}") from None
    if not parts or "{" in parts[0] or parts[0].startswith("-"):
        raise SoftphoneError("the program must be written in the template", "program")
    return t


def needs_number(template: str) -> bool:
    """Whether dialing with this template needs the clear number from the server."""
    return "{number}" in template


def check_value(name: str, value: str) -> str:
    """`value` if a softphone may take it as `name` (see module docstring), else
    SoftphoneError. "" stands for a value the template does not use."""
    if name not in PLACEHOLDERS:
        raise SoftphoneError(f"unknown value {name!r}", "placeholder")
    if value == "":
        return value
    pattern = _NUMBER if name == "number" else _ID
    if pattern.fullmatch(value) is None:
        what = "digits with an optional leading +" if name == "number" else "an id"
        raise SoftphoneError(f"{name} must be {what}, nothing else", "value")
    return value


def build_target(template: str, **values: str) -> DialTarget:
    """Fill the template; every value is checked (check_value), and a placeholder the
    template uses must have one."""
    t = check_template(template)
    for name, value in values.items():
        check_value(name, value)
    for name in set(_FIELD.findall(t)):
        if not values.get(name):
            raise SoftphoneError(f"the template needs {name}", "value")

    def fill(text: str) -> str:
        return _FIELD.sub(lambda m: values.get(m.group(1), ""), text)

    if _URL.match(t):
        return DialTarget(url=fill(t))
    argv = tuple(fill(part) for part in shlex.split(t))
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
        raise SoftphoneError(f"cannot start the softphone: {exc.strerror}", "start") from None
