"""Provinces and wards from the `vietnam-provinces` package (post-2025, two tiers)."""

import json

import vietnam_provinces
from django.db import transaction


@transaction.atomic
def divisions_load(*, province_model=None, ward_model=None) -> tuple[int, int]:
    """Create or update every province and ward. Idempotent. Returns the counts.

    The models may be passed in so a data migration can use its historical models.
    """
    if province_model is None or ward_model is None:
        from taicho.core.models import Province, Ward

        province_model, ward_model = Province, Ward
    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    existing_provinces = {p.code: p for p in province_model.objects.all()}
    existing_wards = {w.code: w for w in ward_model.objects.all()}
    ward_count = 0
    new_wards = []
    changed_wards = []
    for item in data:
        province = existing_provinces.get(item["code"])
        fields = {
            "name": item["name"],
            "codename": item["codename"],
            "division_type": item["division_type"],
        }
        if province is None:
            province = province_model.objects.create(code=item["code"], **fields)
        elif any(getattr(province, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(province, key, value)
            province.save()
        for ward_item in item["wards"]:
            ward_count += 1
            ward_fields = {
                "province_id": province.id,
                "name": ward_item["name"],
                "codename": ward_item["codename"],
                "division_type": ward_item["division_type"],
            }
            ward = existing_wards.get(ward_item["code"])
            if ward is None:
                new_wards.append(ward_model(code=ward_item["code"], **ward_fields))
            elif any(getattr(ward, k) != v for k, v in ward_fields.items()):
                for key, value in ward_fields.items():
                    setattr(ward, key, value)
                changed_wards.append(ward)
    ward_model.objects.bulk_create(new_wards, batch_size=500)
    ward_model.objects.bulk_update(
        changed_wards, ["province_id", "name", "codename", "division_type"], batch_size=500
    )
    return len(data), ward_count
