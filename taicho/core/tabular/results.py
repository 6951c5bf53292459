"""What an import did, and the audit log entries of imports and exports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError
from django.utils.translation import gettext as _

from taicho.core.models import AuditEntry
from taicho.core.tabular.reading import reject


@dataclass
class Tally:
    """What an import did to one kind of record."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
        }

    def __str__(self) -> str:
        return _(
            "%(label)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(deleted)d deleted"
        ) % {"label": self.label, **self.as_dict()}


@dataclass
class ImportResult:
    source_name: str
    tallies: dict[str, Tally]

    def __str__(self) -> str:
        return _("Imported %(file)s — %(tallies)s.") % {
            "file": self.source_name,
            "tallies": "; ".join(str(tally) for tally in self.tallies.values()),
        }


def write_or_reject(write: Callable[[], ImportResult], *, sheet: str) -> ImportResult:
    """Write a checked file; a code taken meanwhile by someone else refuses it as a problem."""
    try:
        return write()
    except IntegrityError:
        reject(
            sheet=sheet,
            message=_("The registry changed while the file was imported; please import it again."),
        )


def actor_id(actor) -> int | None:
    """The user to store in the audit log (None for the command line)."""
    return getattr(actor, "pk", None)


def audit_entry(
    *,
    actor,
    ward_id: int,
    action: str,
    object_type: str,
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
) -> AuditEntry:
    """An unsaved audit entry, for bulk_create."""
    return AuditEntry(
        ward_id=ward_id,
        actor_id=actor_id(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=changes or {},
    )


def record_import(*, actor, ward_id: int, object_type: str, result: ImportResult) -> AuditEntry:
    """The one summary entry of an import: which file, and what it did."""
    return audit_entry(
        actor=actor,
        ward_id=ward_id,
        action=AuditEntry.Action.IMPORT,
        object_type=object_type,
        object_repr=result.source_name,
        changes={
            "file": result.source_name,
            **{key: tally.as_dict() for key, tally in result.tallies.items()},
        },
    )


def record_export(*, actor, ward_id: int, object_type: str, file_name: str, rows: int) -> None:
    """Exports of registries (personal data among them) are logged."""
    audit_entry(
        actor=actor,
        ward_id=ward_id,
        action=AuditEntry.Action.EXPORT,
        object_type=object_type,
        object_repr=file_name,
        changes={"file": file_name, "rows": rows},
    ).save()
