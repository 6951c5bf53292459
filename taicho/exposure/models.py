from django.db import models

from taicho.community.models import Household
from taicho.core.models import WardOwned
from taicho.hazards.models import HazardZone


class HouseholdZone(WardOwned):
    """A household lies in a hazard zone. Derived: rebuilt from geometry, never typed in."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="zone_links")
    zone = models.ForeignKey(HazardZone, on_delete=models.CASCADE, related_name="household_links")

    scope_topic = "people"
    scope_group_path = "household__group"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "zone"], name="household_zone_unique")
        ]
        indexes = [models.Index(fields=["ward", "zone"])]

    def __str__(self) -> str:
        return f"{self.household_id} in {self.zone_id}"
