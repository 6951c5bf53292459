"""Forms of the event pages; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.warnings.forms import datetime_field
from taicho.warnings.models import HAZARD_CHOICES


class EventForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("e.g. Bão số 3 (Yagi), tháng 9/2026")
    )
    hazard_type = forms.ChoiceField(label=_("Hazard"), choices=HAZARD_CHOICES)
    starts_at = datetime_field(_("Starts at"))
    ends_at = datetime_field(_("Ends at"), required=False)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class ConfirmForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Give it its proper name, e.g. Bão số 3 (Yagi), tháng 9/2026."),
    )


class CloseForm(forms.Form):
    ends_at = datetime_field(_("Ended at"), required=False, help_text=_("Empty: now."))


class LinkForm(forms.Form):
    bulletin = forms.ModelChoiceField(
        label=_("Bulletin"), queryset=None, required=False, empty_label="—"
    )
    alert = forms.ModelChoiceField(label=_("Alert"), queryset=None, required=False, empty_label="—")

    def __init__(self, *args, bulletins, alerts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulletin"].queryset = bulletins
        self.fields["alert"].queryset = alerts
