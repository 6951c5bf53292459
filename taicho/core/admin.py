"""The admin, scoped like every page: staff see and change only what their roles allow.

`WardScopedAdmin` replaces Django's per-model permissions with the rights table (core.rights):
a staff user reads the rows `visible_to` them and changes the rows they `can_write`, and
saves go through the app's services so the audit log is written. Another ward's row is a 404.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.http import Http404, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.core import services as core_services
from taicho.core.access import can_manage, can_write, grants_for, readable_ward_ids
from taicho.core.audit import EMPTY, change_rows
from taicho.core.models import (
    ApiToken,
    AuditEntry,
    Membership,
    Province,
    ResidentialGroup,
    Ward,
    WardOwned,
)

# --- the audit log, made readable (used by the admin and by the pages' history partial) ---

# --- scoping rows, choices and permissions ---


def _group_id(obj: Model) -> int | None:
    """The residential group a row belongs to, following its model's `scope_group_path`."""
    path = getattr(obj, "scope_group_path", None)
    if not path:
        return None
    *hops, last = path.split("__")
    target = obj
    for hop in hops:
        target = getattr(target, hop)
    return getattr(target, f"{last}_id")


def _may_write_row(user, obj: Model, *, topic: str) -> bool:
    return can_write(user, ward_id=obj.ward_id, topic=topic, group_id=_group_id(obj))


def _has_grants(user, *, topic: str, write: bool) -> bool:
    grants = grants_for(user, topic=topic, write=write)
    return grants is None or bool(grants)


def _ward_choices(user, *, topic: str):
    grants = grants_for(user, topic=topic, write=True)
    wards = Ward.objects.select_related("province")
    return wards if grants is None else wards.filter(id__in=[g.ward_id for g in grants])


def _group_choices(user, *, topic: str):
    """Groups where `user` may write rows of `topic` (a group leader: only their own)."""
    grants = grants_for(user, topic=topic, write=True)
    if grants is None:
        return ResidentialGroup.objects.all()
    condition = Q(pk__in=[])
    for grant in grants:
        if grant.group_ids is None:
            condition |= Q(ward_id=grant.ward_id)
        else:
            condition |= Q(ward_id=grant.ward_id, id__in=grant.group_ids)
    return ResidentialGroup.objects.filter(condition)


def _user_choices(user, *, topic: str):
    """People who belong to a ward where `user` may write (e.g. a zone's reviewer)."""
    grants = grants_for(user, topic=topic, write=True)
    people = get_user_model().objects.filter(is_active=True)
    if grants is None:
        return people
    return people.filter(memberships__ward_id__in=[g.ward_id for g in grants]).distinct()


# Related model -> the choices a user gets for a foreign key to it. Other ward-owned models
# fall back to the rows the user may see.
_CHOICES: dict[type[Model], Callable] = {
    Ward: _ward_choices,
    ResidentialGroup: _group_choices,
}


def _choices_for(related: type[Model], user, *, topic: str):
    if related in _CHOICES:
        return _CHOICES[related](user, topic=topic)
    if related is get_user_model():
        return _user_choices(user, topic=topic)
    if issubclass(related, WardOwned):
        return related.objects.visible_to(user)
    return None


def _describe(exc: ValidationError, model: type[Model]) -> str:
    """A service's ValidationError as one message naming each field."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, errors in exc.message_dict.items():
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            label = ""
        text = " ".join(errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)


@dataclass(frozen=True)
class Services:
    """The service functions an admin saves through, so the audit log is written."""

    create: Callable  # (*, actor, ward, **fields) -> instance
    update: Callable  # (*, actor, <instance_arg>=instance, **fields) -> instance
    delete: Callable  # (*, actor, <instance_arg>=instance) -> None
    instance_arg: str
    fields: tuple[str, ...]


def _copy_into(target: Model, source: Model) -> None:
    """Make the admin's form instance match what the service saved (pk, normalised values)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target._state.adding = False
    target._state.db = source._state.db


class WardScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin for a ward-owned model, governed by the rights table, saving via services."""

    writes: Services | None = None

    @property
    def topic(self) -> str:
        return self.model.scope_topic

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Never say whether another ward's row exists.
            raise Http404(_("No such record."))
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        # A row never moves to another ward; the services do not allow it.
        return (*readonly, "ward") if obj is not None else readonly

    # permissions: the rights table, not Django's per-model permissions
    def has_module_permission(self, request):
        return request.user.is_staff and _has_grants(request.user, topic=self.topic, write=False)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_staff and _has_grants(request.user, topic=self.topic, write=True)

    def has_change_permission(self, request, obj=None):
        if not request.user.is_staff:
            return False
        if obj is None:
            return _has_grants(request.user, topic=self.topic, write=True)
        return _may_write_row(request.user, obj, topic=self.topic)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        choices = _choices_for(db_field.related_model, request.user, topic=self.topic)
        if choices is not None:
            kwargs["queryset"] = choices
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # writes: through the services
    def save_model(self, request, obj, form, change):
        if self.writes is None:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        if change:
            fresh = type(obj).objects.get(pk=obj.pk)
            fields = {name: data[name] for name in form.changed_data if name in self.writes.fields}
            saved = self.writes.update(
                actor=request.user, **{self.writes.instance_arg: fresh}, **fields
            )
        else:
            fields = {name: data[name] for name in self.writes.fields if name in data}
            saved = self.writes.create(actor=request.user, ward=data["ward"], **fields)
        _copy_into(obj, saved)
        return None

    def delete_model(self, request, obj):
        if self.writes is None:
            return super().delete_model(request, obj)
        self.writes.delete(actor=request.user, **{self.writes.instance_arg: obj})
        return None

    def delete_queryset(self, request, queryset):
        # All or nothing: one refused deletion (e.g. a group with households) undoes the rest.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def _refused(self, request, exc: ValidationError):
        # The service refused what the form accepted; the admin view is atomic: nothing saved.
        self.message_user(request, _describe(exc, self.model), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            return self._refused(request, exc)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            return self._refused(request, exc)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ValidationError as exc:
            return self._refused(request, exc)


class WardScopedInline(admin.TabularInline):
    """Rows edited inside their parent: the parent row says who may change them."""

    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def _writable(self, request, parent) -> bool:
        if not request.user.is_staff:
            return False
        if parent is None:
            return _has_grants(request.user, topic=self.model.scope_topic, write=True)
        return _may_write_row(request.user, parent, topic=self.model.scope_topic)

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and _has_grants(
            request.user, topic=self.model.scope_topic, write=False
        )

    def has_add_permission(self, request, obj=None):
        return self._writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._writable(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# --- the tenancy ---


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "division_type")
    search_fields = ("name", "codename", "=code")

    def get_queryset(self, request):
        ids = readable_ward_ids(request.user)
        provinces = super().get_queryset(request)
        return provinces if ids is None else provinces.filter(wards__id__in=ids).distinct()

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff


@admin.register(Ward)
class WardAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "division_type", "province")
    list_select_related = ("province",)
    search_fields = ("name", "codename", "=code")
    list_filter = (("province", admin.RelatedOnlyFieldListFilter),)

    def get_queryset(self, request):
        ids = readable_ward_ids(request.user)
        wards = super().get_queryset(request)
        return wards if ids is None else wards.filter(id__in=ids)

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff


@admin.register(ResidentialGroup)
class ResidentialGroupAdmin(WardScopedAdmin):
    list_display = ("code", "name", "ward", "leader_name")
    list_select_related = ("ward",)
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name", "leader_name")
    fields = ("ward", "code", "name", "leader_name", "leader_phone")
    writes = Services(
        create=core_services.residential_group_create,
        update=core_services.residential_group_update,
        delete=core_services.residential_group_delete,
        instance_arg="group",
        fields=core_services.GROUP_FIELDS,
    )


@admin.register(Membership)
class MembershipAdmin(SuperuserOnlyAdmin):
    list_display = ("user", "role", "ward", "province")
    list_filter = ("role",)
    list_select_related = ("user", "ward", "province")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("ward", "province")
    filter_horizontal = ("groups",)


def _managed_ward_ids(user) -> list[int] | None:
    """Wards whose audit log `user` may read (None: all)."""
    if user.is_superuser:
        return None
    return [
        ward_id for ward_id in readable_ward_ids(user) or () if can_manage(user, ward_id=ward_id)
    ]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "ward", "actor", "action", "object_type", "object_repr")
    list_select_related = ("ward", "actor")
    list_filter = ("action", ("ward", admin.RelatedOnlyFieldListFilter))
    search_fields = ("object_repr", "object_type", "=object_id")
    date_hierarchy = "at"
    fields = (
        "at",
        "ward",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changed_fields",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        ids = _managed_ward_ids(request.user)
        entries = super().get_queryset(request)
        return entries if ids is None else entries.filter(ward_id__in=ids)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such record."))
        return obj

    def has_module_permission(self, request):
        ids = _managed_ward_ids(request.user)
        return request.user.is_staff and (ids is None or bool(ids))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.display(description=gettext_lazy("changes"))
    def changed_fields(self, entry: AuditEntry):
        rows = change_rows(entry)
        if not rows:
            return EMPTY
        return format_html(
            "<table>{}</table>",
            format_html_join(
                "",
                "<tr><th>{}</th><td>{}</td><td>→</td><td>{}</td></tr>",
                ((row.label, row.old, row.new) for row in rows),
            ),
        )


@admin.register(ApiToken)
class ApiTokenAdmin(SuperuserOnlyAdmin):
    """Tokens are made with `api_token_create` (the key is shown once); here they are revoked."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username", "prefix")
    fields = ("user", "name", "prefix", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
