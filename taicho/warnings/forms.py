"""Forms of the warnings pages. They only shape input; the services validate and decide.

The typed bulletin's figure fields are built from the risk module's records (one group per
hazard that has figures, field names "<hazard>__<figure>"), so the choices are the module's
own (Region, FloodZone, SurgeSegment, …) and a figure added there appears here.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taicho.warnings.display import FigureSpec, figure_specs
from taicho.warnings.models import (
    HAZARD_CHOICES,
    BulletinKind,
    IssuerKind,
    ResponseType,
)
from taicho.warnings.services.levels import FIGURE_RECORDS

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
LEVEL_CHOICES = [(level, str(level)) for level in range(1, 6)]
FIGURE_SEPARATOR = "__"
# How the areas of a typed bulletin are separated: lines, semicolons or commas.
AREA_SEPARATORS = str.maketrans({";": "\n", ",": "\n"})


def datetime_field(label, *, required: bool = True, help_text: str = "") -> forms.DateTimeField:
    """A date and time typed in the browser's picker, read in the ward's time zone."""
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )


def level_field(label, *, required: bool = True) -> forms.TypedChoiceField:
    blank = [] if required else [("", "—")]
    return forms.TypedChoiceField(
        label=label, choices=blank + LEVEL_CHOICES, coerce=int, required=required, empty_value=None
    )


def _figure_field(spec: FigureSpec) -> forms.Field:
    """The form field of one figure (all optional here: the service names what is missing)."""
    if spec.choices is not None:
        return forms.ChoiceField(
            label=spec.label, choices=[("", "—"), *spec.choices], required=False
        )
    if spec.kind is bool:
        return forms.BooleanField(label=spec.label, required=False)
    if spec.kind is int:
        return forms.IntegerField(label=spec.label, required=False, min_value=0)
    # Lengths and amounts stay text: the risk module reads "3,5" and "3.5" alike, exactly.
    return forms.CharField(
        label=spec.label,
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


def figure_field_name(hazard_type: str, figure: str) -> str:
    return f"{hazard_type}{FIGURE_SEPARATOR}{figure}"


class BulletinForm(forms.Form):
    """A bulletin the duty officer types in from a text (tin bão, tin lũ, công điện…)."""

    hazard_type = forms.ChoiceField(label=_("Hazard"), choices=HAZARD_CHOICES)
    kind = forms.ChoiceField(label=_("Bulletin kind"), choices=BulletinKind.choices)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        help_text=_("e.g. Trung tâm Dự báo Khí tượng Thủy văn quốc gia"),
    )
    issuer_kind = forms.ChoiceField(label=_("Issuer kind"), choices=IssuerKind.choices)
    issued_at = datetime_field(_("Issued at"), help_text=_("Vietnam time."))
    expires_at = datetime_field(_("Valid until"), required=False)
    headline = forms.CharField(label=_("Headline"), max_length=300)
    text = forms.CharField(
        label=_("Text of the bulletin"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    areas = forms.CharField(
        label=_("Areas named in the bulletin"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, or separated by commas."),
    )
    stated_level = level_field(_("Risk level stated in the bulletin"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stated_level"].help_text = _(
            "For hazards whose level is not computed from figures here, or when the bulletin "
            "states the level."
        )
        for hazard_type in FIGURE_RECORDS:
            for spec in figure_specs(hazard_type):
                self.fields[figure_field_name(hazard_type, spec.name)] = _figure_field(spec)

    def figure_groups(self) -> list[tuple[str, str, list]]:
        """(hazard value, hazard label, bound fields) of every hazard that has figures."""
        labels = dict(HAZARD_CHOICES)
        return [
            (
                hazard_type,
                labels.get(hazard_type, hazard_type),
                [
                    self[figure_field_name(hazard_type, spec.name)]
                    for spec in figure_specs(hazard_type)
                ],
            )
            for hazard_type in FIGURE_RECORDS
        ]

    def figures(self) -> dict | None:
        """The chosen hazard's figures that were given (None: none given)."""
        hazard_type = self.cleaned_data.get("hazard_type", "")
        given = {}
        for spec in figure_specs(hazard_type):
            value = self.cleaned_data.get(figure_field_name(hazard_type, spec.name))
            if value in ("", None) or (spec.kind is bool and not value):
                continue
            given[spec.name] = value
        return given or None

    def error_names(self) -> dict[str, str]:
        """Where the service's error keys belong on this form."""
        hazard_type = self.cleaned_data.get("hazard_type", "")
        names = {
            spec.name: figure_field_name(hazard_type, spec.name)
            for spec in figure_specs(hazard_type)
        }
        return {**names, "level": "stated_level", "hazard": "hazard_type"}

    def service_fields(self) -> dict:
        data = self.cleaned_data
        areas = [area.strip() for area in data["areas"].translate(AREA_SEPARATORS).splitlines()]
        return {
            "hazard_type": data["hazard_type"],
            "kind": data["kind"],
            "issuer": data["issuer"],
            "issuer_kind": data["issuer_kind"],
            "issued_at": data["issued_at"],
            "expires_at": data["expires_at"],
            "headline": data["headline"],
            "text": data["text"],
            "areas": [area for area in areas if area],
            "figures": self.figures(),
            "stated_level": data["stated_level"],
        }


