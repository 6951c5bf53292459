"""Forms of the hazard zone pages. They only shape input; the service validates the geometry."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taicho.hazards.models import HazardKind, HazardZone


class ReviewerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Vietnamese order: family and middle names, then the given name.
        return f"{obj.last_name} {obj.first_name}".strip() or obj.get_username()


class ZoneForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=HazardKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    risk_notes = forms.CharField(
        label=_("Risk notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    last_reviewed_on = forms.DateField(
        label=_("Last reviewed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reviewed_by = ReviewerField(
        label=_("Reviewed by"), queryset=None, required=False, empty_label=_("Nobody yet")
    )
    geometry = forms.CharField(
        label=_("Geometry (GeoJSON)"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "geojson"}),
        help_text=_(
            "A GeoJSON Polygon, MultiPolygon, LineString or Point in longitude, latitude order; "
            "or draw it on the ward map."
        ),
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_by"].queryset = reviewers

    @staticmethod
    def initial_for(zone: HazardZone) -> dict:
        return {
            "code": zone.code,
            "name": zone.name,
            "kind": zone.kind,
            "description": zone.description,
            "risk_notes": zone.risk_notes,
            "last_reviewed_on": zone.last_reviewed_on,
            "reviewed_by": zone.reviewed_by_id,
            "geometry": json.dumps(zone.geometry, ensure_ascii=False),
        }

    def clean_geometry(self):
        # Only the JSON syntax is checked here; the service checks the shape and the place.
        text = self.cleaned_data["geometry"]
        try:
            return json.loads(text)
        except ValueError as exc:
            raise ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s)."),
                params={"line": getattr(exc, "lineno", "?"), "column": getattr(exc, "colno", "?")},
            ) from exc

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)
