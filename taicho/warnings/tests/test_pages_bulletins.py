"""The bulletin pages: typed in by the duty officer with the key figures, the proposed level
with its basis, the override with its reason, and a CAP upload refused element by element."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from taicho.conftest import _user
from taicho.core.models import AuditEntry
from taicho.warnings import cap
from taicho.warnings.models import Bulletin

pytestmark = pytest.mark.django_db

STORM_FORM = {
    "hazard_type": "storm",
    "kind": "storm_emergency",
    "issuer": "Trung tâm Dự báo Khí tượng Thủy văn quốc gia",
    "issuer_kind": "national_hydromet",
    "issued_at": "2026-11-05T08:00",
    "headline": "Tin bão khẩn cấp – cơn bão số 3",
    "text": "Gió mạnh cấp 12, giật cấp 15 trên đất liền Đông Bắc Bộ.",
    "areas": "Quảng Ninh, Hải Phòng",
    "storm__beaufort": "12",
    "storm__region": "land_northeast_delta_central",
}


@pytest.fixture
def duty(ward_a):
    """A duty officer of ward A (trực ban)."""
    return _user("truc_ban", "Đỗ Minh Tuấn", "duty_officer", ward=ward_a)


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def test_it_lets_the_duty_officer_type_a_storm_bulletin_and_proposes_level_4(client, duty, ward_a):
    client.force_login(duty)
    form_page = client.get(_url("bulletin_create", ward_a)).content.decode()
    assert "Sức gió mạnh nhất (cấp Beaufort)" in form_page  # the storm's figures, in Vietnamese
    assert 'type="datetime-local"' in form_page

    response = client.post(_url("bulletin_create", ward_a), STORM_FORM, follow=True)
    bulletin = Bulletin.objects.get(ward=ward_a)
    assert response.redirect_chain[-1][0] == _url("bulletin_detail", ward_a, bulletin.pk)
    assert (bulletin.proposed_level, bulletin.level, bulletin.received_by) == (4, 4, duty)
    assert bulletin.issued_at == datetime(2026, 11, 5, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
    assert bulletin.areas == ["Quảng Ninh", "Hải Phòng"]
    page = response.content.decode()
    assert "Cấp độ 4" in page and "Cấp độ 4 – rủi ro rất lớn" in page
    assert "Điều 42" in page  # the basis cites QĐ 18
    assert "#d7261e" in page  # red, the level's colour
    assert "Bản tin chính thức" in page  # the national forecaster is authoritative


def test_it_refuses_the_bulletin_form_to_a_group_leader(client, minh, ward_a):
    client.force_login(minh)
    assert client.get(_url("bulletin_create", ward_a)).status_code == 403
    assert client.post(_url("bulletin_create", ward_a), STORM_FORM).status_code == 403
    assert client.get(_url("warnings_home", ward_a)).status_code == 200  # reading is fine
    assert not Bulletin.objects.exists()


def test_it_names_a_missing_figure_on_its_own_field(client, duty, ward_a):
    client.force_login(duty)
    response = client.post(_url("bulletin_create", ward_a), {**STORM_FORM, "storm__region": ""})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["storm__region"]
    assert not Bulletin.objects.exists()


def test_it_takes_only_the_chosen_hazards_figures_and_a_stated_level(client, duty, ward_a):
    client.force_login(duty)
    data = {
        **STORM_FORM,
        "hazard_type": "heat",
        "kind": "other",
        "headline": "Nắng nóng gay gắt",
        "stated_level": "2",
    }
    client.post(_url("bulletin_create", ward_a), data)
    bulletin = Bulletin.objects.get(ward=ward_a)
    assert (bulletin.figures, bulletin.level) == ({}, 2)


def test_it_needs_a_reason_to_override_the_level_and_logs_it(client, duty, ward_a):
    client.force_login(duty)
    client.post(_url("bulletin_create", ward_a), STORM_FORM)
    bulletin = Bulletin.objects.get(ward=ward_a)
    url = _url("bulletin_override", ward_a, bulletin.pk)

    refused = client.post(url, {"level": "5", "reason": "  "})
    assert refused.status_code == 200
    assert "Nêu lý do" in refused.content.decode()
    bulletin.refresh_from_db()
    assert (bulletin.level, bulletin.level_overridden) == (4, False)

    reason = "Bão đổ bộ đúng lúc triều cường, đê biển xung yếu"
    done = client.post(url, {"level": "5", "reason": reason}, follow=True)
    bulletin.refresh_from_db()
    assert (bulletin.level, bulletin.level_overridden, bulletin.override_by) == (5, True, duty)
    assert reason in done.content.decode()
    logged = AuditEntry.objects.filter(
        object_type="warnings.bulletin", object_id=str(bulletin.pk), action="update"
    ).get()
    assert logged.changes["override_reason"][1] == reason


def _cap_message(**info) -> bytes:
    return cap.alert_to_xml(
        cap.ParsedAlert(
            identifier="VN-NCHMF-2026-11-05-0800",
            sender="tinbao@nchmf.gov.vn",
            sent=datetime(2026, 11, 5, 1, 0, tzinfo=UTC),
            status="Actual",
            msg_type="Alert",
            scope="Public",
            infos=[
                cap.Info(
                    categories=["Met"],
                    event="Bão",
                    urgency="Immediate",
                    severity="Extreme",
                    certainty="Likely",
                    language="vi-VN",
                    headline="Tin bão khẩn cấp – cơn bão số 3",
                    areas=[cap.Area(area_desc="Hải Phòng")],
                    **info,
                )
            ],
        )
    )


def test_it_receives_a_cap_file_and_refuses_a_bad_one_by_element_path(client, duty, ward_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(duty)
    url = _url("bulletin_import", ward_a)
    bad = _cap_message().replace(b"<urgency>Immediate</urgency>", b"<urgency>Soon</urgency>")
    response = client.post(url, {"file": SimpleUploadedFile("bad.xml", bad)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<code>/alert/info[1]/urgency</code>" in page
    assert not Bulletin.objects.exists()

    good = SimpleUploadedFile("bao.xml", _cap_message())
    response = client.post(url, {"file": good}, follow=True)
    bulletin = Bulletin.objects.get(ward=ward_a)
    assert (bulletin.source, bulletin.hazard_type, bulletin.authoritative) == (
        "cap_file",
        "storm",
        True,
    )
    assert "Tin bão khẩn cấp" in response.content.decode()
    # The same message again is shown, not stored twice.
    again = client.post(url, {"file": SimpleUploadedFile("bao.xml", _cap_message())}, follow=True)
    assert Bulletin.objects.count() == 1
    assert "đã nhận" in again.content.decode()


def test_it_hides_ward_a_bulletins_from_ward_b(client, duty, binh, ward_a, ward_b):
    client.force_login(duty)
    client.post(_url("bulletin_create", ward_a), STORM_FORM)
    bulletin = Bulletin.objects.get(ward=ward_a)
    client.force_login(binh)
    for name, args in [
        ("warnings_home", ()),
        ("bulletin_detail", (bulletin.pk,)),
        ("bulletin_list", ()),
    ]:
        assert client.get(_url(name, ward_a, *args)).status_code == 404
    # Through binh's own ward, ward A's bulletin is not found either.
    assert client.get(_url("bulletin_detail", ward_b, bulletin.pk)).status_code == 404
    override = client.post(
        _url("bulletin_override", ward_b, bulletin.pk), {"level": "1", "reason": "x"}
    )
    assert override.status_code == 404
    bulletin.refresh_from_db()
    assert bulletin.level == 4
