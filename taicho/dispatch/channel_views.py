"""The ward's channels, under /w/<ward>/dispatch/channels/: what each is, whether it sends,
why it was paused and how many messages wait on it; adding, changing, pausing, resuming.

Here rather than in the channels app because a paused channel's waiting messages are the
dispatch app's. Everyone who reads the ward's warnings sees the list (a paused channel is
news for the duty officer too); only the command board and officers change channels.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from taicho.channels import registry
from taicho.channels.models import ChannelConfig
from taicho.channels.redaction import is_secret_key
from taicho.channels.services import channel_config_create, channel_config_update
from taicho.core.access import can_manage, require_manage
from taicho.core.forms import add_service_errors
from taicho.core.web import ward_view
from taicho.dispatch import services
from taicho.dispatch.selectors import ward_channels


class ChannelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    rate_per_second = forms.FloatField(
        label=gettext_lazy("Messages per second"),
        min_value=0.01,
        initial=1.0,
        help_text=gettext_lazy("The provider's limit, all workers together."),
    )


def _kind_or_404(kind: str):
    transport_class = registry.kinds().get(kind)
    if transport_class is None:
        raise Http404(_("No such kind of channel."))
    return transport_class


def _config_form(transport_class, data=None, *, stored: dict | None = None):
    stored = stored or {}
    if data is not None:
        # A secret left empty keeps the stored one: the form checks the configuration as it
        # will be, and the password box still never shows it.
        data = data.copy()
        for name in transport_class.config_form.base_fields:
            key = f"config-{name}"
            if is_secret_key(name) and stored.get(name) and not data.get(key):
                data[key] = stored[name]
    return transport_class.config_form(data, prefix="config", initial=_visible(stored))


def _visible(config: dict) -> dict:
    return {name: value for name, value in config.items() if not is_secret_key(name)}


def _reply_address(request, channel: ChannelConfig) -> str:
    kind = registry.kinds().get(channel.kind)
    if kind is None or not kind.supports_reply:
        return ""
    path = reverse("dispatch_inbound", args=[channel.pk])
    return settings.TAICHO_PUBLIC_URL.rstrip("/") + path


@ward_view
@require_http_methods(["GET"])
def channel_list(request, ward):
    kinds = registry.kinds()
    rows = []
    for channel in ward_channels(user=request.user, ward=ward):
        kind = kinds.get(channel.kind)
        channel.kind_label = str(kind.label) if kind else channel.kind
        rows.append((channel, _reply_address(request, channel)))
    return render(
        request,
        "dispatch/channel_list.html",
        {
            "ward": ward,
            "rows": rows,
            "may_manage": can_manage(request.user, ward_id=ward.id),
            "kinds": sorted(
                ((kind, str(cls.label)) for kind, cls in registry.kinds().items()),
                key=lambda item: item[1],
            ),
        },
    )


def _save(request, ward, transport_class, *, channel: ChannelConfig | None):
    stored = channel.config if channel else None
    initial = (
        {"name": channel.name, "rate_per_second": channel.rate_per_second} if channel else None
    )
    data = request.POST if request.method == "POST" else None
    form = ChannelForm(data, initial=initial)
    config_form = _config_form(transport_class, data, stored=stored)
    if data is not None and form.is_valid() and config_form.is_valid():
        fields = {**form.cleaned_data, "config": config_form.to_config()}
        try:
            if channel is None:
                channel = channel_config_create(
                    actor=request.user, ward=ward, kind=transport_class.kind, **fields
                )
            else:
                channel = channel_config_update(actor=request.user, channel=channel, **fields)
        except ValidationError as error:
            for target in (form, config_form):
                known = {
                    name: messages_
                    for name, messages_ in error.message_dict.items()
                    if name in target.fields
                }
                if known:
                    add_service_errors(target, ValidationError(known))
            others = set(error.message_dict) - set(form.fields) - set(config_form.fields)
            for name in others:
                form.add_error(None, error.message_dict[name])
        else:
            messages.success(request, _("Channel “%(name)s” saved.") % {"name": channel.name})
            return redirect("channel_list", ward.code)
    return render(
        request,
        "dispatch/channel_form.html",
        {
            "ward": ward,
            "form": form,
            "config_form": config_form,
            "kind_label": transport_class.label,
            "channel": channel,
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def channel_create(request, ward, kind):
    require_manage(request.user, ward_id=ward.id)
    return _save(request, ward, _kind_or_404(kind), channel=None)


@ward_view
@require_http_methods(["GET", "POST"])
def channel_edit(request, ward, pk):
    require_manage(request.user, ward_id=ward.id)
    channel = get_object_or_404(ChannelConfig.objects.filter(ward=ward), pk=pk)
    return _save(request, ward, _kind_or_404(channel.kind), channel=channel)


@ward_view
@require_POST
def channel_pause(request, ward, pk):
    channel = get_object_or_404(ChannelConfig.objects.filter(ward=ward), pk=pk)
    try:
        services.channel_pause(
            actor=request.user, channel=channel, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("channel_list", ward.code)


@ward_view
@require_POST
def channel_resume(request, ward, pk):
    channel = get_object_or_404(ChannelConfig.objects.filter(ward=ward), pk=pk)
    channel = services.channel_resume(actor=request.user, channel=channel)
    messages.success(request, _("Channel “%(name)s” sends again.") % {"name": channel.name})
    return redirect("channel_list", ward.code)
