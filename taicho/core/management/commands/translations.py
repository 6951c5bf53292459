from pathlib import Path

from django.core.management.base import BaseCommand

import taicho
from taicho.core.translations import compile_translations


class Command(BaseCommand):
    help = "Compile every app's .po files into .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        written = compile_translations(Path(taicho.__file__).parent)
        self.stdout.write(f"{len(written)} catalogues compiled.")
