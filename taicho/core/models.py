from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from taicho.core.roles import Role
from taicho.core.scoping import WardScopedQuerySet


class Province(models.Model):
    """A province or centrally run city (tỉnh / thành phố), with its official code."""

    code = models.PositiveIntegerField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    codename = models.CharField(max_length=100)
    division_type = models.CharField(max_length=40)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Ward(models.Model):
    """A ward, commune or special zone (phường / xã / đặc khu): the tenant of every domain row."""

    code = models.PositiveIntegerField(_("code"), unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="wards")
    name = models.CharField(_("name"), max_length=100)
    codename = models.CharField(max_length=100)
    division_type = models.CharField(max_length=40)
    # Where the ward's map opens; set by the demo or by the officer.
    center_lat = models.FloatField(_("map centre latitude"), null=True, blank=True)
    center_lon = models.FloatField(_("map centre longitude"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ward")
        verbose_name_plural = _("wards")

    def __str__(self) -> str:
        return f"{self.name}, {self.province.name}"


class WardOwned(models.Model):
    """A row that belongs to one ward. `scope_topic` says which rights govern it (see rights)."""

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")

    scope_topic: str = "places"
    # Path from this model to its residential group, for roles limited to their own groups.
    scope_group_path: str | None = None

    objects = WardScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class ResidentialGroup(WardOwned):
    """A residential group (tổ dân phố / thôn)."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    leader_name = models.CharField(_("leader"), max_length=100, blank=True)
    leader_phone = models.CharField(_("leader's phone"), max_length=15, blank=True)

    scope_topic = "places"

    class Meta:
        # "2" before "10": group codes are mostly numbers, and officers read them in order.
        ordering = ["ward", Length("code"), "code"]
        verbose_name = _("residential group")
        verbose_name_plural = _("residential groups")
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="group_code_unique_in_ward")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one ward, or (city viewers) over every ward of one province."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, null=True, blank=True)
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True)
    groups = models.ManyToManyField(
        ResidentialGroup,
        blank=True,
        verbose_name=_("residential groups"),
        help_text=_("For group leaders: the groups whose households they keep."),
    )
    # Where this person receives the ward's alerts in this role (the command board, officers
    # and group leaders are told first). Their e-mail is the account's.
    phone = models.CharField(_("phone for alerts"), max_length=15, blank=True)
    telegram_chat = models.CharField(_("Telegram chat id for alerts"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="city_viewer", province__isnull=False, ward__isnull=True)
                    | (~Q(role="city_viewer") & Q(ward__isnull=False, province__isnull=True))
                ),
                name="membership_city_viewer_has_province_others_ward",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.ward or self.province}"


class AuditEntry(models.Model):
    """Who changed what, when: one row per create, update, delete, import or export."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")
        EXPORT = "export", _("exported")

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=50)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["ward", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
