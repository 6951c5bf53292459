"""Forms of the household pages. They only shape input; the services validate and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taicho.community.models import Household, HousingType, Poverty, Resident, Sex


class HouseholdFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Code, address or name (accents optional)")}
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Residential group"), queryset=None, required=False, empty_label=_("All groups")
    )
    housing_type = forms.ChoiceField(label=_("Housing type"), required=False)
    vulnerable = forms.BooleanField(label=_("Vulnerable only"), required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["housing_type"].choices = [("", _("All housing types")), *HousingType.choices]

    def filters(self) -> dict:
        """Keyword arguments for selectors.household_rows (nothing if the input is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"],
            "group": data["group"],
            "housing_type": data["housing_type"],
            "vulnerable_only": data["vulnerable"],
        }


class HouseholdForm(forms.Form):
    code = forms.CharField(label=_("Household code"), max_length=30)
    address = forms.CharField(label=_("Address"), max_length=255)
    group = forms.ModelChoiceField(label=_("Residential group"), queryset=None)
    lat = forms.FloatField(label=_("Latitude"), required=False)
    lon = forms.FloatField(label=_("Longitude"), required=False)
    phones = forms.CharField(
        label=_("Phones"),
        required=False,
        max_length=200,
        help_text=_("Separate several numbers with commas."),
    )
    housing_type = forms.ChoiceField(label=_("Housing type"), choices=HousingType.choices)
    poverty = forms.ChoiceField(
        label=_("Poor / near-poor"), choices=Poverty.choices, required=False
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups

    @staticmethod
    def initial_for(household: Household) -> dict:
        return {
            "code": household.code,
            "address": household.address,
            "group": household.group_id,
            "lat": household.lat,
            "lon": household.lon,
            "phones": ", ".join(household.phones or []),
            "housing_type": household.housing_type,
            "poverty": household.poverty,
        }

    def service_fields(self) -> dict:
        # Phones go to the service as typed: it splits, normalises and names the bad one.
        return dict(self.cleaned_data)


class ResidentForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1890)
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("", _("Not given")), *Sex.choices], required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    is_disabled = forms.BooleanField(label=_("Disabled"), required=False)
    is_pregnant = forms.BooleanField(label=_("Pregnant"), required=False)
    is_chronically_ill = forms.BooleanField(label=_("Chronically ill"), required=False)
    is_bedridden = forms.BooleanField(label=_("Bedridden"), required=False)

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and year > timezone.localdate().year:
            raise ValidationError(_("The birth year cannot be in the future."))
        return year

    @staticmethod
    def initial_for(resident: Resident) -> dict:
        return {name: getattr(resident, name) for name in ResidentForm.base_fields}

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class GroupForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=100)
    leader_name = forms.CharField(label=_("Leader"), max_length=100, required=False)
    leader_phone = forms.CharField(label=_("Leader's phone"), max_length=20, required=False)

    @staticmethod
    def initial_for(group) -> dict:
        return {name: getattr(group, name) for name in GroupForm.base_fields}

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
