"""`taicho import_registry --ward 11473 --kind households FILE [FILE2]`: import from a shell."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taicho.community.imports import households_import
from taicho.core import tabular
from taicho.core.models import Ward
from taicho.hazards.imports import zones_import
from taicho.shelters.imports import shelters_import

IMPORTERS = {"households": households_import, "shelters": shelters_import, "zones": zones_import}


class CommandLineActor:
    """Whoever runs a command on the server: may do everything; logged without a user."""

    pk = None
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = True

    def __str__(self) -> str:
        return "command line"


def command_actor(username: str | None):
    """The user named by --user, or the command line itself."""
    if not username:
        return CommandLineActor()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("There is no active user “%(name)s”.") % {"name": username})
    return user


def command_ward(code: int) -> Ward:
    ward = Ward.objects.filter(code=code).first()
    if ward is None:
        raise CommandError(_("There is no ward with the code %(code)s.") % {"code": code})
    return ward


class Command(BaseCommand):
    help = (
        "Import a registry file (households: one .xlsx, or the households CSV and the residents "
        "CSV; shelters; zones: .xlsx, .csv or .geojson). Nothing is imported if any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--ward", type=int, required=True, help="The ward's code, e.g. 11473.")
        parser.add_argument("--kind", choices=sorted(IMPORTERS), required=True)
        parser.add_argument("--user", help="Import as this user (default: the command line).")

    def handle(self, *args, files, ward, kind, user, **options):
        limit = 2 if kind == "households" else 1
        if len(files) > limit:
            raise CommandError(_("Too many files: give at most %(limit)d.") % {"limit": limit})
        ward_row = command_ward(ward)
        actor = command_actor(user)
        try:
            sources = [tabular.source_from_path(path) for path in files]
            result = IMPORTERS[kind](actor=actor, ward=ward_row, sources=sources)
        except tabular.ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported.")
                + " "
                + _("%(count)d problem(s).") % {"count": len(rejected.problems)},
                returncode=1,
            ) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(result))
