"""Bulletins in (CAP or typed in), the ward's alerts out (CAP), their templates and settings.

Bulletins and alerts hold no personal data; they are governed by the "warnings" topic of
the rights table. The households an alert targets are never stored here: they are computed
(taicho.warnings.targeting) and shown only through selectors that take the user.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taicho.core.models import ResidentialGroup, Ward, WardOwned
from taicho.hazards.models import HazardZone
from taicho.warnings.risk.kinds import Hazard as HazardType

__all__ = [
    "HAZARD_CHOICES",
    "OTHER_HAZARD",
    "Alert",
    "AlertStatus",
    "AlertTemplate",
    "Bulletin",
    "BulletinKind",
    "BulletinSource",
    "FeedSource",
    "HazardType",
    "IssuerKind",
    "MsgType",
    "ResponseType",
    "SignatureStatus",
    "TemplateKind",
    "WardWarningSettings",
]

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
# QĐ 18's hazards (the risk module's), and "other" for what a bulletin brings that has none.
OTHER_HAZARD = "other"
HAZARD_CHOICES = [*HazardType.choices, (OTHER_HAZARD, _("Other hazard"))]


class BulletinSource(models.TextChoices):
    CAP_FILE = "cap_file", _("CAP file")
    CAP_URL = "cap_url", _("CAP from a web address")
    CAP_FEED = "cap_feed", _("CAP feed")
    TYPED = "typed", _("Typed in")


class BulletinKind(models.TextChoices):
    """The bulletin kinds of QĐ 18/2021 (REGULATIONS §2)."""

    STORM_NEAR_EAST_SEA = "storm_near_east_sea", _("Storm near the East Sea")
    STORM_ON_EAST_SEA = "storm_on_east_sea", _("Storm on the East Sea")
    STORM_EMERGENCY = "storm_emergency", _("Emergency storm bulletin")
    STORM_OVER_LAND = "storm_over_land", _("Storm over land")
    QUICK = "quick", _("Quick bulletin")
    FINAL = "final", _("Final bulletin")
    FLOOD_WARNING = "flood_warning", _("Flood warning")
    FLOOD = "flood", _("Flood bulletin")
    FLOOD_EMERGENCY = "flood_emergency", _("Emergency flood bulletin")
    HEAVY_RAIN = "heavy_rain", _("Heavy rain warning")
    INUNDATION = "inundation", _("Inundation warning")
    FLASH_FLOOD_LANDSLIDE = "flash_flood_landslide", _("Flash flood / landslide warning")
    DIRECTIVE = "directive", _("Directive (công điện)")
    OTHER = "other", _("Other")


class IssuerKind(models.TextChoices):
    """Who issued a bulletin: the official forecasters (REGULATIONS §2) or someone else."""

    NATIONAL_HYDROMET = "national_hydromet", _("National hydro-meteorological service")
    HYDROMET_STATION = "hydromet_station", _("Regional or provincial hydro-meteorological station")
    FORESTRY = "forestry", _("Forest protection authority")
    GEOPHYSICS = "geophysics", _("Institute of Geophysics")
    GOVERNMENT = "government", _("Government or steering committee (directives)")
    WARD = "ward", _("The ward itself")
    OTHER = "other", _("Other")


class MsgType(models.TextChoices):
    """CAP msgType."""

    ALERT = "Alert", _("Alert")
    UPDATE = "Update", _("Update")
    CANCEL = "Cancel", _("Cancel")
    ACK = "Ack", _("Acknowledgement")
    ERROR = "Error", _("Error")


class SignatureStatus(models.TextChoices):
    UNSIGNED = "unsigned", _("Not signed")
    VALID = "valid", _("Valid signature from a trusted certificate")
    UNTRUSTED = "untrusted", _("Signature not checked against a trusted certificate")
    INVALID = "invalid", _("Invalid signature")


class ResponseType(models.TextChoices):
    """What people should do (CAP responseType, in our words)."""

    PREPARE = "prepare", _("Prepare")
    EVACUATE = "evacuate", _("Evacuate")
    SHELTER = "shelter", _("Shelter in place")
    MONITOR = "monitor", _("Monitor")
    AVOID = "avoid", _("Avoid the area")
    EXECUTE = "execute", _("Execute the plan")
    ALL_CLEAR = "all_clear", _("All clear")
    NONE = "none", _("No action")


class AlertStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Superseded by an update")
    CANCELLED = "cancelled", _("Cancelled")
    DISCARDED = "discarded", _("Discarded (never issued)")


class TemplateKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    ALL_CLEAR = "all_clear", _("All clear")


class FeedSource(WardOwned):
    """A CAP feed (Atom or RSS) the ward polls for bulletins."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    issuer_kind = models.CharField(
        _("issuer"), max_length=20, choices=IssuerKind.choices, default=IssuerKind.OTHER
    )
    trusted_certs_pem = models.TextField(
        _("trusted certificates (PEM)"),
        blank=True,
        help_text=_("Signatures of the feed's alerts are checked against these certificates."),
    )
    active = models.BooleanField(_("active"), default=True)
    poll_minutes = models.PositiveSmallIntegerField(
        _("poll every (minutes)"), default=5, validators=[MinValueValidator(1)]
    )
    last_polled_at = models.DateTimeField(_("last polled at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "name"]
        verbose_name = _("CAP feed")
        verbose_name_plural = _("CAP feeds")
        constraints = [
            models.UniqueConstraint(fields=["ward", "url"], name="feed_url_unique_in_ward")
        ]

    def __str__(self) -> str:
        return self.name


class Bulletin(WardOwned):
    """A forecast, warning or directive from above (bản tin dự báo, cảnh báo; công điện)."""

    source = models.CharField(_("source"), max_length=10, choices=BulletinSource.choices)
    source_url = models.URLField(_("address"), max_length=500, blank=True)
    feed = models.ForeignKey(
        FeedSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="bulletins"
    )
    hazard_type = models.CharField(_("hazard"), max_length=30, choices=HAZARD_CHOICES)
    kind = models.CharField(_("bulletin kind"), max_length=30, choices=BulletinKind.choices)
    issuer = models.CharField(_("issued by"), max_length=200)
    issuer_kind = models.CharField(
        _("issuer kind"), max_length=20, choices=IssuerKind.choices, default=IssuerKind.OTHER
    )
    authoritative = models.BooleanField(
        _("authoritative"),
        default=False,
        help_text=_("Issued by an official forecaster for this hazard (or a directive)."),
    )
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    headline = models.CharField(_("headline"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    areas = models.JSONField(_("areas"), default=list, blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    # CAP envelope; empty for typed bulletins.
    cap_sender = models.CharField(_("CAP sender"), max_length=200, blank=True)
    cap_identifier = models.CharField(_("CAP identifier"), max_length=200, blank=True)
    cap_sent = models.DateTimeField(_("CAP sent"), null=True, blank=True)
    msg_type = models.CharField(
        _("message type"), max_length=6, choices=MsgType.choices, default=MsgType.ALERT
    )
    cap_status = models.CharField(_("CAP status"), max_length=10, blank=True)
    cap_xml = models.TextField(_("CAP XML"), blank=True)
    signature_status = models.CharField(
        _("signature"),
        max_length=10,
        choices=SignatureStatus.choices,
        default=SignatureStatus.UNSIGNED,
    )
    # SHA-256 of the normalised headline and text: the same bulletin typed or fetched twice.
    content_hash = models.CharField(max_length=64, editable=False)
    updates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updated_by",
        verbose_name=_("updates"),
    )
    duplicates_seen = models.PositiveIntegerField(_("times received again"), default=0)
    last_seen_at = models.DateTimeField(_("last received at"), null=True, blank=True)
    proposed_level = models.PositiveSmallIntegerField(
        _("proposed risk level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    level_basis = models.TextField(_("basis of the proposed level"), blank=True)
    level = models.PositiveSmallIntegerField(
        _("risk level"), null=True, blank=True, validators=LEVEL_VALIDATORS
    )
    level_overridden = models.BooleanField(_("level set by hand"), default=False)
    override_reason = models.TextField(_("reason for the level"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("level set by"),
    )
    override_at = models.DateTimeField(_("level set at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "-issued_at", "-id"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "cap_sender", "cap_identifier"],
                condition=~Q(cap_identifier=""),
                name="bulletin_cap_id_unique_in_ward",
            )
        ]
        indexes = [
            models.Index(fields=["ward", "content_hash"]),
            models.Index(fields=["ward", "issued_at"]),
        ]

    def __str__(self) -> str:
        return self.headline


class WardWarningSettings(WardOwned):
    """How the ward signs its CAP alerts: never hard-coded, set once per ward."""

    ward = models.OneToOneField(Ward, on_delete=models.CASCADE, related_name="+")
    identifier_prefix = models.CharField(
        _("identifier prefix"),
        max_length=120,
        help_text=_("WMO-style, e.g. urn:oid:2.49.0.1.704.11473 or VN-11473."),
    )
    sender = models.CharField(
        _("CAP sender"), max_length=200, help_text=_("e.g. ubnd.bachdang@haiphong.gov.vn")
    )
    sender_name = models.CharField(_("sender name"), max_length=200)
    web = models.URLField(_("web page"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    expiry_hours = models.PositiveSmallIntegerField(
        _("alerts expire after (hours)"), default=24, validators=[MinValueValidator(1)]
    )

    scope_topic = "warnings"

    class Meta:
        verbose_name = _("warning settings")
        verbose_name_plural = _("warning settings")

    def __str__(self) -> str:
        return self.sender_name


class AlertTemplate(models.Model):
    """The texts of an alert for one hazard type × risk level. Without a ward: the national
    default (templates_data); with one: that ward's own wording, which takes precedence."""

    ward = models.ForeignKey(
        Ward, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=TemplateKind.choices, default=TemplateKind.WARNING
    )
    # Empty hazard and level 0: the all-clear, for any hazard and level.
    hazard_type = models.CharField(_("hazard"), max_length=30, choices=HAZARD_CHOICES, blank=True)
    level = models.PositiveSmallIntegerField(
        _("risk level"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    headline = models.CharField(_("headline"), max_length=300)
    sms_text = models.TextField(_("SMS text"))
    long_text = models.TextField(_("message text"))
    spoken_script = models.TextField(_("loudspeaker script"))
    instruction = models.TextField(_("instruction"))
    response_type = models.CharField(_("response"), max_length=10, choices=ResponseType.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "hazard_type", "level"]
        verbose_name = _("alert template")
        verbose_name_plural = _("alert templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "hazard_type", "level"],
                condition=Q(ward__isnull=True),
                name="alert_template_national_unique",
            ),
            models.UniqueConstraint(
                fields=["ward", "kind", "hazard_type", "level"],
                condition=Q(ward__isnull=False),
                name="alert_template_ward_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_hazard_type_display() or self.get_kind_display()} · {self.level}"


class Targeted(models.Model):
    """Who a message to the ward's households is for: the union of a polygon drawn on the
    map, hazard zones, residential groups, or the whole ward (taicho.warnings.targeting).
    Alerts have it, and so does anything else sent to an area (welfare checks)."""

    area_geometry = models.JSONField(_("area drawn on the map"), null=True, blank=True)
    target_zones = models.ManyToManyField(
        HazardZone, blank=True, related_name="+", verbose_name=_("hazard zones")
    )
    target_groups = models.ManyToManyField(
        ResidentialGroup, blank=True, related_name="+", verbose_name=_("residential groups")
    )
    whole_ward = models.BooleanField(_("the whole ward"), default=False)

    class Meta:
        abstract = True


class Alert(WardOwned, Targeted):
    """The ward's own message to its people (cảnh báo, thông báo khẩn), issued as CAP."""

    bulletin = models.ForeignKey(
        Bulletin,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alerts",
        verbose_name=_("bulletin"),
    )
    identifier = models.CharField(_("CAP identifier"), max_length=200, blank=True)
    sender = models.CharField(_("CAP sender"), max_length=200, blank=True)
    hazard_type = models.CharField(_("hazard"), max_length=30, choices=HAZARD_CHOICES)
    level = models.PositiveSmallIntegerField(_("risk level"), validators=LEVEL_VALIDATORS)
    headline = models.CharField(_("headline"), max_length=300)
    sms_text = models.TextField(_("SMS text"))
    long_text = models.TextField(_("message text"))
    spoken_script = models.TextField(_("loudspeaker script"))
    instruction = models.TextField(_("instruction"), blank=True)
    response_type = models.CharField(_("response"), max_length=10, choices=ResponseType.choices)
    # Optional English info block (en-US) of the CAP message.
    headline_en = models.CharField(_("headline (English)"), max_length=300, blank=True)
    long_text_en = models.TextField(_("message text (English)"), blank=True)
    instruction_en = models.TextField(_("instruction (English)"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.DRAFT
    )
    msg_type = models.CharField(
        _("message type"), max_length=6, choices=MsgType.choices, default=MsgType.ALERT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followers",
        verbose_name=_("previous alert"),
    )
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    cap_xml = models.TextField(_("CAP XML"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "-created_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "identifier"],
                condition=~Q(identifier=""),
                name="alert_identifier_unique_in_ward",
            )
        ]
        indexes = [models.Index(fields=["ward", "status"])]

    def __str__(self) -> str:
        return self.headline
