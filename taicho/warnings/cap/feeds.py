"""Atom and RSS index feeds that link to CAP alerts (the caller fetches; we only read bytes).

Each entry gives its id, title, times, the link to the CAP document and any cap:* extension
fields (CAP 1.0, 1.1 or 1.2 namespace). Feeds are indexes, not alerts: a bad value in an
entry is a warning, never a rejection of the feed.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from taicho.warnings.cap.issues import CapRejected, Finding, Issue
from taicho.warnings.cap.model import Circle, NamedValue, Point
from taicho.warnings.cap.parsing import (
    CAP_NAMESPACE,
    DEFAULT_MAX_BYTES,
    element_children,
    parse_xml,
    split_tag,
    text_of,
)
from taicho.warnings.cap.values import (
    check_circle,
    check_polygon,
    on_globe,
    parse_circle,
    parse_polygon,
)

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
CAP_NAMESPACES = frozenset(
    {CAP_NAMESPACE, "urn:oasis:names:tc:emergency:cap:1.1", "http://www.incident.com/cap/1.0"}
)
Region = tuple[float, float, float, float]  # south, west, north, east (degrees)


@dataclass
class FeedArea:
    area_desc: str | None = None
    polygons: list[list[Point]] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)  # as written, even when swapped
    geocodes: list[NamedValue] = field(default_factory=list)


@dataclass
class FeedEntry:
    id: str | None
    title: str | None
    updated: datetime | None
    link: str | None  # where the CAP document is
    published: datetime | None = None
    summary: str | None = None
    cap: dict[str, list[str]] = field(default_factory=dict)  # e.g. {"event": ["News"]}
    areas: list[FeedArea] = field(default_factory=list)


@dataclass
class Feed:
    kind: str  # "atom" or "rss"
    title: str | None
    entries: list[FeedEntry]
    warnings: list[Issue] = field(default_factory=list)


def _local(element: etree._Element) -> str:
    return split_tag(element.tag)[1]


def _is_cap(element: etree._Element) -> bool:
    return split_tag(element.tag)[0] in CAP_NAMESPACES


def _path(element: etree._Element) -> str:
    steps = []
    node = element
    while node is not None:
        name = f"{node.prefix}:{_local(node)}" if node.prefix else _local(node)
        parent = node.getparent()
        if parent is not None:
            same = [e for e in parent if e.tag == node.tag]
            name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


def _text(element: etree._Element | None) -> str | None:
    return None if element is None else text_of(element).strip()


class _Reader:
    """Reads one feed, collecting warnings as it goes."""

    def __init__(self, region: Region | None):
        self.region = region
        self.warnings: list[Issue] = []

    def warn(self, element: etree._Element, finding: Finding) -> None:
        self.warnings.append(finding.at(_path(element)))

    def date(self, element: etree._Element | None, parse) -> datetime | None:
        text = _text(element)
        if not text:
            return None
        try:
            value = parse(text)
        except (ValueError, TypeError, IndexError):
            value = None
        if value is not None and value.tzinfo is None and parse is _rfc822:
            value = value.replace(tzinfo=UTC)  # RFC 822 "-0000": UTC, local zone unknown
        if value is None or value.tzinfo is None:
            self.warn(element, Finding("feed-date", {"value": text}, warning=True))
            return None
        return value

    def cap_fields(self, item: etree._Element, entry: FeedEntry) -> None:
        loose = FeedArea()  # cap:areaDesc, cap:polygon… straight in the entry (NWS style)
        for child in element_children(item):
            if not _is_cap(child):
                continue
            name = _local(child)
            if name == "area":
                entry.areas.append(self.area(child, FeedArea()))
            elif name in AREA_PARTS:
                AREA_PARTS[name](self, child, loose)
            elif not element_children(child):
                entry.cap.setdefault(name, []).append(text_of(child).strip())
        if loose != FeedArea():
            entry.areas.append(loose)

    def area(self, element: etree._Element, area: FeedArea) -> FeedArea:
        for child in element_children(element):
            if _local(child) in AREA_PARTS:
                AREA_PARTS[_local(child)](self, child, area)
        return area

    def area_desc(self, element: etree._Element, area: FeedArea) -> None:
        area.area_desc = _text(element)

    def polygon(self, element: etree._Element, area: FeedArea) -> None:
        findings = check_polygon("polygon", text_of(element))
        for finding in findings:
            self.warn(element, finding)
        if all(finding.warning for finding in findings):
            area.polygons.append(parse_polygon(text_of(element)))

    def circle(self, element: etree._Element, area: FeedArea) -> None:
        text = text_of(element)
        for finding in check_circle("circle", text):
            if finding.code != "coordinate-range":  # said below, with the likely cause
                self.warn(element, finding)
        circle = parse_circle(text)
        if circle is None or circle[2] < 0:
            return
        lat, lon, _radius = circle
        if self._looks_swapped(lat, lon):
            self.warn(element, Finding("coordinates-swapped", {"value": f"{lat},{lon}"}, True))
        elif not on_globe(lat, lon):
            self.warn(element, Finding("coordinate-range", {"value": f"{lat},{lon}"}, True))
        if on_globe(lat, lon):  # kept as written, even when it looks swapped
            area.circles.append(Circle(*circle))

    def geocode(self, element: etree._Element, area: FeedArea) -> None:
        parts = {_local(child): text_of(child).strip() for child in element_children(element)}
        if "valueName" in parts:
            area.geocodes.append(NamedValue(parts["valueName"], parts.get("value", "")))

    def _looks_swapped(self, lat: float, lon: float) -> bool:
        if not on_globe(lat, lon):
            return on_globe(lon, lat)
        if self.region is None:
            return False
        south, west, north, east = self.region

        def inside(y: float, x: float) -> bool:
            return south <= y <= north and west <= x <= east

        return not inside(lat, lon) and inside(lon, lat)


AREA_PARTS = {
    "areaDesc": _Reader.area_desc,
    "polygon": _Reader.polygon,
    "circle": _Reader.circle,
    "geocode": _Reader.geocode,
}


def _rfc822(text: str) -> datetime:
    return parsedate_to_datetime(text)


def _iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _atom_link(entry: etree._Element) -> str | None:
    """The CAP document: a link typed as CAP first, then an alternate, then any link."""

    def rank(link: etree._Element) -> int:
        kind, rel = link.get("type", ""), link.get("rel", "alternate")
        if "cap" in kind:
            return 0
        return {"alternate": 1, "enclosure": 2, "related": 3}.get(rel, 4)

    links = [link for link in entry.findall(f"{{{ATOM_NAMESPACE}}}link") if link.get("href")]
    return min(links, key=rank).get("href").strip() if links else None


def _atom(root: etree._Element, reader: _Reader) -> Feed:
    atom = f"{{{ATOM_NAMESPACE}}}"
    entries = []
    for item in root.findall(f"{atom}entry"):
        entry = FeedEntry(
            id=_text(item.find(f"{atom}id")),
            title=_text(item.find(f"{atom}title")),
            updated=reader.date(item.find(f"{atom}updated"), _iso),
            link=_atom_link(item),
            published=reader.date(item.find(f"{atom}published"), _iso),
            summary=_text(item.find(f"{atom}summary")),
        )
        reader.cap_fields(item, entry)
        entries.append(entry)
    return Feed("atom", _text(root.find(f"{atom}title")), entries, reader.warnings)


def _rss_link(item: etree._Element) -> str | None:
    enclosures = [e for e in item.findall("enclosure") if "cap" in e.get("type", "")]
    if enclosures and enclosures[0].get("url"):
        return enclosures[0].get("url").strip()
    return _text(item.find("link"))


def _rss(root: etree._Element, reader: _Reader) -> Feed:
    channel = root.find("channel")
    if channel is None:
        raise CapRejected(Issue("/rss", "required", {"element": "channel"}))
    entries = []
    for item in channel.findall("item"):
        entry = FeedEntry(
            id=_text(item.find("guid")) or _text(item.find("link")),
            title=_text(item.find("title")),
            updated=reader.date(item.find("pubDate"), _rfc822),
            link=_rss_link(item),
            summary=_text(item.find("description")),
        )
        reader.cap_fields(item, entry)
        entries.append(entry)
    return Feed("rss", _text(channel.find("title")), entries, reader.warnings)


FEED_KINDS = {f"{{{ATOM_NAMESPACE}}}feed": _atom, "rss": _rss}


def read_feed(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, region: Region | None = None
) -> Feed:
    """The entries of an Atom or RSS index feed; CapRejected when it is not one.

    `region` (south, west, north, east), e.g. the ward's province, lets the reader notice
    points written longitude-first that would otherwise still land on the globe.
    """
    root = parse_xml(data, max_bytes=max_bytes)
    read = FEED_KINDS.get(root.tag)
    if read is None:
        raise CapRejected(Issue("/", "feed-unknown", {"found": _local(root)}))
    return read(root, _Reader(region))
