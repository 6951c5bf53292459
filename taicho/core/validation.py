"""Checks shared by the registries' services."""

from collections.abc import Iterable

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


def raise_with_model_errors(
    instance, errors: dict, *, exclude: Iterable[str] = (), unique_code: bool = False
) -> None:
    """Raise the service's own `errors` together with the model's, all at once.

    The model's: the code already used in the ward (with `unique_code`) and `full_clean`'s,
    leaving out the fields already in error and those in `exclude`.
    """
    if unique_code:
        try:
            check_code_free(instance)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    try:
        instance.full_clean(exclude=[*exclude, *errors])
    except ValidationError as exc:
        # Keep the errors whole (not their text) so forms still see codes such as "unique".
        for field, error_list in exc.error_dict.items():
            errors.setdefault(field, []).extend(error_list)
    if errors:
        raise ValidationError(errors)
