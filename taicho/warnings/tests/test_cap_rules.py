"""Every CAP 1.2 rule: one valid base alert, one change per case, the rule code and path."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from lxml import etree

from taicho.warnings.cap import Circle, NamedValue, Reference, validate
from taicho.warnings.cap.parsing import parse_xml
from taicho.warnings.cap.testing import official_schema

BASE_INFO = """
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Bão số 3</event>
    <responseType>Evacuate</responseType>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>TAICHO</valueName><value>STORM</value></eventCode>
    <effective>2025-09-06T08:00:00+07:00</effective>
    <onset>2025-09-06T12:00:00+07:00</onset>
    <expires>2025-09-07T08:00:00+07:00</expires>
    <senderName>UBND phường Bạch Đằng</senderName>
    <headline>Sơ tán khu ven sông</headline>
    <web>https://bachdang.example.vn/canh-bao</web>
    <parameter><valueName>riskLevel</valueName><value>4</value></parameter>
    <resource>
      <resourceDesc>Bản đồ</resourceDesc>
      <mimeType>image/png</mimeType>
      <size>1024</size>
      <uri>https://bachdang.example.vn/map.png</uri>
    </resource>
    <area>
      <areaDesc>Tổ dân phố 1</areaDesc>
      <polygon>20.96,106.72 20.96,106.74 20.98,106.74 20.98,106.72 20.96,106.72</polygon>
      <circle>20.97,106.73 1.5</circle>
      <geocode><valueName>ward</valueName><value>11473</value></geocode>
      <altitude>0</altitude>
      <ceiling>100</ceiling>
    </area>
  </info>"""

BASE = (
    """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>BD-2025-0001</identifier>
  <sender>pctt@bachdang.example.vn</sender>
  <sent>2025-09-06T07:30:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>"""
    + BASE_INFO
    + """
