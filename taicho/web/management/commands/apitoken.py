"""`taicho apitoken USERNAME [--name NAME]`: a new API token, printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taicho.core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it once (only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. a script.")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user “%(username)s”.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("The user “%(username)s” is inactive.") % {"username": username})
        token, key = api_token_create(user=user, name=name.strip() or "apitoken")
        # The key alone on stdout, so a script can capture it; the advice goes to stderr.
        self.stdout.write(key)
        self.stderr.write(
            _("Token “%(name)s” for %(username)s. It is shown only this once: keep it safe.")
            % {"name": token.name, "username": username}
        )
