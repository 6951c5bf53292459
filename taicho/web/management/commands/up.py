import signal
import subprocess
import sys

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from taicho.env import env_str


class Command(BaseCommand):
    help = (
        "Start the web server, the task worker and the message worker together (Ctrl-C stops "
        "them all); "
        "load the demo ward first when the database has no households."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Never load the demo ward.")

    def handle(self, *args, **options):
        household_model = apps.get_model("community", "Household")
        user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
        if options["no_demo"]:
            pass
        elif not household_model.objects.exists() and not user_model.objects.exists():
            # Only a brand-new site gets the demo: it must never reset a real user's password.
            self.stdout.write("Loading the demo ward (first run)…")
            call_command("demo")
        else:
            call_command("demo", logins_only=True)
        taicho = [sys.executable, "-m", "taicho.cli"]
        children = [
            subprocess.Popen([*taicho, "serve"]),  # noqa: S603
            subprocess.Popen([*taicho, "worker"]),  # noqa: S603
            subprocess.Popen([*taicho, "dispatch_worker"]),  # noqa: S603
        ]
        bind = env_str("TAICHO_BIND", "127.0.0.1:8000")
        self.stdout.write(f"taicho is at http://{bind} — Ctrl-C stops it.")

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        # When either child ends, stop the other: half a taicho is no taicho.
        while all(child.poll() is None for child in children):
            try:
                children[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
        stop(None, None)
        for child in children:
            child.wait()
