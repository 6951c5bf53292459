"""Checks shared by the registries' services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_code_free(instance) -> None:
    """Codes are unique within a ward: say so on the code field, in the user's language.

    (The database constraint stays; this only gives the user a message they can act on.)
    """
    taken = (
        type(instance)
        ._default_manager.filter(ward_id=instance.ward_id, code=instance.code)
        .exclude(pk=instance.pk)
        .exists()
    )
    if taken:
        raise ValidationError(
            {
                "code": ValidationError(
                    _("The code “%(code)s” is already used in this ward."),
                    code="unique",
                    params={"code": instance.code},
                )
            }
        )
