"""The ward's public Atom 1.0 index of its CAP messages (RFC 4287), built as elements.

Each entry names one issued CAP message: id = its CAP identifier, title = its headline,
updated = its issue time, and a link rel="alternate" type="application/cap+xml" to the CAP
document, as CAP index feeds do (read back by taicho.warnings.cap.read_feed).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from lxml import etree

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
CAP_TYPE = "application/cap+xml"
# Characters XML 1.0 cannot carry at all; a typed text might hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    id: str
    title: str
    updated: datetime
    cap_url: str
    page_url: str = ""
    summary: str = ""
    category: str = ""


@dataclass(frozen=True)
class AtomFeed:
    id: str
    title: str
    self_url: str
    page_url: str
    author: str
    updated: datetime
    entries: list[AtomEntry]


def _time(value: datetime) -> str:
    """RFC 3339 with the ward's offset, whole seconds: 2026-11-05T08:00:00+07:00."""
    return value.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat(timespec="seconds")


def _add(parent: etree._Element, name: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, f"{{{ATOM_NAMESPACE}}}{name}")
    for key, value in attributes.items():
        element.set(key, _NOT_XML.sub("", value))
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(feed: AtomFeed) -> bytes:
    root = etree.Element(f"{{{ATOM_NAMESPACE}}}feed", nsmap={None: ATOM_NAMESPACE})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    _add(root, "updated", _time(feed.updated))
    author = _add(root, "author")
    _add(author, "name", feed.author)
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.page_url)
    for item in feed.entries:
        entry = _add(root, "entry")
        _add(entry, "id", item.id)
        _add(entry, "title", item.title)
        _add(entry, "updated", _time(item.updated))
        _add(entry, "link", rel="alternate", type=CAP_TYPE, href=item.cap_url)
        if item.page_url:
            _add(entry, "link", rel="related", type="text/html", href=item.page_url)
        if item.category:
            _add(entry, "category", term=item.category)
        if item.summary:
            _add(entry, "summary", item.summary)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
