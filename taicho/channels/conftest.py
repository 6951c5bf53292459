"""Fixtures of the channels' tests: local servers imitating the providers, and the broker."""

import os
import shutil
import socket

import pytest

from taicho.channels.locmem.transport import reset_outbox
from taicho.channels.testing import FakeApi, FakeSmtp

BROKER = ("127.0.0.1", 1883)


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


def _require(what: str, available: bool) -> None:
    """In CI a missing service fails the test; on a developer's machine it is skipped."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI (.ci/run sets it up)")
    pytest.skip(f"{what} is not available here")


@pytest.fixture
def mosquitto() -> tuple[str, int]:
    try:
        socket.create_connection(BROKER, timeout=1).close()
        running = True
    except OSError:
        running = False
    _require("The Mosquitto broker on 127.0.0.1:1883", running)
    return BROKER


@pytest.fixture
def espeak():
    _require("espeak-ng", shutil.which("espeak-ng") is not None)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
