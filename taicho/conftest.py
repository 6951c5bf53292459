"""Shared test fixtures. The characters:

- Lan: disaster prevention (PCTT) officer of Phường Bạch Đằng (ward A)
- Hùng: command board member of ward A
- Minh: leader of residential group A1 only
- Đức: shock force member of ward A
- Bình: PCTT officer of another Hải Phòng ward (ward B)
- Thảo: city viewer for Thành phố Hải Phòng (read-only, every ward of the city)
"""

import os
import shutil
import socket
from pathlib import Path

import pytest

import taicho
from taicho.core.translations import compile_translations

BACH_DANG = 11473
BROKER = ("127.0.0.1", 1883)
# A square of about 1 km around the demo ward's centre, for zones in tests.
CENTRE_LAT, CENTRE_LON = 20.97, 106.73


def pytest_sessionstart(session):
    compile_translations(Path(taicho.__file__).parent)
    # Django loaded its catalogues at set-up (the admin's autodiscovery translates), possibly
    # before these files existed: have it forget them, as when a test changes LOCALE_PATHS.
    from django.conf import settings
    from django.test.signals import setting_changed

    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a file, not memory: the browser journeys' live server answers
    requests on several threads, and one in-memory connection shared by threads is unsafe."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        test_file = tmp_path_factory.mktemp("db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_file)


@pytest.fixture
def ward_a(db):
    from taicho.core.divisions import divisions_load
    from taicho.core.models import Ward

    if not Ward.objects.filter(code=BACH_DANG).exists():
        # A transactional test (browser journeys) flushed what the migration loaded.
        divisions_load()
    ward = Ward.objects.get(code=BACH_DANG)
    ward.center_lat, ward.center_lon = CENTRE_LAT, CENTRE_LON
    ward.save()
    return ward


@pytest.fixture
def ward_b(db, ward_a):
    from taicho.core.models import Ward

    return Ward.objects.filter(province=ward_a.province).exclude(pk=ward_a.pk).first()


@pytest.fixture
def ward_elsewhere(db, ward_a):
    from taicho.core.models import Ward

    return Ward.objects.exclude(province=ward_a.province).first()


def _group(ward, code):
    from taicho.core.models import ResidentialGroup

    return ResidentialGroup.objects.create(ward=ward, code=code, name=f"Tổ dân phố {code}")


@pytest.fixture
def group_a1(ward_a):
    return _group(ward_a, "1")


@pytest.fixture
def group_a2(ward_a):
    return _group(ward_a, "2")


@pytest.fixture
def group_b1(ward_b):
    return _group(ward_b, "1")


def _user(username, full_name, role, *, ward=None, province=None, groups=()):
    from django.contrib.auth import get_user_model

    from taicho.core.services import membership_grant

    first, _, last = full_name.rpartition(" ")
    user = get_user_model().objects.create_user(
        username=username, password="mật-khẩu-thử", first_name=last, last_name=first
    )
    membership_grant(user=user, role=role, ward=ward, province=province, groups=list(groups))
    return user


@pytest.fixture
def lan(ward_a):
    return _user("lan", "Nguyễn Thị Lan", "pctt_officer", ward=ward_a)


@pytest.fixture
def hung(ward_a):
    return _user("hung", "Trần Văn Hùng", "command_board", ward=ward_a)


@pytest.fixture
def minh(ward_a, group_a1):
    return _user("minh", "Lê Văn Minh", "group_leader", ward=ward_a, groups=[group_a1])


@pytest.fixture
def duc(ward_a):
    return _user("duc", "Phạm Minh Đức", "shock_force", ward=ward_a)


@pytest.fixture
def binh(ward_b):
    return _user("binh", "Vũ Thanh Bình", "pctt_officer", ward=ward_b)


@pytest.fixture
def thao(ward_a):
    return _user("thao", "Đỗ Phương Thảo", "city_viewer", province=ward_a.province)


def square(lat: float, lon: float, half: float = 0.002) -> dict:
    """A GeoJSON square polygon centred on (lat, lon), `half` degrees each way."""
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- services the tests need running: in CI they must be there (.ci/run sets them up) ---


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
