"""The alert pages: drafted from a bulletin with the template's texts, targets chosen and
previewed before approval, four eyes on approval (the button says why it is disabled), issue,
CAP XML, update and cancellation."""

import json

import pytest
from django.urls import reverse

from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.hazards.services import hazard_zone_create
from taicho.warnings import cap
from taicho.warnings.models import Alert, AlertStatus, MsgType
from taicho.warnings.services import alert_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_templates")]

NORTH = 0.01  # about 1 km


@pytest.fixture
def zones(lan, ward_a, group_a1, group_a2):
    """Two zones, each with one household of two residents (one of them elderly)."""
    found = {}
    for number, (group, lat) in enumerate([(group_a1, CENTRE_LAT), (group_a2, CENTRE_LAT + NORTH)]):
        home = household_create(
            actor=lan,
            ward=ward_a,
            code=f"H{number}",
            address=f"Số {number}",
            group=group,
            lat=lat,
            lon=CENTRE_LON,
        )
        resident_create(actor=lan, household=home, full_name="Bà Lê Thị Tư", birth_year=1940)
        resident_create(actor=lan, household=home, full_name="Lê Văn Năm", birth_year=1985)
        found[f"Z{number}"] = hazard_zone_create(
            actor=lan,
            ward=ward_a,
            code=f"Z{number}",
            name=f"Khu ven sông {number}",
            kind="inundation",
            geometry=square(lat, CENTRE_LON),
        )
    return found


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def _draft(actor, ward, **fields):
    return alert_draft(actor=actor, ward=ward, hazard_type="storm", level=4, **fields)


def test_it_drafts_an_alert_from_a_bulletin_with_the_templates_texts(
    client, tuan, ward_a, storm_bulletin
):
    client.force_login(tuan)
    response = client.post(_url("bulletin_draft_alert", ward_a, storm_bulletin.pk), follow=True)
    alert = Alert.objects.get(ward=ward_a)
    assert response.redirect_chain[-1][0] == _url("alert_edit", ward_a, alert.pk)
    assert (alert.bulletin, alert.level, alert.author) == (storm_bulletin, 4, tuan)
    page = response.content.decode()
    assert alert.sms_text in page  # the composer shows the template's text to check
    assert "ký tự không dấu" in page and "GSM-7" in page
    assert 'data-sms-counter="sms-count"' in page
    assert "Xem trước" in page and "composer-config" in page


