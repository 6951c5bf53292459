"""A ward's configured channels, and the rate limiter's shared clock."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.channels.redaction import mask_config
from taicho.core.models import WardOwned


class ChannelConfig(WardOwned):
    """One channel of a ward: a kind (sms_http, zalo_zns, mqtt…) with its configuration.

    `config` holds the kind's settings, secrets included: it is never shown in full (see
    `masked_config`), never written to the audit log, and only managers may change it.
    """

    kind = models.CharField(_("kind"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    config = models.JSONField(_("configuration"), default=dict, blank=True)
    rate_per_second = models.FloatField(
        _("messages per second"),
        default=1.0,
        validators=[MinValueValidator(0.01)],
        help_text=_("The most messages this channel sends per second, all workers together."),
    )
    active = models.BooleanField(_("active"), default=True)
    paused_reason = models.CharField(_("why it is paused"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="channel_name_unique_in_ward")
        ]
        indexes = [models.Index(fields=["ward", "kind", "active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_config(self) -> dict:
        return mask_config(self.config)


class ChannelThrottle(models.Model):
    """The next moment a channel may send (seconds since the epoch), shared by every worker.

    Claimed under a row lock (taicho.channels.throttle), so N workers on M machines together
    keep the channel's rate.
    """

    key = models.CharField(max_length=100, primary_key=True)
    next_at = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("channel throttle")
        verbose_name_plural = _("channel throttles")

    def __str__(self) -> str:
        return self.key
