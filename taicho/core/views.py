"""The request handling every registry's add, edit and delete pages share.

A view still finds its record, checks the user's rights and builds its form; these functions
only run the service on POST, say what was done and redirect, or show the page again.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from taicho.core.forms import save_through


def form_page[T](
    request,
    *,
    form: forms.Form,
    service: Callable[..., T],
    template: str,
    context: Callable[[], dict],
    message: Callable[[T], str],
    success_url: Callable[[T], str],
) -> HttpResponse:
    """A form page: a valid POST is saved by `service` (called with the user as `actor` and
    the form's `service_fields()`) and redirects with `message`; otherwise the form is shown,
    with what the service refused on its fields.

    `context` is built after the save was tried, as the pages always did: a refused edit's
    title names the record as the form left it.
    """
    if request.method == "POST" and form.is_valid():
        saved = save_through(form, lambda: service(actor=request.user, **form.service_fields()))
        if saved is not None:
            messages.success(request, message(saved))
            return redirect(success_url(saved))
    return render(request, template, {**context(), "form": form})


def confirm_delete(
    request,
    *,
    service: Callable[..., object],
    template: str,
    context: dict,
    message: str,
    success_url: str,
) -> HttpResponse:
    """A delete page: GET asks to confirm; POST deletes by `service` (called with the user as
    `actor`) and redirects with `message`, or shows the service's refusal as `errors`."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            service(actor=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, message)
            return redirect(success_url)
    return render(request, template, {**context, "errors": errors})
