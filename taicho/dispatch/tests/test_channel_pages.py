"""The ward's channel pages: Lan (officer) adds an SMS gateway and a paused channel is news on
the ward's overview page until she resumes it. Minh (group leader) sees but cannot change."""

import pytest

from taicho.channels.models import ChannelConfig
from taicho.channels.services import channel_config_pause_by_system
from taicho.dispatch.services import dispatch_alert

GATEWAY = {
    "name": "SMS Viettel",
    "rate_per_second": "20",
    "config-url": "http://127.0.0.1:9/send",
    "config-method": "POST",
    "config-content_type": "json",
    "config-body_template": '{"to": "{phone}", "text": "{text}"}',
    "config-header_name": "Authorization",
    "config-auth_value": "Bearer very-secret-key",
    "config-inbound_secret": "reply-secret-bach-dang",
}


@pytest.mark.django_db
def test_it_adds_an_sms_gateway_and_never_shows_its_secrets_again(client, lan, ward_a):
    client.force_login(lan)
    base = f"/w/{ward_a.code}/dispatch/channels/"
    response = client.post(base + "new/sms_http/", GATEWAY)
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = ChannelConfig.objects.get(name="SMS Viettel")
    assert channel.config["inbound_secret"] == "reply-secret-bach-dang"
    assert channel.rate_per_second == 20
    listing = client.get(base).content.decode()
    assert f"/hooks/{channel.pk}/" in listing  # where the gateway posts replies
    edit = client.get(f"{base}{channel.pk}/").content.decode()
    assert "very-secret-key" not in edit and "reply-secret-bach-dang" not in edit
    changed = {
        **GATEWAY,
        "rate_per_second": "5",
        "config-auth_value": "",
        "config-inbound_secret": "",
    }
    assert client.post(f"{base}{channel.pk}/", changed).status_code == 302
    channel.refresh_from_db()
    assert channel.rate_per_second == 5
    assert channel.config["auth_value"] == "Bearer very-secret-key"


@pytest.mark.django_db
def test_it_names_the_wrong_setting_and_creates_nothing(client, lan, ward_a):
    client.force_login(lan)
    response = client.post(
        f"/w/{ward_a.code}/dispatch/channels/new/sms_http/",
        {**GATEWAY, "config-url": "ftp://gateway"},
    )
    assert response.status_code == 200
    assert "http:// hoặc https://" in response.content.decode()
    assert not ChannelConfig.objects.exists()


@pytest.mark.django_db
def test_it_lets_a_group_leader_see_the_channels_but_not_change_them(client, minh, ward_a):
    channel = ChannelConfig.objects.create(ward=ward_a, kind="console", name="Console")
    client.force_login(minh)
    page = client.get(f"/w/{ward_a.code}/dispatch/channels/").content.decode()
    assert 'data-channel="Console"' in page and "/pause/" not in page
    assert client.post(f"/w/{ward_a.code}/dispatch/channels/new/console/", {}).status_code == 403
    response = client.post(
        f"/w/{ward_a.code}/dispatch/channels/{channel.pk}/pause/", {"reason": "x"}
    )
    assert response.status_code == 403
    channel.refresh_from_db()
    assert channel.active


@pytest.mark.django_db
def test_it_tells_the_officer_of_a_paused_channel_and_its_waiting_messages(
    client, lan, ward_a, alert, sms
):
    from taicho.dispatch.models import Message, MessageStatus
    from taicho.dispatch.services import messages_hold

    dispatch_alert(alert=alert)
    sms = channel_config_pause_by_system(channel=sms, reason="Gateway refused the API key (401)")
    messages_hold(channel=sms)
    client.force_login(lan)
    overview = client.get(f"/w/{ward_a.code}/").content.decode()
    assert 'data-paused="SMS"' in overview
    assert "Gateway refused the API key (401)" in overview
    assert "6 tin" in overview
    client.post(f"/w/{ward_a.code}/dispatch/channels/{sms.pk}/resume/")
    assert 'data-paused="SMS"' not in client.get(f"/w/{ward_a.code}/").content.decode()
    # Resumed: the six held messages are back in the queue.
    assert Message.objects.filter(channel=sms, status=MessageStatus.QUEUED).count() == 6
