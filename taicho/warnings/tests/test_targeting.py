"""Who an alert reaches: by polygon, hazard zones, residential groups or the whole ward, with
counts of residents and vulnerable residents, and only as far as the user may see."""

import numpy as np
import pytest

from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.hazards.services import hazard_zone_create
from taicho.warnings import targeting
from taicho.warnings.models import HazardType
from taicho.warnings.selectors import alert_targets, target_households_page, targets_preview
from taicho.warnings.services import alert_draft, alert_update_draft
from taicho.warnings.targeting import target_households

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_templates")]

FAR = 0.01  # about 1 km away


@pytest.fixture
def village(lan, ward_a, group_a1, group_a2):
    """Four households: two near the centre (one per group), two 1 km north (one per group).

    Vulnerable: H1's grandmother (born 1940) and H3's child (born 2020); H4 is empty.
    """

    def home(code, group, lat, lon, people):
        household = household_create(
            actor=lan, ward=ward_a, code=code, address=f"Số {code}", group=group, lat=lat, lon=lon
        )
        for name, year in people:
            resident_create(actor=lan, household=household, full_name=name, birth_year=year)
        return household

    return {
        "H1": home(
            "H1", group_a1, CENTRE_LAT, CENTRE_LON, [("Bà Lê Thị Tư", 1940), ("Lê Văn Năm", 1985)]
        ),
        "H2": home("H2", group_a1, CENTRE_LAT + FAR, CENTRE_LON, [("Trần Văn Sáu", 1980)]),
        "H3": home(
            "H3",
            group_a2,
            CENTRE_LAT + 0.0005,
            CENTRE_LON,
            [("Phạm Thị Bảy", 1990), ("Phạm Bé Tám", 2020)],
        ),
        "H4": home("H4", group_a2, CENTRE_LAT + FAR, CENTRE_LON + 0.0005, []),
    }


def _alert(lan, ward, **targets):
    return alert_draft(actor=lan, ward=ward, hazard_type=HazardType.FLOOD, level=2, **targets)


def _ids(result, village, *codes):
    assert sorted(result.household_ids.tolist()) == sorted(village[code].id for code in codes)


def test_it_targets_by_polygon(lan, ward_a, village):
    result = target_households(
        alert=_alert(lan, ward_a, area_geometry=square(CENTRE_LAT, CENTRE_LON))
    )
    _ids(result, village, "H1", "H3")
    assert (result.households, result.residents, result.vulnerable) == (2, 4, 2)
    assert result.vulnerable_households == 2
    by_group = {
        group: (c.households, c.residents, c.vulnerable) for group, c in result.by_group.items()
    }
    assert by_group == {village["H1"].group_id: (1, 2, 1), village["H3"].group_id: (1, 2, 1)}


def test_it_targets_by_hazard_zone_through_the_stored_links(lan, ward_a, village):
    zone = hazard_zone_create(
        actor=lan,
        ward=ward_a,
        code="Z1",
        name="Bãi ngoài đê phía bắc",
        kind="riverside",
        geometry=square(CENTRE_LAT + FAR, CENTRE_LON),
    )
    result = target_households(alert=_alert(lan, ward_a, zones=[zone]))
    _ids(result, village, "H2", "H4")
    assert (result.residents, result.vulnerable, result.vulnerable_households) == (1, 0, 0)


def test_it_targets_by_group_and_by_the_whole_ward(lan, ward_a, group_a2, village):
    by_group = target_households(alert=_alert(lan, ward_a, groups=[group_a2]))
    _ids(by_group, village, "H3", "H4")
    assert (by_group.residents, by_group.vulnerable) == (2, 1)
    whole = target_households(alert=_alert(lan, ward_a, whole_ward=True))
    _ids(whole, village, "H1", "H2", "H3", "H4")
    assert (whole.residents, whole.vulnerable) == (5, 2)


def test_it_counts_each_household_once_in_a_union_of_targets(lan, ward_a, group_a1, village):
    alert = _alert(lan, ward_a, area_geometry=square(CENTRE_LAT, CENTRE_LON), groups=[group_a1])
    result = target_households(alert=alert)
    _ids(result, village, "H1", "H2", "H3")
    assert (result.residents, result.vulnerable) == (5, 2)
    # The same through the one-pass counting used for large targets.
    original = targeting.SMALL_TARGET
    targeting.SMALL_TARGET = 0
    try:
        large = target_households(alert=alert)
    finally:
        targeting.SMALL_TARGET = original
    assert np.array_equal(large.household_ids, result.household_ids)
    assert (large.residents, large.vulnerable, large.by_group) == (
        result.residents,
        result.vulnerable,
        result.by_group,
    )
    # A point a loop would test one by one gives the same households.
    slow = target_households(
        alert=alert,
        contains=lambda area, lons, lats: np.array(
            [area.contains(targeting.shapely.Point(x, y)) for x, y in zip(lons, lats, strict=True)],
            dtype=bool,
        ),
    )
    assert np.array_equal(slow.household_ids, result.household_ids)


def test_it_shows_a_group_leader_only_their_groups_households(
    lan, minh, duc, binh, ward_a, village
):
    alert = _alert(lan, ward_a, whole_ward=True)
    assert alert_targets(user=lan, alert=alert).households == 4
    own = alert_targets(user=minh, alert=alert)  # leader of group A1 only
    _ids(own, village, "H1", "H2")
    assert (own.residents, own.vulnerable) == (3, 1)
    page = target_households_page(user=minh, alert=alert, result=own)
    assert [household.code for household in page] == ["H1", "H2"]
    assert alert_targets(user=duc, alert=alert).households == 0  # no right on people
    assert alert_targets(user=binh, alert=alert).households == 0  # another ward


def test_it_previews_a_target_before_the_draft_is_saved(lan, ward_a, village):
    preview = targets_preview(user=lan, ward=ward_a, area_geometry=square(CENTRE_LAT, CENTRE_LON))
    _ids(preview, village, "H1", "H3")
    alert = _alert(lan, ward_a, whole_ward=True)
    alert = alert_update_draft(
        actor=lan, alert=alert, whole_ward=False, groups=[village["H1"].group]
    )
    _ids(target_households(alert=alert), village, "H1", "H2")
