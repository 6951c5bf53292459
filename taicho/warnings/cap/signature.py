"""Enveloped XML signatures (XML-DSig) on CAP alerts, checked with signxml.

The outcome is one of:
- valid: intact and signed by one of the certificates the caller trusts (pinned PEM
  certificates, configured per source), valid at the time checked;
- untrusted: intact (it verifies with the certificate it carries) but that certificate is not
  trusted, not valid at the time checked, or the signature uses SHA-1;
- invalid: it does not verify at all: the message may have been altered;
- not signed.

Some issuers sign the compact document and publish it pretty-printed (the Seychelles sample
does). When the exact bytes do not verify, the check is repeated with the whitespace between
elements dropped, which cannot change what a CAP message says; `whitespace_ignored` records it.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod, XMLVerifier
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidSignature

from taicho.warnings.cap.messages import SIGNATURE_REASONS
from taicho.warnings.cap.parsing import DEFAULT_MAX_BYTES, DSIG_NAMESPACE, parse_xml

Certificates = Iterable[bytes | str | x509.Certificate]

_DS = {"ds": DSIG_NAMESPACE}
# Whole-document references only: a signature over a fragment proves nothing about the alert.
_WHOLE_DOCUMENT_URIS = ("", "#xpointer(/)")


class SignatureStatus(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    UNTRUSTED = "untrusted"
    NOT_SIGNED = "not-signed"


@dataclass(frozen=True)
class SignatureResult:
    status: SignatureStatus
    reason: str = ""  # a key of messages.SIGNATURE_REASONS
    detail: str = ""  # the verifier's own words (English, technical)
    certificate_subject: str | None = None
    certificate_sha256: str | None = None
    whitespace_ignored: bool = False

    @property
    def trusted(self) -> bool:
        return self.status == SignatureStatus.VALID

    @property
    def reason_text(self) -> str:
        return str(SIGNATURE_REASONS[self.reason]) if self.reason else ""


def load_certificates(certificates: Certificates) -> list[x509.Certificate]:
    """Certificates from PEM text (one or a bundle each) or cryptography objects."""
    loaded: list[x509.Certificate] = []
    for item in certificates:
        if isinstance(item, x509.Certificate):
            loaded.append(item)
        else:
            pem = item.encode("ascii") if isinstance(item, str) else bytes(item)
            loaded.extend(x509.load_pem_x509_certificates(pem))
    return loaded


def _fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def _embedded_certificates(signature: etree._Element) -> list[x509.Certificate]:
    found = []
    for element in signature.iterfind("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _DS):
        body = "".join((element.text or "").split())
        pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
        try:
            found.append(x509.load_pem_x509_certificate(pem.encode("ascii")))
        except ValueError:
            continue
    return found


def _uses_sha1(signature: etree._Element) -> bool:
    algorithms = signature.xpath("ds:SignedInfo//@Algorithm", namespaces=_DS)
    return any(str(algorithm).lower().endswith("sha1") for algorithm in algorithms)


def _strict(verify_at: datetime | None) -> SignatureConfiguration:
    return SignatureConfiguration(verification_time=verify_at)


def _integrity_only(certificate: x509.Certificate) -> SignatureConfiguration:
    """Every algorithm and a moment inside the certificate's life: only 'is it intact?'."""
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    return SignatureConfiguration(
        signature_methods=frozenset(m for m in SignatureMethod if not m.name.startswith("HMAC")),
        digest_algorithms=frozenset(DigestAlgorithm),
        verification_time=start + (end - start) / 2,
    )


def _failure_reason(exc: Exception) -> str:
    if isinstance(exc, InvalidDigest):
        return "digest-mismatch"
    if isinstance(exc, InvalidCertificate):
        return "certificate-time"
    if isinstance(exc, InvalidSignature):
        return "signature-mismatch"
    return "malformed"


def verify_signature(
    data: bytes,
    *,
    trusted_certs: Certificates = (),
    verify_at: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SignatureResult:
    """Check the enveloped signature of a CAP document (already accepted by parse_xml)."""
    if verify_at is not None and verify_at.tzinfo is None:
        raise ValueError("verify_at must be an aware datetime")
    root = parse_xml(data, max_bytes=max_bytes)
    signatures = root.findall("ds:Signature", _DS)
    if not signatures:
        return SignatureResult(SignatureStatus.NOT_SIGNED)
    if len(signatures) > 1:
        return SignatureResult(SignatureStatus.INVALID, "several-signatures")
    signature = signatures[0]
    uris = signature.xpath("ds:SignedInfo/ds:Reference/@URI", namespaces=_DS)
    if not uris or any(str(uri) not in _WHOLE_DOCUMENT_URIS for uri in uris):
        return SignatureResult(SignatureStatus.INVALID, "malformed", 'reference is not URI=""')

    # Fresh trees for every attempt: the exact document, then without blank text.
    variants: tuple[tuple[bool, Callable[[], etree._Element]], ...] = (
        (False, lambda: parse_xml(data, max_bytes=max_bytes)),
        (True, lambda: parse_xml(data, max_bytes=max_bytes, remove_blank_text=True)),
    )
    trusted = load_certificates(trusted_certs)
    for whitespace_ignored, tree in variants:
        for certificate in trusted:
            if _verifies(tree(), certificate, _strict(verify_at)) is None:
                return _result(SignatureStatus.VALID, "", "", certificate, whitespace_ignored)

    embedded = _embedded_certificates(signature)
    if not embedded:
        return SignatureResult(SignatureStatus.UNTRUSTED, "no-certificate")
    first_failure: Exception | None = None
    for whitespace_ignored, tree in variants:
        for certificate in embedded:
            failure = _verifies(tree(), certificate, _integrity_only(certificate))
            if failure is None:
                reason = _untrusted_reason(signature, certificate, trusted)
                return _result(
                    SignatureStatus.UNTRUSTED, reason, "", certificate, whitespace_ignored
                )
            first_failure = first_failure or failure
    assert first_failure is not None
    return _result(
        SignatureStatus.INVALID,
        _failure_reason(first_failure),
        str(first_failure),
        embedded[0],
        whitespace_ignored=False,
    )


def _verifies(
    root: etree._Element, certificate: x509.Certificate, config: SignatureConfiguration
) -> Exception | None:
    """None when the signature verifies with this certificate, else why not."""
    try:
        XMLVerifier().verify(root, x509_cert=certificate, expect_config=config)
    except Exception as exc:  # untrusted input into a third-party verifier: any failure counts
        return exc
    return None


def _untrusted_reason(
    signature: etree._Element, signer: x509.Certificate, trusted: list[x509.Certificate]
) -> str:
    if _fingerprint(signer) not in {_fingerprint(c) for c in trusted}:
        return "not-trusted"
    return "weak-algorithm" if _uses_sha1(signature) else "certificate-time"


def _result(status, reason, detail, certificate, whitespace_ignored) -> SignatureResult:
    return SignatureResult(
        status,
        reason,
        detail,
        certificate_subject=certificate.subject.rfc4514_string(),
        certificate_sha256=_fingerprint(certificate),
        whitespace_ignored=whitespace_ignored,
    )