</alert>"""
)


def changed(old: str, new: str, *, count: int = 1) -> bytes:
    assert old in BASE, old
    return BASE.replace(old, new, count).encode()


def codes(report, *, warnings: bool = False) -> set[tuple[str, str]]:
    return {(issue.path, issue.code) for issue in (report.warnings if warnings else report.errors)}


def test_it_accepts_the_base_alert_and_types_it():
    report = validate(BASE.encode())
    assert report.valid, [str(e) for e in report.errors]
    assert report.warnings == []
    alert = report.alert
    assert alert.identifier == "BD-2025-0001"
    assert alert.sent == datetime(2025, 9, 6, 0, 30, tzinfo=UTC)
    assert alert.sent.utcoffset() == timedelta(hours=7)
    info = alert.infos[0]
    assert (info.language, info.categories, info.response_types) == ("vi-VN", ["Met"], ["Evacuate"])
    assert info.event_codes == [NamedValue("TAICHO", "STORM")]
    area = info.areas[0]
    assert area.polygons[0][0] == (20.96, 106.72)
    assert area.circles == [Circle(20.97, 106.73, 1.5)]
    assert (area.altitude, area.ceiling) == (0.0, 100.0)
    assert info.resources[0].size == 1024
    assert report.signature.status == "not-signed"
    assert not report.trusted


FAILING = {
    # Structure: required elements, order, cardinality.
    "identifier missing": (
        changed("<identifier>BD-2025-0001</identifier>", ""),
        "/alert/identifier",
        "required",
    ),
    "scope missing": (changed("<scope>Public</scope>", ""), "/alert/scope", "required"),
    "status after msgType": (
        changed(
            "<status>Actual</status>\n  <msgType>Alert</msgType>",
            "<msgType>Alert</msgType><status>Actual</status>",
        ),
        "/alert/status",
        "order",
    ),
    "info before scope": (
        BASE.replace("<scope>Public</scope>", "")
        .replace("</alert>", "<scope>Public</scope></alert>")
        .encode(),
        "/alert/scope",
        "order",
    ),
    "identifier twice": (
        changed(
            "<identifier>BD-2025-0001</identifier>",
            "<identifier>A</identifier><identifier>B</identifier>",
        ),
        "/alert/identifier[2]",
        "too-many",
    ),
    "category missing": (
        changed("<category>Met</category>", ""),
        "/alert/info[1]/category",
        "required",
    ),
    "urgency missing": (
        changed("<urgency>Immediate</urgency>", ""),
        "/alert/info[1]/urgency",
        "required",
    ),
    "areaDesc missing": (
        changed("<areaDesc>Tổ dân phố 1</areaDesc>", ""),
        "/alert/info[1]/area[1]/areaDesc",
        "required",
    ),
    "resource without mimeType": (
        changed("<mimeType>image/png</mimeType>", ""),
        "/alert/info[1]/resource[1]/mimeType",
        "required",
    ),
    "event empty": (
        changed("<event>Bão số 3</event>", "<event> </event>"),
        "/alert/info[1]/event",
        "empty",
    ),
    "value without valueName": (
        changed("<valueName>ward</valueName>", ""),
        "/alert/info[1]/area[1]/geocode[1]/valueName",
        "required",
    ),
    "unknown element": (
        changed("<scope>Public</scope>", "<scope>Public</scope><priority>1</priority>"),
        "/alert/priority",
        "unknown-element",
    ),
    "foreign element": (
        changed("<scope>Public</scope>", '<scope>Public</scope><x:y xmlns:x="urn:x">1</x:y>'),
        "/alert/x:y[1]",
        "foreign-element",
    ),
    "attribute": (
        changed("<status>Actual</status>", '<status lang="en">Actual</status>'),
        "/alert/status",
        "attribute",
    ),
    "text in alert": (
        changed("<scope>Public</scope>", "<scope>Public</scope> stray"),
        "/alert",
        "text-not-allowed",
    ),
    "element in a text element": (
        changed("<event>Bão số 3</event>", "<event><b>Bão</b></event>"),
        "/alert/info[1]/event",
        "children-not-allowed",
    ),
    # Enumerations.
    "status": (
        changed("<status>Actual</status>", "<status>Real</status>"),
        "/alert/status",
        "enum",
    ),
    "status with spaces": (
        changed("<status>Actual</status>", "<status> Actual</status>"),
        "/alert/status",
        "enum",
    ),
    "msgType": (
        changed("<msgType>Alert</msgType>", "<msgType>Warning</msgType>"),
        "/alert/msgType",
        "enum",
    ),
    "scope": (changed("<scope>Public</scope>", "<scope>public</scope>"), "/alert/scope", "enum"),
    "category": (
        changed("<category>Met</category>", "<category>Weather</category>"),
        "/alert/info[1]/category[1]",
        "enum",
    ),
    "responseType": (
        changed("<responseType>Evacuate</responseType>", "<responseType>Run</responseType>"),
        "/alert/info[1]/responseType[1]",
        "enum",
    ),
    "urgency": (
        changed("<urgency>Immediate</urgency>", "<urgency>Now</urgency>"),
        "/alert/info[1]/urgency",
        "enum",
    ),
    "severity": (
        changed("<severity>Severe</severity>", "<severity></severity>"),
        "/alert/info[1]/severity",
        "enum",
    ),
    "certainty": (
        changed("<certainty>Likely</certainty>", "<certainty>Very Likely</certainty>"),
        "/alert/info[1]/certainty",
        "enum",
    ),
    # Date and time format (spec text: no Z, no fractions, numeric offset).
    "sent with Z": (
        changed("2025-09-06T07:30:00+07:00", "2025-09-06T00:30:00Z"),
        "/alert/sent",
        "datetime-format",
    ),
    "sent with fractions": (
        changed("2025-09-06T07:30:00+07:00", "2025-09-06T07:30:00.5+07:00"),
        "/alert/sent",
        "datetime-format",
    ),
    "sent without offset": (
        changed("2025-09-06T07:30:00+07:00", "2025-09-06T07:30:00"),
        "/alert/sent",
        "datetime-format",
    ),
    "sent without seconds": (
        changed("2025-09-06T07:30:00+07:00", "2025-09-06T07:30+07:00"),
        "/alert/sent",
        "datetime-format",
    ),
    "sent not a date": (
        changed("2025-09-06T07:30:00+07:00", "2025-02-30T07:30:00+07:00"),
        "/alert/sent",
        "datetime-invalid",
    ),
    "effective with Z": (
        changed("2025-09-06T08:00:00+07:00", "2025-09-06T01:00:00Z"),
        "/alert/info[1]/effective",
        "datetime-format",
    ),
    "onset offset 15h": (
        changed("2025-09-06T12:00:00+07:00", "2025-09-06T12:00:00+15:00"),
        "/alert/info[1]/onset",
        "datetime-invalid",
    ),
    "expires with Z": (
        changed("2025-09-07T08:00:00+07:00", "2025-09-07T01:00:00Z"),
        "/alert/info[1]/expires",
        "datetime-format",
    ),
    # identifier and sender: no spaces, commas, < or &.
    "identifier with space": (changed("BD-2025-0001", "BD 2025"), "/alert/identifier", "id-format"),
    "identifier with comma": (changed("BD-2025-0001", "BD,2025"), "/alert/identifier", "id-format"),
    "identifier with <": (changed("BD-2025-0001", "BD&lt;2025"), "/alert/identifier", "id-format"),
    "identifier with &": (changed("BD-2025-0001", "BD&amp;2025"), "/alert/identifier", "id-format"),
    "sender with space": (
        changed("pctt@bachdang.example.vn", "pctt bachdang"),
        "/alert/sender",
        "id-format",
    ),
    "sender empty": (
        changed("<sender>pctt@bachdang.example.vn</sender>", "<sender/>"),
        "/alert/sender",
        "id-format",
    ),
    # references.
    "references empty": (
        changed("<scope>Public</scope>", "<scope>Public</scope><references/>"),
        "/alert/references",
        "references-empty",
    ),
    "references not a triplet": (
        changed("<scope>Public</scope>", "<scope>Public</scope><references>a,b</references>"),
        "/alert/references",
        "references-format",
    ),
    "references with a Z time": (
        changed(
            "<scope>Public</scope>",
            "<scope>Public</scope><references>a,b,2025-09-06T00:30:00Z</references>",
        ),
        "/alert/references",
        "references-format",
    ),
    "Update without references": (
        changed("<msgType>Alert</msgType>", "<msgType>Update</msgType>"),
        "/alert/references",
        "references-required",
    ),
    "Cancel without references": (
        changed("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>"),
        "/alert/references",
        "references-required",
    ),
    # scope, restriction, addresses.
    "restriction with Public": (
        changed(
            "<scope>Public</scope>", "<scope>Public</scope><restriction>Ban chỉ huy</restriction>"
        ),
        "/alert/restriction",
        "restriction-not-allowed",
    ),
    "Restricted without restriction": (
        changed("<scope>Public</scope>", "<scope>Restricted</scope>"),
        "/alert/restriction",
        "restriction-required",
    ),
    "Private without addresses": (
        changed("<scope>Public</scope>", "<scope>Private</scope>"),
        "/alert/addresses",
        "addresses-required",
    ),
    "Private with empty addresses": (
        changed("<scope>Public</scope>", "<scope>Private</scope><addresses> </addresses>"),
        "/alert/addresses",
        "addresses-required",
    ),
    # Polygons and circles.
    "polygon of 3 pairs": (
        changed(
            "20.96,106.72 20.96,106.74 20.98,106.74 20.98,106.72 20.96,106.72",
            "20.96,106.72 20.96,106.74 20.96,106.72",
        ),
        "/alert/info[1]/area[1]/polygon[1]",
        "polygon-too-few-points",
    ),
    "polygon not closed": (
        changed("20.98,106.72 20.96,106.72</polygon>", "20.98,106.72 20.97,106.72</polygon>"),
        "/alert/info[1]/area[1]/polygon[1]",
        "polygon-not-closed",
    ),
    "polygon latitude off the globe": (
        changed("20.96,106.74 20.98", "95.96,106.74 20.98"),
        "/alert/info[1]/area[1]/polygon[1]",
        "coordinate-range",
    ),
    "polygon longitude off the globe": (
        changed("20.96,106.74 20.98", "20.96,186.74 20.98"),
        "/alert/info[1]/area[1]/polygon[1]",
        "coordinate-range",
    ),
    "polygon stray comma": (
        changed("20.96,106.74 20.98", "20.96,106.74, 20.98"),
        "/alert/info[1]/area[1]/polygon[1]",
        "polygon-format",
    ),
    "polygon empty": (
        changed("<circle>", "<polygon/><circle>"),
        "/alert/info[1]/area[1]/polygon[2]",
        "polygon-too-few-points",
    ),
    "circle without radius": (
        changed("20.97,106.73 1.5", "20.97,106.73"),
        "/alert/info[1]/area[1]/circle[1]",
        "circle-format",
    ),
    "circle negative radius": (
        changed("20.97,106.73 1.5", "20.97,106.73 -1"),
        "/alert/info[1]/area[1]/circle[1]",
        "circle-format",
    ),
    "circle off the globe": (
        changed("20.97,106.73 1.5", "106.73,20.97 1.5"),
        "/alert/info[1]/area[1]/circle[1]",
        "coordinate-range",
    ),
    "ceiling without altitude": (
        changed("<altitude>0</altitude>", ""),
        "/alert/info[1]/area[1]/ceiling",
        "ceiling-without-altitude",
    ),
    "altitude not a number": (
        changed("<altitude>0</altitude>", "<altitude>sea</altitude>"),
        "/alert/info[1]/area[1]/altitude",
        "decimal",
    ),
    # Other value types.
    "language": (
        changed("<language>vi-VN</language>", "<language>tiếng Việt</language>"),
        "/alert/info[1]/language",
        "language",
    ),
    "web not absolute": (
        changed("https://bachdang.example.vn/canh-bao", "canh-bao.html"),
        "/alert/info[1]/web",
        "uri-absolute",
    ),
    "size negative": (
        changed("<size>1024</size>", "<size>-1</size>"),
        "/alert/info[1]/resource[1]/size",
        "integer",
    ),
    "mimeType": (
        changed("<mimeType>image/png</mimeType>", "<mimeType>png</mimeType>"),
        "/alert/info[1]/resource[1]/mimeType",
        "mime-type",
    ),
    "derefUri not base64": (
        changed("</uri>", "</uri><derefUri>not base64!</derefUri>"),
        "/alert/info[1]/resource[1]/derefUri",
        "base64",
    ),
}


@pytest.mark.parametrize("case", FAILING)
def test_it_refuses_each_broken_rule_naming_the_path(case):
    data, path, code = FAILING[case]
    report = validate(data)
    assert not report.valid
    assert (path, code) in codes(report), [str(e) for e in report.errors]
    assert report.alert is None


PASSING = {
    "UTC as -00:00": changed("2025-09-06T07:30:00+07:00", "2025-09-06T00:30:00-00:00"),
    "Update with references": changed(
        "<msgType>Alert</msgType>\n  <scope>Public</scope>",
        "<msgType>Update</msgType><scope>Public</scope><references>"
        "pctt@bachdang.example.vn,BD-2025-0000,2025-09-06T06:00:00+07:00 "
        "kttv@example.vn,KTTV-1,2025-09-06T05:00:00-00:00</references>",
    ),
    "Restricted with restriction": changed(
        "<scope>Public</scope>", "<scope>Restricted</scope><restriction>Ban chỉ huy</restriction>"
    ),
    "Private with addresses": changed(
        "<scope>Public</scope>", '<scope>Private</scope><addresses>lan "Tổ 1"</addresses>'
    ),
    "two info blocks in two languages": changed(
        "</info>",
        "</info>" + BASE_INFO.replace("vi-VN", "en-US").replace("Bão số 3", "Typhoon 3"),
    ),
    "no info at all (a Cancel)": BASE.replace(BASE_INFO, "")
    .replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
    .replace(
        "<scope>Public</scope>",
        "<scope>Public</scope><references>a,b,2025-09-06T06:00:00+07:00</references>",
    )
    .encode(),
    "polygon of exactly 4 pairs with plus signs": changed(
        "20.96,106.72 20.96,106.74 20.98,106.74 20.98,106.72 20.96,106.72",
        "+20.96,106.72 20.96,106.74 20.98,106.74 +20.96,106.72",
    ),
    "language left out": changed("<language>vi-VN</language>", ""),
    "comments between elements": changed("<status>", "<!-- trạng thái --><status>"),
    "an empty optional element": changed("<scope>Public</scope>", "<scope>Public</scope><note/>"),
    "empty restriction with Public scope": changed(
        "<scope>Public</scope>", "<scope>Public</scope><restriction/>"
    ),
}


@pytest.mark.parametrize("case", PASSING)
def test_it_accepts_what_the_rules_allow(case):
    report = validate(PASSING[case])
    assert report.valid, [str(e) for e in report.errors]
    assert report.alert is not None


def test_it_defaults_the_language_to_en_us_and_reads_references():
    alert = validate(PASSING["language left out"]).alert
    assert alert.infos[0].language == "en-US"
    references = validate(PASSING["Update with references"]).alert.references
    assert references[1] == Reference(
        "kttv@example.vn", "KTTV-1", datetime(2025, 9, 6, 5, tzinfo=UTC)
    )
    assert references[0].sent.utcoffset() == timedelta(hours=7)
    assert validate(PASSING["UTC as -00:00"]).alert.sent.tzinfo == UTC


WARNING_CASES = {
    "self-intersecting polygon": (
        changed(
            "20.96,106.72 20.96,106.74 20.98,106.74 20.98,106.72 20.96,106.72",
            "20.96,106.72 20.98,106.74 20.96,106.74 20.98,106.72 20.96,106.72",
        ),
        "/alert/info[1]/area[1]/polygon[1]",
        "polygon-self-intersecting",
    ),
    "expires before sent": (
        changed("2025-09-07T08:00:00+07:00", "2025-09-06T07:00:00+07:00"),
        "/alert/info[1]/expires",
        "expires-before",
    ),
    "expires before effective": (
        changed("2025-09-07T08:00:00+07:00", "2025-09-06T07:45:00+07:00"),
        "/alert/info[1]/expires",
        "expires-before",
    ),
    "circle radius 0": (
        changed("20.97,106.73 1.5", "20.97,106.73 0"),
        "/alert/info[1]/area[1]/circle[1]",
        "circle-radius-zero",
    ),
    "UTC as +00:00": (
        changed("2025-09-06T07:30:00+07:00", "2025-09-06T00:30:00+00:00"),
        "/alert/sent",
        "datetime-utc-sign",
    ),
    "empty note": (
        changed("<scope>Public</scope>", "<scope>Public</scope><note></note>"),
        "/alert/note",
        "empty-element",
    ),
    "ceiling below altitude": (
        changed("<ceiling>100</ceiling>", "<ceiling>-5</ceiling>"),
        "/alert/info[1]/area[1]/ceiling",
        "ceiling-below-altitude",
    ),
}


@pytest.mark.parametrize("case", WARNING_CASES)
def test_it_warns_about_what_real_feeds_do_but_keeps_the_alert_valid(case):
    data, path, code = WARNING_CASES[case]
    report = validate(data)
    assert report.valid, [str(e) for e in report.errors]
    assert (path, code) in codes(report, warnings=True), [str(w) for w in report.warnings]


def test_it_names_the_block_in_paths_of_a_second_info():
    data = changed(
        "</info>", "</info>" + BASE_INFO.replace("20.98,106.72 20.96,106.72<", "20.98,106.72<")
    )
    report = validate(data)
    assert ("/alert/info[2]/area[1]/polygon[1]", "polygon-not-closed") in codes(report)
    assert ("/alert/info[1]/area[1]/polygon[1]", "polygon-not-closed") not in codes(report)


def test_it_gives_every_error_of_a_document_at_once():
    data = changed("<status>Actual</status>", "<status>Real</status>").replace(
        b"<urgency>Immediate</urgency>", b""
    )
    assert {code for _path, code in codes(validate(data))} == {"enum", "required"}


def test_it_explains_in_vietnamese_by_default_and_in_english_on_request():
    issue = validate(changed("<scope>Public</scope>", ""))
    message = issue.errors[0].message
    assert "Thiếu phần tử bắt buộc <scope>" in message
    with translation.override("en"):
        assert issue.errors[0].message == "The required element <scope> is missing."
        enum = validate(changed("<status>Actual</status>", "<status>Real</status>")).errors[0]
        assert "Actual, Exercise, System, Test, Draft" in enum.message
    assert str(issue.errors[0]).startswith("/alert/scope: ")


def test_it_accepts_nothing_the_official_schema_refuses():
    schema = etree.XMLSchema(parse_xml(official_schema().read_bytes()).getroottree())
    accepted = {"base": BASE.encode(), **PASSING, **{k: v[0] for k, v in WARNING_CASES.items()}}
    for case, data in accepted.items():
        assert schema.validate(parse_xml(data).getroottree()), (case, schema.error_log.last_error)
