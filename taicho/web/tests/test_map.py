"""The ward map: its page, the layer data each user may see, and drawing / editing zones."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.exposure.models import HouseholdZone
from taicho.hazards.models import HazardKind, HazardZone
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.services import shelter_create
from taicho.web.map_data import KIND_COLOURS

pytestmark = pytest.mark.django_db

THIS_YEAR_ELDER = 1940
ADULT = 1990


@pytest.fixture
def town(lan, binh, ward_a, ward_b, group_a1, group_a2, group_b1):
    """Ward A: four located households (two per group) and one without a location; one zone
    over the centre holding H1 and H3; one shelter. Ward B: one household, one zone."""

    def household(actor, ward, group, code, lat, lon, **extra):
        return household_create(
            actor=actor,
            ward=ward,
            code=code,
            address=f"Số {code} phố Bạch Đằng",
            group=group,
            lat=lat,
            lon=lon,
            **extra,
        )

    h1 = household(lan, ward_a, group_a1, "H1", CENTRE_LAT, CENTRE_LON)
    h2 = household(lan, ward_a, group_a1, "H2", CENTRE_LAT + 0.01, CENTRE_LON)
    h3 = household(lan, ward_a, group_a2, "H3", CENTRE_LAT + 0.001, CENTRE_LON, poverty="poor")
    h4 = household(lan, ward_a, group_a2, "H4", CENTRE_LAT - 0.01, CENTRE_LON)
    h5 = household(lan, ward_a, group_a2, "H5", None, None)
    resident_create(actor=lan, household=h1, full_name="Nguyễn Văn Ân", birth_year=THIS_YEAR_ELDER)
    resident_create(actor=lan, household=h1, full_name="Nguyễn Thị Bình", birth_year=ADULT)
    resident_create(actor=lan, household=h3, full_name="Trần Văn Cường", birth_year=ADULT)
    resident_create(actor=lan, household=h4, full_name="Lê Thị Dung", birth_year=ADULT)
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="NU-01",
        name="Khu ngập phố Bạch Đằng",
        kind=HazardKind.INUNDATION,
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    shelter = shelter_create(
        actor=lan,
        ward=ward_a,
        code="S1",
        name="Trường Tiểu học Bạch Đằng",
        kind="school",
        lat=CENTRE_LAT + 0.003,
        lon=CENTRE_LON,
        capacity=300,
    )
    hb = household(binh, ward_b, group_b1, "B1", CENTRE_LAT, CENTRE_LON)
    zone_b = hazard_zone_create(
        actor=binh,
        ward=ward_b,
        code="B-01",
        name="Bãi sông",
        kind=HazardKind.RIVERSIDE,
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    return {
        "h1": h1,
        "h2": h2,
        "h3": h3,
        "h4": h4,
        "h5": h5,
        "hb": hb,
        "zone": zone,
        "zone_b": zone_b,
        "shelter": shelter,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def _rows(response) -> dict[int, dict]:
    data = response.json()
    return {row[0]: dict(zip(data["fields"], row, strict=True)) for row in data["rows"]}


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _config(response) -> dict:
    match = re.search(
        r'<script id="map-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(match.group(1))


def _bow_tie() -> dict:
    lat, lon = CENTRE_LAT, CENTRE_LON
    ring = [[lon, lat], [lon + 0.002, lat + 0.002], [lon + 0.002, lat], [lon, lat + 0.002]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


# -- Households layer -----------------------------------------------------------------------


def test_it_lists_exactly_the_households_each_user_may_see(
    town, ward_a, lan, minh, duc, thao, binh
):
    url = _url("ward_map_households", ward_a)
    everyone = {town[name].id for name in ("h1", "h2", "h3", "h4")}

    assert set(_rows(_client(lan).get(url))) == everyone
    assert set(_rows(_client(thao).get(url))) == everyone
    assert set(_rows(_client(minh).get(url))) == {town["h1"].id, town["h2"].id}
    assert _client(duc).get(url).json()["rows"] == []
    assert _client(binh).get(url).status_code == 404


def test_it_marks_vulnerable_and_poor_households(town, ward_a, lan):
    rows = _rows(_client(lan).get(_url("ward_map_households", ward_a)))

    assert {pk for pk, row in rows.items() if row["vulnerable"]} == {town["h1"].id, town["h3"].id}
    h1 = rows[town["h1"].id]
    assert (h1["lat"], h1["lon"], h1["group"]) == (CENTRE_LAT, CENTRE_LON, town["h1"].group_id)


def test_it_filters_households_by_residential_group(town, ward_a, group_a2, lan):
    client = _client(lan)
    url = _url("ward_map_households", ward_a)

    only_a2 = client.get(url, {"group": group_a2.id})
    assert set(_rows(only_a2)) == {town["h3"].id, town["h4"].id}
    bad = client.get(url, {"group": "tổ 2"})
    assert bad.status_code == 400
    assert "group" in bad.json()["errors"]


def test_it_shows_a_household_popup_only_to_those_who_may_see_it(town, ward_a, lan, minh, duc):
    h1_url = _url("ward_map_household", ward_a, town["h1"].id)

    data = _client(lan).get(h1_url).json()
    assert (data["code"], data["group"], data["residents"]) == ("H1", "Tổ dân phố 1", 2)
    assert data["vulnerable"] is True
    assert [flag["flag"] for flag in data["flags"]] == ["elderly"]
    assert data["url"] == _url("household_detail", ward_a, town["h1"].id)
    assert "Ân" not in json.dumps(data, ensure_ascii=False)  # no names in a map popup

    poor = _client(lan).get(_url("ward_map_household", ward_a, town["h3"].id)).json()
    assert [flag["flag"] for flag in poor["flags"]] == ["poor"]
    assert _client(minh).get(h1_url).status_code == 200
    assert _client(minh).get(_url("ward_map_household", ward_a, town["h3"].id)).status_code == 404
    assert _client(duc).get(h1_url).status_code == 404
    other_ward = _url("ward_map_household", ward_a, town["hb"].id)
    assert _client(lan).get(other_ward).status_code == 404


# -- Zones and shelters layers --------------------------------------------------------------


def test_it_returns_the_zones_with_their_counts_colour_and_link(town, ward_a, lan, duc, binh):
    response = _client(lan).get(_url("ward_map_zones", ward_a))
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]

    assert [feature["id"] for feature in features] == [town["zone"].id]
    props = features[0]["properties"]
    assert (props["households"], props["residents"], props["vulnerable"]) == (2, 3, 1)
    assert props["colour"] == KIND_COLOURS[HazardKind.INUNDATION]
    assert props["url"] == _url("zone_detail", ward_a, town["zone"].id)
    with translation.override("vi"):
        assert props["kind_label"] == str(HazardKind.INUNDATION.label) != "Inundation"
    assert features[0]["geometry"]["type"] == "Polygon"
    # Everyone of the ward sees the zones (places), even without access to households.
    assert len(_client(duc).get(_url("ward_map_zones", ward_a)).json()["features"]) == 1
    assert _client(binh).get(_url("ward_map_zones", ward_a)).status_code == 404


def test_it_has_a_colour_for_every_hazard_kind():
    assert set(KIND_COLOURS) == set(HazardKind.values)


def test_it_returns_the_shelters_as_points(town, ward_a, duc, binh):
    features = _client(duc).get(_url("ward_map_shelters", ward_a)).json()["features"]

    assert len(features) == 1
    assert features[0]["geometry"]["coordinates"] == [CENTRE_LON, CENTRE_LAT + 0.003]
    props = features[0]["properties"]
    assert (props["name"], props["capacity"]) == ("Trường Tiểu học Bạch Đằng", 300)
    assert props["url"] == _url("shelter_detail", ward_a, town["shelter"].id)
    assert props["kind_label"] != "School"
    assert _client(binh).get(_url("ward_map_shelters", ward_a)).status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(town, ward_a):
    response = Client().get(_url("ward_map_households", ward_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# -- The page -------------------------------------------------------------------------------


def test_it_renders_the_map_page_in_vietnamese_without_external_urls(town, ward_a, lan):
    response = _client(lan).get(_url("ward_map", ward_a))
    assert response.status_code == 200
    html = response.content.decode()

    assert not re.search(r"https?://", html)
    for asset in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js", "web/map.js"):
        assert asset in html
    assert 'id="ward-map"' in html and 'id="map-legend"' in html
    assert "Tất cả tổ dân phố" in html
    assert "Chú giải" in html
    assert f"Bản đồ {ward_a.name}" in html
    config = _config(response)
    assert config["texts"]["layer_zones"] == "Khu vực nguy cơ"
    assert config["texts"]["layer_households"] == "Hộ dân"
    assert config["texts"]["layer_shelters"] == "Điểm sơ tán"
    assert config["view"] == {"center": [CENTRE_LAT, CENTRE_LON], "zoom": 15}
    assert config["tiles"]["url"] == ""
    assert config["urls"]["household"].endswith("/households/{id}.json")
    assert "<script>" not in html  # the CSP allows no inline script without a nonce


def test_it_speaks_english_to_those_who_ask(town, ward_a, lan):
    client = _client(lan)
    response = client.get(_url("ward_map", ward_a), HTTP_ACCEPT_LANGUAGE="en")

    assert "All residential groups" in response.content.decode()
    assert _config(response)["texts"]["layer_zones"] == "Hazard zones"
    assert _config(response)["draw_texts"]["draw"]["toolbar"]["buttons"]["polygon"] == (
        "Draw an area"
    )


def test_it_offers_the_drawing_tools_only_to_those_who_may_change_zones(
    town, ward_a, group_a1, lan, minh, duc
):
    for_lan = _client(lan).get(_url("ward_map", ward_a))
    assert _config(for_lan)["can_edit"] is True
    assert "leaflet/draw/leaflet.draw.js" in for_lan.content.decode()
    assert _config(for_lan)["draw_texts"]["draw"]["toolbar"]["buttons"]["polygon"] == (
        "Vẽ một khu vực"
    )

    for_minh = _client(minh).get(_url("ward_map", ward_a))
    html = for_minh.content.decode()
    assert _config(for_minh)["can_edit"] is False
    assert "leaflet.draw.js" not in html and 'id="zone-form"' not in html
    # A group leader's filter offers only his own groups.
    assert re.findall(r'<option value="(\d+)">', html) == [str(group_a1.id)]
    assert 'id="map-group"' not in _client(duc).get(_url("ward_map", ward_a)).content.decode()


def test_it_shows_base_tiles_only_when_configured(town, ward_a, lan, settings):
    settings.TAICHO_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.TAICHO_TILE_ATTRIBUTION = "© Bản đồ thử"

    tiles = _config(_client(lan).get(_url("ward_map", ward_a)))["tiles"]
    assert tiles == {"url": settings.TAICHO_TILE_URL, "attribution": "© Bản đồ thử"}


def test_it_opens_on_what_there_is_when_the_ward_has_no_centre(town, ward_b, binh):
    config = _config(_client(binh).get(_url("ward_map", ward_b)))
    south_west, north_east = config["view"]["bounds"]
    assert south_west[0] <= CENTRE_LAT <= north_east[0]
    assert south_west[1] <= CENTRE_LON <= north_east[1]


def test_it_opens_on_the_province_when_the_ward_has_nothing(ward_b, binh, ward_a):
    config = _config(_client(binh).get(_url("ward_map", ward_b)))
    assert config["view"] == {"bounds": [[CENTRE_LAT, CENTRE_LON], [CENTRE_LAT, CENTRE_LON]]}


def test_it_focuses_the_zone_named_in_the_address(town, ward_a, lan):
    client = _client(lan)
    url = _url("ward_map", ward_a)
    assert _config(client.get(url, {"zone": town["zone"].id}))["focus_zone"] == town["zone"].id
    assert _config(client.get(url, {"zone": "x"}))["focus_zone"] is None


# -- Drawing and editing zones --------------------------------------------------------------


def test_it_creates_a_drawn_zone_with_audit_and_links(town, ward_a, lan):
    before = AuditEntry.objects.filter(object_type="hazards.hazardzone").count()
    response = _post(
        _client(lan),
        _url("ward_map_zone_create", ward_a),
        {
            "code": " SL-02 ",
            "name": "Sạt lở bờ sông Đá Bạc",
            "kind": "landslide",
            "geometry": square(CENTRE_LAT - 0.01, CENTRE_LON, half=0.001),
        },
    )

    assert response.status_code == 201
    feature = response.json()["zone"]
    zone = HazardZone.objects.get(pk=feature["id"])
    assert (zone.ward_id, zone.code, zone.kind) == (ward_a.id, "SL-02", "landslide")
    assert feature["properties"]["households"] == 1
    assert set(HouseholdZone.objects.filter(zone=zone).values_list("household_id", flat=True)) == {
        town["h4"].id
    }
    entry = AuditEntry.objects.get(object_type="hazards.hazardzone", object_id=str(zone.pk))
    assert (entry.action, entry.actor) == (AuditEntry.Action.CREATE, lan)
    assert AuditEntry.objects.filter(object_type="hazards.hazardzone").count() == before + 1


def test_it_saves_an_edited_shape_and_recomputes_the_links(town, ward_a, lan):
    zone = town["zone"]
    moved = square(CENTRE_LAT + 0.01, CENTRE_LON)

    response = _post(
        _client(lan), _url("ward_map_zone_geometry", ward_a, zone.id), {"geometry": moved}
    )

    assert response.status_code == 200
    assert response.json()["zone"]["properties"]["households"] == 1
    zone.refresh_from_db()
    assert zone.min_lat == pytest.approx(CENTRE_LAT + 0.008)
    linked = set(HouseholdZone.objects.filter(zone=zone).values_list("household_id", flat=True))
    assert linked == {town["h2"].id}
    entry = AuditEntry.objects.filter(object_id=str(zone.pk), action="update").get()
    assert "geometry" in entry.changes and entry.actor == lan


@pytest.mark.parametrize(
    "geometry",
    [
        _bow_tie(),
        square(48.85, 2.35),  # Paris
        {"type": "Polygon", "coordinates": "nowhere"},
        None,
    ],
    ids=["self-intersecting", "outside-vietnam", "garbled", "missing"],
)
def test_it_rejects_a_bad_shape_with_a_message_for_the_field(town, ward_a, lan, geometry):
    zone = town["zone"]
    before = (zone.geometry, AuditEntry.objects.count())
    client = _client(lan)

    edited = _post(client, _url("ward_map_zone_geometry", ward_a, zone.id), {"geometry": geometry})
    drawn = _post(
        client,
        _url("ward_map_zone_create", ward_a),
        {"code": "X-1", "name": "Thử", "kind": "other", "geometry": geometry},
    )

    for response in (edited, drawn):
        assert response.status_code == 400
        messages = response.json()["errors"]["geometry"]
        assert messages and all(message.strip() for message in messages)
    zone.refresh_from_db()
    assert (zone.geometry, AuditEntry.objects.count()) == before
    assert not HazardZone.objects.filter(code="X-1").exists()


def test_it_says_which_field_is_wrong_in_a_drawn_zone(town, ward_a, lan):
    client = _client(lan)
    url = _url("ward_map_zone_create", ward_a)
    shape = square(CENTRE_LAT, CENTRE_LON, half=0.0005)

    blank = _post(client, url, {"code": "", "name": "Thử", "kind": "other", "geometry": shape})
    assert set(blank.json()["errors"]) == {"code"}
    bad_kind = _post(client, url, {"code": "K", "name": "Thử", "kind": "lava", "geometry": shape})
    assert set(bad_kind.json()["errors"]) == {"kind"}
    not_text = _post(client, url, {"code": 7, "name": "Thử", "kind": "other", "geometry": shape})
    assert set(not_text.json()["errors"]) == {"code"}
    twice = _post(client, url, {"code": "NU-01", "name": "Lại", "kind": "other", "geometry": shape})
    assert twice.status_code == 400 and twice.json()["errors"]
    garbled = client.post(url, data="{not json", content_type="application/json")
    assert garbled.status_code == 400 and garbled.json()["errors"]["__all__"]
    assert HazardZone.objects.filter(ward=ward_a).count() == 1


def test_it_forbids_drawing_to_those_who_only_read(town, ward_a, thao, minh, duc):
    zone = town["zone"]
    body = {"code": "Z9", "name": "Thử", "kind": "other", "geometry": square(20.9, 106.7)}
    before = AuditEntry.objects.count()

    for user in (thao, minh, duc):
        client = _client(user)
        created = _post(client, _url("ward_map_zone_create", ward_a), body)
        edited = _post(
            client, _url("ward_map_zone_geometry", ward_a, zone.id), {"geometry": body["geometry"]}
        )
        assert (created.status_code, edited.status_code) == (403, 403), user.username
        assert created.json()["errors"]["__all__"]
    assert AuditEntry.objects.count() == before
    assert not HazardZone.objects.filter(code="Z9").exists()


def test_it_hides_another_wards_zones_from_the_drawing_endpoints(town, ward_a, ward_b, binh):
    client = _client(binh)
    shape = {"geometry": square(CENTRE_LAT, CENTRE_LON)}
    zone_a = town["zone"]

    assert _post(client, _url("ward_map_zone_geometry", ward_a, zone_a.id), shape).status_code == (
        404
    )
    assert _post(client, _url("ward_map_zone_geometry", ward_b, zone_a.id), shape).status_code == (
        404
    )
    body = {"code": "B-9", "name": "Thử", "kind": "other", **shape}
    assert _post(client, _url("ward_map_zone_create", ward_a), body).status_code == 404
    zone_a.refresh_from_db()
    assert zone_a.geometry == square(CENTRE_LAT, CENTRE_LON)


def test_it_needs_the_csrf_token_in_the_header(town, ward_a, lan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lan)
    client.get(_url("ward_map", ward_a))
    url = _url("ward_map_zone_create", ward_a)
    body = json.dumps(
        {"code": "C-1", "name": "Thử", "kind": "other", "geometry": square(20.96, 106.72)}
    )

    refused = client.post(url, data=body, content_type="application/json")
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, data=body, content_type="application/json", HTTP_X_CSRFTOKEN=token)

    assert (refused.status_code, accepted.status_code) == (403, 201)


def test_it_only_accepts_posts_for_writes(town, ward_a, lan):
    assert _client(lan).get(_url("ward_map_zone_create", ward_a)).status_code == 405
