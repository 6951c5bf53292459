"""Publish to the ward's IP loudspeakers and sirens over MQTT (paho-mqtt 2), QoS 1.

One topic per loudspeaker cluster ("taicho/{ward}/loa/{cluster}"); the payload is JSON
{id, text, spoken_script, audio_url}. The send waits for the broker's PUBACK: without it
(no broker, refused connection, timeout) the send is temporary and is tried again. A
broker that refuses our credentials is the channel's fault.

A connection per send: loudspeaker clusters are few (tens per ward), and a fresh connection
never leaves a half-dead socket between alerts hours apart.
"""

import json
import re
import threading
import uuid

import paho.mqtt.client as mqtt
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.mqtt.forms import TOPIC_TEMPLATE, MqttConfigForm

QOS = 1
_CLUSTER = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class MqttTransport(Transport):
    kind = "mqtt"
    label = gettext_lazy("IP loudspeakers (MQTT)")
    config_form = MqttConfigForm
    recipient_field = RecipientField.LOUDSPEAKER_CLUSTER
    max_text_length = None

    def topic(self, cluster: str) -> str:
        if not _CLUSTER.match(cluster):
            raise TransportError(
                _("“%(value)s” is not a loudspeaker cluster code (letters, digits, - _ .).")
                % {"value": cluster},
                permanent=True,
            )
        template = self.config.get("topic_template") or TOPIC_TEMPLATE
        ward = "" if self.context.ward_code is None else str(self.context.ward_code)
        return template.replace("{ward}", ward).replace("{cluster}", cluster)

    def payload(self, message: Message) -> bytes:
        data = {
            "id": message.idempotency_key,
            "text": message.text,
            "spoken_script": message.spoken_script or message.text,
            "audio_url": message.audio_url,
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def _client(self) -> mqtt.Client:
        client = mqtt.Client(
            callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
            client_id=f"taicho-{uuid.uuid4().hex[:12]}",
            protocol=mqtt.MQTTv311,
        )
        if self.config.get("username"):
            client.username_pw_set(self.config["username"], self.config.get("password") or None)
        if self.config.get("tls"):
            client.tls_set()
        client.connect_timeout = self.config.get("timeout") or 5.0
        return client

    def deliver(self, message: Message) -> SendResult:
        topic = self.topic(message.recipient.strip())
        timeout = self.config.get("timeout") or 5.0
        client = self._client()
        connected = threading.Event()
        refusal: list[str] = []

        def on_connect(client, userdata, flags, reason_code, properties):
            if reason_code.is_failure:
                refusal.append(str(reason_code))
            connected.set()

        client.on_connect = on_connect
        host, port = self.config.get("host") or "127.0.0.1", self.config.get("port") or 1883
        try:
            client.connect(host, port, keepalive=max(10, int(timeout * 4)))
        except OSError as exc:
            raise TransportError(
                _("Cannot reach the MQTT broker %(host)s:%(port)s: %(error)s")
                % {"host": host, "port": port, "error": exc}
            ) from exc
        client.loop_start()
        try:
            return self._publish(client, topic, message, connected, refusal, timeout)
        finally:
            client.disconnect()
            client.loop_stop()

    def _publish(self, client, topic, message, connected, refusal, timeout) -> SendResult:
        if not connected.wait(timeout):
            raise TransportError(_("The MQTT broker did not accept the connection in time."))
        if refusal:
            raise TransportError(
                _("The MQTT broker refused the connection: %(reason)s") % {"reason": refusal[0]},
                permanent=True,
                channel_fault=True,
            )
        info = client.publish(topic, self.payload(message), qos=QOS, retain=False)
        try:
            info.wait_for_publish(timeout)
        except (RuntimeError, ValueError) as exc:
            raise TransportError(
                _("The MQTT broker did not take the message: %(error)s") % {"error": exc}
            ) from exc
        if not info.is_published():
            raise TransportError(
                _("The MQTT broker did not confirm the message within %(seconds)s s.")
                % {"seconds": timeout}
            )
        return SendResult(provider_id=str(info.mid), detail=topic)
