"""The shape every registry write shares, so each service keeps only what is its own.

One record (the services' create, update and delete): save it and log it in the audit log
with the same actions and changes everywhere. Many records (the bulk imports): create the new
ones and update the changed ones in bulk, each with its audit entry, then the import's summary.
The services still check rights and validate; these functions only write.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.db import models

from taicho.core import audit
from taicho.core.models import AuditEntry
from taicho.core.tabular import ImportResult, Tally, audit_entry, record_import

BATCH = 500  # rows per bulk query


# --- one record ------------------------------------------------------------------------------


def reject_unknown(fields: Mapping[str, Any], *, allowed: Iterable[str], service: str) -> None:
    """A caller's typo in a field name is a programming error, not a user's mistake."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{service} got unknown fields: {sorted(unknown)}")


def _record(actor, instance: models.Model, action: str, changes: dict) -> None:
    audit.record(
        actor=actor, ward_id=instance.ward_id, action=action, instance=instance, changes=changes
    )


def save_new[M: models.Model](*, actor, instance: M, audited: Sequence[str]) -> M:
    """Save a new, already checked record and log its creation."""
    instance.save()
    changes = audit.diff({}, audit.snapshot(instance, audited))
    _record(actor, instance, AuditEntry.Action.CREATE, changes)
    return instance


def save_changes[M: models.Model](
    *,
    actor,
    instance: M,
    fields: Mapping[str, Any],
    audited: Sequence[str],
    clean: Callable[[M], None],
    before_save: Callable[[M], None] | None = None,
) -> dict:
    """Set `fields` (text stripped), `clean` the record, and save it with an audit entry if
    an audited value changed. Returns the changes ({field: [old, new]}; empty: nothing saved).

    `before_save` sets what follows from the changed values (search text) just before saving.
    """
    before = audit.snapshot(instance, audited)
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    clean(instance)
    changes = audit.diff(before, audit.snapshot(instance, audited))
    if changes:
        if before_save is not None:
            before_save(instance)
        instance.save()
        _record(actor, instance, AuditEntry.Action.UPDATE, changes)
    return changes


def delete(*, actor, instance: models.Model, audited: Sequence[str]) -> None:
    """Log the record's last values, then delete it."""
    changes = audit.diff(audit.snapshot(instance, audited), {})
    _record(actor, instance, AuditEntry.Action.DELETE, changes)
    instance.delete()


# --- many records: bulk imports --------------------------------------------------------------


def given(row: Mapping[str, Any], keep: set[str]) -> dict:
    """The values of the columns the file had: a value whose column was missing stays as is."""
    return {name: value for name, value in row.items() if name in keep}


def set_values(instance: models.Model, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(instance, name, value)


class ImportLog:
    """What one import did: its tallies, and its audit entries, written in bulk at the end
    with its summary."""

    def __init__(self, *, actor, ward_id: int, source_name: str):
        self.actor, self.ward_id, self.entries = actor, ward_id, []
        self.result = ImportResult(source_name=source_name, tallies={})

    def writer(self, key: str, *, label: str, audited: Sequence[str], now=None) -> "BulkWriter":
        """The writer of one model's records, counted under `key` of the result."""
        tally = self.result.tallies[key] = Tally(label=label)
        return BulkWriter(audited=audited, log=self, tally=tally, now=now)

    def add(self, action: str, instance: models.Model, changes: dict) -> None:
        self.entries.append(
            audit_entry(
                actor=self.actor,
                ward_id=self.ward_id,
                action=action,
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                object_repr=str(instance),
                changes=changes,
            )
        )

    def save(self, *, object_type: str) -> ImportResult:
        summary = record_import(
            actor=self.actor, ward_id=self.ward_id, object_type=object_type, result=self.result
        )
        AuditEntry.objects.bulk_create([*self.entries, summary], batch_size=BATCH)
        return self.result


# How an import sets a row's values on a stored record. It may return True when it changed
# something the audit snapshot cannot see (another group of the same name); None otherwise.
Assign = Callable[[Any, dict], bool | None]


class BulkWriter[M: models.Model]:
    """One model's records of one import: new ones created and changed ones updated in bulk,
    each with its audit entry, and counted in `tally`."""

    def __init__(self, *, audited: Sequence[str], log: ImportLog, tally: Tally, now=None):
        self.audited, self.log, self.tally, self.now = audited, log, tally, now
        self.created: list[M] = []
        self.updated: list[M] = []

    def add(self, instance: M) -> None:
        self.created.append(instance)

    def change(self, instance: M, values: dict, assign: Assign = set_values) -> dict:
        """Set the row's values on a stored record; it is updated if anything changed."""
        before = audit.snapshot(instance, self.audited)
        assigned = assign(instance, values)
        changes = audit.diff(before, audit.snapshot(instance, self.audited))
        if not (changes or assigned):
            self.tally.unchanged += 1
            return changes
        if self.now is not None:
            instance.updated_at = self.now  # bulk_update does not touch auto_now fields
        self.updated.append(instance)
        self.log.add(AuditEntry.Action.UPDATE, instance, changes)
        return changes

    def by_code(
        self,
        rows: Iterable[dict],
        *,
        existing: dict[str, M],
        make: Callable[[dict], M],
        assign: Assign = set_values,
    ) -> None:
        """Rows matched by code with `existing` (which gains the new records): new codes are
        made, known ones changed."""
        for values in rows:
            instance = existing.get(values["code"])
            if instance is None:
                instance = make(values)
                self.add(instance)
                existing[instance.code] = instance
            else:
                self.change(instance, values, assign)

    def save(self, *, model: type[M], fields: Sequence[str]) -> None:
        """Write the new records and the changed `fields`, and log each new record."""
        model.objects.bulk_create(self.created, batch_size=BATCH)
        model.objects.bulk_update(self.updated, fields, batch_size=BATCH)
        for instance in self.created:
            self.log.add(
                AuditEntry.Action.CREATE,
                instance,
                audit.diff({}, audit.snapshot(instance, self.audited)),
            )
        self.tally.created, self.tally.updated = len(self.created), len(self.updated)
