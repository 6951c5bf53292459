"""Households and residents from a workbook (sheets “Hộ dân” and “Nhân khẩu”) or two CSV files.

Everything is read and checked first; any problem rejects the whole file with a report of
every bad row. Only a clean file reaches `households_import_apply`, which writes it in one
transaction.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.community.models import Household, Resident
from taicho.community.services import check_location, households_import_apply
from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import ResidentialGroup, Ward
from taicho.core.tabular import Column, Problems, Sheet, Source, Vocabulary

HOUSING = Vocabulary(
    {
        "solid": ("kiên cố", "solid"),
        "semi_solid": ("bán kiên cố", "semi-solid"),
        "non_solid": ("thiếu kiên cố", "non-solid"),
        "makeshift": ("đơn sơ", "tạm", "makeshift"),
    }
)
POVERTY = Vocabulary(
    {
        "poor": ("nghèo", "hộ nghèo", "poor"),
        "near_poor": ("cận nghèo", "hộ cận nghèo", "near-poor"),
    }
)
SEX = Vocabulary({"male": ("nam", "m", "male"), "female": ("nữ", "f", "female")})


HOUSEHOLDS = Sheet(
    name="Hộ dân",
    aliases=("ho dan", "households", "household"),
    columns=(
        tabular.required(
            "code",
            "Mã hộ",
            aliases=("ma ho dan", "household code", "household", "ma"),
            parse=tabular.text(tabular.field_length(Household, "code")),
            help=gettext_lazy("Unique in the ward; a household already there is updated."),
        ),
        tabular.required(
            "address",
            "Địa chỉ",
            aliases=("address",),
            parse=tabular.text(tabular.field_length(Household, "address")),
        ),
        tabular.required(
            "group",
            "Tổ dân phố",
            aliases=("to", "tdp", "thon", "group", "residential group"),
            parse=tabular.text(100),
            help=gettext_lazy("The code or the name of a residential group of the ward."),
        ),
        tabular.latitude(
            empty=None, help=gettext_lazy("Decimal degrees, e.g. 20.97 (8 to 23.5 in Vietnam).")
        ),
        tabular.longitude(
            empty=None,
            help=gettext_lazy("Decimal degrees, e.g. 106.73 (102 to 118 in Vietnam)."),
        ),
        Column(
            "phones",
            "Điện thoại",
            aliases=("so dien thoai", "sdt", "phone", "phones"),
            parse=tabular.phones(),
            empty=[],
            help=gettext_lazy("One or more numbers separated by “,” or “;”."),
        ),
        Column(
            "housing_type",
            "Loại nhà",
            aliases=("housing type", "housing"),
            parse=tabular.choice(HOUSING),
            empty="solid",
            help=format_lazy(
                gettext_lazy("One of: {values}; empty = kiên cố."), values=HOUSING.labels()
            ),
        ),
        Column(
            "poverty",
            "Hộ nghèo/cận nghèo",
            aliases=("ho ngheo", "poverty", "poor"),
            parse=tabular.choice(POVERTY),
            empty="",
            help=gettext_lazy("nghèo, cận nghèo, or empty."),
        ),
    ),
)

RESIDENTS = Sheet(
    name="Nhân khẩu",
    aliases=("nhan khau", "residents", "resident"),
    columns=(
        tabular.required(
            "household",
            "Mã hộ",
            aliases=("ma ho dan", "household code", "household", "ma"),
            parse=tabular.text(tabular.field_length(Household, "code")),
            help=gettext_lazy("A household of the file or already in the ward."),
        ),
        tabular.required(
            "full_name",
            "Họ và tên",
            aliases=("ho ten", "ten", "full name", "name"),
            parse=tabular.text(tabular.field_length(Resident, "full_name")),
        ),
        Column(
            "birth_year",
            "Năm sinh",
            aliases=("birth year", "year of birth", "born"),
            parse=tabular.year(minimum=1900),
            required=True,
            empty=None,
            help=gettext_lazy("Four digits, from 1900 to this year; may be empty."),
        ),
        Column(
            "sex",
            "Giới tính",
            aliases=("sex", "gender"),
            parse=tabular.choice(SEX),
            help=gettext_lazy("Nam, Nữ, or empty."),
        ),
        Column(
            "phone",
            "Điện thoại",
            aliases=("so dien thoai", "sdt", "phone"),
            parse=tabular.phone(),
        ),
        tabular.yes_no_column(
            "is_disabled", "Khuyết tật", aliases=("nguoi khuyet tat", "disabled")
        ),
        tabular.yes_no_column(
            "is_pregnant", "Mang thai", aliases=("co thai", "phu nu mang thai", "pregnant")
        ),
        tabular.yes_no_column(
            "is_chronically_ill",
            "Bệnh hiểm nghèo/mãn tính",
            aliases=("benh man tinh", "benh hiem ngheo", "om dau", "chronically ill"),
        ),
        tabular.yes_no_column(
            "is_bedridden", "Nằm liệt giường", aliases=("liet giuong", "bedridden")
        ),
    ),
)

SHEETS = (HOUSEHOLDS, RESIDENTS)

# Words people put before a group's number: “Tổ 3”, “TDP 3”, “Tổ dân phố số 3”, “Thôn 3”.
_GROUP_PREFIXES = ("to dan pho so", "to dan pho", "tdp so", "tdp", "to so", "to", "thon so", "thon")


def _tables(sources: list[Source]) -> tuple[tabular.Table | None, tabular.Table | None]:
    """The households and residents tables: from one workbook, or from one or two CSV files."""
    if any(source.is_workbook for source in sources):
        if len(sources) > 1:
            tabular.reject(
                sheet=sources[1].name,
                message=_("Give either one workbook (.xlsx) or the CSV files, not both."),
            )
        tables = tabular.read_workbook(sources[0])
        households, residents = HOUSEHOLDS.find(tables), RESIDENTS.find(tables)
        if households is None:
            tabular.reject(
                sheet=sources[0].name,
                message=_("The workbook has no sheet “%(name)s” (its sheets: %(sheets)s).")
                % {"name": HOUSEHOLDS.name, "sheets": ", ".join(t.name for t in tables)},
            )
        if residents is not None and not residents.headers:
            residents = None  # an empty residents sheet: only households in this file
        return households, residents
    households = tabular.read_csv(sources[0])
    residents = tabular.read_csv(sources[1]) if len(sources) > 1 else None
    return households, residents


class _Groups:
    """The ward's residential groups, found by code or by name as people write them."""

    def __init__(self, ward: Ward):
        self.groups = list(ResidentialGroup.objects.filter(ward=ward))
        self.by_key: dict[str, ResidentialGroup] = {}
        for group in self.groups:
            self.by_key.setdefault(tabular.header_key(group.name), group)
        for group in self.groups:
            self.by_key[tabular.header_key(group.code)] = group  # a code wins over a name

    def find(self, raw: str) -> ResidentialGroup | None:
        key = tabular.header_key(raw)
        if key in self.by_key:
            return self.by_key[key]
        for prefix in _GROUP_PREFIXES:
            if key.startswith(prefix + " "):
                found = self.by_key.get(key.removeprefix(prefix + " "))
                if found:
                    return found
        return None

    def known(self) -> str:
        names = [f"{group.code} ({group.name})" for group in self.groups[:12]]
        return ", ".join(names) + (", …" if len(self.groups) > 12 else "")


