from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.core.models import WardOwned


class HazardKind(models.TextChoices):
    INUNDATION = "inundation", _("Inundation")
    LANDSLIDE = "landslide", _("Landslide / riverbank erosion")
    RIVERSIDE = "riverside", _("Riverside")
    COASTAL = "coastal", _("Coastal")
    WEAK_POINT = "weak_point", _("Weak point")
    UNSAFE_STRUCTURE = "unsafe_structure", _("Unsafe structure")
    OTHER = "other", _("Other")


class HazardZone(WardOwned):
    """An area (or line, or point) where a hazard threatens people: khu vực nguy cơ."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=HazardKind.choices)
    geometry = models.JSONField(_("geometry"), help_text=_("GeoJSON, WGS84."))
    # The bounding box, indexed, so a point-in-zone test starts from a cheap range query.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    description = models.TextField(_("description"), blank=True)
    risk_notes = models.TextField(_("risk notes"), blank=True)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "places"

    class Meta:
        ordering = ["ward", "code"]
        verbose_name = _("hazard zone")
        verbose_name_plural = _("hazard zones")
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="zone_code_unique_in_ward")
        ]
        indexes = [models.Index(fields=["ward", "kind"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"
