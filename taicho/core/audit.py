"""The audit log: every write to the registries says who, when and what changed."""

import datetime as dt
import decimal
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

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


EMPTY = "—"


@dataclass(frozen=True)
class ChangeRow:
    label: str
    old: str
    new: str


def _display(field, value) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        # A geometry: its kind says enough; the shape itself is on the map.
        return _("%(kind)s geometry") % {"kind": value.get("type", "?")}
    return str(value)


def change_rows(entry: AuditEntry) -> list[ChangeRow]:
    """Each changed field of an audit entry with its label and readable old and new values.

    Fields come in the model's order; a field that reads the same before and after (an empty
    value on creation) is left out.
    """
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    order = {field.name: index for index, field in enumerate(model._meta.fields)} if model else {}
    rows = []
    changes = entry.changes or {}
    for name in sorted(changes, key=lambda name: (order.get(name, len(order)), name)):
        values = changes[name]
        # audit.diff stores [old, new]; anything else is shown as the new value.
        old, new = values if isinstance(values, list) and len(values) == 2 else (None, values)
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(field.verbose_name) if field is not None else name
        row = ChangeRow(label, _display(field, old), _display(field, new))
        if row.old != row.new:
            rows.append(row)
    return rows


def history(entries, *, limit: int = 50) -> list[AuditEntry]:
    """Audit entries ready for core/_audit_history.html: each gets its `change_rows`."""
    rows = list(entries[:limit])
    for entry in rows:
        entry.change_rows = change_rows(entry)
    return rows
