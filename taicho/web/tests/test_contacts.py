"""A person's own contacts for alerts: Hùng (command board) gives his phone and Telegram chat."""

import pytest
from django.core.exceptions import PermissionDenied

from taicho.core.models import AuditEntry, Membership
from taicho.core.services import membership_contacts_save


@pytest.mark.django_db
def test_it_saves_my_phone_and_telegram_chat_for_alerts(client, hung, ward_a):
    client.force_login(hung)
    membership = Membership.objects.get(user=hung)
    page = client.get("/account/contacts/").content.decode()
    assert ward_a.name in page
    response = client.post(
        "/account/contacts/",
        {f"{membership.pk}-phone": "+84 912 345 678", f"{membership.pk}-telegram_chat": "4242"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.phone, membership.telegram_chat) == ("0912345678", "4242")
    entry = AuditEntry.objects.get(object_type="core.membership")
    assert entry.changes["phone"] == ["", "0912345678"]


@pytest.mark.django_db
def test_it_names_the_bad_field_and_keeps_the_old_contacts(client, hung):
    client.force_login(hung)
    membership = Membership.objects.get(user=hung)
    response = client.post(
        "/account/contacts/",
        {f"{membership.pk}-phone": "12345", f"{membership.pk}-telegram_chat": "@chihuy"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "không phải số điện thoại" in page
    assert "Telegram" in page and "là một số" in page
    membership.refresh_from_db()
    assert (membership.phone, membership.telegram_chat) == ("", "")


@pytest.mark.django_db
def test_it_lets_no_one_change_anothers_contacts(hung, lan):
    with pytest.raises(PermissionDenied):
        membership_contacts_save(
            actor=lan, membership=Membership.objects.get(user=hung), phone="0912345678"
        )
