"""CAP from the web: fetching one address, polling feeds, and the ward's list of feeds.

Fetching is injected (`fetch`): the tests serve files from a local HTTP server, production
uses `fetch_url` (http and https only, with a timeout and a size limit, redirects only to
http and https). Each feed entry is stored in its own savepoint, so one bad alert does not
stop the others; its error is reported with its address.
"""

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import registry
from taicho.core.access import require_manage
from taicho.core.models import Ward
from taicho.warnings import cap
from taicho.warnings.cap.signature import load_certificates
from taicho.warnings.models import Bulletin, BulletinSource, FeedSource, IssuerKind
from taicho.warnings.services.bulletins import receive_cap

FETCH_TIMEOUT_SECONDS = 20
FETCH_MAX_BYTES = cap.DEFAULT_MAX_BYTES
SCHEMES = ("http", "https")
FEED_FIELDS = ("name", "url", "issuer_kind", "trusted_certs_pem", "active", "poll_minutes")

Fetch = Callable[[str], bytes]


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in SCHEMES:
            raise urllib.error.URLError(_("redirected to an address that is not http or https"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_url(url: str, *, field_name: str = "url") -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.netloc:
        raise ValidationError(
            {field_name: _("Give a web address starting with http:// or https://.")}
        )
    return url


def fetch_url(
    url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES
) -> bytes:
    """The body at `url`; ValidationError (on "url") saying what went wrong."""
    url = check_url(url)
    opener = urllib.request.build_opener(_SafeRedirects)
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": "taicho (CAP)", "Accept": "application/xml, */*"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ValidationError(
            {"url": _("%(url)s could not be read: %(reason)s") % {"url": url, "reason": reason}}
        ) from exc
    if len(data) > max_bytes:
        raise ValidationError(
            {"url": _("%(url)s is larger than %(limit)d bytes.") % {"url": url, "limit": max_bytes}}
        )
    return data


@dataclass
class PollResult:
    """What one poll of a feed did."""

    new: list[Bulletin] = field(default_factory=list)
    duplicates: int = 0
    skipped: int = 0  # entries already stored from the same address
    errors: list[str] = field(default_factory=list)


def feed_poll(
    *,
    ward: Ward,
    feed_bytes: bytes,
    fetch: Fetch,
    feed: FeedSource | None = None,
    base_url: str = "",
    trusted_certs: list[str] | tuple = (),
    issuer_kind: str | None = None,
) -> PollResult:
    """Import the new entries of an Atom or RSS index of CAP alerts.

    An entry whose address was already stored is not fetched again. Acts for the ward (no
    user): the feed was configured by its managers.
    """
    try:
        index = cap.read_feed(bytes(feed_bytes))
    except cap.CapRejected as exc:
        raise ValidationError({"feed": [str(exc.issue)]}) from exc
    base_url = base_url or (feed.url if feed else "")
    result = PollResult()
    known = set(
        Bulletin.objects.filter(ward=ward, source=BulletinSource.CAP_FEED).values_list(
            "source_url", flat=True
        )
    )
    for entry in index.entries:
        if not entry.link:
            result.errors.append(
                _("An entry has no link to its CAP message: %(id)s") % {"id": entry.id}
            )
            continue
        link = urljoin(base_url, entry.link) if base_url else entry.link
        if link in known:
            result.skipped += 1
            continue
        try:
            with transaction.atomic():
                received = receive_cap(
                    actor=None,
                    ward=ward,
                    data=fetch(link),
                    source=BulletinSource.CAP_FEED,
                    source_url=link,
                    trusted_certs=trusted_certs,
                    issuer_kind=issuer_kind,
                    feed=feed,
                )
        except ValidationError as exc:
            result.errors.append(f"{link}: {'; '.join(exc.messages)}")
            continue
        known.add(link)
        if received.duplicate:
            result.duplicates += 1
        else:
            result.new.append(received.bulletin)
    return result


def feed_source_poll(*, feed: FeedSource, fetch: Fetch = fetch_url) -> PollResult:
    """Poll one configured feed now, and note when and with what error."""
    try:
        result = feed_poll(
            ward=feed.ward,
            feed_bytes=fetch(feed.url),
            fetch=fetch,
            feed=feed,
            trusted_certs=[feed.trusted_certs_pem] if feed.trusted_certs_pem.strip() else [],
            issuer_kind=feed.issuer_kind,
        )
    except ValidationError as exc:
        result = PollResult(errors=exc.messages)
    feed.last_polled_at = timezone.now()
    feed.last_error = "\n".join(result.errors)[:4000]
    feed.save(update_fields=["last_polled_at", "last_error"])
    return result


def feeds_due(now=None) -> list[FeedSource]:
    """Active feeds whose poll interval has passed."""
    now = now or timezone.now()
    return [
        feed
        for feed in FeedSource.objects.filter(active=True).select_related("ward")
        if feed.last_polled_at is None
        or (now - feed.last_polled_at).total_seconds() >= feed.poll_minutes * 60
    ]


# --- the ward's feeds ---------------------------------------------------------------------


def _check_feed(feed: FeedSource) -> None:
    errors = {}
    try:
        feed.url = check_url(feed.url)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if feed.issuer_kind not in IssuerKind.values:
        errors["issuer_kind"] = [_("Choose who issues this feed's alerts.")]
    if feed.trusted_certs_pem.strip():
        try:
            load_certificates([feed.trusted_certs_pem])
        except ValueError:
            errors["trusted_certs_pem"] = [_("These are not PEM certificates.")]
    try:
        feed.full_clean(exclude=["ward", *errors])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _start_polling() -> None:
    if getattr(settings, "TAICHO_WARNINGS_POLL_FEEDS", True):
        from taicho.warnings.tasks import polling_ensure

        transaction.on_commit(polling_ensure)


@transaction.atomic
def feed_source_create(
    *,
    actor,
    ward: Ward,
    name: str,
    url: str,
    issuer_kind: str = IssuerKind.OTHER,
    trusted_certs_pem: str = "",
    active: bool = True,
    poll_minutes: int = 5,
) -> FeedSource:
    require_manage(actor, ward_id=ward.id)
    feed = FeedSource(
        ward=ward,
        name=name.strip(),
        url=url,
        issuer_kind=issuer_kind,
        trusted_certs_pem=trusted_certs_pem.strip(),
        active=active,
        poll_minutes=poll_minutes,
    )
    _check_feed(feed)
    registry.save_new(actor=actor, instance=feed, audited=FEED_FIELDS)
    if feed.active:
        _start_polling()
    return feed


@transaction.atomic
def feed_source_update(*, actor, feed: FeedSource, **fields) -> FeedSource:
    registry.reject_unknown(fields, allowed=FEED_FIELDS, service="feed_source_update")
    require_manage(actor, ward_id=feed.ward_id)
    registry.save_changes(
        actor=actor, instance=feed, fields=fields, audited=FEED_FIELDS, clean=_check_feed
    )
    if feed.active:
        _start_polling()
    return feed


@transaction.atomic
def feed_source_delete(*, actor, feed: FeedSource) -> None:
    require_manage(actor, ward_id=feed.ward_id)
    registry.delete(actor=actor, instance=feed, audited=FEED_FIELDS)
