"""Forms of the shelter pages. They only shape input; the service validates and saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taicho.hazards.models import HazardKind
from taicho.shelters.models import Shelter, ShelterKind


class ShelterForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ShelterKind.choices)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    lat = forms.FloatField(label=_("Latitude"))
    lon = forms.FloatField(label=_("Longitude"))
    capacity = forms.IntegerField(label=_("Capacity (persons)"), min_value=0)
    facilities = forms.CharField(
        label=_("Facilities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    hazard_kinds = forms.MultipleChoiceField(
        label=_("Usable in"),
        choices=HazardKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The hazards this shelter is safe for."),
    )

    @staticmethod
    def initial_for(shelter: Shelter) -> dict:
        return {name: getattr(shelter, name) for name in ShelterForm.base_fields}

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
