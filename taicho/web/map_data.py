"""The reads behind the ward map: where it opens, and the data of each layer.

Every read goes through `visible_to(user)` and is filtered by the ward. The households layer
must stay small and fast for 100,000 households, so it is a list of plain arrays built from
one `values_list` query, not GeoJSON features.
"""

from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from taicho.community.models import Household, Resident
from taicho.community.vulnerability import (
    FLAG_LABELS,
    current_year,
    vulnerability_flags,
    vulnerable_q,
)
from taicho.core.access import grants_for
from taicho.core.models import ResidentialGroup, Ward
from taicho.exposure.selectors import Counts, counts_by_zone
from taicho.geo.geojson import VIETNAM_LAT, VIETNAM_LON
from taicho.hazards.models import HazardKind, HazardZone
from taicho.shelters.models import Shelter

# One colour per hazard kind, used by the map and its legend alike.
KIND_COLOURS: dict[str, str] = {
    HazardKind.INUNDATION: "#1f6fd1",
    HazardKind.LANDSLIDE: "#8c510a",
    HazardKind.RIVERSIDE: "#0e9aa7",
    HazardKind.COASTAL: "#6a3d9a",
    HazardKind.WEAK_POINT: "#d7301f",
    HazardKind.UNSAFE_STRUCTURE: "#e6550d",
    HazardKind.OTHER: "#636363",
}
FALLBACK_KIND_COLOUR = "#636363"
HOUSEHOLD_COLOUR = "#2f5d7c"
VULNERABLE_COLOUR = "#c51b7d"
SHELTER_COLOUR = "#1a9850"

# Zoom when the ward has a recorded centre: a ward of a few km² fills a phone screen.
WARD_ZOOM = 15
HOUSEHOLD_FIELDS = ["id", "lat", "lon", "group", "vulnerable"]
# About 10 cm: enough for a house, and a third fewer bytes than full floats.
COORDINATE_DIGITS = 6


def kind_legend() -> list[dict]:
    """[{kind, label, colour}] for every hazard kind, in the order of the choices."""
    return [
        {"kind": kind, "label": str(label), "colour": KIND_COLOURS.get(kind, FALLBACK_KIND_COLOUR)}
        for kind, label in HazardKind.choices
    ]


# -- Where the map opens --------------------------------------------------------------------


def _bounds(south, west, north, east) -> list[list[float]] | None:
    if None in (south, west, north, east):
        return None
    return [[south, west], [north, east]]


def _union(*boxes: list[list[float]] | None) -> list[list[float]] | None:
    boxes = [box for box in boxes if box is not None]
    if not boxes:
        return None
    return [
        [min(box[0][0] for box in boxes), min(box[0][1] for box in boxes)],
        [max(box[1][0] for box in boxes), max(box[1][1] for box in boxes)],
    ]


def map_view_box(*, ward: Ward, user) -> dict:
    """{"center": [lat, lon], "zoom": z} or {"bounds": [[s, w], [n, e]]} to open the map on.

    The ward's recorded centre first; else what the user can see of its zones and households;
    else the wards of its province that have a centre; else the whole of Vietnam.
    """
    if ward.center_lat is not None and ward.center_lon is not None:
        return {"center": [ward.center_lat, ward.center_lon], "zoom": WARD_ZOOM}
    zones = (
        HazardZone.objects.visible_to(user)
        .filter(ward=ward)
        .aggregate(s=Min("min_lat"), w=Min("min_lon"), n=Max("max_lat"), e=Max("max_lon"))
    )
    households = (
        Household.objects.visible_to(user)
        .filter(ward=ward)
        .aggregate(s=Min("lat"), w=Min("lon"), n=Max("lat"), e=Max("lon"))
    )
    seen = _union(
        _bounds(zones["s"], zones["w"], zones["n"], zones["e"]),
        _bounds(households["s"], households["w"], households["n"], households["e"]),
    )
    if seen is not None:
        return {"bounds": seen}
    province = Ward.objects.filter(
        province_id=ward.province_id, center_lat__isnull=False, center_lon__isnull=False
    ).aggregate(s=Min("center_lat"), w=Min("center_lon"), n=Max("center_lat"), e=Max("center_lon"))
    near = _bounds(province["s"], province["w"], province["n"], province["e"])
    if near is not None:
        return {"bounds": near}
    return {"bounds": [[VIETNAM_LAT[0], VIETNAM_LON[0]], [VIETNAM_LAT[1], VIETNAM_LON[1]]]}


# -- Residential groups ---------------------------------------------------------------------


def map_groups(*, ward: Ward, user) -> list[ResidentialGroup]:
    """The groups whose households the user may see, for the group filter."""
    grants = grants_for(user, topic=Household.scope_topic, write=False)
    groups = ResidentialGroup.objects.visible_to(user).filter(ward=ward).order_by("code")
    if grants is None:
        return list(groups)
    grant = next((grant for grant in grants if grant.ward_id == ward.id), None)
    if grant is None:
        return []
    if grant.group_ids is not None:
        groups = groups.filter(id__in=grant.group_ids)
    return list(groups)


# -- Hazard zones ---------------------------------------------------------------------------


