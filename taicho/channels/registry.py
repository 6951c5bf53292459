"""The channel kinds this installation offers: settings.TAICHO_CHANNEL_KINDS, dotted paths.

Adding a kind is a folder with its transport, form and tests, plus one line in the setting;
no central file lists them.
"""

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from taicho.channels.base import Transport

_REQUIRED = ("kind", "label", "config_form", "recipient_field")


def _load(path: str) -> type[Transport]:
    try:
        cls = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"TAICHO_CHANNEL_KINDS: cannot import {path!r}: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Transport)):
        raise ImproperlyConfigured(f"TAICHO_CHANNEL_KINDS: {path!r} is not a Transport class.")
    missing = [name for name in _REQUIRED if not getattr(cls, name, None)]
    if missing:
        raise ImproperlyConfigured(f"TAICHO_CHANNEL_KINDS: {path!r} does not set {missing}.")
    return cls


@cache
def kinds() -> dict[str, type[Transport]]:
    """{kind: transport class}, in the order of the setting."""
    loaded: dict[str, type[Transport]] = {}
    for path in settings.TAICHO_CHANNEL_KINDS:
        cls = _load(path)
        if cls.kind in loaded:
            raise ImproperlyConfigured(
                f"TAICHO_CHANNEL_KINDS: the kind {cls.kind!r} is listed twice."
            )
        loaded[cls.kind] = cls
    return loaded


def kind_class(kind: str) -> type[Transport]:
    """The transport class of `kind`; KeyError if this installation does not offer it."""
    return kinds()[kind]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind, str(cls.label)) for kind, cls in kinds().items()]


def _forget(*, setting, **kwargs) -> None:
    if setting == "TAICHO_CHANNEL_KINDS":
        kinds.cache_clear()


setting_changed.connect(_forget)
