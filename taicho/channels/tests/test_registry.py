"""The kinds come from settings.TAICHO_CHANNEL_KINDS; each brings its form and contract."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.forms import PasswordInput

from taicho.channels import registry
from taicho.channels.base import RecipientField, Transport
from taicho.channels.forms import ChannelConfigForm
from taicho.channels.redaction import is_secret_key

KINDS = [
    "console",
    "locmem",
    "email",
    "sms_http",
    "zalo_zns",
    "telegram",
    "mqtt",
    "webhook",
    "loudspeaker_audio",
]


def test_it_offers_every_kind_of_the_setting_in_order():
    assert list(registry.kinds()) == KINDS
    assert dict(registry.kind_choices())["sms_http"]


@pytest.mark.parametrize("kind", KINDS)
def test_it_gives_each_kind_its_form_and_contract(kind):
    cls = registry.kind_class(kind)
    assert issubclass(cls, Transport)
    assert issubclass(cls.config_form, ChannelConfigForm)
    assert cls.recipient_field in RecipientField.values
    assert str(cls.label)


@pytest.mark.parametrize("kind", KINDS)
def test_it_treats_every_password_box_as_a_secret_and_every_secret_as_one(kind):
    form = registry.kind_class(kind).config_form()
    for name, field in form.fields.items():
        assert isinstance(field.widget, PasswordInput) == is_secret_key(name), name


def test_it_follows_the_setting_when_it_changes(settings):
    settings.TAICHO_CHANNEL_KINDS = ["taicho.channels.locmem.transport.LocmemTransport"]
    assert list(registry.kinds()) == ["locmem"]
    with pytest.raises(KeyError):
        registry.kind_class("sms_http")


@pytest.mark.parametrize(
    ("paths", "named"),
    [
        (["taicho.channels.nowhere.Transport"], "taicho.channels.nowhere.Transport"),
        (["taicho.channels.base.Message"], "taicho.channels.base.Message"),
        (
            [
                "taicho.channels.locmem.transport.LocmemTransport",
                "taicho.channels.locmem.transport.LocmemTransport",
            ],
            "locmem",
        ),
    ],
)
def test_it_stops_with_a_message_naming_a_bad_entry(settings, paths, named):
    settings.TAICHO_CHANNEL_KINDS = paths
    with pytest.raises(ImproperlyConfigured, match=named):
        registry.kinds()
