"""`taicho cap validate FILE…`: check CAP 1.2 alerts from a shell.

Subcommands live in SUBCOMMANDS (name → arguments and handler): adding one (`import`, …) is
adding an entry, nothing else changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from taicho.warnings.cap import DEFAULT_MAX_BYTES, validate
from taicho.warnings.cap.signature import load_certificates
from taicho.warnings.management.cap_import import (
    IMPORT_HELP,
    add_import_arguments,
    run_import,
)


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[BaseCommand, dict[str, Any]], None]


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc.strerror or exc}
        ) from None


def _validate_arguments(parser: CommandParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="PEM",
        help="A certificate (PEM file) whose signatures are trusted; may be repeated.",
    )
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)


def _trusted_certificates(paths: list[str]) -> list[bytes]:
    certificates = []
    for path in paths:
        pem = read_file(path)
        try:
            load_certificates([pem])
        except ValueError:
            raise CommandError(
                _("%(file)s is not a certificate in PEM format.") % {"file": path}
            ) from None
        certificates.append(pem)
    return certificates


def run_validate(command: BaseCommand, options: dict[str, Any]) -> None:
    """Per file: `FILE: OK` (warnings indented below) or one `FILE: ERROR path: message` line
    per error. Exit status 1 when any file is not valid."""
    sources = [(path, read_file(path)) for path in options["files"]]  # all readable, or stop
    trusted = _trusted_certificates(options["trust"])
    invalid = 0
    for path, data in sources:
        report = validate(data, trusted_certs=trusted, max_bytes=options["max_bytes"])
        if report.valid:
            command.stdout.write(f"{path}: OK")
        else:
            invalid += 1
            for issue in report.errors:
                command.stdout.write(f"{path}: {_('ERROR')} {issue.path}: {issue.message}")
        for issue in report.warnings:
            command.stdout.write(f"  {_('WARNING')} {issue.path}: {issue.message}")
    if invalid:
        raise CommandError(
            _("%(invalid)d of %(total)d file(s) are not valid CAP 1.2.")
            % {"invalid": invalid, "total": len(sources)},
            returncode=1,
        )


SUBCOMMANDS: dict[str, Subcommand] = {
    "validate": Subcommand(
        help="Check CAP 1.2 files: schema, spec rules and signatures.",
        add_arguments=_validate_arguments,
        run=run_validate,
    ),
    "import": Subcommand(help=IMPORT_HELP, add_arguments=add_import_arguments, run=run_import),
}


class Command(BaseCommand):
    help = "CAP 1.2 (Common Alerting Protocol) alerts."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, subcommand in SUBCOMMANDS.items():
            subparser = subparsers.add_parser(name, help=subcommand.help)
            subparser.add_argument(
                "--language",
                choices=[code for code, _name in settings.LANGUAGES],
                default=settings.LANGUAGE_CODE,
                help="Language of the messages (default: the project's).",
            )
            subcommand.add_arguments(subparser)

    def handle(self, *args, subcommand: str, language: str, **options) -> None:
        with translation.override(language):
            SUBCOMMANDS[subcommand].run(self, options)