def test_it_previews_whom_the_alert_reaches_before_saving(client, tuan, ward_a, zones):
    client.force_login(tuan)
    blank = client.get(_url("alert_create", ward_a)).content.decode()
    assert "Theo mẫu" in blank and "composer-map" in blank  # texts may come from the template
    data = {"zones": [zones["Z0"].pk, zones["Z1"].pk]}
    partial = client.post(_url("alert_preview", ward_a), data, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert partial.context["result"].households == 2
    page = partial.content.decode()
    assert "<!doctype" not in page.lower()  # a fragment for htmx
    assert "Tổ dân phố 1" in page and "Tổ dân phố 2" in page
    # Without script: the composer's "Xem trước" button posts the whole form.
    form = client.post(_url("alert_create", ward_a), {**data, "preview": "1"})
    assert form.context["result"].residents == 4
    assert form.context["result"].vulnerable == 2
    assert not Alert.objects.exists()


def test_it_saves_the_targets_chosen_in_the_composer(client, tuan, ward_a, zones, group_a1):
    client.force_login(tuan)
    alert = _draft(tuan, ward_a)
    area = square(CENTRE_LAT, CENTRE_LON, half=0.001)
    page = client.get(_url("alert_edit", ward_a, alert.pk))
    data = {
        key: value
        for key, value in page.context["form"].initial.items()
        if value is not None and key not in ("zones", "groups")
    }
    data.update(
        {
            "zones": [zones["Z0"].pk, zones["Z1"].pk],
            "groups": [group_a1.pk],
            "area_geometry": json.dumps(area),
            "level": "4",
            "expires_at": "",
        }
    )
    response = client.post(_url("alert_edit", ward_a, alert.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    alert.refresh_from_db()
    assert sorted(zone.code for zone in alert.target_zones.all()) == ["Z0", "Z1"]
    assert list(alert.target_groups.all()) == [group_a1]
    assert alert.area_geometry["type"] == "Polygon"


def test_it_says_why_the_author_cannot_approve_and_refuses_the_post(
    client, hung, thang, ward_a, zones
):
    alert = _draft(hung, ward_a, zones=[zones["Z0"]])
    client.force_login(hung)
    page = client.get(_url("alert_detail", ward_a, alert.pk)).content.decode()
    assert "disabled" in page and "Bạn là người soạn cảnh báo này" in page
    refused = client.post(_url("alert_approve", ward_a, alert.pk), follow=True)
    assert "Bạn là người soạn cảnh báo này" in refused.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DRAFT

    client.force_login(thang)
    page = client.get(_url("alert_detail", ward_a, alert.pk)).content.decode()
    assert 'aria-describedby="approve-why"' not in page  # enabled for another board member


def test_it_says_a_duty_officer_cannot_approve(client, tuan, ward_a, zones):
    alert = _draft(tuan, ward_a, zones=[zones["Z0"]])
    client.force_login(tuan)
    page = client.get(_url("alert_detail", ward_a, alert.pk)).content.decode()
    assert "disabled" in page and "Chỉ thành viên Ban Chỉ huy mới được duyệt cảnh báo" in page
    client.post(_url("alert_approve", ward_a, alert.pk))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DRAFT


def test_it_approves_issues_and_serves_valid_cap(client, tuan, thang, ward_a, zones, ward_config):
    alert = _draft(tuan, ward_a, zones=[zones["Z0"], zones["Z1"]])
    client.force_login(thang)
    detail = client.get(_url("alert_detail", ward_a, alert.pk))
    assert detail.context["result"].households == 2  # shown to the approver
    client.post(_url("alert_approve", ward_a, alert.pk))
    alert.refresh_from_db()
    assert (alert.status, alert.approved_by) == (AlertStatus.APPROVED, thang)

    response = client.post(_url("alert_issue", ward_a, alert.pk), follow=True)
    alert.refresh_from_db()
    assert (alert.status, alert.issued_by) == (AlertStatus.ISSUED, thang)
    assert "Đã phát cảnh báo" in response.content.decode()
    xml = client.get(_url("alert_cap", ward_a, alert.pk))
    assert xml["Content-Type"] == "application/xml; charset=utf-8"
    report = cap.validate(xml.content, check_signature=False)
    assert report.valid, report.errors
    assert report.alert.identifier == alert.identifier
    home = client.get(_url("warnings_home", ward_a))
    assert home.context["active_badge"].number == 4
    assert "Cấp độ rủi ro đang áp dụng" in home.content.decode()


def test_it_says_why_an_alert_cannot_be_issued_without_cap_settings(
    client, lan, hung, ward_a, zones
):
    alert = _draft(lan, ward_a, zones=[zones["Z0"]])
    client.force_login(hung)
    client.post(_url("alert_approve", ward_a, alert.pk))
    response = client.post(_url("alert_issue", ward_a, alert.pk), follow=True)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.APPROVED
    assert response.context["messages"] and "CAP" in response.content.decode()

    settings_page = client.post(
        _url("warning_settings", ward_a),
        {
            "identifier_prefix": "VN-11473",
            "sender": "ubnd.bachdang@haiphong.gov.vn",
            "sender_name": "UBND phường Bạch Đằng",
            "expiry_hours": "12",
        },
    )
    assert settings_page.status_code == 302
    client.post(_url("alert_issue", ward_a, alert.pk))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ISSUED and alert.identifier.startswith("VN-11473.")


def test_it_drafts_an_update_and_a_cancellation_of_an_issued_alert(
    client, tuan, thang, ward_a, zones, ward_config
):
    from taicho.warnings.services import alert_approve, alert_issue

    alert = _draft(tuan, ward_a, zones=[zones["Z0"]])
    alert_approve(actor=thang, alert=alert)
    alert_issue(actor=thang, alert=alert)
    client.force_login(tuan)

    form = client.get(_url("alert_update", ward_a, alert.pk)).context["form"]
    data = {**form.initial, "level": "5"}
    response = client.post(_url("alert_update", ward_a, alert.pk), data)
    update = Alert.objects.get(previous=alert, msg_type=MsgType.UPDATE)
    assert response.url == _url("alert_detail", ward_a, update.pk)
    assert update.level == 5 and update.sms_text != alert.sms_text  # level 5's template

    refused = client.post(_url("alert_cancel", ward_a, alert.pk), {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
    client.post(_url("alert_cancel", ward_a, alert.pk), {"reason": "Bão đã đổi hướng"})
    cancel = Alert.objects.get(previous=alert, msg_type=MsgType.CANCEL)
    assert cancel.status == AlertStatus.DRAFT and cancel.note == "Bão đã đổi hướng"


def test_it_refuses_composing_to_readers_and_other_wards(client, minh, binh, ward_a, ward_b, lan):
    alert = _draft(lan, ward_a)
    client.force_login(minh)
    assert client.get(_url("alert_create", ward_a)).status_code == 403
    assert client.get(_url("alert_edit", ward_a, alert.pk)).status_code == 403
    assert client.get(_url("alert_detail", ward_a, alert.pk)).status_code == 200
    client.force_login(binh)
    for name in ("alert_detail", "alert_edit", "alert_cap", "alert_update"):
        assert client.get(_url(name, ward_b, alert.pk)).status_code == 404
        assert client.get(_url(name, ward_a, alert.pk)).status_code == 404
    client.post(_url("alert_discard", ward_b, alert.pk))
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DRAFT
