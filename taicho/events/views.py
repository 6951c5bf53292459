"""Pages of disaster events: the list, opening one, an event's page with its timeline,
confirming a proposed event, closing, and filing a bulletin or alert by hand. Thin."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taicho.core.access import can_write
from taicho.core.forms import save_through
from taicho.core.views import form_page
from taicho.core.web import ward_view
from taicho.events import selectors, services
from taicho.events.forms import CloseForm, ConfirmForm, EventForm, LinkForm
from taicho.events.models import Event
from taicho.events.timeline import timeline

TOPIC = Event.scope_topic


def _may_write(user, ward) -> bool:
    return can_write(user, ward_id=ward.id, topic=TOPIC)


def _require_write(request, ward) -> None:
    if not _may_write(request.user, ward):
        raise PermissionDenied(
            _("Only the duty officer, the officer and the command board may do this.")
        )


def _event(request, ward, pk) -> Event:
    event = selectors.event_for(user=request.user, ward=ward, pk=pk)
    if event is None:
        raise Http404(_("No such event."))
    return event


def _link_form(request, event, data=None) -> LinkForm:
    return LinkForm(
        data,
        bulletins=selectors.linkable_bulletins(user=request.user, event=event),
        alerts=selectors.linkable_alerts(user=request.user, event=event),
    )


@ward_view
@require_GET
def event_list(request, ward):
    return render(
        request,
        "events/event_list.html",
        {
            "ward": ward,
            "events": selectors.events_for(user=request.user, ward=ward)[:200],
            "may_write": _may_write(request.user, ward),
        },
    )


@ward_view
@require_http_methods(["GET", "POST"])
def event_create(request, ward):
    _require_write(request, ward)
    return form_page(
        request,
        form=EventForm(request.POST or None),
        service=partial(services.event_open, ward=ward),
        template="events/event_form.html",
        context=lambda: {"ward": ward},
        message=lambda event: _("Event opened: %(name)s") % {"name": event.name},
        success_url=lambda event: reverse("event_detail", args=[ward.code, event.pk]),
    )


def _page(request, ward, event, **forms):
    writer = _may_write(request.user, ward)
    context = {
        "ward": ward,
        "event": event,
        "entries": timeline(user=request.user, event=event),
        "bulletins": selectors.event_bulletins(user=request.user, event=event),
        "alerts": selectors.event_alerts(user=request.user, event=event),
        "may_write": writer,
        "is_active": event.status in services.ACTIVE,
    }
    if writer:
        context.update(
            confirm_form=forms.get("confirm_form") or ConfirmForm(initial={"name": event.name}),
            close_form=forms.get("close_form") or CloseForm(),
            link_form=forms.get("link_form") or _link_form(request, event),
        )
    return render(request, "events/event_detail.html", context)


@ward_view
@require_GET
def event_detail(request, ward, pk):
    return _page(request, ward, _event(request, ward, pk))


@ward_view
@require_POST
def event_confirm(request, ward, pk):
    event = _event(request, ward, pk)
    _require_write(request, ward)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        saved = save_through(
            form,
            lambda: services.event_confirm(
                actor=request.user, event=event, name=form.cleaned_data["name"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Event confirmed: %(name)s") % {"name": saved.name})
            return redirect("event_detail", ward.code, event.pk)
    return _page(request, ward, event, confirm_form=form)


@ward_view
@require_POST
def event_close(request, ward, pk):
    event = _event(request, ward, pk)
    _require_write(request, ward)
    form = CloseForm(request.POST)
    if form.is_valid():
        saved = save_through(
            form,
            lambda: services.event_close(
                actor=request.user, event=event, ends_at=form.cleaned_data["ends_at"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Event closed: %(name)s") % {"name": saved.name})
            return redirect("event_detail", ward.code, event.pk)
    return _page(request, ward, event, close_form=form)


@ward_view
@require_POST
def event_link(request, ward, pk):
    event = _event(request, ward, pk)
    _require_write(request, ward)
    form = _link_form(request, event, request.POST)
    if form.is_valid():
        saved = save_through(
            form,
            lambda: services.event_link(
                actor=request.user,
                event=event,
                bulletin=form.cleaned_data["bulletin"],
                alert=form.cleaned_data["alert"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Added to the event."))
            return redirect("event_detail", ward.code, event.pk)
    return _page(request, ward, event, link_form=form)
