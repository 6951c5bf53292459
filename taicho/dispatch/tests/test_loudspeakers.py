"""An issued alert reaches the ward's IP loudspeakers through the real Mosquitto broker, with
the address of its spoken script as audio that the loudspeaker can fetch without logging in."""

import json
import uuid

import pytest

from taicho.channels.testing import subscribed
from taicho.dispatch import worker
from taicho.dispatch.services import dispatch_alert
from taicho.dispatch.tests.conftest import make_channel


@pytest.fixture
def subscriber(ward_a, mosquitto, espeak):
    cluster = f"ben-{uuid.uuid4().hex[:8]}"
    with subscribed(mosquitto, f"taicho/{ward_a.code}/loa/{cluster}") as received:
        yield cluster, received


@pytest.mark.django_db
def test_it_plays_the_alert_on_the_loudspeakers_of_each_cluster(
    client, ward_a, alert, subscriber, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    cluster, received = subscriber
    make_channel(
        ward_a,
        name="Loa",
        kind="mqtt",
        host="127.0.0.1",
        port=1883,
        timeout=5,
        topic_template="taicho/{ward}/loa/{cluster}",
        clusters=[cluster],
    )
    dispatch_alert(alert=alert)
    worker.run(worker_id="w", once=True)
    delivered = json.loads(received.get(timeout=5).payload)
    assert delivered["spoken_script"] == "Bão số ba sắp đổ bộ."
    assert "/t/" not in delivered["text"]  # no personal link on a loudspeaker
    assert delivered["audio_url"].startswith("http://127.0.0.1:8000/media/loa/")
    audio = client.get(delivered["audio_url"].removeprefix("http://127.0.0.1:8000"))
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert b"".join(audio.streaming_content)[:4] == b"RIFF"
