"""Bulletins typed in by the duty officer: stored, merged, audited, their risk level."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taicho.core.models import AuditEntry
from taicho.warnings.models import Bulletin, HazardType
from taicho.warnings.selectors import bulletin_chain, bulletins_for
from taicho.warnings.services import (
    bulletin_create_typed,
    bulletin_override_level,
    bulletin_set_figures,
)
from taicho.warnings.signals import bulletin_level_decided, bulletin_received
from taicho.warnings.tests.conftest import ISSUED, STORM_FIGURES

pytestmark = pytest.mark.django_db


def _typed(actor, ward, **overrides):
    values = {
        "hazard_type": HazardType.FLOOD,
        "kind": "flood",
        "issuer": "Đài Khí tượng Thủy văn khu vực Đông Bắc",
        "issuer_kind": "hydromet_station",
        "issued_at": ISSUED,
        "headline": "Tin lũ trên sông Bạch Đằng",
        "text": "Mực nước tại trạm Cửa Cấm lúc 7 giờ là 3,95 m, trên báo động 2.",
        **overrides,
    }
    return bulletin_create_typed(actor=actor, ward=ward, **values)


def test_it_stores_a_typed_storm_bulletin_with_level_4_and_audits_it(lan, ward_a):
    received_signals, decided_signals = [], []

    def on_received(sender, *, bulletin, **kwargs):
        received_signals.append(bulletin.pk)

    def on_decided(sender, *, bulletin, **kwargs):
        decided_signals.append(bulletin.level)

    bulletin_received.connect(on_received)
    bulletin_level_decided.connect(on_decided)
    try:
        received = _typed(
            lan,
            ward_a,
            hazard_type=HazardType.STORM,
            kind="storm_over_land",
            issuer_kind="national_hydromet",
            headline="Tin bão trên đất liền – cơn bão số 3",
            figures=STORM_FIGURES,
        )
    finally:
        bulletin_received.disconnect(on_received)
        bulletin_level_decided.disconnect(on_decided)
    bulletin = received.bulletin
    assert not received.duplicate
    assert (bulletin.proposed_level, bulletin.level) == (4, 4)
    assert "Điều 42" in bulletin.level_basis or "42" in bulletin.level_basis
    assert bulletin.authoritative  # the hydro-meteorological service, on a storm
    assert bulletin.figures == STORM_FIGURES
    assert received_signals == [bulletin.pk] and decided_signals == [4]
    entry = AuditEntry.objects.get(object_type="warnings.bulletin", object_id=str(bulletin.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.actor == lan


def test_it_merges_the_same_bulletin_typed_twice(lan, tuan, ward_a):
    first = _typed(lan, ward_a).bulletin
    again = _typed(
        tuan, ward_a, text="  mực nước tại trạm Cửa Cấm lúc 7 giờ là 3,95 m,  TRÊN báo động 2."
    )
    assert again.duplicate and again.bulletin.pk == first.pk
    assert Bulletin.objects.count() == 1
    assert Bulletin.objects.get().duplicates_seen == 1


def test_it_refuses_bad_figures_naming_the_figure_and_stores_nothing(lan, ward_a):
    with pytest.raises(ValidationError) as refused:
        _typed(
            lan,
            ward_a,
            hazard_type=HazardType.STORM,
            figures={"beaufort": 30, "region": "land_northeast_delta_central"},
            headline="",
        )
    assert set(refused.value.message_dict) == {"beaufort", "headline"}
    with pytest.raises(ValidationError) as missing:
        _typed(lan, ward_a, hazard_type=HazardType.STORM, figures={"beaufort": 12})
    assert "region" in missing.value.message_dict
    with pytest.raises(ValidationError) as naive:
        _typed(lan, ward_a, issued_at=datetime(2025, 9, 6, 8, 0))
    assert "issued_at" in naive.value.message_dict
    assert not Bulletin.objects.exists()


def test_it_keeps_the_level_a_bulletin_states_for_a_hazard_without_figures(lan, ward_a):
    bulletin = _typed(
        lan,
        ward_a,
        hazard_type=HazardType.HEAT,
        kind="other",
        headline="Cảnh báo nắng nóng",
        stated_level=2,
    ).bulletin
    assert bulletin.level == 2 and bulletin.level_basis
    with pytest.raises(ValidationError) as refused:
        _typed(lan, ward_a, hazard_type=HazardType.HEAT, headline="Nắng nóng", stated_level=5)
    assert "level" in refused.value.message_dict  # heat reaches level 4 at most


def test_it_needs_a_reason_to_override_the_level_and_logs_it(lan, hung, storm_bulletin):
    with pytest.raises(ValidationError) as refused:
        bulletin_override_level(actor=hung, bulletin=storm_bulletin, level=5, reason="  ")
    assert "reason" in refused.value.message_dict
    storm_bulletin.refresh_from_db()
    assert storm_bulletin.level == 4

    reason = "Triều cường cùng lúc với bão, nước dâng cao"
    bulletin_override_level(actor=hung, bulletin=storm_bulletin, level=5, reason=reason)
    storm_bulletin.refresh_from_db()
    assert (storm_bulletin.level, storm_bulletin.proposed_level) == (5, 4)
    assert storm_bulletin.level_overridden and storm_bulletin.override_by == hung
    entry = AuditEntry.objects.filter(
        object_type="warnings.bulletin", action=AuditEntry.Action.UPDATE
    ).get()
    assert entry.actor == hung
    assert entry.changes["level"] == [4, 5]
    assert entry.changes["override_reason"] == ["", reason]

    # New figures change the proposal, but not a level set by hand.
    bulletin_set_figures(
        actor=lan, bulletin=storm_bulletin, figures={**STORM_FIGURES, "beaufort": 9}
    )
    storm_bulletin.refresh_from_db()
    assert (storm_bulletin.proposed_level, storm_bulletin.level) == (3, 5)


def test_it_links_a_typed_correction_to_what_it_corrects(lan, ward_a, storm_bulletin):
    correction = _typed(
        lan,
        ward_a,
        hazard_type=HazardType.STORM,
        kind="storm_over_land",
        headline="Tin bão trên đất liền – cơn bão số 3 (đính chính)",
        figures={**STORM_FIGURES, "beaufort": 14},
        updates=storm_bulletin,
    ).bulletin
    assert correction.updates == storm_bulletin and correction.msg_type == "Update"
    assert bulletin_chain(user=lan, bulletin=storm_bulletin) == [storm_bulletin, correction]


def test_it_lets_the_duty_officer_type_bulletins_but_not_the_shock_force(tuan, duc, ward_a):
    assert _typed(tuan, ward_a).bulletin.received_by == tuan
    with pytest.raises(PermissionDenied):
        _typed(duc, ward_a, headline="Tin khác", text="Một nội dung khác.")
    assert bulletins_for(user=duc, ward=ward_a).count() == 1  # but reads them


def test_it_shows_ward_a_bulletins_to_no_one_of_ward_b(lan, binh, thao, ward_a, storm_bulletin):
    assert list(bulletins_for(user=lan, ward=ward_a)) == [storm_bulletin]
    assert not bulletins_for(user=binh, ward=ward_a).exists()
    assert not Bulletin.objects.visible_to(binh).exists()
    assert list(bulletins_for(user=thao, ward=ward_a)) == [storm_bulletin]  # the city reads all
    with pytest.raises(PermissionDenied):
        bulletin_override_level(actor=binh, bulletin=storm_bulletin, level=3, reason="Sai")
