from django.core.management.base import BaseCommand

from taicho.core.divisions import divisions_load


class Command(BaseCommand):
    help = "Load or refresh the 34 provinces and 3,321 wards from vietnam-provinces (idempotent)."

    def handle(self, *args, **options):
        provinces, wards = divisions_load()
        self.stdout.write(f"{provinces} provinces, {wards} wards.")
