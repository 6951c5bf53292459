"""Every write to bulletins: typed in by the duty officer, imported from CAP, their level.

A bulletin received twice (the same CAP sender and identifier, or the same text) is merged
into the first: the service returns the stored one, marked as a duplicate, and counts it.
Updates and cancellations are linked to the bulletin they name.
"""

import contextlib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_write
from taicho.core.models import AuditEntry, Ward
from taicho.warnings import cap
from taicho.warnings.models import (
    HAZARD_CHOICES,
    OTHER_HAZARD,
    Bulletin,
    BulletinKind,
    BulletinSource,
    FeedSource,
    IssuerKind,
    MsgType,
)
from taicho.warnings.services import levels
from taicho.warnings.services.cap_in import SIGNATURE_STATUS, content_of
from taicho.warnings.services.vocabulary import is_authoritative
from taicho.warnings.signals import bulletin_level_decided, bulletin_received

TOPIC = Bulletin.scope_topic
AUDITED_FIELDS = (
    "source",
    "source_url",
    "hazard_type",
    "kind",
    "issuer",
    "issuer_kind",
    "authoritative",
    "issued_at",
    "expires_at",
    "headline",
    "areas",
    "figures",
    "cap_sender",
    "cap_identifier",
    "msg_type",
    "signature_status",
    "updates",
    "proposed_level",
    "level",
)
CAP_SOURCES = (BulletinSource.CAP_FILE, BulletinSource.CAP_URL, BulletinSource.CAP_FEED)
LEVEL_FIELDS = ("figures", "proposed_level", "level_basis", "level", "override_reason")


@dataclass(frozen=True)
class Received:
    """What receiving a bulletin gave: the stored bulletin, and whether it was already there."""

    bulletin: Bulletin
    duplicate: bool


def content_hash(headline: str, text: str) -> str:
    """The same words, whatever the spacing and case: a bulletin typed or fetched twice."""
    normalised = "\n".join(" ".join(part.lower().split()) for part in (headline, text))
    return hashlib.sha256(normalised.encode()).hexdigest()


# --- typed in -------------------------------------------------------------------------------


@transaction.atomic
def bulletin_create_typed(
    *,
    actor,
    ward: Ward,
    hazard_type: str,
    kind: str,
    issuer: str,
    issued_at: datetime,
    headline: str,
    text: str = "",
    areas: Iterable[str] = (),
    figures: dict | None = None,
    stated_level: int | None = None,
    issuer_kind: str = IssuerKind.OTHER,
    expires_at: datetime | None = None,
    updates: Bulletin | None = None,
) -> Received:
    """A bulletin the duty officer types in from a Vietnamese text (tin bão, tin lũ, công
    điện…), with its key figures; the risk level is proposed from them."""
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    bulletin = Bulletin(
        ward=ward,
        source=BulletinSource.TYPED,
        hazard_type=hazard_type,
        kind=kind,
        issuer=issuer.strip(),
        issuer_kind=issuer_kind,
        issued_at=issued_at,
        expires_at=expires_at,
        headline=" ".join(headline.split()),
        text=text.strip(),
        areas=[area.strip() for area in areas if area and area.strip()],
        msg_type=MsgType.UPDATE if updates is not None else MsgType.ALERT,
        updates=updates,
        received_by=actor,
    )
    errors = _check_typed(bulletin, ward=ward)
    try:
        _apply_figures(bulletin, figures, stated_level)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return _store(actor=actor, bulletin=bulletin, action=AuditEntry.Action.CREATE)


def _check_typed(bulletin: Bulletin, *, ward: Ward) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if bulletin.hazard_type not in {value for value, _label in HAZARD_CHOICES}:
        errors["hazard_type"] = [_("Choose the hazard.")]
    if bulletin.kind not in BulletinKind.values:
        errors["kind"] = [_("Choose the bulletin kind.")]
    if bulletin.issuer_kind not in IssuerKind.values:
        errors["issuer_kind"] = [_("Choose who issued the bulletin.")]
    if not bulletin.issuer:
        errors["issuer"] = [_("Say who issued the bulletin.")]
    if not bulletin.headline:
        errors["headline"] = [_("Give the bulletin's headline.")]
    for name in ("issued_at", "expires_at"):
        value = getattr(bulletin, name)
        if value is not None and timezone.is_naive(value):
            errors[name] = [_("Give the time with its time zone.")]
    if bulletin.issued_at is None:
        errors["issued_at"] = [_("Give the time the bulletin was issued.")]
    if bulletin.updates is not None and bulletin.updates.ward_id != ward.id:
        errors["updates"] = [_("The bulletin it updates belongs to another ward.")]
    return errors


