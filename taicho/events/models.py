"""The disaster event (e.g. "Bão số 3 (Yagi), tháng 9/2026"): the spine that ties together
the bulletins and alerts about it, and later evacuations, reports and damage.

Events follow the "warnings" rights (an event is opened from what the warnings bring in, by
the same people): the duty officer, the officer and the command board write; others read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taicho.core.models import WardOwned
from taicho.warnings.models import HAZARD_CHOICES, Alert, Bulletin

__all__ = ["Event", "EventStatus"]


class EventStatus(models.TextChoices):
    # Proposed by the system when a bulletin about a new storm or flood arrives; an officer
    # confirms it (open) or closes it.
    PROPOSED = "proposed", pgettext_lazy("event status", "Proposed")
    OPEN = "open", pgettext_lazy("event status", "Open")
    CLOSED = "closed", pgettext_lazy("event status", "Closed")


class Event(WardOwned):
    name = models.CharField(_("name"), max_length=200)
    hazard_type = models.CharField(_("hazard"), max_length=30, choices=HAZARD_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.OPEN
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    bulletins = models.ManyToManyField(
        Bulletin, blank=True, related_name="events", verbose_name=_("bulletins")
    )
    alerts = models.ManyToManyField(
        Alert, blank=True, related_name="events", verbose_name=_("alerts")
    )

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "-starts_at", "-id"]
        verbose_name = _("disaster event")
        verbose_name_plural = _("disaster events")
        indexes = [models.Index(fields=["ward", "status"])]

    def __str__(self) -> str:
        return self.name
