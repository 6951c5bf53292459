"""The audit log: every write to the registries says who, when and what changed."""

import datetime as dt
import decimal
from collections.abc import Iterable

from django.db import models

from taicho.core.models import AuditEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """The values of `fields` on `instance`, in a JSON-friendly form."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in {**before, **after}
        if before.get(name) != after.get(name)
    }


def record(
    *,
    actor,
    ward_id: int,
    action: str,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        object_repr = object_repr or str(instance)[:200]
    return AuditEntry.objects.create(
        ward_id=ward_id,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=changes or {},
    )


def entries_for(*, instance: models.Model):
    """The history of one record, newest first."""
    return AuditEntry.objects.filter(
        ward_id=instance.ward_id,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
    ).select_related("actor")
