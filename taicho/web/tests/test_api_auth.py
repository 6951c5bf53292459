"""Who may call the API: bearer tokens, the browser session, nobody else."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils.crypto import get_random_string

from taicho.web.tests.test_api_support import BASE, Api

pytestmark = pytest.mark.django_db


def test_it_refuses_calls_without_a_valid_token(client, lan, ward_a):
    url = f"{BASE}/wards/{ward_a.code}/households"
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous.json() == {
        "detail": "Hãy đăng nhập, hoặc gửi tiêu đề “Authorization: Bearer <token>”."
    }
    assert anonymous["WWW-Authenticate"] == "Bearer"
    assert client.get(url, headers={"Authorization": "Bearer tc_wrong"}).status_code == 401
    posted = client.post(url, {}, content_type="application/json")
    assert posted.status_code == 401

    api = Api(client, lan)
    assert api.get(f"/wards/{ward_a.code}/households").status_code == 200
    lan.is_active = False
    lan.save()
    assert api.get(f"/wards/{ward_a.code}/households").status_code == 401


def test_it_accepts_the_browser_session_with_its_csrf_token(lan, ward_a, group_a1):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(lan)
    url = f"{BASE}/wards/{ward_a.code}/households"
    assert browser.get(url).json()["count"] == 0

    body = {"code": "W1", "address": "Số 3 Lê Lợi", "group": "1"}
    forged = browser.post(url, body, content_type="application/json")
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["detail"]
    # What a page's {% csrf_token %} gives the browser: the cookie, and the token to echo.
    token = get_random_string(32)
    browser.cookies[settings.CSRF_COOKIE_NAME] = token
    posted = browser.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert posted.status_code == 201, posted.content


def test_it_publishes_the_openapi_document(client):
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/wards",
        "/api/v1/wards/{ward_code}/households",
        "/api/v1/wards/{ward_code}/households/{household_id}",
        "/api/v1/wards/{ward_code}/households/{household_id}/residents",
        "/api/v1/wards/{ward_code}/residents/{resident_id}",
        "/api/v1/wards/{ward_code}/groups",
        "/api/v1/wards/{ward_code}/zones/{zone_id}",
        "/api/v1/wards/{ward_code}/shelters/{shelter_id}",
    ):
        assert path in paths
    assert set(paths["/api/v1/wards/{ward_code}/households/{household_id}"]) == {"get", "patch"}


def test_it_makes_a_token_on_the_command_line(client, lan, ward_a):
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", "lan", "--name", "bảng tin", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert key.startswith("tc_")
    assert "bảng tin" in err.getvalue()
    assert lan.api_tokens.get().name == "bảng tin"
    assert key not in str(lan.api_tokens.values())
    response = client.get(f"{BASE}/wards", headers={"Authorization": f"Bearer {key}"})
    assert response.json()["count"] == 1

    with pytest.raises(CommandError, match="nobody"):
        call_command("apitoken", "nobody", stdout=out, stderr=err)
