"""`taicho roads --ward 11473 FILE`: load the ward's road network (GeoJSON or OSM XML);
`taicho roads --ward 11473 --clear`: forget it (distances go back to straight lines)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taicho.core.commands import command_actor, command_ward
from taicho.shelters.roads_store import road_network_clear, road_network_load


def _messages(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = (
        "Load the ward's road network (GeoJSON lines or OSM XML): evacuations then measure "
        "distances along the roads. --clear forgets it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", metavar="FILE")
        parser.add_argument("--ward", type=int, required=True, help="The ward's code, e.g. 11473.")
        parser.add_argument("--clear", action="store_true", help="Forget the road network.")
        parser.add_argument("--user", help="Act as this user (default: the command line).")

    def handle(self, *args, file, ward, clear, user, **options):
        if clear == bool(file):
            raise CommandError(_("Give either a road file or --clear."))
        ward_row = command_ward(ward)
        actor = command_actor(user)
        try:
            if clear:
                cleared = road_network_clear(actor=actor, ward=ward_row)
                self.stdout.write(
                    _("Road network removed.") if cleared else _("There was no road network.")
                )
                return
            path = Path(file)
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror},
                    returncode=1,
                ) from None
            row = road_network_load(actor=actor, ward=ward_row, data=data, file_name=path.name)
        except ValidationError as error:
            raise CommandError(_messages(error), returncode=1) from None
        except PermissionDenied as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(
            _("Road network loaded: %(nodes)d nodes, %(segments)d road segments.")
            % {"nodes": row.nodes, "segments": row.segments}
        )
