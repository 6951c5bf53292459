"""The ward's alerts: drafted from templates, approved by four eyes, issued as CAP, updated
and cancelled with new messages that reference the previous one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.models import AuditEntry
from taicho.warnings import cap
from taicho.warnings.models import Alert, AlertStatus, AlertTemplate, HazardType, MsgType
from taicho.warnings.selectors import alert_chain, alerts_for
from taicho.warnings.services import (
    alert_approve,
    alert_cancel,
    alert_discard,
    alert_draft,
    alert_issue,
    alert_template_save,
    alert_update,
    alert_update_draft,
    load_default_templates,
)
from taicho.warnings.services.rendering import SMS_LIMIT, Context, render, sms_length
from taicho.warnings.signals import alert_status_changed
from taicho.warnings.templates_data import CANCEL_TEMPLATE, DEFAULT_TEMPLATES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_templates")]

LONGEST_WARD = "Phường Trường Thịnh Xuân Phong"  # 30 letters, as long as any ward's name


def _draft(actor, ward, **overrides):
    values = {
        "hazard_type": HazardType.STORM,
        "level": 4,
        "area_geometry": square(CENTRE_LAT, CENTRE_LON),
        **overrides,
    }
    return alert_draft(actor=actor, ward=ward, **values)


def _issued(author, approver, ward, **overrides):
    alert = _draft(author, ward, **overrides)
    alert_approve(actor=approver, alert=alert)
    return alert_issue(actor=author, alert=alert)


def test_it_drafts_an_alert_from_the_template_with_an_sms_that_fits(lan, ward_a, storm_bulletin):
    alert = alert_draft(
        actor=lan,
        ward=ward_a,
        bulletin=storm_bulletin,
        area_geometry=square(CENTRE_LAT, CENTRE_LON),
    )
    assert (alert.hazard_type, alert.level, alert.status) == ("storm", 4, AlertStatus.DRAFT)
    assert alert.sms_text.startswith("Phường Bạch Đằng: bão rất mạnh, rủi ro cấp 4.")
    assert sms_length(alert.sms_text) <= SMS_LIMIT
    assert storm_bulletin.headline in alert.long_text  # the bulletin is quoted
    assert "08:00 ngày 6/9/2025" in alert.long_text  # its time, in the ward's time zone
    assert alert.spoken_script.startswith("Thông báo khẩn")
    assert alert.response_type == "evacuate" and alert.author == lan
    entry = AuditEntry.objects.get(object_type="warnings.alert", object_id=str(alert.pk))
    assert entry.action == AuditEntry.Action.CREATE


def test_it_loaded_every_default_template_and_each_sms_fits_one_message():
    assert AlertTemplate.objects.filter(ward=None).count() == len(DEFAULT_TEMPLATES)
    assert load_default_templates() == len(DEFAULT_TEMPLATES)  # again: nothing doubles
    assert AlertTemplate.objects.count() == len(DEFAULT_TEMPLATES)
    for data in (*DEFAULT_TEMPLATES, CANCEL_TEMPLATE):
        for hazard in ("storm_surge", "whirlwind_lightning_hail"):  # the longest hazard words
            context = Context(
                ward=LONGEST_WARD,
                hazard_type=data.hazard_type or hazard,
                level=data.level or 5,
                headline="x" * 80,
                time=None,
                reason="y" * 80,
            )
            sms = render(data.sms_text, context, field="sms_text")
            assert sms_length(sms) <= SMS_LIMIT, (data.hazard_type, data.level, sms)
            for name in ("headline", "long_text", "spoken_script", "instruction"):
                assert render(getattr(data, name), context, field=name)
    levels = {(t.hazard_type, t.level) for t in DEFAULT_TEMPLATES}
    wanted = {("storm", n) for n in (3, 4, 5)} | {("flood", n) for n in range(1, 6)}
    wanted |= {("storm_surge", n) for n in (2, 3, 4, 5)} | {("heavy_rain", n) for n in (1, 2, 3, 4)}
    assert wanted <= levels


def test_it_names_an_unknown_placeholder_and_a_too_long_sms(hung, ward_a):
    texts = {
        "headline": "Cảnh báo {hazard}",
        "long_text": "Nội dung",
        "spoken_script": "Thông báo",
        "instruction": "Sơ tán",
        "response_type": "evacuate",
    }
    with pytest.raises(ValidationError) as unknown:
        alert_template_save(
            actor=hung, ward=ward_a, hazard_type="storm", level=4, sms_text="{phuong}: bão", **texts
        )
    assert "{phuong}" in unknown.value.message_dict["sms_text"][0]
    with translation.override("vi"), pytest.raises(ValidationError) as long:
        alert_template_save(
            actor=hung, ward=ward_a, hazard_type="storm", level=4, sms_text="Bão. " * 40, **texts
        )
    assert "ký tự" in long.value.message_dict["sms_text"][0]
    template = alert_template_save(
        actor=hung, ward=ward_a, hazard_type="storm", level=4, sms_text="{ward}: bão to.", **texts
    )
    assert _draft(hung, ward_a).sms_text == "Phường Bạch Đằng: bão to."  # the ward's own wins
    assert template.ward == ward_a


def test_it_does_not_let_the_author_or_a_duty_officer_approve(hung, thang, tuan, ward_a):
    alert = _draft(hung, ward_a)
    with translation.override("vi"), pytest.raises(PermissionDenied) as own:
        alert_approve(actor=hung, alert=alert)
    assert "Ban Chỉ huy" in str(own.value)
    with pytest.raises(PermissionDenied):
        alert_approve(actor=tuan, alert=alert)  # the duty officer drafts, but cannot approve
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DRAFT
    alert_approve(actor=thang, alert=alert)
    alert.refresh_from_db()
    assert (alert.status, alert.approved_by) == (AlertStatus.APPROVED, thang)


def test_it_issues_an_approved_alert_as_valid_cap(tuan, hung, ward_a, ward_config):
    alert = _draft(
        tuan,
        ward_a,
        headline_en="Very strong storm: risk level 4",
        long_text_en="Households in weak houses evacuate now.",
    )
    with pytest.raises(ValidationError):
        alert_issue(actor=tuan, alert=alert)  # not approved yet
    alert_approve(actor=hung, alert=alert)
    alert = alert_issue(actor=tuan, alert=alert)
    assert alert.status == AlertStatus.ISSUED and alert.issued_by == tuan
    assert alert.identifier.startswith("urn:oid:2.49.0.1.704.11473.")
    report = cap.validate(alert.cap_xml.encode(), check_signature=False)
    assert report.valid, report.errors
    message = report.alert
    assert (message.sender, message.identifier, message.msg_type) == (
        "ubnd.bachdang@haiphong.gov.vn",
        alert.identifier,
        "Alert",
    )
    assert [info.language for info in message.infos] == ["vi-VN", "en-US"]
    vietnamese = message.infos[0]
    assert vietnamese.headline == alert.headline and vietnamese.event == "Bão"
    assert vietnamese.response_types == ["Evacuate"] and vietnamese.severity == "Extreme"
    assert vietnamese.areas[0].polygons and vietnamese.expires is not None
    assert "+07:00" in alert.cap_xml  # CAP times in the ward's offset


def test_it_refuses_to_issue_before_the_ward_has_cap_settings(lan, hung, ward_a):
    alert = _draft(lan, ward_a)
    alert_approve(actor=hung, alert=alert)
    with pytest.raises(ValidationError):
        alert_issue(actor=lan, alert=alert)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.APPROVED and not alert.cap_xml


def test_it_needs_a_target_before_approval(lan, hung, ward_a):
    alert = _draft(lan, ward_a, area_geometry=None)
    with pytest.raises(ValidationError) as refused:
        alert_approve(actor=hung, alert=alert)
    assert "area_geometry" in refused.value.message_dict


def test_it_updates_and_cancels_with_new_messages_that_reference_the_previous(
    lan, hung, ward_a, ward_config
):
    changes = []

    def on_change(sender, *, alert, old_status, new_status, **kwargs):
        changes.append((alert.msg_type, old_status, new_status))

    alert_status_changed.connect(on_change)
    try:
        first = _issued(lan, hung, ward_a)
        update = alert_update(actor=lan, alert=first, level=5)
        assert (update.msg_type, update.previous, update.status) == ("Update", first, "draft")
        assert "cấp 5" in update.sms_text  # the level-5 template's words
        alert_approve(actor=hung, alert=update)
        update = alert_issue(actor=lan, alert=update)
        first.refresh_from_db()
        assert first.status == AlertStatus.SUPERSEDED
        references = cap.validate(update.cap_xml.encode(), check_signature=False).alert.references
        assert [(r.sender, r.identifier, r.sent) for r in references] == [
            (first.sender, first.identifier, first.issued_at)
        ]
        with pytest.raises(ValidationError):
            alert_update(actor=lan, alert=first)  # superseded: update the update instead

        cancel = alert_cancel(actor=lan, alert=update, reason="Bão đã đổi hướng ra biển")
        assert cancel.msg_type == MsgType.CANCEL and cancel.previous == update
        assert "HỦY BỎ" in cancel.sms_text and "đổi hướng" in cancel.long_text
        alert_approve(actor=hung, alert=cancel)
        cancel = alert_issue(actor=lan, alert=cancel)
        update.refresh_from_db()
        assert update.status == AlertStatus.CANCELLED
        message = cap.validate(cancel.cap_xml.encode(), check_signature=False).alert
        assert (
            message.msg_type == "Cancel" and message.references[0].identifier == update.identifier
        )
    finally:
        alert_status_changed.disconnect(on_change)
    assert ("Update", "issued", "cancelled") in changes
    assert ("Alert", "issued", "superseded") in changes
    assert ("Cancel", "approved", "issued") in changes
    assert alert_chain(user=lan, alert=update) == [first, update, cancel]


def test_it_sends_back_to_draft_an_approved_alert_that_changes(lan, hung, ward_a):
    alert = _draft(lan, ward_a)
    alert_approve(actor=hung, alert=alert)
    alert = alert_update_draft(actor=lan, alert=alert, sms_text="Phường Bạch Đằng: sơ tán ngay.")
    assert alert.status == AlertStatus.DRAFT and alert.approved_by is None
    alert = alert_discard(actor=lan, alert=alert)
    assert alert.status == AlertStatus.DISCARDED
    with pytest.raises(ValidationError):
        alert_approve(actor=hung, alert=alert)


def test_it_drafts_the_all_clear(lan, ward_a):
    alert = _draft(lan, ward_a, hazard_type=HazardType.FLOOD, level=3, all_clear=True)
    assert alert.response_type == "all_clear"
    assert alert.headline == "Kết thúc cảnh báo lũ, ngập lụt tại Phường Bạch Đằng"


def test_it_shows_ward_a_alerts_to_no_one_of_ward_b(lan, binh, duc, ward_a, ward_b):
    alert = _draft(lan, ward_a)
    assert list(alerts_for(user=duc, ward=ward_a)) == [alert]  # the shock force reads them
    assert not alerts_for(user=binh, ward=ward_a).exists()
    assert not Alert.objects.visible_to(binh).exists()
    with pytest.raises(PermissionDenied):
        alert_update_draft(actor=binh, alert=alert, headline="Sửa")
    with pytest.raises(PermissionDenied):
        _draft(duc, ward_a)
