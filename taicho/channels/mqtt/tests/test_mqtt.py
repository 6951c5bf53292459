"""MQTT to the loudspeakers, against the real Mosquitto broker on 127.0.0.1:1883.

In CI the broker must be there (.ci/run starts it): a missing broker fails these tests.
"""

import json
import uuid

import pytest

from taicho.channels.base import Message, TransportContext, TransportError
from taicho.channels.mqtt.transport import MqttTransport
from taicho.channels.testing import subscribed

WARD = 11473


@pytest.fixture
def loudspeaker(mosquitto):
    """A second client subscribed as the loudspeakers of one cluster are, with QoS 1."""
    cluster = f"to-{uuid.uuid4().hex[:8]}"
    with subscribed(mosquitto, f"taicho/{WARD}/loa/{cluster}") as received:
        yield cluster, received


def transport(port=1883, **overrides):
    form = MqttTransport.config_form(
        data={"host": "127.0.0.1", "port": port, "timeout": 2, **overrides}
    )
    assert form.is_valid(), form.errors
    return MqttTransport(form.to_config(), TransportContext(ward_code=WARD))


def test_it_publishes_the_script_and_audio_to_the_clusters_topic_with_qos1(loudspeaker):
    cluster, received = loudspeaker
    message = Message(
        recipient=cluster,
        text="Bão số 3",
        spoken_script="Thông báo khẩn của Ủy ban nhân dân phường Bạch Đằng",
        audio_url="http://10.0.0.5:8000/media/loa/" + "a" * 64 + ".wav",
        idempotency_key="alert-9-loa-to1",
    )
    result = transport().send(message)
    delivered = received.get(timeout=5)
    assert delivered.topic == f"taicho/{WARD}/loa/{cluster}"
    assert delivered.qos == 1
    assert json.loads(delivered.payload.decode("utf-8")) == {
        "id": "alert-9-loa-to1",
        "text": "Bão số 3",
        "spoken_script": "Thông báo khẩn của Ủy ban nhân dân phường Bạch Đằng",
        "audio_url": "http://10.0.0.5:8000/media/loa/" + "a" * 64 + ".wav",
    }
    assert result.detail == delivered.topic
    assert result.provider_id


def test_it_tries_again_later_when_the_broker_refuses_connections(closed_port):
    with pytest.raises(TransportError) as caught:
        transport(port=closed_port).send(Message(recipient="to1", text="x"))
    assert not caught.value.permanent
    assert f"127.0.0.1:{closed_port}" in str(caught.value)


@pytest.mark.parametrize("cluster", ["to1/#", "+", "to 1", ""])
def test_it_refuses_a_cluster_that_would_change_the_topic(cluster):
    with pytest.raises(TransportError) as caught:
        transport().send(Message(recipient=cluster, text="x"))
    assert caught.value.permanent


def test_it_checks_the_topic_template():
    form = MqttTransport.config_form(data={"host": "127.0.0.1", "topic_template": "loa/{ward}/#"})
    assert not form.is_valid()
    assert "topic_template" in form.errors
    form = MqttTransport.config_form(data={"host": "127.0.0.1", "topic_template": "loa/{zone}"})
    assert not form.is_valid()
    assert "topic_template" in form.errors
    assert form.fields["password"].widget.input_type == "password"


def test_it_takes_the_loudspeaker_clusters_one_per_line_and_names_a_bad_one():
    form = MqttTransport.config_form(
        data={"host": "127.0.0.1", "clusters": "ben-1\nben-2, ben-1\n\n"}
    )
    assert form.is_valid(), form.errors
    assert form.to_config()["clusters"] == ["ben-1", "ben-2"]
    form = MqttTransport.config_form(data={"host": "127.0.0.1", "clusters": "ben-1\ncụm 3"})
    assert not form.is_valid()
    assert "cụm 3" in form.errors["clusters"][0]
