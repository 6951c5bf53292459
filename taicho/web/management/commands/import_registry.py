"""`taicho import_registry --ward 11473 --kind households FILE [FILE2]`: import from a shell."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taicho.community.imports import households_import
from taicho.core import tabular
from taicho.core.commands import command_actor, command_ward
from taicho.hazards.imports import zones_import
from taicho.shelters.imports import shelters_import

IMPORTERS = {"households": households_import, "shelters": shelters_import, "zones": zones_import}


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
