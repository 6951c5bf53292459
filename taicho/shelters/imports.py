"""Shelters from a sheet or a CSV file: checked completely, then written in one transaction."""

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


def _length(name: str) -> int | None:
    return tabular.field_length(Shelter, name)


SHELTERS = Sheet(
    name="Điểm sơ tán",
    aliases=("diem so tan", "diem tru an", "shelters", "shelter"),
    columns=(
        tabular.required(
            "code",
            "Mã điểm",
            aliases=("ma", "ma diem so tan", "shelter code", "code"),
            parse=tabular.text(_length("code")),
            help=gettext_lazy("Unique in the ward; a shelter already there is updated."),
        ),
        tabular.required(
            "name",
            "Tên điểm sơ tán",
            aliases=("ten", "ten diem", "name"),
            parse=tabular.text(_length("name")),
        ),
        tabular.required(
            "kind",
            "Loại",
            aliases=("loai diem", "kind"),
            parse=tabular.choice(SHELTER_KINDS),
            help=SHELTER_KINDS.one_of(),
        ),
        Column(
            "address",
            "Địa chỉ",
            aliases=("address",),
            parse=tabular.text(_length("address")),
        ),
        tabular.latitude(required=True, blank=False),
        tabular.longitude(required=True, blank=False),
        tabular.required(
            "capacity",
            "Sức chứa (người)",
            aliases=("suc chua", "capacity", "so nguoi"),
            parse=tabular.integer(minimum=0, maximum=1_000_000),
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


def shelters_import(*, actor, ward: Ward, sources: list[Source]) -> tabular.ImportResult:
    """Check the file completely, then write it; ImportRejected lists every problem."""
    require_manage(actor, ward_id=ward.id)
    problems = Problems()
    parsed = tabular.parse_sheet(
        SHELTERS.read(sources[0]),
        SHELTERS,
        problems,
        empty=_("There are no shelters in the file."),
    )
    parsed.report_repeats(
        problems, key="code", message=_("The shelter code “%(code)s” is already on line %(line)d.")
    )
    for row in parsed.rows:
        parsed.check_cells(problems, row, ("lat", "lon"), check_point, column="lat")
    problems.raise_if_any()
    return tabular.write_or_reject(
        lambda: shelters_import_apply(
            actor=actor,
            ward=ward,
            shelters=[row.values for row in parsed.rows if not row.failed],
            fields=set(parsed.headers),
            source_name=sources[0].name,
        ),
        sheet=sources[0].name,
    )