class OverrideForm(forms.Form):
    """Set a bulletin's level by hand; the service requires the reason (and logs it)."""

    level = level_field(_("Risk level"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required: why the level differs from the proposed one."),
    )


class CapUploadForm(forms.Form):
    file = forms.FileField(label=_("CAP 1.2 file (XML)"))
    issuer_kind = forms.ChoiceField(
        label=_("Issuer kind"),
        required=False,
        choices=[("", _("Recognise from the sender")), *IssuerKind.choices],
    )


class ZoneChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class TargetsForm(forms.Form):
    """Whom an alert is for: the union of zones, groups, an area drawn, or the whole ward."""

    whole_ward = forms.BooleanField(label=_("The whole ward"), required=False)
    zones = ZoneChoice(
        label=_("Hazard zones"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Residential groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area_geometry = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, zones, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones"].queryset = zones
        self.fields["groups"].queryset = groups

    def clean_area_geometry(self):
        # Only the JSON syntax here; the service checks the shape.
        text = self.cleaned_data["area_geometry"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise ValidationError(_("The area drawn is not valid GeoJSON.")) from exc
        if not isinstance(value, dict):
            raise ValidationError(_("The area drawn is not valid GeoJSON."))
        return value

    def target_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "whole_ward": data["whole_ward"],
            "zones": list(data["zones"]),
            "groups": list(data["groups"]),
            "area_geometry": data["area_geometry"],
        }


TEXT_FIELDS = ("headline", "sms_text", "long_text", "spoken_script", "instruction")
ENGLISH_FIELDS = ("headline_en", "long_text_en", "instruction_en")


class AlertForm(TargetsForm):
    """The alert composer. With `from_template`, texts left empty come from the template for
    the hazard and level (the service fills them)."""

    hazard_type = forms.ChoiceField(label=_("Hazard"), choices=HAZARD_CHOICES)
    level = level_field(_("Risk level"))
    headline = forms.CharField(label=_("Headline"), max_length=300, required=False)
    sms_text = forms.CharField(
        label=_("SMS message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-sms-counter": "sms-count"}),
    )
    long_text = forms.CharField(
        label=_("Message for messaging apps (Zalo…) and the web"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    spoken_script = forms.CharField(
        label=_("Loudspeaker script"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    instruction = forms.CharField(
        label=_("What people should do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    response_type = forms.ChoiceField(label=_("Response"), choices=ResponseType.choices)
    expires_at = datetime_field(
        _("Expires at"),
        required=False,
        help_text=_("Empty: after the ward's usual number of hours from issue."),
    )
    headline_en = forms.CharField(label=_("Headline (English)"), max_length=300, required=False)
    long_text_en = forms.CharField(
        label=_("Message (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instruction_en = forms.CharField(
        label=_("Instruction (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, from_template: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_template = from_template
        if from_template:
            self.fields["response_type"].choices = [
                ("", _("From the template")),
                *ResponseType.choices,
            ]
            self.fields["response_type"].required = False
            for name in TEXT_FIELDS:
                self.fields[name].help_text = _("Leave empty to take the template's text.")

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "hazard_type": data["hazard_type"],
            "level": data["level"],
            "expires_at": data["expires_at"],
            **{name: data[name] for name in ENGLISH_FIELDS},
            **self.target_fields(),
        }
        for name in (*TEXT_FIELDS, "response_type"):
            value = data[name]
            # Empty: the template's text (when drafting), else "required" from the service.
            fields[name] = None if self.from_template and not value else value
        return fields

    @staticmethod
    def initial_for(alert) -> dict:
        return {
            **{
                name: getattr(alert, name)
                for name in (
                    "hazard_type",
                    "level",
                    "response_type",
                    "expires_at",
                    "whole_ward",
                    *TEXT_FIELDS,
                    *ENGLISH_FIELDS,
                )
            },
            "zones": list(alert.target_zones.all()),
            "groups": list(alert.target_groups.all()),
            "area_geometry": json.dumps(alert.area_geometry) if alert.area_geometry else "",
        }


class FollowUpForm(forms.Form):
    """An update of an issued alert: the level and texts to change (unchanged: kept, or the
    new level's template when the level changes)."""

    TEXTS = TEXT_FIELDS

    level = level_field(_("Risk level"))
    all_clear = forms.BooleanField(
        label=_("All clear: the danger is over"),
        required=False,
        help_text=_("Takes the all-clear template's texts."),
    )
    headline = forms.CharField(label=_("Headline"), max_length=300)
    sms_text = forms.CharField(
        label=_("SMS message"),
        widget=forms.Textarea(attrs={"rows": 3, "data-sms-counter": "sms-count"}),
    )
    long_text = forms.CharField(
        label=_("Message for messaging apps (Zalo…) and the web"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    spoken_script = forms.CharField(
        label=_("Loudspeaker script"), widget=forms.Textarea(attrs={"rows": 5})
    )
    instruction = forms.CharField(
        label=_("What people should do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def service_fields(self, alert) -> dict:
        """Only what changed: a text left as issued is kept, or re-templated for a new level."""
        data = self.cleaned_data
        fields = {"all_clear": data["all_clear"]}
        if data["level"] != alert.level:
            fields["level"] = data["level"]
        for name in TEXT_FIELDS:
            if data[name].strip() != getattr(alert, name).strip():
                fields[name] = data[name]
        return fields


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the alert cancelled?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WarningSettingsForm(forms.Form):
    identifier_prefix = forms.CharField(
        label=_("CAP identifier prefix"),
        max_length=120,
        help_text=_("WMO style, e.g. urn:oid:2.49.0.1.704.11473 or VN-11473."),
    )
    sender = forms.CharField(
        label=_("CAP sender"),
        max_length=200,
        help_text=_("e.g. ubnd.bachdang@haiphong.gov.vn"),
    )
    sender_name = forms.CharField(label=_("Sender name"), max_length=200)
    web = forms.URLField(label=_("Web page"), max_length=300, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    expiry_hours = forms.IntegerField(label=_("Alerts expire after (hours)"), min_value=1)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