def _apply_figures(bulletin: Bulletin, figures: dict | None, stated: int | None) -> None:
    """Store the checked figures and the level they give (or the level the bulletin states)."""
    stored, record = levels.clean_figures(bulletin.hazard_type, figures)
    proposal = levels.propose(hazard_type=bulletin.hazard_type, record=record, stated=stated)
    bulletin.figures = stored
    bulletin.proposed_level = proposal.level if proposal else None
    bulletin.level_basis = proposal.basis if proposal else ""
    if not bulletin.level_overridden:
        bulletin.level = bulletin.proposed_level


def _store(*, actor, bulletin: Bulletin, action: str) -> Received:
    """Merge into an earlier copy, or save, audit and announce the new bulletin."""
    bulletin.authoritative = is_authoritative(
        issuer_kind=bulletin.issuer_kind, hazard_type=bulletin.hazard_type, kind=bulletin.kind
    )
    bulletin.content_hash = content_hash(bulletin.headline, bulletin.text)
    earlier = _earlier_copy(bulletin)
    if earlier is not None:
        return Received(_seen_again(actor=actor, bulletin=earlier), duplicate=True)
    bulletin.full_clean(exclude=["ward", "updates", "feed", "received_by", "override_by"])
    try:
        with transaction.atomic():
            bulletin.save()
    except IntegrityError:
        # The same CAP message, stored by another worker a moment ago.
        earlier = _earlier_copy(bulletin)
        if earlier is None:
            raise
        return Received(_seen_again(actor=actor, bulletin=earlier), duplicate=True)
    _log(actor, bulletin, action, audit.diff({}, audit.snapshot(bulletin, AUDITED_FIELDS)))
    bulletin_received.send(sender=Bulletin, bulletin=bulletin)
    if bulletin.level is not None:
        bulletin_level_decided.send(sender=Bulletin, bulletin=bulletin)
    return Received(bulletin, duplicate=False)


def _earlier_copy(bulletin: Bulletin) -> Bulletin | None:
    stored = Bulletin.objects.filter(ward_id=bulletin.ward_id)
    if bulletin.cap_identifier:
        same = stored.filter(
            cap_sender=bulletin.cap_sender, cap_identifier=bulletin.cap_identifier
        ).first()
        if same is not None:
            return same
    # The same words count only when there are words beyond a headline (two different
    # "Severe Thunderstorm Warning" messages without a description are not one bulletin), and
    # never for an update or cancellation, which changes what it names even in the same words.
    if bulletin.text and bulletin.updates_id is None:
        return stored.filter(content_hash=bulletin.content_hash).order_by("id").first()
    return None


def _log(actor, bulletin: Bulletin, action: str, changes: dict) -> None:
    audit.record(
        actor=actor, ward_id=bulletin.ward_id, action=action, instance=bulletin, changes=changes
    )


def _seen_again(*, actor, bulletin: Bulletin) -> Bulletin:
    """Count a copy received again (and log it: who brought it, when)."""
    before = bulletin.duplicates_seen
    bulletin.duplicates_seen += 1
    bulletin.last_seen_at = timezone.now()
    bulletin.save(update_fields=["duplicates_seen", "last_seen_at"])
    _log(
        actor,
        bulletin,
        AuditEntry.Action.UPDATE,
        {"duplicates_seen": [before, bulletin.duplicates_seen]},
    )
    return bulletin


# --- from CAP -------------------------------------------------------------------------------


@transaction.atomic
def bulletin_import_cap(
    *,
    actor,
    ward: Ward,
    data: bytes,
    source: str = BulletinSource.CAP_FILE,
    source_url: str = "",
    trusted_certs: Iterable[str | bytes] = (),
    issuer_kind: str | None = None,
) -> Received:
    """A bulletin from a CAP 1.2 message (a file or a web address the officer gives).

    The message is validated (schema, CAP rules, signature against `trusted_certs`): an
    invalid one is refused with every error, and nothing is stored.
    """
    require_write(actor, ward_id=ward.id, topic=TOPIC)
    if source not in CAP_SOURCES:
        raise TypeError(f"bulletin_import_cap: {source!r} is not a CAP source")
    return receive_cap(
        actor=actor,
        ward=ward,
        data=data,
        source=source,
        source_url=source_url,
        trusted_certs=trusted_certs,
        issuer_kind=issuer_kind,
    )


