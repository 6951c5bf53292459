"""`taicho up` serves with gunicorn and runs the workers; Ctrl-C stops them all."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def fresh_site(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "TAICHO_VAR_DIR": str(tmp_path),
        "TAICHO_BIND": f"127.0.0.1:{_free_port()}",
        "TAICHO_WEB_WORKERS": "1",
    }
    subprocess.run([sys.executable, "-m", "taicho.cli", "migrate", "-v", "0"], env=env, check=True)
    return env


def test_it_loads_the_demo_serves_the_login_page_and_stops_all_on_ctrl_c(fresh_site):
    up = subprocess.Popen(
        [sys.executable, "-m", "taicho.cli", "up"],
        env=fresh_site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        page = _wait_for(f"http://{fresh_site['TAICHO_BIND']}/login/")
        assert "Đăng nhập" in page
        children = subprocess.run(
            ["pgrep", "-P", str(up.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) == 3, "web server, task worker and message worker"
        up.send_signal(signal.SIGINT)
        output, _ = up.communicate(timeout=30)
        # The first run loads the demo ward and prints its logins.
        assert "canbo" in output and "bachdang-demo" in output
        for pid in children:
            with pytest.raises(ProcessLookupError):
                os.kill(int(pid), 0)
    finally:
        if up.poll() is None:
            os.killpg(up.pid, signal.SIGKILL)
            up.wait()