def _check_households(parsed, ward: Ward, problems: Problems) -> dict[str, dict]:
    """The household rows by code, with the group found and the coordinates checked."""
    groups = _Groups(ward)
    if parsed.has("lat") != parsed.has("lon"):
        missing = "lon" if parsed.has("lat") else "lat"
        problems.add(
            sheet=parsed.table.name,
            line=parsed.table.header_line,
            column=parsed.header(missing, HOUSEHOLDS),
            message=_("Give both the latitude and the longitude columns, or neither."),
        )
    parsed.report_repeats(
        problems,
        key="code",
        message=_("The household code “%(code)s” is already on line %(line)d."),
    )
    by_code: dict[str, dict] = {}
    for row in parsed.rows:
        values = row.values
        code = values.get("code")
        if values.get("group"):
            group = groups.find(values["group"])
            if group is None:
                parsed.report(
                    problems,
                    row,
                    "group",
                    _("No residential group “%(group)s” in this ward. Its groups: %(known)s.")
                    % {"group": values["group"], "known": groups.known() or "—"},
                )
            values["group"] = group
        parsed.check_cells(problems, row, ("lat", "lon"), check_location, column="lat")
        if code is not None and code not in by_code and not row.failed:
            by_code[code] = values
    return by_code


def _check_residents(parsed, known_codes: set[str], problems: Problems) -> dict[str, list[dict]]:
    """The resident rows grouped by household code, in file order."""
    by_household: dict[str, list[dict]] = {}
    for row in parsed.rows:
        code = row.values.get("household")
        if code is not None and code not in known_codes:
            parsed.report(
                problems,
                row,
                "household",
                _("The household “%(code)s” is neither in the households sheet nor in the ward.")
                % {"code": code},
            )
        if code is not None and not row.failed:
            values = {key: value for key, value in row.values.items() if key != "household"}
            by_household.setdefault(code, []).append(values)
    return by_household


def households_import(*, actor, ward: Ward, sources: list[Source]) -> tabular.ImportResult:
    """Check the files completely, then write them; ImportRejected lists every problem."""
    require_manage(actor, ward_id=ward.id)
    households_table, residents_table = _tables(sources)
    problems = Problems()
    households = tabular.parse_sheet(
        households_table,
        HOUSEHOLDS,
        problems,
        empty=_("There are no households in the file."),
    )
    by_code = _check_households(households, ward, problems)
    residents: dict[str, list[dict]] = {}
    resident_fields: set[str] = set()
    if residents_table is not None:
        parsed = tabular.parse_sheet(residents_table, RESIDENTS, problems)
        in_file = {row.values["code"] for row in households.rows if "code" in row.values}
        in_ward = set(Household.objects.filter(ward=ward).values_list("code", flat=True))
        residents = _check_residents(parsed, in_file | in_ward, problems)
        resident_fields = set(parsed.headers) - {"household"}
    problems.raise_if_any()
    return tabular.write_or_reject(
        lambda: households_import_apply(
            actor=actor,
            ward=ward,
            households=list(by_code.values()),
            household_fields=set(households.headers),
            residents=residents,
            resident_fields=resident_fields,
            source_name=" + ".join(source.name for source in sources),
        ),
        sheet=sources[0].name,
    )
