"""Forms of the plan and evacuation pages. They only shape input; the services validate."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taicho.community.models import HousingType
from taicho.community.vulnerability import FLAG_LABELS
from taicho.hazards.forms import ReviewerField
from taicho.hazards.models import HazardZone
from taicho.shelters.models import ResponsePlan, Shelter
from taicho.warnings.risk.kinds import Hazard

TEXTAREA = {"rows": 3}
LEVEL_CHOICES = [(level, str(level)) for level in range(1, 6)]


class ShelterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (%(capacity)s persons)") % {"name": obj.name, "capacity": obj.capacity}


class ZoneChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name} ({obj.get_kind_display()})"


class PlanContentForm(forms.Form):
    """What a plan says: who leaves, where to, who commands. Shared by create and revise."""

    name = forms.CharField(label=_("Name"), max_length=200)
    evacuate_zones = ZoneChoiceField(
        label=_("Hazard zones to evacuate"),
        queryset=HazardZone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evacuate_housing_types = forms.MultipleChoiceField(
        label=_("Households whose housing is"),
        choices=HousingType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every household with this housing leaves, wherever it is."),
    )
    evacuate_vulnerable = forms.MultipleChoiceField(
        label=_("Households with vulnerable people"),
        choices=list(FLAG_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every household with a resident in one of these categories leaves."),
    )
    shelters = ShelterChoiceField(
        label=_("Usable shelters"),
        queryset=Shelter.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commanders = forms.CharField(
        label=_("Who commands"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Command board roles and who holds them."),
    )
    teams = forms.CharField(
        label=_("Shock-force teams"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    supplies = forms.CharField(
        label=_("Supplies and equipment"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    notes = forms.CharField(
        label=_("Other measures"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args, zones, shelters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evacuate_zones"].queryset = zones
        self.fields["shelters"].queryset = shelters

    @staticmethod
    def initial_for(plan: ResponsePlan) -> dict:
        return {
            "name": plan.name,
            "evacuate_zones": list(plan.evacuate_zones.all()),
            "evacuate_housing_types": plan.evacuate_housing_types,
            "evacuate_vulnerable": plan.evacuate_vulnerable,
            "shelters": list(plan.shelters.all()),
            "commanders": plan.commanders,
            "teams": plan.teams,
            "supplies": plan.supplies,
            "notes": plan.notes,
        }

    def service_fields(self) -> dict:
        values = dict(self.cleaned_data)
        values["evacuate_zones"] = list(values["evacuate_zones"])
        values["shelters"] = list(values["shelters"])
        return values


class PlanCreateForm(PlanContentForm):
    hazard_type = forms.ChoiceField(label=_("Hazard"), choices=Hazard.choices)
    level = forms.TypedChoiceField(label=_("Risk level"), choices=LEVEL_CHOICES, coerce=int)
    scenario = forms.CharField(
        label=_("Scenario"),
        max_length=100,
        required=False,
        help_text=_("For floods, the alarm level (e.g. BĐ3); otherwise leave empty."),
    )

    field_order = ["name", "hazard_type", "level", "scenario"]


class PlanReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label=_("Reviewed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reviewer = ReviewerField(label=_("Reviewed by"), queryset=None, empty_label=None)

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewed_on"].initial = timezone.localdate()

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class AlertChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        when = timezone.localtime(obj.issued_at).strftime("%H:%M %d/%m/%Y") if obj.issued_at else ""
        return f"{obj.headline} ({when})"


class EvacuationStartForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to name it after the plan and today's date."),
    )
    alert = AlertChoiceField(
        label=_("Issued alert"),
        queryset=None,
        required=False,
        empty_label=_("No alert"),
        help_text=_("The alert that orders this evacuation, if any."),
    )
    begin = forms.TypedChoiceField(
        label=_("What to do"),
        choices=[
            ("1", _("Start the evacuation now (give the orders)")),
            ("0", _("Only prepare the assignment and the lists (start it later)")),
        ],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, alerts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alert"].queryset = alerts

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class RowByCodeForm(forms.Form):
    """A household of the evacuation named by its code (a list of thousands would not fit a
    drop-down). `rows`: the evacuation's households the user may see."""

    code = forms.CharField(label=_("Household code"), max_length=30)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        row = self.rows.filter(household__code__iexact=code).first()
        if row is None:
            raise forms.ValidationError(
                _("Household %(code)s is not on this evacuation's list.") % {"code": code}
            )
        self.cleaned_data["row"] = row
        return code


class ShelterPickField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (%(capacity)s persons)") % {"name": obj.name, "capacity": obj.capacity}


class PinForm(RowByCodeForm):
    """Send one household to a chosen shelter; the next re-run keeps it there."""

    shelter = ShelterPickField(
        label=_("Shelter"),
        queryset=None,
        required=False,
        empty_label=_("Remove the pin (let the optimiser choose)"),
    )

    def __init__(self, *args, shelters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].queryset = shelters


class HelperForm(RowByCodeForm):
    helper = forms.CharField(
        label=_("Who helps them move"),
        max_length=200,
        required=False,
        help_text=_("A name and phone, or a shock-force team."),
    )
