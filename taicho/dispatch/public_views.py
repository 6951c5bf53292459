"""Pages without login: a recipient's personal answer page, and the providers' reply webhooks.

The answer page is reached only through the link in the message (taicho.dispatch.links); it
shows what was sent and three buttons, and names no one: the household is not shown, so a
forwarded link tells a stranger nothing about who lives where. Its form needs no CSRF
token (the code in the address is the key) and has a rate limit per link. The webhooks are
authenticated by each channel's own secret or signature (taicho.channels.<kind>.inbound),
so they are exempt from CSRF too.
"""

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from taicho.channels import registry
from taicho.channels.inbound import InboundRejected, InboundRequest
from taicho.channels.models import ChannelConfig
from taicho.core import ratelimit
from taicho.dispatch import answers, links
from taicho.dispatch.answer_models import AnswerKind
from taicho.dispatch.models import Message

ANSWERS_PER_LINK_PER_HOUR = 30
# Link previews fetched by chat apps and crawlers are not the recipient opening the link.
PREVIEW_AGENTS = ("bot", "preview", "crawler", "spider", "facebookexternalhit", "slack")


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Answer"), choices=AnswerKind.choices)
    text = forms.CharField(
        label=gettext_lazy("What do you need? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)


def _message(token: str) -> Message:
    message_id = links.message_id_of(token)
    message = (
        Message.objects.select_related("dispatch", "dispatch__ward").filter(pk=message_id).first()
        if message_id is not None
        else None
    )
    if message is None:
        raise Http404(_("This link is not valid. Check that it was copied whole."))
    return message


def _is_preview(request) -> bool:
    agent = request.headers.get("User-Agent", "").lower()
    return request.method == "HEAD" or any(word in agent for word in PREVIEW_AGENTS)


# No CSRF token: the signed code in the address is the key (no one without the link can
# answer), and a resident whose phone kept no cookie must still be able to call for help.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def answer_page(request, token: str):
    message = _message(token)
    recorded = None
    form = AnswerForm()
    status = 200
    if request.method == "POST":
        count = ratelimit.hit(key=f"answer:{message.pk}", window_seconds=3600)
        form = AnswerForm(request.POST)
        if count > ANSWERS_PER_LINK_PER_HOUR:
            form.add_error(None, _("Too many answers from this link. Try again in an hour."))
            status = 429
        elif form.is_valid():
            recorded = answers.answer_from_link(
                message=message,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                lat=form.cleaned_data["lat"],
                lon=form.cleaned_data["lon"],
            )
            form = AnswerForm()
        else:
            status = 400
    elif not _is_preview(request):
        answers.link_opened(message=message)
    dispatch = message.dispatch
    return render(
        request,
        "dispatch/public/answer.html",
        {
            "public_ward": dispatch.ward,
            "dispatch": dispatch,
            "message": message,
            "form": form,
            "recorded": recorded,
            "kinds": AnswerKind,
        },
        status=status,
    )


@csrf_exempt
@require_POST
def inbound_hook(request, channel_id: int):
    """A provider posts what someone sent to the channel; 200 with what was recorded."""
    channel = ChannelConfig.objects.filter(pk=channel_id).first()
    kind = registry.kinds().get(channel.kind) if channel else None
    if kind is None or not kind.supports_reply:
        return JsonResponse({"ok": False, "error": _("No such reply address.")}, status=404)
    request_parts = InboundRequest(
        body=request.body,
        headers={name.lower(): value for name, value in request.headers.items()},
        query=request.GET.dict(),
        form=request.POST.dict() if request.content_type != "application/json" else {},
    )
    try:
        items = kind(channel.config).read_inbound(request_parts)
    except InboundRejected as rejected:
        return JsonResponse({"ok": False, "error": rejected.message}, status=rejected.status)
    outcome = answers.inbound_receive(channel=channel, items=items)
    return JsonResponse(
        {
            "ok": True,
            "recorded": outcome.recorded,
            "unmatched": outcome.unmatched,
            "unread": outcome.unread,
            "duplicates": outcome.duplicates,
            "receipts": outcome.receipts,
        }
    )
