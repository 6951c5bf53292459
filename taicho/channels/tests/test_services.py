"""Writing a ward's channels: managers only, each kind's form validates, secrets stay hidden."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taicho.channels import selectors, services
from taicho.channels.models import ChannelConfig
from taicho.channels.redaction import MASK
from taicho.core.models import AuditEntry

TOKEN = "7012345678:AAHk-secret-bot-token-xyz"


def telegram(actor, ward, **fields):
    return services.channel_config_create(
        actor=actor,
        ward=ward,
        kind="telegram",
        name=fields.pop("name", "Bot Telegram phường"),
        config=fields.pop("config", {"bot_token": TOKEN}),
        **fields,
    )


def test_it_lets_the_officer_add_a_channel_and_logs_it_without_the_secret(lan, ward_a):
    channel = telegram(lan, ward_a, rate_per_second=20)
    assert channel.config["bot_token"] == TOKEN
    assert channel.config["api_url"] == "https://api.telegram.org"  # the default, filled in
    assert channel.masked_config["bot_token"] == MASK
    entry = AuditEntry.objects.get(object_id=str(channel.pk))
    assert entry.action == "create"
    assert entry.actor == lan
    assert entry.changes["config.bot_token"] == [None, f"{MASK} (new)"]
    assert TOKEN not in str(entry.changes)


@pytest.mark.parametrize("who", ["minh", "duc", "binh", "thao"])
def test_it_lets_no_one_but_the_wards_managers_add_one(request, ward_a, who):
    with pytest.raises(PermissionDenied):
        telegram(request.getfixturevalue(who), ward_a)
    assert not ChannelConfig.objects.exists()


def test_it_names_the_setting_that_is_wrong(lan, ward_a):
    with pytest.raises(ValidationError) as caught:
        services.channel_config_create(
            actor=lan,
            ward=ward_a,
            kind="sms_http",
            name="SMS",
            config={
                "url": "ftp://sms.example.vn",
                "body_template": '{"to": "{phone}", "m": "{text}"}',
            },
        )
    assert caught.value.message_dict == {
        "url": ["Hãy nhập địa chỉ web bắt đầu bằng http:// hoặc https://."]
    }


def test_it_refuses_a_kind_this_installation_does_not_offer(lan, ward_a):
    with pytest.raises(ValidationError) as caught:
        services.channel_config_create(actor=lan, ward=ward_a, kind="fax", name="Fax", config={})
    assert "kind" in caught.value.message_dict


def test_it_refuses_a_second_channel_of_the_same_name_and_a_zero_rate(lan, ward_a):
    telegram(lan, ward_a)
    with pytest.raises(ValidationError) as caught:
        telegram(lan, ward_a, rate_per_second=0)
    assert set(caught.value.message_dict) == {"name", "rate_per_second"}


def test_it_keeps_a_secret_left_empty_when_editing(hung, lan, ward_a):
    channel = telegram(lan, ward_a)
    services.channel_config_update(
        actor=hung, channel=channel, config={"bot_token": "", "disable_preview": True}
    )
    channel.refresh_from_db()
    assert channel.config["bot_token"] == TOKEN
    assert channel.config["disable_preview"] is True
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes == {"config.disable_preview": [False, True]}


def test_it_logs_a_new_secret_as_changed_but_not_its_value(lan, ward_a):
    channel = telegram(lan, ward_a)
    new = "7012345678:AAHk-another-secret-token"
    services.channel_config_update(actor=lan, channel=channel, config={"bot_token": new})
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes == {"config.bot_token": [MASK, f"{MASK} (new)"]}
    assert new not in str(entry.changes)


def test_it_refuses_to_edit_another_wards_channel(lan, binh, ward_a):
    channel = telegram(lan, ward_a)
    with pytest.raises(PermissionDenied):
        services.channel_config_update(actor=binh, channel=channel, name="Của tôi")


def test_it_pauses_with_a_reason_and_resumes(lan, ward_a):
    channel = telegram(lan, ward_a)
    with pytest.raises(ValidationError) as caught:
        services.channel_config_pause(actor=lan, channel=channel, reason=" ")
    assert caught.value.message_dict["paused_reason"] == ["Hãy ghi lý do tạm dừng kênh."]
    channel = services.channel_config_pause(actor=lan, channel=channel, reason="Hết hạn mức")
    assert (channel.active, channel.paused_reason) == (False, "Hết hạn mức")
    channel = services.channel_config_resume(actor=lan, channel=channel)
    assert (channel.active, channel.paused_reason) == (True, "")
    assert AuditEntry.objects.filter(object_id=str(channel.pk), action="update").count() == 2


def test_it_shows_the_channels_to_managers_only(lan, minh, binh, ward_a):
    telegram(lan, ward_a)
    assert selectors.channels_for(user=lan, ward=ward_a).count() == 1
    assert selectors.channels_for(user=minh, ward=ward_a).count() == 0
    assert selectors.channels_for(user=binh, ward=ward_a).count() == 0
    assert selectors.active_channels(ward=ward_a, kind="telegram").count() == 1
