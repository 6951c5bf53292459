from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.core.models import ResidentialGroup, WardOwned

ELDERLY_AGE = 60
CHILD_AGE = 16


class HousingType(models.TextChoices):
    SOLID = "solid", _("Solid")
    SEMI_SOLID = "semi_solid", _("Semi-solid")
    NON_SOLID = "non_solid", _("Non-solid")
    MAKESHIFT = "makeshift", _("Makeshift")


class Poverty(models.TextChoices):
    NONE = "", _("Not poor")
    NEAR_POOR = "near_poor", _("Near-poor")
    POOR = "poor", _("Poor")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Household(WardOwned):
    """A household (hộ dân): the unit that is warned, evacuated and counted."""

    code = models.CharField(_("household code"), max_length=30)
    address = models.CharField(_("address"), max_length=255)
    group = models.ForeignKey(
        ResidentialGroup,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("residential group"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    phones = models.JSONField(_("phones"), default=list, blank=True)
    housing_type = models.CharField(
        _("housing type"), max_length=12, choices=HousingType.choices, default=HousingType.SOLID
    )
    poverty = models.CharField(
        _("poor / near-poor"), max_length=10, choices=Poverty.choices, blank=True, default=""
    )
    # Code, address and head's name without diacritics, for search as people type.
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "people"
    scope_group_path = "group"

    class Meta:
        ordering = ["ward", "code"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="household_code_unique_in_ward")
        ]
        indexes = [
            models.Index(fields=["ward", "group"]),
            models.Index(fields=["ward", "lon", "lat"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.address}"


class Resident(WardOwned):
    """A resident (nhân khẩu) of a household, with what makes them vulnerable."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="residents", verbose_name=_("household")
    )
    full_name = models.CharField(_("full name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    is_disabled = models.BooleanField(_("disabled"), default=False)
    is_pregnant = models.BooleanField(_("pregnant"), default=False)
    is_chronically_ill = models.BooleanField(_("chronically ill"), default=False)
    is_bedridden = models.BooleanField(_("bedridden"), default=False)
    # Given name first in Vietnamese alphabetical order (see core.vietnamese.name_sort_key).
    sort_key = models.CharField(max_length=200, blank=True, editable=False)
    search_name = models.CharField(max_length=100, blank=True, editable=False)

    scope_topic = "people"
    scope_group_path = "household__group"

    class Meta:
        ordering = ["household", "sort_key"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [models.Index(fields=["ward", "sort_key"])]

    def __str__(self) -> str:
        return self.full_name