def receive_cap(
    *,
    actor,
    ward: Ward,
    data: bytes,
    source: str,
    source_url: str = "",
    trusted_certs: Iterable[str | bytes] = (),
    issuer_kind: str | None = None,
    feed: FeedSource | None = None,
) -> Received:
    """Store a CAP message as a bulletin; the caller has checked the rights (or is the
    feed poller, acting for the ward)."""
    report = cap.validate(bytes(data), trusted_certs=list(trusted_certs))
    if not report.valid or report.alert is None:
        raise ValidationError({"data": [str(issue) for issue in report.errors]})
    content = content_of(report.alert, issuer_kind=issuer_kind)
    bulletin = Bulletin(
        ward=ward,
        source=source,
        source_url=source_url,
        feed=feed,
        cap_xml=bytes(data).decode("utf-8", errors="replace"),
        signature_status=SIGNATURE_STATUS[report.signature.status]
        if report.signature
        else SIGNATURE_STATUS[cap.SignatureStatus.NOT_SIGNED],
        received_by=actor if actor is not None and actor.is_authenticated else None,
        **content.fields,
    )
    bulletin.updates = _referenced(ward=ward, references=content.references)
    if bulletin.updates is not None and bulletin.hazard_type == OTHER_HAZARD:
        # A cancellation without words of its own is about what it cancels.
        bulletin.hazard_type = bulletin.updates.hazard_type
        bulletin.kind = bulletin.updates.kind
    # A stated level out of the hazard's range gives no proposal: the officer decides.
    with contextlib.suppress(ValidationError):
        _apply_figures(bulletin, None, content.stated_level)
    return _store(actor=actor, bulletin=bulletin, action=AuditEntry.Action.IMPORT)


def _referenced(*, ward: Ward, references: list[tuple[str, str]]) -> Bulletin | None:
    """The newest stored bulletin among those an Update or Cancel names."""
    for sender, identifier in reversed(references):
        found = Bulletin.objects.filter(
            ward=ward, cap_sender=sender, cap_identifier=identifier
        ).first()
        if found is not None:
            return found
    return None


# --- the level ------------------------------------------------------------------------------


@transaction.atomic
def bulletin_set_figures(
    *, actor, bulletin: Bulletin, figures: dict | None = None, stated_level: int | None = None
) -> Bulletin:
    """Give (or correct) a bulletin's figures; the proposed level follows, and so does the
    level unless an officer has set it by hand."""
    require_write(actor, ward_id=bulletin.ward_id, topic=TOPIC)
    before = audit.snapshot(bulletin, LEVEL_FIELDS)
    _apply_figures(bulletin, figures, stated_level)
    changes = audit.diff(before, audit.snapshot(bulletin, LEVEL_FIELDS))
    if changes:
        bulletin.save()
        _log(actor, bulletin, AuditEntry.Action.UPDATE, changes)
        if "level" in changes:
            bulletin_level_decided.send(sender=Bulletin, bulletin=bulletin)
    return bulletin


@transaction.atomic
def bulletin_override_level(*, actor, bulletin: Bulletin, level: int, reason: str) -> Bulletin:
    """Set the level by hand. The reason is required and kept in the audit log."""
    require_write(actor, ward_id=bulletin.ward_id, topic=TOPIC)
    errors = {}
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        errors["level"] = [_("A risk level is 1 to 5.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the level differs from the proposed one.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(bulletin, LEVEL_FIELDS)
    bulletin.level = level
    bulletin.level_overridden = True
    bulletin.override_reason = reason.strip()
    bulletin.override_by = actor
    bulletin.override_at = timezone.now()
    bulletin.save()
    changes = audit.diff(before, audit.snapshot(bulletin, LEVEL_FIELDS))
    # The reason is logged even when it repeats the last one.
    changes["override_reason"] = [before["override_reason"], bulletin.override_reason]
    _log(actor, bulletin, AuditEntry.Action.UPDATE, changes)
    bulletin_level_decided.send(sender=Bulletin, bulletin=bulletin)
    return bulletin
