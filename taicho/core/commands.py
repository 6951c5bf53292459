"""What management commands share: the ward named by --ward, and who acts (--user)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from taicho.core.models import Ward


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
