"""The ward's road network as uploaded: evacuations measure distances along it.

Kept beside the shelter registry (shelters/models.py imports it so Django sees it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.core.models import Ward


class RoadFormat(models.TextChoices):
    GEOJSON = "geojson", _("GeoJSON")
    OSM = "osm", _("OSM XML")


class RoadNetwork(models.Model):
    """One per ward: the file as uploaded (parsed again when needed) and what it holds."""

    ward = models.OneToOneField(
        Ward, on_delete=models.CASCADE, related_name="+", verbose_name=_("ward")
    )
    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10, choices=RoadFormat.choices)
    content = models.TextField(_("content"))
    nodes = models.PositiveIntegerField(_("nodes"))
    segments = models.PositiveIntegerField(_("road segments"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("road network")
        verbose_name_plural = _("road networks")

    def __str__(self) -> str:
        return self.file_name
