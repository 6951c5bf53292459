"""`taicho demo`: load the synthetic demo ward, or print its logins. Thin: see services."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from taicho.demo.services import DEFAULT_HOUSEHOLDS, DEFAULT_SEED, demo_load
from taicho.demo.users import demo_logins

BANNER = "Dữ liệu giả lập — synthetic data"


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return " ".join(
            f"--{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = (
        "Load the synthetic demo ward (Phường Bạch Đằng, Thành phố Hải Phòng) with its "
        "residential groups, households, residents, hazard zones, shelters and demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--households",
            type=int,
            default=DEFAULT_HOUSEHOLDS,
            help=f"How many households (default {DEFAULT_HOUSEHOLDS}; about 3 residents each).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"The same seed gives the same data (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the ward's groups, households, zones and shelters first.",
        )
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Only print the demo logins; change nothing.",
        )

    def handle(self, *args, **options):
        if options["logins_only"]:
            self._print_logins()
            return
        started = time.perf_counter()
        try:
            summary = demo_load(
                households=options["households"], seed=options["seed"], reset=options["reset"]
            )
        except ValidationError as exc:
            raise CommandError(_error_text(exc)) from exc
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.WARNING(BANNER))
        self.stdout.write(
            _(
                "%(ward)s: %(groups)s residential groups, %(households)s households, "
                "%(residents)s residents, %(zones)s hazard zones (%(links)s household links), "
                "%(shelters)s shelters, in %(seconds)s s (seed %(seed)s)."
            )
            % {
                "ward": summary.ward,
                "groups": summary.groups,
                "households": number_format(summary.households, force_grouping=True),
                "residents": number_format(summary.residents, force_grouping=True),
                "zones": summary.zones,
                "links": number_format(summary.links, force_grouping=True),
                "shelters": summary.shelters,
                "seconds": number_format(seconds, decimal_pos=1),
                "seed": options["seed"],
            }
        )
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        if not logins:
            self.stdout.write(_("No demo logins: run “taicho demo” to create them."))
            return
        self.stdout.write(BANNER + " — " + _("demo logins:"))
        width = max(len(username) for username, _title, _password in logins)
        title_width = max(len(title) for _username, title, _password in logins)
        for username, title, password in logins:
            self.stdout.write(f"  {username:<{width}}  {title:<{title_width}}  {password}")
