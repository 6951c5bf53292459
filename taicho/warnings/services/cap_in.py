"""What a bulletin keeps of a CAP message: which info block, hazard, kind, issuer, texts.

Pure: a ParsedAlert in, a plain dict of Bulletin fields out. The hazard and the bulletin kind
are recognised from the words of the event and headline (vocabulary tables); the issuer kind
from the feed's configuration, the officer's choice, or the sender's address.
"""

from dataclasses import dataclass

from django.conf import settings

from taicho.warnings.cap import Info, ParsedAlert
from taicho.warnings.cap import SignatureStatus as CapSignature
from taicho.warnings.models import IssuerKind, SignatureStatus
from taicho.warnings.services.vocabulary import (
    LEVEL_PARAMETER,
    OFFICIAL_SENDERS,
    recognise_hazard,
    recognise_kind,
)

HEADLINE_MAX = 300
# Which info block a bulletin keeps: Vietnamese first, then English, then the first one.
LANGUAGE_PREFERENCE = ("vi", "en")

SIGNATURE_STATUS = {
    CapSignature.VALID: SignatureStatus.VALID,
    CapSignature.UNTRUSTED: SignatureStatus.UNTRUSTED,
    CapSignature.INVALID: SignatureStatus.INVALID,
    CapSignature.NOT_SIGNED: SignatureStatus.UNSIGNED,
}


@dataclass(frozen=True)
class CapContent:
    fields: dict  # Bulletin fields
    stated_level: int | None
    references: list[tuple[str, str]]  # (sender, identifier), oldest first


def chosen_info(alert: ParsedAlert) -> Info | None:
    for prefix in LANGUAGE_PREFERENCE:
        for info in alert.infos:
            if info.language.lower().startswith(prefix):
                return info
    return alert.infos[0] if alert.infos else None


def official_issuer(sender: str) -> str:
    """The issuer kind a CAP sender address belongs to (IssuerKind.OTHER if unknown)."""
    table = getattr(settings, "TAICHO_WARNINGS_OFFICIAL_SENDERS", OFFICIAL_SENDERS)
    domain = sender.rsplit("@", 1)[-1].lower()
    for suffix, kind in table.items():
        if domain == suffix or domain.endswith("." + suffix):
            return kind
    return IssuerKind.OTHER


def _stated_level(info: Info | None) -> int | None:
    for name, value in info.parameters if info else ():
        if name == LEVEL_PARAMETER and value.strip().isdecimal():
            return int(value.strip())
    return None


def content_of(alert: ParsedAlert, *, issuer_kind: str | None = None) -> CapContent:
    info = chosen_info(alert)
    event = info.event if info else ""
    headline = (info.headline if info else None) or event or alert.note or alert.identifier
    words = f"{event} {headline}"
    hazard_type = recognise_hazard(words)
    text = "\n\n".join(
        part.strip() for part in (info.description, info.instruction) if info and part
    )
    fields = {
        "hazard_type": hazard_type,
        "kind": recognise_kind(words),
        "issuer": ((info.sender_name if info else None) or alert.sender)[:200],
        "issuer_kind": issuer_kind or official_issuer(alert.sender),
        "issued_at": alert.sent,
        "expires_at": info.expires if info else None,
        "headline": " ".join(headline.split())[:HEADLINE_MAX],
        "text": text,
        "areas": [area.area_desc for area in info.areas] if info else [],
        "cap_sender": alert.sender,
        "cap_identifier": alert.identifier,
        "cap_sent": alert.sent,
        "msg_type": alert.msg_type,
        "cap_status": alert.status,
    }
    return CapContent(
        fields=fields,
        stated_level=_stated_level(info),
        references=[(ref.sender, ref.identifier) for ref in alert.references],
    )
