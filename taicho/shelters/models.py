from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.core.models import WardOwned


class ShelterKind(models.TextChoices):
    SCHOOL = "school", _("School")
    WARD_OFFICE = "ward_office", _("Ward office")
    CULTURAL_HOUSE = "cultural_house", _("Cultural house")
    SOLID_HOUSE = "solid_house", _("Solid private house")
    OTHER = "other", _("Other")


class Shelter(WardOwned):
    """An evacuation site or shelter (điểm sơ tán, trú ẩn)."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ShelterKind.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    capacity = models.PositiveIntegerField(_("capacity (persons)"))
    facilities = models.TextField(_("facilities"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=15, blank=True)
    hazard_kinds = models.JSONField(
        _("usable in"),
        default=list,
        blank=True,
        help_text=_("The hazard kinds this shelter is safe for."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "places"

    class Meta:
        ordering = ["ward", "code"]
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="shelter_code_unique_in_ward")
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


# Django finds models in models.py: the evacuation models live in their own module.
from taicho.shelters.evacuation_models import (  # noqa: E402, F401
    CheckIn,
    Evacuation,
    EvacuationHousehold,
    ResponsePlan,
)
from taicho.shelters.road_models import RoadNetwork  # noqa: E402, F401
