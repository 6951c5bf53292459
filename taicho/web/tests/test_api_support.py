"""Helpers for the API tests (no tests here): a client that speaks as one user, and data."""

from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.services import api_token_create
from taicho.hazards.services import hazard_zone_create

BASE = "/api/v1"


class Api:
    """Django's test client with a bearer token of `user` and paths relative to /api/v1."""

    def __init__(self, client, user, **headers):
        _token, key = api_token_create(user=user, name="tests")
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}", **headers}

    def get(self, path, params=None):
        return self.client.get(BASE + path, params or {}, headers=self.headers)

    def post(self, path, body):
        return self.client.post(
            BASE + path, body, content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(
            BASE + path, body, content_type="application/json", headers=self.headers
        )


def household(lan, ward, group, code, **fields):
    fields = {"address": f"Số {code} đường Bạch Đằng", **fields}
    return household_create(actor=lan, ward=ward, group=group, code=code, **fields)


def ward_a_households(lan, ward_a, group_a1, group_a2):
    """Three homes of group 1 (one in the flood zone, one with an old man) and one of group 2."""
    homes = {
        "H1": household(
            lan, ward_a, group_a1, "H1", lat=CENTRE_LAT, lon=CENTRE_LON, phones=["0912345678"]
        ),
        "H2": household(
            lan, ward_a, group_a1, "H2", address="Ngõ Trại Chuối", housing_type="makeshift"
        ),
        "H3": household(lan, ward_a, group_a1, "H3", lat=CENTRE_LAT + 0.02, lon=CENTRE_LON),
        "H4": household(lan, ward_a, group_a2, "H4", phones=["0987654321"]),
    }
    resident_create(actor=lan, household=homes["H2"], full_name="Trần Văn Cụ", birth_year=1940)
    resident_create(actor=lan, household=homes["H2"], full_name="Trần Thị Bé", birth_year=1995)
    hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="NGAP-1",
        name="Vùng trũng ven sông Cấm",
        kind="inundation",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    return homes
