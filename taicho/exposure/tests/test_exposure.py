import pytest

from taicho.community.services import household_create, household_update, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.exposure.models import HouseholdZone
from taicho.exposure.selectors import counts_by_group, counts_by_zone
from taicho.hazards.services import hazard_zone_create, hazard_zone_update

pytestmark = pytest.mark.django_db


def _household(lan, ward, group, code, lat, lon):
    return household_create(
        actor=lan, ward=ward, code=code, address=f"Số {code}", group=group, lat=lat, lon=lon
    )


def test_it_links_households_inside_a_zone_and_follows_moves(lan, ward_a, group_a1):
    inside = _household(lan, ward_a, group_a1, "H1", CENTRE_LAT, CENTRE_LON)
    outside = _household(lan, ward_a, group_a1, "H2", CENTRE_LAT + 0.01, CENTRE_LON)
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Bãi sông",
        kind="riverside",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    assert set(HouseholdZone.objects.values_list("household_id", flat=True)) == {inside.id}

    household_update(actor=lan, household=outside, lat=CENTRE_LAT + 0.001)
    assert HouseholdZone.objects.filter(zone=zone).count() == 2

    hazard_zone_update(actor=lan, zone=zone, geometry=square(CENTRE_LAT + 0.05, CENTRE_LON))
    assert HouseholdZone.objects.filter(zone=zone).count() == 0


def test_it_counts_vulnerable_residents_per_zone_and_group(lan, ward_a, group_a1, group_a2):
    home = _household(lan, ward_a, group_a1, "H1", CENTRE_LAT, CENTRE_LON)
    resident_create(actor=lan, household=home, full_name="Nguyễn Văn An", birth_year=1940)
    resident_create(actor=lan, household=home, full_name="Nguyễn Thị Bé", birth_year=1990)
    resident_create(
        actor=lan, household=home, full_name="Nguyễn Văn Cường", birth_year=1985, is_disabled=True
    )
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Ngập",
        kind="inundation",
        geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    by_zone = counts_by_zone(ward_id=ward_a.id)[zone.id]
    assert (by_zone.households, by_zone.residents, by_zone.vulnerable) == (1, 3, 2)
    by_group = counts_by_group(ward_id=ward_a.id)
    assert by_group[group_a1.id].vulnerable == 2
    assert by_group[group_a2.id].households == 0
