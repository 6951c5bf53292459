"""Evacuation lists as workbooks: one sheet per residential group, Vietnamese headers.

The rows are the reader's (evacuation_selectors.visible_rows): a group leader's file holds his
groups only. Every download is logged in the audit log (personal data: names and phones).
"""

from django.core.exceptions import PermissionDenied
from django.utils.text import slugify
from django.utils.translation import gettext as _

from taicho.core import tabular
from taicho.core.models import ResidentialGroup
from taicho.core.vietnamese import fold
from taicho.shelters.evacuation_selectors import ListRow, list_rows, may_read_group, visible_rows
from taicho.shelters.models import Evacuation

OBJECT_TYPE = "shelters.evacuationhousehold"
COLUMNS = (
    ("number", "STT"),
    ("code", "Mã hộ"),
    ("address", "Địa chỉ"),
    ("persons", "Số người"),
    ("members", "Thành viên"),
    ("vulnerable", "Người dễ bị tổn thương"),
    ("needs", "Nhu cầu"),
    ("phones", "Điện thoại"),
    ("shelter", "Điểm sơ tán"),
    ("distance", "Khoảng cách (m)"),
    ("helper", "Người hỗ trợ di chuyển"),
)
_SHEET_NAME_LIMIT = 31  # Excel's
_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})


def _sheet(group: ResidentialGroup, used: set[str]) -> tabular.Sheet:
    name = (group.name.translate(_FORBIDDEN).strip() or group.code)[:_SHEET_NAME_LIMIT]
    if name in used:
        name = f"{group.code} {name}"[:_SHEET_NAME_LIMIT]
    used.add(name)
    return tabular.Sheet(name, tuple(tabular.Column(key, header) for key, header in COLUMNS))


def _member_text(member) -> str:
    return f"{member.name} ({member.birth_year})" if member.birth_year else member.name


def _cells(number: int, item: ListRow) -> list:
    row = item.row
    return [
        number,
        row.household.code,
        row.household.address,
        row.persons,
        "; ".join(_member_text(member) for member in item.members),
        "; ".join(f"{member.name}: {', '.join(member.flags)}" for member in item.vulnerable),
        item.needs,
        ", ".join(item.phones),
        row.shelter.name if row.shelter else _("no shelter yet"),
        row.distance_m,
        row.helper,
    ]


def evacuation_workbook(
    *, actor, evacuation: Evacuation, group: ResidentialGroup | None = None
) -> tabular.Download:
    """The evacuation list of `group` (or of every group the reader may see), logged."""
    if group is not None and not may_read_group(user=actor, group=group):
        raise PermissionDenied(_("You may not read this group's households."))
    rows = visible_rows(user=actor, evacuation=evacuation)
    if group is not None:
        rows = rows.filter(household__group=group)
    by_group: dict[int, tuple[ResidentialGroup, list[ListRow]]] = {}
    for item in list_rows(rows=rows):
        household_group = item.row.household.group
        by_group.setdefault(household_group.pk, (household_group, []))[1].append(item)
    if group is not None and not by_group:
        by_group[group.pk] = (group, [])
    used: set[str] = set()
    sheets = [
        (_sheet(sheet_group, used), [_cells(n, item) for n, item in enumerate(items, 1)])
        for sheet_group, items in by_group.values()
    ]
    stem = f"so-tan-{evacuation.pk}"
    if group is not None:
        stem += f"-to-{slugify(fold(group.code)) or group.pk}"
    name = tabular.file_name(stem, evacuation.ward.code, ".xlsx")
    count = sum(len(items) for _group, items in by_group.values())
    tabular.record_export(
        actor=actor,
        ward_id=evacuation.ward_id,
        object_type=OBJECT_TYPE,
        file_name=name,
        rows=count,
    )
    return tabular.Download(name=name, data=tabular.xlsx_bytes(sheets))