def zone_feature(zone: HazardZone, counts: Counts | None, *, ward_code: int) -> dict:
    counts = counts or Counts()
    return {
        "type": "Feature",
        "id": zone.pk,
        "geometry": zone.geometry,
        "properties": {
            "id": zone.pk,
            "code": zone.code,
            "name": zone.name,
            "kind": zone.kind,
            "kind_label": str(zone.get_kind_display()),
            "colour": KIND_COLOURS.get(zone.kind, FALLBACK_KIND_COLOUR),
            "households": counts.households,
            "residents": counts.residents,
            "vulnerable": counts.vulnerable,
            "url": reverse("zone_detail", args=[ward_code, zone.pk]),
            "geometry_url": reverse("ward_map_zone_geometry", args=[ward_code, zone.pk]),
        },
    }


def zones_collection(*, ward: Ward, user) -> dict:
    """The ward's hazard zones as a GeoJSON FeatureCollection, with their exposure counts."""
    zones = HazardZone.objects.visible_to(user).filter(ward=ward).order_by("code")
    counts = counts_by_zone(ward_id=ward.id)
    return {
        "type": "FeatureCollection",
        "features": [
            zone_feature(zone, counts.get(zone.pk), ward_code=ward.code) for zone in zones
        ],
    }


def one_zone_feature(*, zone: HazardZone, ward: Ward) -> dict:
    """One zone as a Feature, counted after a write (its links are already recomputed)."""
    return zone_feature(zone, counts_by_zone(ward_id=ward.id).get(zone.pk), ward_code=ward.code)


# -- Households -----------------------------------------------------------------------------


def _vulnerable_household_ids(*, ward: Ward, user) -> set[int]:
    """Households (of those the user may see) with at least one vulnerable resident.

    One flat read of the residents, no join: measured faster for 100,000 households than an
    EXISTS per household or a join with DISTINCT (about 0.4 s against 0.5 s on SQLite).
    """
    residents = Resident.objects.visible_to(user).filter(ward=ward).filter(vulnerable_q())
    return set(residents.order_by().values_list("household_id", flat=True))


def household_rows(*, ward: Ward, user, group_id: int | None = None) -> dict:
    """{"fields": [...], "rows": [[id, lat, lon, group id, 0|1], ...]} of located households.

    Vulnerable (1): a poor / near-poor household or one with a vulnerable resident.
    """
    households = (
        Household.objects.visible_to(user)
        .filter(ward=ward, lat__isnull=False, lon__isnull=False)
        .order_by()
    )
    if group_id is not None:
        households = households.filter(group_id=group_id)
    with_vulnerable = _vulnerable_household_ids(ward=ward, user=user)
    rows = households.values_list("id", "lat", "lon", "group_id", "poverty")
    return {
        "fields": HOUSEHOLD_FIELDS,
        "rows": [
            [
                pk,
                round(lat, COORDINATE_DIGITS),
                round(lon, COORDINATE_DIGITS),
                group,
                1 if poverty or pk in with_vulnerable else 0,
            ]
            for pk, lat, lon, group, poverty in rows.iterator(chunk_size=5000)
        ],
    }


def household_summary(*, ward: Ward, user, pk: int) -> dict | None:
    """What the map's popup shows of one household; None if the user may not see it.

    Deliberately no names or phone numbers: the popup is glanced at in the field.
    """
    household = (
        Household.objects.visible_to(user).filter(ward=ward, pk=pk).select_related("group").first()
    )
    if household is None:
        return None
    residents = Resident.objects.visible_to(user).filter(ward=ward, household=household)
    year = current_year()
    flag_counts: dict[str, int] = {}
    resident_count = 0
    for resident in residents.only(
        "birth_year", "is_disabled", "is_pregnant", "is_chronically_ill", "is_bedridden"
    ):
        resident_count += 1
        for flag in vulnerability_flags(resident, year=year):
            flag_counts[flag] = flag_counts.get(flag, 0) + 1
    flags = [
        {"flag": flag, "label": str(label), "count": flag_counts[flag]}
        for flag, label in FLAG_LABELS.items()
        if flag in flag_counts
    ]
    if household.poverty:
        flags.append(
            {"flag": household.poverty, "label": str(household.get_poverty_display()), "count": 1}
        )
    return {
        "id": household.pk,
        "code": household.code,
        "address": household.address,
        "group": household.group.name,
        "residents": resident_count,
        "vulnerable": bool(flags),
        "flags": flags,
        "url": reverse("household_detail", args=[ward.code, household.pk]),
        "title": _("Household %(code)s") % {"code": household.code},
    }


# -- Shelters -------------------------------------------------------------------------------


def shelters_collection(*, ward: Ward, user) -> dict:
    """The ward's shelters as GeoJSON points."""
    shelters = Shelter.objects.visible_to(user).filter(ward=ward).order_by("code")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": shelter.pk,
                "geometry": {"type": "Point", "coordinates": [shelter.lon, shelter.lat]},
                "properties": {
                    "id": shelter.pk,
                    "code": shelter.code,
                    "name": shelter.name,
                    "kind": shelter.kind,
                    "kind_label": str(shelter.get_kind_display()),
                    "address": shelter.address,
                    "capacity": shelter.capacity,
                    "url": reverse("shelter_detail", args=[ward.code, shelter.pk]),
                },
            }
            for shelter in shelters
        ],
    }
