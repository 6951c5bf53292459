"""`taicho cap_import FILE|URL… --ward CODE`: store CAP 1.2 alerts as the ward's bulletins.

Also the `import` subcommand of `taicho cap`: its SUBCOMMANDS entry is
Subcommand(help=IMPORT_HELP, add_arguments=add_import_arguments, run=run_import). A web
address is fetched over http or https only, with a timeout and a size limit. Each alert is
stored on its own (all of it or nothing); one line per source says what happened, and the
exit status is 1 when any source was refused.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from taicho.core.commands import command_ward
from taicho.core.models import Ward
from taicho.warnings.cap.signature import load_certificates
from taicho.warnings.models import BulletinSource, IssuerKind
from taicho.warnings.services.bulletins import bulletin_import_cap, receive_cap
from taicho.warnings.services.feeds import fetch_url

URL_PREFIXES = ("http://", "https://")
IMPORT_HELP = "Store CAP 1.2 alerts (files or http/https addresses) as a ward's bulletins."


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="FILE|URL")
    parser.add_argument("--ward", type=int, required=True, help="The ward's code, e.g. 11473.")
    parser.add_argument(
        "--user", help="Import as this user (default: the command line, with every right)."
    )
    parser.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="PEM",
        help="A certificate (PEM file) whose signatures are trusted; may be repeated.",
    )
    parser.add_argument(
        "--issuer",
        choices=IssuerKind.values,
        help="Who issued the alerts (default: known from the sender's address, else other).",
    )


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc.strerror or exc}
        ) from None


def _load(source: str) -> tuple[bytes, str, str]:
    """(data, bulletin source, address) of a file or a web address."""
    if source.lower().startswith(URL_PREFIXES):
        return fetch_url(source), BulletinSource.CAP_URL, source
    if "://" in source:
        raise ValidationError(_("Only http:// and https:// addresses can be fetched."))
    return _read(source), BulletinSource.CAP_FILE, ""


def _certificates(paths: list[str]) -> list[bytes]:
    certificates = []
    for path in paths:
        try:
            pem = Path(path).read_bytes()
            load_certificates([pem])
        except (OSError, ValueError):
            raise CommandError(
                _("%(file)s is not a readable certificate in PEM format.") % {"file": path}
            ) from None
        certificates.append(pem)
    return certificates


def _user(username: str | None):
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("There is no active user “%(name)s”.") % {"name": username})
    return user


def _store(*, user, ward: Ward, data: bytes, source: str, url: str, trusted, issuer):
    options = {
        "ward": ward,
        "data": data,
        "source": source,
        "source_url": url,
        "trusted_certs": trusted,
        "issuer_kind": issuer,
    }
    if user is None:
        # The command line on the server may do everything; the log shows no user.
        with transaction.atomic():
            return receive_cap(actor=None, **options)
    return bulletin_import_cap(actor=user, **options)


def run_import(command: BaseCommand, options: dict[str, Any]) -> None:
    ward = command_ward(options["ward"])
    user = _user(options.get("user"))
    trusted = _certificates(options.get("trust") or [])
    refused = 0
    for source in options["sources"]:
        try:
            data, kind, url = _load(source)
            received = _store(
                user=user,
                ward=ward,
                data=data,
                source=kind,
                url=url,
                trusted=trusted,
                issuer=options.get("issuer"),
            )
        except (ValidationError, PermissionDenied) as exc:
            refused += 1
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            for message in messages:
                command.stdout.write(f"{source}: {_('REFUSED')} {message}")
            continue
        bulletin = received.bulletin
        if received.duplicate:
            line = _("already stored as bulletin %(id)s (%(headline)s)")
        else:
            line = _("stored as bulletin %(id)s (%(headline)s)")
        command.stdout.write(
            f"{source}: " + line % {"id": bulletin.pk, "headline": bulletin.headline}
        )
    if refused:
        raise CommandError(
            _("%(refused)d of %(total)d alert(s) were not stored.")
            % {"refused": refused, "total": len(options["sources"])},
            returncode=1,
        )
