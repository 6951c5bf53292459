"""The signed-in person's own page: where they receive the ward's alerts, per role."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from taicho.core.forms import add_service_errors
from taicho.core.models import Membership
from taicho.core.services import membership_contacts_save


class ContactsForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Phone for alerts"), max_length=20, required=False)
    telegram_chat = forms.CharField(
        label=gettext_lazy("Telegram chat id"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Your chat id with the ward's Telegram bot: a number such as 123456789."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contacts_page(request):
    memberships = list(
        Membership.objects.filter(user=request.user, ward__isnull=False)
        .select_related("ward")
        .order_by("ward__name", "role")
    )
    forms_by_membership = [
        (
            membership,
            ContactsForm(
                request.POST if request.method == "POST" else None,
                prefix=str(membership.pk),
                initial={"phone": membership.phone, "telegram_chat": membership.telegram_chat},
            ),
        )
        for membership in memberships
    ]
    if request.method == "POST" and all(form.is_valid() for _m, form in forms_by_membership):
        try:
            with transaction.atomic():
                for membership, form in forms_by_membership:
                    try:
                        membership_contacts_save(
                            actor=request.user, membership=membership, **form.cleaned_data
                        )
                    except ValidationError as error:
                        add_service_errors(form, error)
                        raise
        except ValidationError:
            pass
        else:
            messages.success(request, _("Your contacts for alerts were saved."))
            return redirect("account_contacts")
    return render(request, "web/contacts.html", {"forms": forms_by_membership})
