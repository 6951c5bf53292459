"""The loudspeakers' audio: the spoken script rendered to a WAV file at a stable address.

Its "send" renders (or finds) the file and returns the address in SendResult.detail; the
layer above puts it in the MQTT messages' audio_url. The recipient (a loudspeaker cluster)
does not change the file: one script, one file, however many clusters play it.
"""

from django.utils.translation import gettext_lazy

from taicho.channels.base import Message, RecipientField, SendResult, Transport
from taicho.channels.loudspeaker_audio import render as rendering
from taicho.channels.loudspeaker_audio.forms import LoudspeakerAudioConfigForm


class LoudspeakerAudioTransport(Transport):
    kind = "loudspeaker_audio"
    label = gettext_lazy("Loudspeaker audio (espeak-ng)")
    config_form = LoudspeakerAudioConfigForm
    recipient_field = RecipientField.LOUDSPEAKER_CLUSTER
    max_text_length = None

    def url_for(self, audio: rendering.AudioFile) -> str:
        return f"{self.config.get('public_base_url') or ''}{audio.url_path}"

    def render(self, script: str) -> rendering.AudioFile:
        return rendering.render(
            script,
            voice=self.config.get("voice") or "vi",
            speed=self.config.get("speed") or 140,
            timeout=self.config.get("timeout") or 60.0,
        )

    def deliver(self, message: Message) -> SendResult:
        audio = self.render(message.spoken_script or message.text)
        return SendResult(provider_id=audio.digest, detail=self.url_for(audio))
