"""The public side, without login: the ward's alerts in force, each alert's page, its CAP
XML, and the Atom index of everything the ward issued. Plain HTML for a cheap phone on 3G:
no map, no script. Only issued alerts are ever shown (taicho.warnings.page_selectors)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from taicho.warnings import page_selectors
from taicho.warnings.display import area_texts, level_badge
from taicho.warnings.feeds_out import AtomEntry, AtomFeed, atom_feed
from taicho.warnings.models import Alert, MsgType, WardWarningSettings
from taicho.warnings.services.vocabulary import hazard_words

XML_TYPE = "application/xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _ward(ward_code: int):
    ward = page_selectors.public_ward(ward_code)
    if ward is None:
        raise Http404(_("No such ward."))
    return ward


def _decorate(alert: Alert) -> Alert:
    alert.badge = level_badge(alert.level)
    return alert


@require_GET
def public_alerts(request, ward_code: int):
    ward = _ward(ward_code)
    alerts = [_decorate(alert) for alert in page_selectors.public_alerts_in_force(ward=ward)]
    return render(
        request,
        "warnings/public/alerts.html",
        {"public_ward": ward, "alerts": alerts, "now": timezone.now()},
    )


@require_GET
def public_alert(request, ward_code: int, pk: int):
    ward = _ward(ward_code)
    alert = page_selectors.public_alert(ward=ward, pk=pk)
    if alert is None:
        raise Http404(_("No such alert."))
    return render(
        request,
        "warnings/public/alert.html",
        {
            "public_ward": ward,
            "alert": _decorate(alert),
            "areas": area_texts(alert),
            "followers": page_selectors.public_followers(alert),
            "is_cancel": alert.msg_type == MsgType.CANCEL,
        },
    )


@require_GET
def public_cap_xml(request, ward_code: int, pk: int):
    ward = _ward(ward_code)
    alert = page_selectors.public_alert(ward=ward, pk=pk)
    if alert is None or not alert.cap_xml:
        raise Http404(_("No such alert."))
    response = HttpResponse(alert.cap_xml.encode("utf-8"), content_type=XML_TYPE)
    response["Content-Disposition"] = f'inline; filename="canh-bao-{ward.code}-{alert.pk}.xml"'
    return response


@require_GET
def public_atom(request, ward_code: int):
    ward = _ward(ward_code)
    alerts = page_selectors.public_feed_alerts(ward=ward)
    config = WardWarningSettings.objects.filter(ward=ward).first()
    entries = [
        AtomEntry(
            id=alert.identifier,
            title=alert.headline,
            updated=alert.issued_at,
            cap_url=request.build_absolute_uri(
                reverse("public_cap_xml", args=[ward.code, alert.pk])
            ),
            page_url=request.build_absolute_uri(
                reverse("public_alert", args=[ward.code, alert.pk])
            ),
            summary=alert.instruction or alert.sms_text,
            category=hazard_words(alert.hazard_type)[1],
        )
        for alert in alerts
    ]
    self_url = request.build_absolute_uri(reverse("public_atom", args=[ward.code]))
    feed = AtomFeed(
        id=self_url,
        title=_("Alerts of %(ward)s") % {"ward": ward.name},
        self_url=self_url,
        page_url=request.build_absolute_uri(reverse("public_alerts", args=[ward.code])),
        author=config.sender_name if config else ward.name,
        updated=alerts[0].issued_at if alerts else timezone.now(),
        entries=entries,
    )
    return HttpResponse(atom_feed(feed), content_type=ATOM_TYPE)
