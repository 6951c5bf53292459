"""Forms meet services: run a service, and put what it refuses on the fields it names."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Each error on the form field it names; errors of no field (or an unknown one) on top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


def save_through[T](form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run a service call; on refusal, put its reasons on `form` and return None."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
    except IntegrityError:
        # Another request took the same code between the service's check and its insert.
        field = "code" if "code" in form.fields else None
        form.add_error(field, _("This code is already used in this ward."))
    return None
