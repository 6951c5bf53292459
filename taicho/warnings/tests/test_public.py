"""The public side, without login: the ward's alerts in force, each alert's page, its CAP
XML and the Atom feed, which reads back with the CAP module and links only valid CAP."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from taicho.conftest import CENTRE_LAT, CENTRE_LON, _user, square
from taicho.hazards.services import hazard_zone_create
from taicho.warnings import cap
from taicho.warnings.services import (
    alert_approve,
    alert_cancel,
    alert_draft,
    alert_issue,
    alert_update,
    warning_settings_save,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_templates")]


@pytest.fixture
def zone(lan, ward_a):
    return hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Khu ven sông Bạch Đằng",
        kind="inundation",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )


def _issued(author, approver, ward, headline, **fields):
    alert = alert_draft(
        actor=author, ward=ward, hazard_type="storm", level=4, headline=headline, **fields
    )
    alert_approve(actor=approver, alert=alert)
    return alert_issue(actor=author, alert=alert)


@pytest.fixture
def messages_of_a(lan, hung, ward_a, zone, ward_config):
    """Ward A: an alert in force, an expired one, a cancelled one (and its cancellation), a
    draft, an approved one not yet issued."""
    in_force = _issued(lan, hung, ward_a, "Bão số 3 đổ bộ, sơ tán ngay", zones=[zone])
    expired = _issued(lan, hung, ward_a, "Cảnh báo cũ đã hết hạn", whole_ward=True)
    expired.expires_at = timezone.now() - timedelta(hours=1)
    expired.save(update_fields=["expires_at"])
    mistaken = _issued(lan, hung, ward_a, "Cảnh báo phát nhầm", whole_ward=True)
    cancel = alert_cancel(actor=lan, alert=mistaken, reason="Phát nhầm")
    alert_approve(actor=hung, alert=cancel)
    cancel = alert_issue(actor=lan, alert=cancel)
    mistaken.refresh_from_db()
    draft = alert_draft(
        actor=lan, ward=ward_a, hazard_type="storm", level=5, headline="Bản nháp bí mật"
    )
    approved = alert_draft(
        actor=lan,
        ward=ward_a,
        hazard_type="storm",
        level=5,
        headline="Đã duyệt chưa phát",
        whole_ward=True,
    )
    alert_approve(actor=hung, alert=approved)
    return {
        "in_force": in_force,
        "expired": expired,
        "mistaken": mistaken,
        "cancel": cancel,
        "draft": draft,
        "approved": approved,
    }


@pytest.fixture
def message_of_b(ward_b):
    officer = _user("binh_b", "Vũ Thanh Bình", "pctt_officer", ward=ward_b)
    board = _user("chu_tich_b", "Ngô Văn Chủ", "command_board", ward=ward_b)
    warning_settings_save(
        actor=officer,
        ward=ward_b,
        identifier_prefix="VN-B",
        sender="ubnd.b@haiphong.gov.vn",
        sender_name="UBND phường B",
    )
    return _issued(officer, board, ward_b, "Cảnh báo của phường khác", whole_ward=True)


def test_it_shows_only_the_wards_issued_alerts_in_force_without_login(
    client, ward_a, messages_of_a, message_of_b
):
    response = client.get(reverse("public_alerts", args=[ward_a.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bão số 3 đổ bộ, sơ tán ngay" in page
    assert "Cấp độ 4" in page and "#d7261e" in page  # level and its colour
    for hidden in (
        "Cảnh báo cũ đã hết hạn",
        "Cảnh báo phát nhầm",
        "Bản nháp bí mật",
        "Đã duyệt chưa phát",
        "Cảnh báo của phường khác",
    ):
        assert hidden not in page, hidden
    assert "<script" not in page and "leaflet" not in page  # light for a cheap phone


def test_it_shows_one_issued_alert_with_its_areas_and_hides_the_others(
    client, ward_a, ward_b, messages_of_a, message_of_b
):
    alert = messages_of_a["in_force"]
    page = client.get(reverse("public_alert", args=[ward_a.code, alert.pk])).content.decode()
    assert alert.long_text in page and "Khu ven sông Bạch Đằng" in page
    mistaken = messages_of_a["mistaken"]
    page = client.get(reverse("public_alert", args=[ward_a.code, mistaken.pk])).content.decode()
    assert "Cảnh báo này đã bị hủy" in page
    for pk in (messages_of_a["draft"].pk, messages_of_a["approved"].pk, message_of_b.pk):
        assert client.get(reverse("public_alert", args=[ward_a.code, pk])).status_code == 404
        assert client.get(reverse("public_cap_xml", args=[ward_a.code, pk])).status_code == 404
    assert client.get(reverse("public_alerts", args=[99999999])).status_code == 404


def test_it_offers_the_public_page_in_english(client, ward_a, messages_of_a):
    url = reverse("public_alerts", args=[ward_a.code])
    client.post(reverse("set_language"), {"language": "en", "next": url})
    page = client.get(url).content.decode()
    assert "Alerts in force in" in page and "Level 4" in page


def test_it_publishes_an_atom_feed_whose_entries_link_valid_cap(
    client, ward_a, messages_of_a, message_of_b
):
    response = client.get(reverse("public_atom", args=[ward_a.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = cap.read_feed(response.content)
    assert feed.kind == "atom" and not feed.warnings
    issued = [messages_of_a[name] for name in ("cancel", "mistaken", "expired", "in_force")]
    assert [entry.id for entry in feed.entries] == [alert.identifier for alert in issued]
    assert [entry.title for entry in feed.entries][-1] == "Bão số 3 đổ bộ, sơ tán ngay"
    for entry in feed.entries:
        assert entry.updated is not None and entry.updated.tzinfo is not None
        link = urlsplit(entry.link)
        assert link.scheme == "http" and link.netloc == "testserver"  # absolute
        document = client.get(link.path)
        assert document["Content-Type"] == "application/xml; charset=utf-8"
        report = cap.validate(document.content, check_signature=False)
        assert report.valid, (entry.link, report.errors)
        assert report.alert.identifier == entry.id
    body = response.content.decode()
    assert "Bản nháp bí mật" not in body and "Cảnh báo của phường khác" not in body
    assert 'type="application/cap+xml"' in body


def test_it_lists_an_update_in_the_feed_and_ends_the_alert_it_replaces(
    client, lan, hung, ward_a, zone, ward_config
):
    first = _issued(lan, hung, ward_a, "Bão số 3 cấp 4", zones=[zone])
    update = alert_update(actor=lan, alert=first, level=5)
    alert_approve(actor=hung, alert=update)
    update = alert_issue(actor=lan, alert=update)
    page = client.get(reverse("public_alerts", args=[ward_a.code])).content.decode()
    assert update.headline in page
    assert page.count("<article") == 1  # the superseded one is no longer in force
    feed = cap.read_feed(client.get(reverse("public_atom", args=[ward_a.code])).content)
    assert [entry.id for entry in feed.entries] == [update.identifier, first.identifier]
