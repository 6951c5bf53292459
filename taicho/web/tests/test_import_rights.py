"""Only the command board and the PCTT officer of a ward may import and export its registries."""

import pytest
from django.urls import reverse

from taicho.community.models import Household
from taicho.conftest import BACH_DANG
from taicho.web.tests.test_import_support import households_workbook, upload

pytestmark = pytest.mark.django_db

PAGES = [
    ("get", "transfer_home", []),
    ("get", "transfer_template", ["households"]),
    ("get", "transfer_export", ["households", "xlsx"]),
    ("get", "transfer_export", ["zones", "geojson"]),
    ("post", "transfer_import", ["households"]),
]


def _call(client, method, name, args, ward_code=BACH_DANG):
    url = reverse(name, args=[ward_code, *args])
    if method == "post":
        return client.post(url, {"file": upload("ho.xlsx", households_workbook())})
    return client.get(url)


@pytest.mark.parametrize(("method", "name", "args"), PAGES)
@pytest.mark.parametrize("person", ["minh", "duc", "thao"])
def test_it_forbids_people_who_do_not_manage_the_ward(
    client, request, group_a1, person, method, name, args
):
    client.force_login(request.getfixturevalue(person))

    assert _call(client, method, name, args).status_code == 403
    assert not Household.objects.exists()


@pytest.mark.parametrize(("method", "name", "args"), PAGES)
def test_it_hides_another_ward(client, binh, ward_a, method, name, args):
    client.force_login(binh)

    assert _call(client, method, name, args).status_code == 404


@pytest.mark.parametrize("person", ["lan", "hung"])
def test_it_lets_the_command_board_and_the_officer_in(client, request, group_a1, person):
    client.force_login(request.getfixturevalue(person))

    page = client.get(reverse("transfer_home", args=[BACH_DANG]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Nhập và xuất dữ liệu" in text
    assert "những nhân khẩu không có trong tệp sẽ bị xoá" in text
    assert _call(client, "post", "transfer_import", ["households"]).status_code == 302


def test_it_sends_anonymous_visitors_to_the_login_page(client, ward_a):
    response = client.get(reverse("transfer_home", args=[BACH_DANG]))

    assert response.status_code == 302 and "login" in response.url


def test_it_answers_404_for_an_unknown_registry_or_format(client, lan):
    client.force_login(lan)

    assert client.get(reverse("transfer_template", args=[BACH_DANG, "cats"])).status_code == 404
    assert (
        client.get(reverse("transfer_export", args=[BACH_DANG, "shelters", "geojson"])).status_code
        == 404
    )
