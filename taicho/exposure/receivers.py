"""Recompute the links when a zone or a household moves (inside the same transaction)."""

from django.dispatch import receiver

from taicho.community.signals import households_moved
from taicho.exposure.services import exposure_refresh_households, exposure_refresh_zone
from taicho.hazards.signals import zone_geometry_changed


@receiver(zone_geometry_changed)
def _on_zone_geometry_changed(sender, *, zone, **kwargs):
    exposure_refresh_zone(zone=zone)


@receiver(households_moved)
def _on_households_moved(sender, *, ward_id, household_ids, **kwargs):
    exposure_refresh_households(ward_id=ward_id, household_ids=household_ids)
