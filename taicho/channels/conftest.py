"""Fixtures of the channels' tests: local servers imitating the providers (the broker and
espeak-ng fixtures are the project's, in taicho/conftest.py)."""

import socket

import pytest

from taicho.channels.locmem.transport import reset_outbox
from taicho.channels.testing import FakeApi, FakeSmtp


@pytest.fixture
def fake_api():
    """Start an imitation of a provider's API: fake_api(handler) -> FakeApi (stopped after)."""
    started: list[FakeApi] = []

    def start(handler) -> FakeApi:
        api = FakeApi(handler).start()
        started.append(api)
        return api

    yield start
    for api in started:
        api.stop()


@pytest.fixture
def fake_smtp():
    server = FakeSmtp().start()
    yield server
    server.stop()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _empty_outbox():
    reset_outbox()
    yield
    reset_outbox()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
