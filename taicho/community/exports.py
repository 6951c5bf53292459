"""Households and residents to a workbook (the import layout, so it re-imports unchanged) or CSV."""

from collections.abc import Iterator

from taicho.community.imports import HOUSEHOLDS, HOUSING, POVERTY, RESIDENTS, SEX
from taicho.community.models import Household, Resident
from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import Ward


def _yes(value: bool) -> str:
    return "có" if value else ""


def _household_rows(actor, ward: Ward) -> Iterator[list]:
    households = (
        Household.objects.visible_to(actor)
        .filter(ward=ward)
        .select_related("group")
        .order_by("code")
    )
    for household in households.iterator(chunk_size=2000):
        yield [
            household.code,
            household.address,
            household.group.code,
            household.lat,
            household.lon,
            ", ".join(household.phones or []),
            HOUSING.label(household.housing_type),
            POVERTY.label(household.poverty),
        ]


def _resident_rows(actor, ward: Ward) -> Iterator[list]:
    residents = (
        Resident.objects.visible_to(actor)
        .filter(ward=ward)
        .select_related("household")
        .order_by("household__code", "pk")
    )
    for resident in residents.iterator(chunk_size=2000):
        yield [
            resident.household.code,
            resident.full_name,
            resident.birth_year,
            SEX.label(resident.sex),
            resident.phone,
            _yes(resident.is_disabled),
            _yes(resident.is_pregnant),
            _yes(resident.is_chronically_ill),
            _yes(resident.is_bedridden),
        ]


class _Counted:
    """Counts the rows that pass through, for the audit entry."""

    def __init__(self, rows: Iterator[list]):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _logged(*, actor, ward: Ward, name: str, data: bytes, rows: int) -> tabular.Download:
    tabular.record_export(
        actor=actor, ward_id=ward.id, object_type="community.household", file_name=name, rows=rows
    )
    return tabular.Download(name=name, data=data)


def households_workbook(*, actor, ward: Ward) -> tabular.Download:
    """Both sheets, “Hộ dân” and “Nhân khẩu”, as the import reads them."""
    require_manage(actor, ward_id=ward.id)
    households = _Counted(_household_rows(actor, ward))
    residents = _Counted(_resident_rows(actor, ward))
    data = tabular.xlsx_bytes([(HOUSEHOLDS, households), (RESIDENTS, residents)])
    name = tabular.file_name("ho-dan", ward.code, ".xlsx")
    return _logged(
        actor=actor, ward=ward, name=name, data=data, rows=households.count + residents.count
    )


def households_csv(*, actor, ward: Ward) -> tabular.Download:
    require_manage(actor, ward_id=ward.id)
    rows = _Counted(_household_rows(actor, ward))
    data = tabular.csv_bytes(HOUSEHOLDS, rows)
    name = tabular.file_name("ho-dan", ward.code, ".csv")
    return _logged(actor=actor, ward=ward, name=name, data=data, rows=rows.count)


def residents_csv(*, actor, ward: Ward) -> tabular.Download:
    require_manage(actor, ward_id=ward.id)
    rows = _Counted(_resident_rows(actor, ward))
    data = tabular.csv_bytes(RESIDENTS, rows)
    name = tabular.file_name("nhan-khau", ward.code, ".csv")
    return _logged(actor=actor, ward=ward, name=name, data=data, rows=rows.count)


def households_template() -> tabular.Download:
    """The empty workbook to fill in."""
    data = tabular.xlsx_bytes([(HOUSEHOLDS, []), (RESIDENTS, [])])
    return tabular.Download(name="mau-ho-dan.xlsx", data=data)
