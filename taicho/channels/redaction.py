"""Secrets never leave a channel's configuration: not in a log line, an error or a page.

A configuration key is secret when its name says so (token, secret, password, key, auth…);
its value is replaced by MASK wherever a text could carry it. Recipients' addresses in log
lines are masked too: a log is no place for a resident's phone number.
"""

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from taicho.core.phones import mask_phone

MASK = "•••"
_SECRET_NAME = re.compile(r"token|secret|password|passwd|key|auth|credential", re.IGNORECASE)
# Shorter values are left alone: masking "1" would garble every number in a text.
_MIN_SECRET_LENGTH = 4
_PHONE = re.compile(r"^\+?\d{9,12}$")
_SEPARATORS = re.compile(r"[\s.\-()]")


def is_secret_key(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


def secret_values(config: Mapping[str, Any]) -> list[str]:
    """The secret values of a configuration, longest first (so no secret is half-masked)."""
    values = {
        str(value)
        for name, value in config.items()
        if is_secret_key(name) and value not in (None, "") and len(str(value)) >= _MIN_SECRET_LENGTH
    }
    return sorted(values, key=len, reverse=True)


def mask_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration as it may be shown or logged: every secret set replaced by MASK."""
    return {
        name: (MASK if is_secret_key(name) and value not in (None, "") else value)
        for name, value in config.items()
    }


def redact_text(text: str, config: Mapping[str, Any]) -> str:
    """`text` with every secret value of `config` (and its URL-quoted form) replaced by MASK."""
    return redact_values(text, secret_values(config))


def redact_values(text: str, values: Iterable[str]) -> str:
    for value in sorted(set(values), key=len, reverse=True):
        for form in {value, quote(value, safe=""), quote_plus(value)}:
            text = text.replace(form, MASK)
    return text


def mask_address(address: str) -> str:
    """A recipient's address as a log line may show it: enough to recognise, not to use."""
    address = str(address)
    compact = _SEPARATORS.sub("", address)
    if _PHONE.match(compact):
        return mask_phone(compact)
    if "@" in address:
        local, _, domain = address.partition("@")
        return f"{local[:1]}{MASK}@{domain}"
    return address


def hide_address(text: str, address: str) -> str:
    """`text` with the recipient's address (as typed, compact, or in 84… form) masked, for
    a log line that quotes a provider's answer."""
    compact = _SEPARATORS.sub("", str(address))
    forms = {str(address), compact}
    if _PHONE.match(compact) and compact.startswith("0"):
        forms.update({"84" + compact[1:], "+84" + compact[1:]})
    masked = mask_address(address)
    for form in sorted(filter(None, forms), key=len, reverse=True):
        if form != masked:
            text = text.replace(form, masked)
    return text


class RedactingLogger:
    """A logger whose every line, once formatted, has the configuration's secrets masked."""

    def __init__(self, logger: logging.Logger, redact: Callable[[str], str]):
        self._logger = logger
        self._redact = redact

    def _log(self, level: int, message: str, *args) -> None:
        if self._logger.isEnabledFor(level):
            text = message % args if args else message
            self._logger.log(level, "%s", self._redact(text))

    def debug(self, message: str, *args) -> None:
        self._log(logging.DEBUG, message, *args)

    def info(self, message: str, *args) -> None:
        self._log(logging.INFO, message, *args)

    def warning(self, message: str, *args) -> None:
        self._log(logging.WARNING, message, *args)

    def error(self, message: str, *args) -> None:
        self._log(logging.ERROR, message, *args)
