"""Hardened XML reading for documents that come from outside (CAP alerts, their feeds).

The parser never touches the network or the file system: no DTD is loaded, no entity is
expanded, no XInclude is processed (lxml only does that when asked), processing instructions
such as xml-stylesheet are dropped, huge trees are refused, and a document with a DOCTYPE is
rejected outright. The caller passes bytes; the declared encoding is lxml's business.
"""

import re

from lxml import etree

from taicho.warnings.cap.issues import CapRejected, Issue

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
DSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
DEFAULT_MAX_BYTES = 1024 * 1024

# The first element's start tag, in any ASCII-compatible encoding.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")


def _prolog_has_doctype(data: bytes) -> bool:
    """A DOCTYPE before the first element, seen before lxml reads anything.

    Only a first line of defence (UTF-16 documents pass it): the parsed tree's docinfo is
    checked as well.
    """
    first = _FIRST_ELEMENT.search(data)
    return b"<!DOCTYPE" in data[: first.start() if first else len(data)]


def _parser(*, remove_blank_text: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_pis=True,
        remove_blank_text=remove_blank_text,
    )


def _reject(code: str, **params) -> CapRejected:
    return CapRejected(Issue("/", code, params))


def parse_xml(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, remove_blank_text: bool = False
) -> etree._Element:
    """The root element of `data`, or CapRejected saying why it was not read."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("CAP documents are read from bytes")
    data = bytes(data)
    if len(data) > max_bytes:
        raise _reject("too-large", size=len(data), limit=max_bytes)
    if _prolog_has_doctype(data):
        raise _reject("doctype")
    try:
        root = etree.fromstring(data, _parser(remove_blank_text=remove_blank_text))
    except etree.XMLSyntaxError as exc:
        raise _reject("not-well-formed", detail=exc.msg or str(exc)) from None
    if root is None:
        raise _reject("not-well-formed", detail="empty document")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _reject("doctype")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise _reject("entity")
    return root


def split_tag(tag: str) -> tuple[str, str]:
    """("namespace", "local name") of an lxml tag; the namespace is "" when there is none."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def element_children(element: etree._Element) -> list[etree._Element]:
    """Child elements only: comments (and any processing instruction) are not content."""
    return [child for child in element if isinstance(child.tag, str)]


def text_of(element: etree._Element) -> str:
    """The element's text content, comments left out (as XML Schema sees it)."""
    if len(element) == 0:  # the common case: a leaf with plain text
        return element.text or ""
    return str(element.xpath("string()"))
