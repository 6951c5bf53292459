"""`taicho export_registry --ward 11473 --kind households OUT.xlsx`: the web export, in a shell."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taicho.community import exports as community_exports
from taicho.core.commands import command_actor, command_ward
from taicho.hazards import exports as hazard_exports
from taicho.shelters import exports as shelter_exports

# (kind, file suffix) → the export writing it.
EXPORTS = {
    ("households", ".xlsx"): community_exports.households_workbook,
    ("households", ".csv"): community_exports.households_csv,
    ("residents", ".csv"): community_exports.residents_csv,
    ("shelters", ".xlsx"): shelter_exports.shelters_workbook,
    ("shelters", ".csv"): shelter_exports.shelters_csv,
    ("zones", ".xlsx"): hazard_exports.zones_workbook,
    ("zones", ".csv"): hazard_exports.zones_csv,
    ("zones", ".geojson"): hazard_exports.zones_geojson,
}


class Command(BaseCommand):
    help = (
        "Export a registry to OUT; the format follows OUT's suffix (.xlsx, .csv, .geojson for "
        "zones). Households as .xlsx hold both sheets; as .csv only the households (see "
        "--kind residents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", metavar="OUT")
        parser.add_argument("--ward", type=int, required=True, help="The ward's code, e.g. 11473.")
        parser.add_argument("--kind", choices=sorted({kind for kind, _s in EXPORTS}), required=True)
        parser.add_argument("--user", help="Export as this user (default: the command line).")

    def handle(self, *args, out, ward, kind, user, **options):
        path = Path(out)
        export = EXPORTS.get((kind, path.suffix.lower()))
        if export is None:
            suffixes = ", ".join(suffix for k, suffix in EXPORTS if k == kind)
            raise CommandError(
                _("Give a file name ending in %(suffixes)s.") % {"suffixes": suffixes}
            )
        ward_row = command_ward(ward)
        try:
            download = export(actor=command_actor(user), ward=ward_row)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        path.write_bytes(download.data)
        self.stdout.write(
            _("Wrote %(path)s (%(size)d bytes).") % {"path": path, "size": len(download.data)}
        )
