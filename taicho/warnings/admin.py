"""The admin of the warnings app: bulletins and alerts are read-only here (they change only
through their workflow: receive, decide the level, draft, approve, issue); feeds and the
ward's CAP settings are saved through their services, so the audit log is written."""

from django.contrib import admin

from taicho.core.admin import ReadOnlyAdmin, Services, WardScopedAdmin
from taicho.warnings.models import Alert, AlertTemplate, Bulletin, FeedSource, WardWarningSettings
from taicho.warnings.services import alert_flow, feeds


class _ReadOnlyScoped(WardScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bulletin)
class BulletinAdmin(_ReadOnlyScoped):
    list_display = ("headline", "hazard_type", "kind", "issuer", "issued_at", "level", "ward")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "hazard_type", "source")
    search_fields = ("headline", "issuer", "cap_identifier")
    date_hierarchy = "issued_at"


@admin.register(Alert)
class AlertAdmin(_ReadOnlyScoped):
    list_display = ("headline", "hazard_type", "level", "status", "msg_type", "issued_at", "ward")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "status", "hazard_type")
    search_fields = ("headline", "identifier")


def _settings_create(*, actor, ward, **fields):
    return alert_flow.warning_settings_save(actor=actor, ward=ward, **fields)


def _settings_update(*, actor, config, **fields):
    return alert_flow.warning_settings_save(actor=actor, ward=config.ward, **fields)


def _settings_delete(*, actor, config):
    raise NotImplementedError  # has_delete_permission is False


@admin.register(WardWarningSettings)
class WardWarningSettingsAdmin(WardScopedAdmin):
    list_display = ("ward", "sender_name", "sender", "identifier_prefix")
    list_select_related = ("ward",)
    fields = ("ward", *alert_flow.SETTINGS_FIELDS)
    writes = Services(
        create=_settings_create,
        update=_settings_update,
        delete=_settings_delete,
        instance_arg="config",
        fields=alert_flow.SETTINGS_FIELDS,
    )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FeedSource)
class FeedSourceAdmin(WardScopedAdmin):
    list_display = ("name", "url", "issuer_kind", "active", "last_polled_at", "ward")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter), "active")
    fields = ("ward", *feeds.FEED_FIELDS)
    writes = Services(
        create=feeds.feed_source_create,
        update=feeds.feed_source_update,
        delete=feeds.feed_source_delete,
        instance_arg="feed",
        fields=feeds.FEED_FIELDS,
    )


@admin.register(AlertTemplate)
class AlertTemplateAdmin(ReadOnlyAdmin):
    list_display = ("kind", "hazard_type", "level", "headline", "ward")
    list_filter = ("kind", "hazard_type")
