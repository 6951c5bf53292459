"""Loudspeaker audio: the spoken script read by espeak-ng's Vietnamese voice, at a stable URL."""

import pytest

from taicho.channels.base import Message, TransportError
from taicho.channels.loudspeaker_audio import render
from taicho.channels.loudspeaker_audio.transport import LoudspeakerAudioTransport

SCRIPT = "Thông báo khẩn của Ủy ban nhân dân phường Bạch Đằng: bão số 3 sắp đổ bộ."


def configured(**data):
    form = LoudspeakerAudioTransport.config_form(data=data)
    assert form.is_valid(), form.errors
    return LoudspeakerAudioTransport(form.to_config())


def test_it_renders_the_script_to_a_wav_file_at_a_stable_address(espeak, media_root):
    transport = configured(public_base_url="http://10.0.0.5:8000/")
    result = transport.send(Message(recipient="to1", text="Bão", spoken_script=SCRIPT))
    path = render.path_for(result.provider_id)
    assert path.parent == media_root / "loa"
    assert path.read_bytes()[:4] == b"RIFF"
    assert result.detail == f"http://10.0.0.5:8000/media/loa/{result.provider_id}.wav"
    again = transport.send(Message(recipient="to2", text="Bão", spoken_script=SCRIPT))
    assert again.detail == result.detail  # same script: same file, same address
    assert not transport.render(SCRIPT).created


def test_it_gives_another_file_for_another_voice(espeak, media_root):
    northern = configured().render(SCRIPT)
    southern = configured(voice="vi-vn-x-south").render(SCRIPT)
    assert northern.digest != southern.digest


def test_it_says_clearly_that_espeak_ng_is_missing(media_root, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(TransportError) as caught:
        configured().send(Message(recipient="to1", text="x", spoken_script="Kiểm tra mới"))
    assert caught.value.permanent
    assert "espeak-ng" in str(caught.value)


def test_it_refuses_an_empty_script(media_root):
    with pytest.raises(TransportError) as caught:
        configured().send(Message(recipient="to1", text="  "))
    assert caught.value.permanent


def test_it_serves_the_file_to_anyone_and_nothing_else(espeak, media_root, client, settings):
    settings.ROOT_URLCONF = "taicho.channels.tests.urls"
    audio = configured().render(SCRIPT)
    response = client.get(audio.url_path)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert client.get("/media/loa/" + "0" * 64 + ".wav").status_code == 404
    assert client.get("/media/loa/../../settings.py").status_code == 404
    assert client.post(audio.url_path).status_code == 405


def test_it_rejects_a_base_address_that_is_not_http():
    form = LoudspeakerAudioTransport.config_form(data={"public_base_url": "ftp://10.0.0.5"})
    assert not form.is_valid()
    assert "public_base_url" in form.errors
