"""Walk every page and every API route as a user of ward B against ward A's objects.

Nothing of ward A may be read (404/403, or an empty list when the route names ward B) and
nothing may be written. The walk is built from the URL configuration and the OpenAPI
document, so a route added later is walked too without editing this test.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from taicho.channels.models import ChannelConfig
from taicho.community.models import Household, Resident
from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry, ResidentialGroup
from taicho.core.services import api_token_create
from taicho.dispatch.answer_models import Answer
from taicho.dispatch.models import Message
from taicho.dispatch.welfare import welfare_check_send
from taicho.hazards.models import HazardZone
from taicho.hazards.services import hazard_zone_create
from taicho.shelters.models import Shelter
from taicho.shelters.services import shelter_create

pytestmark = pytest.mark.django_db

SECRET_NAME = "Nguyễn Thị Bí Mật"
SECRET_ADDRESS = "Số 99 ngõ Kín"
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def ward_a_records(lan, ward_a, group_a1):
    household = household_create(
        actor=lan,
        ward=ward_a,
        code="A-SECRET",
        address=SECRET_ADDRESS,
        group=group_a1,
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        phones=["0912345678"],
    )
    resident = resident_create(actor=lan, household=household, full_name=SECRET_NAME)
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="A-Z",
        name="Khu vực bí mật",
        kind="inundation",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    shelter = shelter_create(
        actor=lan,
        ward=ward_a,
        code="A-S",
        name="Điểm bí mật",
        kind="school",
        lat=CENTRE_LAT,
        lon=CENTRE_LON,
        capacity=100,
    )
    channel = ChannelConfig.objects.create(
        ward=ward_a, kind="locmem", name="SMS A", config={"inbound_secret": "a" * 20}
    )
    welfare = welfare_check_send(
        actor=lan, ward=ward_a, question="Nhà có an toàn không?", groups=[group_a1]
    )
    return [household, resident, zone, shelter, group_a1, channel, welfare]


def _routes(patterns=None, prefix=""):
    """Every URL pattern as a regex-free template like 'w/<ward_code>/households/<pk>/'."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _ward_routes():
    routes = sorted({route for route in _routes() if route.startswith("w/<int:ward_code>/")})
    assert len(routes) >= 5, routes
    return routes


def _fill(route: str, *, ward_code: int, object_id: int) -> str:
    path = route.replace("<int:ward_code>", str(ward_code))
    path = re.sub(r"<(?:int|str|slug|path):[a-z_]+>", str(object_id), path)
    path = re.sub(r"<[a-z_]+>", str(object_id), path)
    return "/" + path.lstrip("^").rstrip("$")


def _ward_a_state(ward_a):
    return (
        list(Household.objects.filter(ward=ward_a).values()),
        list(Resident.objects.filter(ward=ward_a).values()),
        list(HazardZone.objects.filter(ward=ward_a).values()),
        list(Shelter.objects.filter(ward=ward_a).values()),
        list(ResidentialGroup.objects.filter(ward=ward_a).values()),
        list(ChannelConfig.objects.filter(ward=ward_a).values()),
        list(Message.objects.filter(ward=ward_a).values()),
        list(Answer.objects.filter(ward=ward_a).values()),
        AuditEntry.objects.filter(ward=ward_a).count(),
    )


def test_it_lets_ward_b_neither_read_nor_write_ward_a_through_the_web(
    client, binh, ward_a, ward_b, group_b1, ward_a_records
):
    before = _ward_a_state(ward_a)
    client.force_login(binh)
    ids = sorted({record.pk for record in ward_a_records})
    walked = 0
    for route in _ward_routes():
        for object_id in ids:
            for ward_code in (ward_a.code, ward_b.code):
                path = _fill(route, ward_code=ward_code, object_id=object_id)
                for method in METHODS:
                    response = getattr(client, method)(path)
                    walked += 1
                    body = response.content.decode(errors="replace")
                    assert SECRET_NAME not in body and SECRET_ADDRESS not in body, (method, path)
                    if ward_code == ward_a.code:
                        assert response.status_code in (403, 404, 405), (method, path)
    assert walked > 100
    assert _ward_a_state(ward_a) == before


def test_it_proves_the_web_walk_reaches_real_pages(client, lan, ward_a, ward_a_records):
    """The same walk as ward A's officer finds pages, so 404s above are not a broken walk."""
    client.force_login(lan)
    found = set()
    for route in _ward_routes():
        for record in ward_a_records:
            path = _fill(route, ward_code=ward_a.code, object_id=record.pk)
            if client.get(path).status_code == 200:
                found.add(route)
    assert len(found) >= 5, found


def _api_operations(client, key):
    schema = client.get("/api/v1/openapi.json", headers={"authorization": f"Bearer {key}"})
    assert schema.status_code == 200
    for path, operations in schema.json()["paths"].items():
        for method in operations:
            if method in METHODS:
                yield path, method


def test_it_lets_ward_b_neither_read_nor_write_ward_a_through_the_api(
    client, binh, ward_a, ward_b, group_b1, ward_a_records
):
    before = _ward_a_state(ward_a)
    _token, key = api_token_create(user=binh, name="walk")
    headers = {"authorization": f"Bearer {key}"}
    ids = sorted({record.pk for record in ward_a_records})
    walked = 0
    for path, method in _api_operations(client, key):
        if "{ward_code}" not in path:
            continue
        for object_id in ids:
            for ward_code in (ward_a.code, ward_b.code):
                url = re.sub(
                    r"\{[a-z_]+\}", str(object_id), path.replace("{ward_code}", str(ward_code))
                )
                response = getattr(client, method)(
                    url, data={}, content_type="application/json", headers=headers
                )
                walked += 1
                body = response.content.decode(errors="replace")
                assert SECRET_NAME not in body and SECRET_ADDRESS not in body, (method, url)
                assert "A-SECRET" not in body, (method, url)
                if ward_code == ward_a.code:
                    assert response.status_code in (403, 404, 405, 422), (method, url)
    assert walked >= 20
    assert _ward_a_state(ward_a) == before
