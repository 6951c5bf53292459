"""Disaster events: proposed when a storm or flood bulletin arrives, bulletins and alerts
filed into them, confirmed and closed, and the timeline of who did what, in order."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from taicho.conftest import CENTRE_LAT, CENTRE_LON, _user, square
from taicho.events.models import Event, EventStatus
from taicho.events.services import event_open
from taicho.events.timeline import TimelineEntry, source_paths, timeline
from taicho.warnings.risk import Region
from taicho.warnings.services import (
    alert_approve,
    alert_draft,
    alert_issue,
    bulletin_create_typed,
    bulletin_override_level,
    warning_settings_save,
)

pytestmark = pytest.mark.django_db

ISSUED = datetime(2026, 11, 5, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
STORM = {"beaufort": 12, "region": Region.LAND_NORTHEAST_DELTA_CENTRAL.value}


@pytest.fixture
def duty(ward_a):
    return _user("truc_ban", "Đỗ Minh Tuấn", "duty_officer", ward=ward_a)


@pytest.fixture
def templates(db):
    """The national alert templates (a transactional test elsewhere may have flushed them)."""
    from taicho.warnings.models import AlertTemplate
    from taicho.warnings.services import load_default_templates

    if not AlertTemplate.objects.filter(ward=None).exists():
        load_default_templates()


def _bulletin(actor, ward, headline, *, hazard="storm", figures=None, stated=None, text=""):
    return bulletin_create_typed(
        actor=actor,
        ward=ward,
        hazard_type=hazard,
        kind="storm_emergency" if hazard == "storm" else "other",
        issuer="Trung tâm Dự báo Khí tượng Thủy văn quốc gia",
        issuer_kind="national_hydromet",
        issued_at=ISSUED,
        headline=headline,
        text=text,
        figures=figures,
        stated_level=stated,
    ).bulletin


def test_it_proposes_an_event_for_a_new_storm_and_files_what_follows_into_it(duty, ward_a):
    storm = _bulletin(duty, ward_a, "Tin bão khẩn cấp – cơn bão số 3", figures=STORM)
    event = Event.objects.get(ward=ward_a)
    assert event.status == EventStatus.PROPOSED and event.created_by is None
    assert event.name == "Bão/ATNĐ — Tin bão khẩn cấp – cơn bão số 3, tháng 11/2026"
    assert (event.hazard_type, event.starts_at) == ("storm", ISSUED)
    assert list(event.bulletins.all()) == [storm]

    # Its rain and the next storm bulletin go into the same event; a heatwave does not.
    rain = _bulletin(duty, ward_a, "Mưa lớn diện rộng", hazard="heavy_rain", stated=2)
    later = _bulletin(duty, ward_a, "Tin bão trên đất liền", figures=STORM, text="Bão suy yếu.")
    heat = _bulletin(duty, ward_a, "Nắng nóng", hazard="heat", stated=1)
    assert Event.objects.count() == 1
    assert set(event.bulletins.all()) == {storm, rain, later}
    assert not heat.events.exists()


def test_it_proposes_nothing_for_a_heatwave_and_a_new_flood_gets_its_own_event(duty, ward_a):
    _bulletin(duty, ward_a, "Nắng nóng gay gắt", hazard="heat", stated=1)
    assert not Event.objects.exists()
    _bulletin(duty, ward_a, "Tin lũ trên sông Bạch Đằng", hazard="flood", stated=2)
    assert Event.objects.get().name.startswith("Lũ, ngập lụt — Tin lũ trên sông Bạch Đằng")


def test_it_files_an_alert_into_the_event_of_its_bulletin(duty, ward_a, templates):
    storm = _bulletin(duty, ward_a, "Tin bão khẩn cấp", figures=STORM)
    alert = alert_draft(actor=duty, ward=ward_a, bulletin=storm, whole_ward=True)
    assert list(Event.objects.get().alerts.all()) == [alert]


def test_it_files_an_alert_from_scratch_into_the_open_event_of_its_hazard(lan, ward_a, templates):
    event = event_open(
        actor=lan, ward=ward_a, name="Bão số 3 (Yagi)", hazard_type="storm", starts_at=ISSUED
    )
    alert = alert_draft(actor=lan, ward=ward_a, hazard_type="storm", level=3, whole_ward=True)
    assert list(event.alerts.all()) == [alert]


def test_it_orders_the_timeline_with_the_actors(client, duty, hung, lan, ward_a, templates):
    """bulletin → level → alert drafted → approved → issued, each with who did it."""
    warning_settings_save(
        actor=lan,
        ward=ward_a,
        identifier_prefix="VN-11473",
        sender="ubnd.bachdang@haiphong.gov.vn",
        sender_name="UBND phường Bạch Đằng",
    )
    storm = _bulletin(duty, ward_a, "Tin bão khẩn cấp – cơn bão số 3", figures=STORM)
    bulletin_override_level(actor=lan, bulletin=storm, level=5, reason="Triều cường cùng lúc")
    alert = alert_draft(
        actor=duty, ward=ward_a, bulletin=storm, area_geometry=square(CENTRE_LAT, CENTRE_LON)
    )
    alert_approve(actor=hung, alert=alert)
    alert_issue(actor=duty, alert=alert)
    event = Event.objects.get()

    entries = timeline(user=duty, event=event)
    assert [entry.kind for entry in entries] == [
        "bulletin",
        "level",
        "event.proposed",
        "level.override",
        "alert.drafted",
        "alert.approved",
        "alert.issued",
    ]
    actors = {entry.kind: entry.actor for entry in entries}
    assert actors["bulletin"] == actors["alert.drafted"] == actors["alert.issued"] == "Đỗ Minh Tuấn"
    assert actors["alert.approved"] == "Trần Văn Hùng"
    assert actors["event.proposed"] == ""  # the system
    assert "Triều cường cùng lúc" in entries[3].text

    client.force_login(duty)
    page = client.get(reverse("event_detail", args=[ward_a.code, event.pk])).content.decode()
    kinds = re.findall(r'data-kind="([a-z.]+)"', page)
    assert kinds == [entry.kind for entry in entries]
    assert "Cấp độ rủi ro 4 được đề xuất" in page and "Điều 42" in page
    assert "chính thức" in page  # the national forecaster's bulletin is authoritative
    assert "Trần Văn Hùng" in page and "hệ thống" in page


def test_it_reads_the_timeline_sources_from_settings(settings, duty, ward_a):
    settings.TAICHO_TIMELINE_SOURCES = ["taicho.events.tests.test_events.one_entry"]
    event = event_open(
        actor=duty, ward=ward_a, name="Diễn tập", hazard_type="flood", starts_at=ISSUED
    )
    assert source_paths() == ("taicho.events.tests.test_events.one_entry",)
    assert [entry.text for entry in timeline(user=duty, event=event)] == ["Diễn tập"]


def one_entry(*, user, event):
    return [TimelineEntry(event.starts_at, "", "drill", event.name)]


def test_it_opens_confirms_and_closes_events_through_the_pages(client, duty, ward_a):
    client.force_login(duty)
    response = client.post(
        reverse("event_create", args=[ward_a.code]),
        {"name": "Bão số 3 (Yagi)", "hazard_type": "storm", "starts_at": "2026-11-05T08:00"},
    )
    event = Event.objects.get()
    assert response.url == reverse("event_detail", args=[ward_a.code, event.pk])
    assert (event.status, event.created_by, event.starts_at) == (EventStatus.OPEN, duty, ISSUED)

    refused = client.post(
        reverse("event_close", args=[ward_a.code, event.pk]), {"ends_at": "2026-11-04T08:00"}
    )
    assert refused.status_code == 200 and refused.context["close_form"].errors
    client.post(reverse("event_close", args=[ward_a.code, event.pk]), {"ends_at": ""})
    event.refresh_from_db()
    assert event.status == EventStatus.CLOSED and event.ends_at is not None

    _bulletin(duty, ward_a, "Tin bão mới", figures=STORM)
    proposed = Event.objects.get(status=EventStatus.PROPOSED)
    client.post(
        reverse("event_confirm", args=[ward_a.code, proposed.pk]), {"name": "Bão số 4 (Kajiki)"}
    )
    proposed.refresh_from_db()
    assert (proposed.status, proposed.name, proposed.created_by) == (
        EventStatus.OPEN,
        "Bão số 4 (Kajiki)",
        duty,
    )
    page = client.get(reverse("event_list", args=[ward_a.code])).content.decode()
    assert "Bão số 4 (Kajiki)" in page and "Bão số 3 (Yagi)" in page


def test_it_files_a_bulletin_by_hand(client, duty, ward_a):
    heat = _bulletin(duty, ward_a, "Nắng nóng", hazard="heat", stated=1)
    event = event_open(
        actor=duty, ward=ward_a, name="Đợt nắng nóng", hazard_type="heat", starts_at=ISSUED
    )
    client.force_login(duty)
    client.post(reverse("event_link", args=[ward_a.code, event.pk]), {"bulletin": heat.pk})
    assert list(event.bulletins.all()) == [heat]


def test_it_keeps_readers_and_other_wards_out(client, duty, minh, binh, ward_a, ward_b):
    event = event_open(
        actor=duty, ward=ward_a, name="Bão số 3", hazard_type="storm", starts_at=ISSUED
    )
    client.force_login(minh)
    assert client.get(reverse("event_detail", args=[ward_a.code, event.pk])).status_code == 200
    assert client.get(reverse("event_create", args=[ward_a.code])).status_code == 403
    assert client.post(reverse("event_close", args=[ward_a.code, event.pk])).status_code == 403
    client.force_login(binh)
    assert client.get(reverse("event_detail", args=[ward_a.code, event.pk])).status_code == 404
    assert client.get(reverse("event_detail", args=[ward_b.code, event.pk])).status_code == 404
    assert client.post(reverse("event_close", args=[ward_b.code, event.pk])).status_code == 404
    event.refresh_from_db()
    assert event.status == EventStatus.OPEN
