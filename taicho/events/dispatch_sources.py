"""Timeline source of the dissemination capability: what went out for the event's alerts and
who called for help in answer (see timeline.py)."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from taicho.community.models import Household
from taicho.dispatch.answer_models import Answer, AnswerKind
from taicho.dispatch.models import Dispatch
from taicho.events.models import Event
from taicho.events.sources import display_name
from taicho.events.timeline import TimelineEntry


def dispatch_entries(*, user, event: Event) -> Iterator[TimelineEntry]:
    """Each alert's fan-out, and each call for help a household sent back."""
    dispatches = list(
        Dispatch.objects.visible_to(user)
        .filter(ward_id=event.ward_id, alert__in=event.alerts.all())
        .select_related("alert", "created_by")
    )
    for dispatch in dispatches:
        yield TimelineEntry(
            at=dispatch.created_at,
            actor=display_name(dispatch.created_by),
            kind="dispatch",
            text=_("Messages queued: %(messages)s to %(households)s households (%(headline)s)")
            % {
                "messages": dispatch.messages_created,
                "households": dispatch.households,
                "headline": dispatch.alert.headline,
            },
            url=reverse("dispatch_board", args=[event.ward.code, dispatch.pk]),
        )
    answers = (
        Answer.objects.filter(
            dispatch__in=dispatches,
            kind=AnswerKind.NEEDS_HELP,
            household__in=Household.objects.visible_to(user),
        )
        .select_related("household", "household__group", "recorded_by")
        .order_by("at")
    )
    for answer in answers:
        yield TimelineEntry(
            at=answer.at,
            actor=display_name(answer.recorded_by),
            kind="answer.needs_help",
            text=_("Household %(code)s (%(group)s) needs help: %(note)s")
            % {
                "code": answer.household.code,
                "group": answer.household.group.name,
                "note": answer.text or "—",
            },
            url=reverse("dispatch_board", args=[event.ward.code, answer.dispatch_id]),
        )
