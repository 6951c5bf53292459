"""Response plans by risk level, evacuations run from them, and check-ins at shelters.

Kept beside the shelter registry (shelters/models.py imports these so Django sees them).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.core.models import WardOwned
from taicho.warnings.risk.kinds import Hazard

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class ResponsePlan(WardOwned):
    """Phương án ứng phó theo cấp độ rủi ro: who leaves, where to, who commands (Law Đ22).

    Versioned: a revision is a new row with version + 1; the previous stays for the record.
    """

    name = models.CharField(_("name"), max_length=200)
    hazard_type = models.CharField(_("hazard"), max_length=30, choices=Hazard.choices)
    level = models.PositiveSmallIntegerField(_("risk level"), validators=LEVEL_VALIDATORS)
    # For floods the scenario is named by alarm level too (e.g. "BĐ3").
    scenario = models.CharField(_("scenario"), max_length=100, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    evacuate_zones = models.ManyToManyField(
        "hazards.HazardZone", blank=True, related_name="+", verbose_name=_("zones to evacuate")
    )
    # HousingType values (community.models.HousingType) whose households all leave.
    evacuate_housing_types = models.JSONField(_("housing to evacuate"), default=list, blank=True)
    # Vulnerability flags (community.vulnerability.FLAG_LABELS keys) whose households leave.
    evacuate_vulnerable = models.JSONField(_("vulnerable people to move"), default=list, blank=True)
    shelters = models.ManyToManyField(
        "shelters.Shelter", blank=True, related_name="+", verbose_name=_("usable shelters")
    )
    commanders = models.TextField(_("who commands"), blank=True)
    teams = models.TextField(_("shock-force teams"), blank=True)
    supplies = models.TextField(_("supplies and equipment"), blank=True)
    notes = models.TextField(_("other measures"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_topic = "places"

    class Meta:
        ordering = ["ward", "hazard_type", "level", "-version"]
        verbose_name = _("response plan")
        verbose_name_plural = _("response plans")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "hazard_type", "level", "scenario", "version"],
                name="plan_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class EvacuationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Under way")
    CLOSED = "closed", _("Closed")


class Evacuation(WardOwned):
    """One evacuation: the households a plan (or an ad-hoc area) moves, and where to."""

    name = models.CharField(_("name"), max_length=200)
    plan = models.ForeignKey(
        ResponsePlan, on_delete=models.PROTECT, null=True, blank=True, related_name="evacuations"
    )
    alert = models.ForeignKey(
        "warnings.Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvacuationStatus.choices,
        default=EvacuationStatus.PLANNED,
    )
    # How distances were measured ("straight" or "road") and what the optimiser reported.
    distance_mode = models.CharField(max_length=10, default="straight")
    total_distance_m = models.BigIntegerField(null=True, blank=True)
    lower_bound_m = models.BigIntegerField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    solver_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    scope_topic = "places"

    class Meta:
        ordering = ["ward", "-created_at"]
        verbose_name = _("evacuation")
        verbose_name_plural = _("evacuations")

    def __str__(self) -> str:
        return self.name


class MoveStatus(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet evacuated")
    EVACUATED = "evacuated", _("At the shelter")
    LEFT = "left", _("Left the shelter")
    REFUSED = "refused", _("Refused")
    MISSING = "missing", _("Missing")


class EvacuationHousehold(WardOwned):
    """A household to move in one evacuation: its shelter, who helps, where it is now."""

    evacuation = models.ForeignKey(Evacuation, on_delete=models.CASCADE, related_name="households")
    household = models.ForeignKey("community.Household", on_delete=models.CASCADE, related_name="+")
    shelter = models.ForeignKey(
        "shelters.Shelter", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    persons = models.PositiveIntegerField(_("persons"))
    distance_m = models.PositiveIntegerField(_("distance (m)"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned by the planner"), default=False)
    helper = models.CharField(_("who helps them move"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MoveStatus.choices, default=MoveStatus.NOT_YET
    )
    persons_present = models.PositiveIntegerField(_("persons present"), default=0)
    needs = models.TextField(_("needs"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "people"
    scope_group_path = "household__group"

    class Meta:
        verbose_name = _("household to evacuate")
        verbose_name_plural = _("households to evacuate")
        constraints = [
            models.UniqueConstraint(
                fields=["evacuation", "household"], name="evacuation_household_unique"
            )
        ]
        indexes = [models.Index(fields=["ward", "evacuation", "shelter"])]

    def __str__(self) -> str:
        return f"{self.household_id} → {self.shelter_id}"


class CheckIn(WardOwned):
    """One check-in or check-out at a shelter, as recorded on a phone (maybe offline).

    `client_id` is made by the phone, so a record synced twice is stored once.
    """

    class Kind(models.TextChoices):
        IN = "in", _("Checked in")
        OUT = "out", _("Checked out")

    evacuation = models.ForeignKey(Evacuation, on_delete=models.CASCADE, related_name="checkins")
    household = models.ForeignKey("community.Household", on_delete=models.CASCADE, related_name="+")
    shelter = models.ForeignKey("shelters.Shelter", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    persons_present = models.PositiveIntegerField(_("persons present"), default=0)
    needs = models.TextField(_("needs"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    client_id = models.UUIDField(unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    scope_topic = "people"
    scope_group_path = "household__group"

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.kind} {self.household_id} @ {self.shelter_id}"
