"""Shelters from a sheet or a CSV file: checked completely, then written in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import Ward
from taicho.core.tabular import Column, Problems, Sheet, Source, Vocabulary
from taicho.geo.geojson import check_point
from taicho.hazards.imports import HAZARD_KINDS
from taicho.shelters.models import Shelter
from taicho.shelters.services import shelters_import_apply

# The words for shelter kinds in files; the first is written in exports.
SHELTER_KINDS = Vocabulary(
    {
        "school": ("trường học", "trường", "school"),
        "ward_office": ("trụ sở phường", "trụ sở", "ủy ban", "ward office"),
        "cultural_house": ("nhà văn hóa", "nhà văn hoá", "cultural house"),
        "solid_house": ("nhà dân kiên cố", "nhà kiên cố", "solid house"),
        "other": ("khác", "other"),
    }
)


def _length(name: str) -> int:
    return Shelter._meta.get_field(name).max_length


SHELTERS = Sheet(
    name="Điểm sơ tán",
    aliases=("diem so tan", "diem tru an", "shelters", "shelter"),
    columns=(
        Column(
            "code",
            "Mã điểm",
            aliases=("ma", "ma diem so tan", "shelter code", "code"),
            parse=tabular.text(_length("code")),
            required=True,
            blank=False,
            help=gettext_lazy("Unique in the ward; a shelter already there is updated."),
        ),
        Column(
            "name",
            "Tên điểm sơ tán",
            aliases=("ten", "ten diem", "name"),
            parse=tabular.text(_length("name")),
            required=True,
            blank=False,
        ),
        Column(
            "kind",
            "Loại",
            aliases=("loai diem", "kind"),
            parse=tabular.choice(SHELTER_KINDS),
            required=True,
            blank=False,
            help=format_lazy(gettext_lazy("One of: {values}."), values=SHELTER_KINDS.labels()),
        ),
        Column(
            "address",
            "Địa chỉ",
            aliases=("address",),
            parse=tabular.text(_length("address")),
        ),
        Column(
            "lat",
            "Vĩ độ",
            aliases=("lat", "latitude"),
            parse=tabular.number(),
            required=True,
            blank=False,
        ),
        Column(
            "lon",
            "Kinh độ",
            aliases=("lon", "lng", "long", "longitude"),
            parse=tabular.number(),
            required=True,
            blank=False,
        ),
        Column(
            "capacity",
            "Sức chứa (người)",
            aliases=("suc chua", "capacity", "so nguoi"),
            parse=tabular.integer(minimum=0, maximum=1_000_000),
            required=True,
            blank=False,
            help=gettext_lazy("How many people, a whole number."),
        ),
        Column(
            "facilities",
            "Trang thiết bị",
            aliases=("tien nghi", "co so vat chat", "facilities"),
            parse=tabular.text(multiline=True),
        ),
        Column(
            "contact_name",
            "Người liên hệ",
            aliases=("lien he", "contact", "contact name", "contact person"),
            parse=tabular.text(_length("contact_name")),
        ),
        Column(
            "contact_phone",
            "Điện thoại liên hệ",
            aliases=("dien thoai", "sdt", "sdt lien he", "contact phone", "phone"),
            parse=tabular.phone(),
        ),
        Column(
            "hazard_kinds",
            "Dùng khi",
            aliases=("dung cho", "su dung khi", "usable in", "hazard kinds"),
            parse=tabular.choices(HAZARD_KINDS),
            empty=[],
            help=format_lazy(
                gettext_lazy("Hazard kinds separated by “,” or “;”: {values}."),
                values=HAZARD_KINDS.labels(),
            ),
        ),
    ),
)


def _table(sources: list[Source]) -> tabular.Table:
    source = sources[0]
    if source.is_workbook:
        tables = tabular.read_workbook(source)
        return SHELTERS.find(tables) or tables[0]
    return tabular.read_csv(source)


def shelters_import(*, actor, ward: Ward, sources: list[Source]) -> tabular.ImportResult:
    """Check the file completely, then write it; ImportRejected lists every problem."""
    require_manage(actor, ward_id=ward.id)
    table = _table(sources)
    problems = Problems()
    parsed = tabular.parse_sheet(table, SHELTERS, problems)
    if not parsed.rows:
        problems.add(sheet=table.name, message=_("There are no shelters in the file."))
    rows: list[dict] = []
    first_line: dict[str, int] = {}
    for row in parsed.rows:
        code = row.values.get("code")
        if code in first_line:
            parsed.report(
                problems,
                row,
                "code",
                _("The shelter code “%(code)s” is already on line %(line)d.")
                % {"code": code, "line": first_line[code]},
            )
        elif code is not None:
            first_line[code] = row.line
        if not {"lat", "lon"} & row.failed and {"lat", "lon"} <= row.values.keys():
            try:
                check_point(row.values["lat"], row.values["lon"])
            except ValidationError as exc:
                parsed.report(problems, row, "lat", " ".join(exc.messages))
        if not row.failed:
            rows.append(row.values)
    problems.raise_if_any()
    try:
        return shelters_import_apply(
            actor=actor,
            ward=ward,
            shelters=rows,
            fields=set(parsed.headers),
            source_name=sources[0].name,
        )
    except IntegrityError:
        tabular.reject(
            sheet=sources[0].name,
            message=_("The registry changed while the file was imported; please import it again."),
        )
