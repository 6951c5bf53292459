"""validate(bytes) → CapReport: reading, structure, spec rules, typed content, signature."""

from collections.abc import Iterable
from datetime import datetime

from cryptography import x509
from lxml import etree

from taicho.warnings.cap.issues import CapInvalid, CapRejected, CapReport, Issue
from taicho.warnings.cap.model import ParsedAlert
from taicho.warnings.cap.parsing import (
    CAP_NAMESPACE,
    DEFAULT_MAX_BYTES,
    DSIG_NAMESPACE,
    parse_xml,
    split_tag,
)
from taicho.warnings.cap.reading import read_alert_element
from taicho.warnings.cap.rules import check_rules
from taicho.warnings.cap.schema import check_structure, path_of
from taicho.warnings.cap.signature import SignatureStatus, verify_signature

# Namespaces of other CAP versions, to name the version in the error.
OTHER_CAP_VERSIONS = {
    "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
    "http://www.incident.com/cap/1.0": "1.0",
}


def _check_root(root: etree._Element) -> None:
    namespace, name = split_tag(root.tag)
    if namespace == CAP_NAMESPACE and name == "alert":
        return
    params = {"expected": CAP_NAMESPACE, "found": namespace}
    if name != "alert":
        issue = Issue("/", "root-element", {"expected": CAP_NAMESPACE, "found": root.tag})
    elif namespace in OTHER_CAP_VERSIONS:
        issue = Issue(
            "/alert", "namespace-old-version", {**params, "version": OTHER_CAP_VERSIONS[namespace]}
        )
    else:
        issue = Issue("/alert", "namespace", {**params, "found": namespace or "—"})
    raise CapRejected(issue)


def validate(
    data: bytes,
    *,
    trusted_certs: Iterable[bytes | str | x509.Certificate] = (),
    verify_at: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check_signature: bool = True,
) -> CapReport:
    """Everything we can say about one CAP 1.2 document, never raising for bad input.

    `trusted_certs`: PEM certificates (or a bundle) whose signatures we trust for this source.
    `verify_at`: when to check certificate validity (default: now).
    """
    try:
        root = parse_xml(data, max_bytes=max_bytes)
        _check_root(root)
    except CapRejected as rejected:
        return CapReport(valid=False, errors=[rejected.issue], warnings=[])
    found = check_structure(root) + check_rules(root)
    errors = [issue for issue, warning in found if not warning]
    warnings = [issue for issue, warning in found if warning]
    alert = read_alert_element(root) if not errors else None

    signature = None
    if check_signature:
        signature = verify_signature(
            data, trusted_certs=trusted_certs, verify_at=verify_at, max_bytes=max_bytes
        )
        signature_element = root.find(f"{{{DSIG_NAMESPACE}}}Signature")
        where = path_of(signature_element) if signature_element is not None else "/alert"
        params = {"reason": signature.reason_text, "detail": signature.detail}
        if signature.status == SignatureStatus.INVALID:
            errors.append(Issue(where, "signature-invalid", params))
        elif signature.status == SignatureStatus.UNTRUSTED:
            warnings.append(Issue(where, "signature-untrusted", params))
    return CapReport(
        valid=not errors, errors=errors, warnings=warnings, alert=alert, signature=signature
    )


def read_alert(data: bytes, **options) -> ParsedAlert:
    """The typed alert of a valid document; CapInvalid with the errors otherwise."""
    report = validate(data, **options)
    if not report.valid or report.alert is None:
        raise CapInvalid(report.errors)
    return report.alert
