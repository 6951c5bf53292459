"""Hardened reading: no network, no file, no entity expansion, bounded size, clear refusals."""

import socket
import threading

import pytest
from django.utils import translation

from taicho.warnings.cap import CapRejected, validate
from taicho.warnings.cap.parsing import parse_xml
from taicho.warnings.cap.testing import samples_dir

from .test_cap_rules import BASE


@pytest.fixture
def no_network(monkeypatch):
    """Any connection attempt from Python fails the test."""
    attempts = []

    def refuse(sock, address):
        attempts.append(address)
        raise AssertionError(f"network access to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def listener():
    """A local server that counts connections: libxml2 would not go through Python sockets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.02)
    accepted = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _address = server.accept()
            except OSError:
                continue
            accepted.append(connection)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


def test_it_rejects_the_xxe_attack_without_touching_the_network(no_network, listener):
    port, accepted = listener
    data = (samples_dir() / "googlecap_ATTACK_xxe.cap").read_bytes()
    data = data.replace(b"localhost:8080", f"127.0.0.1:{port}".encode())
    report = validate(data)
    assert not report.valid and report.alert is None
    assert [(e.path, e.code) for e in report.errors] == [("/", "doctype")]
    with translation.override("en"):
        assert "DOCTYPE is not allowed" in report.errors[0].message
    assert "DOCTYPE" in report.errors[0].message  # Vietnamese, keeping the keyword
    assert no_network == [] and accepted == []
    # The entity's target text never appears anywhere in what we return.
    assert "root:" not in repr(report) and "payload" not in repr(report)


def test_it_rejects_the_attack_even_when_the_doctype_hides_from_the_byte_scan(listener):
    port, accepted = listener
    attack = (
        '<?xml version="1.0" encoding="UTF-16"?>'
        f'<!DOCTYPE alert [<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/x">]>'
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>'
    ).encode("utf-16")
    with pytest.raises(CapRejected) as rejected:
        parse_xml(attack)
    assert rejected.value.issue.code == "doctype"
    assert accepted == []


@pytest.mark.parametrize(
    "doctype",
    [
        "<!DOCTYPE alert>",
        '<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE alert SYSTEM "file:///etc/passwd">',
    ],
)
def test_it_rejects_any_doctype(doctype):
    data = BASE.replace("<alert ", doctype + "\n<alert ", 1).encode()
    assert [e.code for e in validate(data).errors] == ["doctype"]


def test_it_refuses_documents_over_the_size_limit():
    data = BASE.encode()
    assert validate(data).valid
    report = validate(data, max_bytes=len(data) - 1)
    assert [e.code for e in report.errors] == ["too-large"]
    assert validate(b" " * (1024 * 1024) + data).errors[0].code == "too-large"


def test_it_refuses_what_is_not_xml():
    for data in (b"", b"not xml", BASE.encode()[:-10]):
        report = validate(data)
        assert [e.code for e in report.errors] == ["not-well-formed"], data[:20]


def test_it_does_not_expand_undeclared_entities():
    data = BASE.replace("BD-2025-0001", "&xxe;").encode()
    assert [e.code for e in validate(data).errors] == ["not-well-formed"]


def test_it_drops_stylesheet_instructions_and_never_processes_xinclude(listener):
    port, accepted = listener
    styled = BASE.replace(
        "<alert ",
        f'<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:{port}/x.xsl"?>\n<alert ',
        1,
    )
    assert validate(styled.encode()).valid
    included = BASE.replace(
        "<scope>Public</scope>",
        '<scope>Public</scope><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        f'href="http://127.0.0.1:{port}/x"/>',
    )
    report = validate(included.encode())
    assert [(e.path, e.code) for e in report.errors] == [
        ("/alert/xi:include[1]", "foreign-element")
    ]
    assert accepted == []


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "UTF-16"])
def test_it_reads_other_declared_encodings(encoding):
    text = BASE.replace('encoding="UTF-8"', f'encoding="{encoding}"')
    if encoding != "UTF-16":  # Western encodings: French text instead of Vietnamese
        text = text.replace("Bão số 3", "Tempête").replace("Tổ dân phố 1", "Zone 1")
        text = text.replace("UBND phường Bạch Đằng", "Météo").replace(
            "Sơ tán khu ven sông", "Évacuation"
        )
        text = text.replace("Bản đồ", "Carte")
    report = validate(text.encode(encoding))
    assert report.valid, [str(e) for e in report.errors]
    expected = "Bão số 3" if encoding == "UTF-16" else "Tempête"
    assert report.alert.infos[0].event == expected


@pytest.mark.parametrize(
    ("namespace", "code", "named"),
    [
        (
            "urn:oasis:names:tc:emergency:alerts:1.2",
            "namespace",
            "urn:oasis:names:tc:emergency:cap:1.2",
        ),
        ("urn:oasis:names:tc:emergency:cap:1.1", "namespace-old-version", "CAP 1.1"),
        ("", "namespace", "urn:oasis:names:tc:emergency:cap:1.2"),
    ],
)
def test_it_names_the_expected_namespace(namespace, code, named):
    data = BASE.replace('xmlns="urn:oasis:names:tc:emergency:cap:1.2"', f'xmlns="{namespace}"')
    report = validate(data.encode())
    assert [e.code for e in report.errors] == [code]
    with translation.override("en"):
        assert named in report.errors[0].message


def test_it_refuses_another_root_element():
    report = validate(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
    assert [e.code for e in report.errors] == ["root-element"]
