"""Hazard zones from a sheet, a CSV file or a GeoJSON FeatureCollection.

The geometry is GeoJSON text or WKT in a “geometry” column, or latitude and longitude
columns for a point zone; in a GeoJSON file it is each feature's geometry and the columns
are its properties. Everything is checked first; any problem rejects the whole file.
"""

import json

import shapely
import shapely.wkt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import Ward
from taicho.core.tabular import Column, Problems, Sheet, Source, Vocabulary
from taicho.geo.geojson import parse_geometry, to_geojson
from taicho.hazards.models import HazardZone
from taicho.hazards.services import hazard_zones_import_apply

# The words for hazard kinds in files; the first is written in exports.
HAZARD_KINDS = Vocabulary(
    {
        "inundation": ("ngập úng", "ngập", "ngập lụt", "inundation", "flood"),
        "landslide": ("sạt lở", "sạt lở bờ sông", "xói lở", "landslide", "erosion"),
        "riverside": ("ven sông", "riverside"),
        "coastal": ("ven biển", "coastal"),
        "weak_point": ("điểm xung yếu", "xung yếu", "weak point"),
        "unsafe_structure": ("công trình mất an toàn", "công trình không an toàn", "unsafe"),
        "other": ("khác", "other"),
    }
)


def _length(name: str) -> int | None:
    return tabular.field_length(HazardZone, name)


def _geometry(raw) -> dict:
    """A checked GeoJSON geometry from a geometry object, GeoJSON text or WKT."""
    value = raw
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValidationError(
                    _("The geometry is not valid GeoJSON: %(error)s") % {"error": exc}
                ) from None
        else:
            try:
                value = to_geojson(shapely.wkt.loads(text))
            except (shapely.errors.ShapelyError, ValueError, TypeError):
                raise ValidationError(
                    _("The geometry is neither GeoJSON nor WKT (e.g. POINT (106.73 20.97)).")
                ) from None
    return to_geojson(parse_geometry(value))


ZONES = Sheet(
    name="Khu vực nguy cơ",
    aliases=("vung nguy co", "hazard zones", "zones"),
    columns=(
        tabular.required(
            "code",
            "Mã khu vực",
            aliases=("ma", "ma vung", "zone code", "code"),
            parse=tabular.text(_length("code")),
            help=gettext_lazy("Unique in the ward; a zone already there is updated."),
        ),
        tabular.required(
            "name",
            "Tên khu vực",
            aliases=("ten", "ten vung", "name"),
            parse=tabular.text(_length("name")),
        ),
        tabular.required(
            "kind",
            "Loại nguy cơ",
            aliases=("loai", "kind", "hazard kind"),
            parse=tabular.choice(HAZARD_KINDS),
            help=HAZARD_KINDS.one_of(),
        ),
        Column(
            "geometry",
            "Hình học",
            aliases=("geometry", "geojson", "wkt", "vung"),
            parse=_geometry,
            empty=None,
            help=gettext_lazy(
                'GeoJSON (e.g. {"type": "Polygon", …}) or WKT (e.g. POLYGON ((…))), '
                "longitude before latitude; or leave it empty and give latitude and longitude "
                "for a point."
            ),
        ),
        tabular.latitude(empty=None),
        tabular.longitude(empty=None),
        Column(
            "description",
            "Mô tả",
            aliases=("description",),
            parse=tabular.text(multiline=True),
        ),
        Column(
            "risk_notes",
            "Ghi chú rủi ro",
            aliases=("ghi chu", "risk notes", "risk"),
            parse=tabular.text(multiline=True),
        ),
        Column(
            "last_reviewed_on",
            "Ngày rà soát",
            aliases=("ngay ra soat gan nhat", "last reviewed on", "reviewed on", "last reviewed"),
            parse=tabular.date(),
            empty=None,
            help=gettext_lazy("dd/mm/yyyy or yyyy-mm-dd; may be empty."),
        ),
    ),
)


def read_features(source: Source) -> tabular.Table:
    """A GeoJSON FeatureCollection (or one Feature) as a table: one row per feature.

    The properties that name a column of the sheet become the columns (other properties,
    such as the styles drawing tools add, are ignored) and the geometry a “geometry” column
    holding the geometry object. A feature's line is its number in the file, from 1.
    """
    try:
        data = json.loads(tabular.read_text(source))
    except json.JSONDecodeError as exc:
        tabular.reject(
            sheet=source.name, message=_("The file is not valid JSON: %(error)s") % {"error": exc}
        )
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        tabular.reject(sheet=source.name, message=_("The file is not a GeoJSON FeatureCollection."))
    known = {key for column in ZONES.columns for key in column.match_keys()} - {"geometry"}
    headers: list[str] = []
    records = []
    for feature in data["features"]:
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        for name in properties:
            if name not in headers and tabular.header_key(name) in known:
                headers.append(name)
        records.append((properties, feature.get("geometry")))
    rows = [
        (number, (*(properties.get(name) for name in headers), geometry))
        for number, (properties, geometry) in enumerate(records, 1)
    ]
    return tabular.Table(
        name=source.name, headers=[*headers, "geometry"], header_line=None, rows=rows
    )


def _table(sources: list[Source]) -> tabular.Table:
    source = sources[0]
    if source.suffix in (".geojson", ".json"):
        return read_features(source)
    return ZONES.read(source)


def _zone_geometry(parsed, row, problems: Problems) -> None:
    """Put the zone's geometry in row.values["geometry"]: the column, or a point from lat/lon."""
    values = row.values
    if "geometry" in row.failed or values.get("geometry") is not None:
        return
    if {"lat", "lon"} & row.failed:
        return
    lat, lon = values.get("lat"), values.get("lon")
    if lat is None or lon is None:
        parsed.report(
            problems,
            row,
            "geometry",
            _("Give the zone's geometry, or its latitude and longitude for a point."),
        )
        return
    try:
        values["geometry"] = _geometry({"type": "Point", "coordinates": [lon, lat]})
    except ValidationError as exc:
        parsed.report(problems, row, "lat", " ".join(exc.messages))


def zones_import(*, actor, ward: Ward, sources: list[Source]) -> tabular.ImportResult:
    """Check the file completely, then write it; ImportRejected lists every problem."""
    require_manage(actor, ward_id=ward.id)
    table = _table(sources)
    problems = Problems()
    parsed = tabular.parse_sheet(table, ZONES, problems, empty=_("There are no zones in the file."))
    if not parsed.has("geometry") and not (parsed.has("lat") and parsed.has("lon")):
        problems.add(
            sheet=table.name,
            line=table.header_line,
            column=parsed.header("geometry", ZONES),
            message=_("The file needs a geometry column, or latitude and longitude columns."),
        )
    parsed.report_repeats(
        problems, key="code", message=_("The zone code “%(code)s” is already on line %(line)d.")
    )
    rows: list[dict] = []
    for row in parsed.rows:
        _zone_geometry(parsed, row, problems)
        if not row.failed:
            rows.append({k: v for k, v in row.values.items() if k not in ("lat", "lon")})
    problems.raise_if_any()
    fields = (set(parsed.headers) - {"lat", "lon"}) | {"geometry"}
    return tabular.write_or_reject(
        lambda: hazard_zones_import_apply(
            actor=actor, ward=ward, zones=rows, fields=fields, source_name=sources[0].name
        ),
        sheet=sources[0].name,
    )
