"""Shelters to a workbook (the import layout, so it re-imports unchanged) or CSV."""

from taicho.core import tabular
from taicho.core.access import require_manage
from taicho.core.models import Ward
from taicho.hazards.imports import HAZARD_KINDS
from taicho.shelters.imports import SHELTER_KINDS, SHELTERS
from taicho.shelters.models import Shelter


def _rows(actor, ward: Ward) -> list[list]:
    shelters = Shelter.objects.visible_to(actor).filter(ward=ward).order_by("code")
    return [
        [
            shelter.code,
            shelter.name,
            SHELTER_KINDS.label(shelter.kind),
            shelter.address,
            shelter.lat,
            shelter.lon,
            shelter.capacity,
            shelter.facilities,
            shelter.contact_name,
            shelter.contact_phone,
            ", ".join(HAZARD_KINDS.label(kind) for kind in shelter.hazard_kinds or []),
        ]
        for shelter in shelters
    ]


def _export(*, actor, ward: Ward, suffix: str, write) -> tabular.Download:
    require_manage(actor, ward_id=ward.id)
    rows = _rows(actor, ward)
    name = tabular.file_name("diem-so-tan", ward.code, suffix)
    tabular.record_export(
        actor=actor, ward_id=ward.id, object_type="shelters.shelter", file_name=name, rows=len(rows)
    )
    return tabular.Download(name=name, data=write(rows))


def shelters_workbook(*, actor, ward: Ward) -> tabular.Download:
    return _export(
        actor=actor,
        ward=ward,
        suffix=".xlsx",
        write=lambda rows: tabular.xlsx_bytes([(SHELTERS, rows)]),
    )


def shelters_csv(*, actor, ward: Ward) -> tabular.Download:
    return _export(
        actor=actor, ward=ward, suffix=".csv", write=lambda rows: tabular.csv_bytes(SHELTERS, rows)
    )


def shelters_template() -> tabular.Download:
    return tabular.Download(name="mau-diem-so-tan.xlsx", data=tabular.xlsx_bytes([(SHELTERS, [])]))
