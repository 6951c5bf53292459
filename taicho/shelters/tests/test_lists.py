import io

import openpyxl
import pytest
from django.urls import reverse

from taicho.core.models import AuditEntry
from taicho.shelters.evacuations import evacuation_set_helper, evacuation_start
from taicho.shelters.lists import evacuation_workbook
from taicho.shelters.tests.evacuation_data import PHONE_A1, RESIDENT_PHONE, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


@pytest.fixture
def evacuation(lan, ward_a, world):
    evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    evacuation_set_helper(
        actor=lan,
        evacuation=evacuation,
        household=world.households["A1-02"],
        helper="Anh Quân (xung kích)",
    )
    return evacuation


def _url(name, ward, *args):
    return reverse(name, args=[ward.code, *args])


def test_it_prints_a_groups_list_with_members_needs_phones_and_shelter(
    client, lan, ward_a, group_a1, evacuation
):
    client.force_login(lan)
    page = client.get(_url("evacuation_group_list", ward_a, evacuation.pk, group_a1.pk))
    body = page.content.decode()
    assert page.status_code == 200
    for text in ("A1-01", "A1-02", "A1-03", "Nguyễn Văn An", "Lê Thị Dung", PHONE_A1):
        assert text in body
    assert RESIDENT_PHONE in body  # full numbers: the list is for calling them
    assert "trẻ em (dưới 16)" in body and "Anh Quân (xung kích)" in body
    assert "Trường THCS Bạch Đằng" in body and "DANH SÁCH SƠ TÁN" in body
    assert "3 hộ" in body and "2 người" in body
    assert "A2-01" not in body and "Hoàng Văn Hải" not in body
    assert "shelters/lists.css" in body


def test_it_shows_a_group_leader_only_his_groups(
    client, minh, ward_a, group_a1, group_a2, evacuation
):
    client.force_login(minh)
    own = client.get(_url("evacuation_group_list", ward_a, evacuation.pk, group_a1.pk))
    assert own.status_code == 200 and "Nguyễn Văn An" in own.content.decode()
    other = client.get(_url("evacuation_group_list", ward_a, evacuation.pk, group_a2.pk))
    assert other.status_code == 404
    assert (
        client.get(_url("evacuation_group_xlsx", ward_a, evacuation.pk, group_a2.pk)).status_code
        == 404
    )
    everything = client.get(_url("evacuation_lists", ward_a, evacuation.pk)).content.decode()
    assert "A1-01" in everything and "A2-01" not in everything
    detail = client.get(_url("evacuation_detail", ward_a, evacuation.pk)).content.decode()
    assert _url("evacuation_group_list", ward_a, evacuation.pk, group_a1.pk) in detail
    assert _url("evacuation_group_list", ward_a, evacuation.pk, group_a2.pk) not in detail


def test_it_hides_the_lists_from_the_shock_force_and_from_ward_b(
    client, duc, binh, ward_a, ward_b, group_a1, evacuation
):
    client.force_login(duc)
    assert (
        client.get(_url("evacuation_group_list", ward_a, evacuation.pk, group_a1.pk)).status_code
        == 404
    )
    client.force_login(binh)
    for ward in (ward_a, ward_b):
        assert (
            client.get(_url("evacuation_group_list", ward, evacuation.pk, group_a1.pk)).status_code
            == 404
        )
        assert client.get(_url("evacuation_lists_xlsx", ward, evacuation.pk)).status_code == 404


def test_it_downloads_a_groups_list_as_a_workbook_and_logs_it(
    client, lan, ward_a, group_a1, evacuation
):
    client.force_login(lan)
    response = client.get(_url("evacuation_group_xlsx", ward_a, evacuation.pk, group_a1.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-tan-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Mã hộ", "Địa chỉ", "Số người")
    assert [row[1] for row in rows[1:]] == ["A1-01", "A1-02", "A1-03"]
    second = rows[2]
    assert second[3] == 3 and "Lê Thị Dung" in second[5] and RESIDENT_PHONE in second[7]
    assert second[8] == "Trường THCS Bạch Đằng" and second[10] == "Anh Quân (xung kích)"
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == lan and entry.changes["rows"] == 3


def test_it_puts_each_visible_group_on_its_own_sheet(minh, lan, evacuation):
    everything = evacuation_workbook(actor=lan, evacuation=evacuation)
    book = openpyxl.load_workbook(io.BytesIO(everything.data))
    assert book.sheetnames == ["Tổ dân phố 1", "Tổ dân phố 2"]
    mine = openpyxl.load_workbook(
        io.BytesIO(evacuation_workbook(actor=minh, evacuation=evacuation).data)
    )
    assert mine.sheetnames == ["Tổ dân phố 1"]
    assert AuditEntry.objects.filter(action="export").count() == 2


def test_it_shows_a_shelters_expected_arrivals(client, lan, duc, ward_a, world, evacuation):
    client.force_login(lan)
    page = client.get(_url("evacuation_shelter", ward_a, evacuation.pk, world.school.pk))
    body = page.content.decode()
    assert page.status_code == 200 and "Trường THCS Bạch Đằng" in body and "A1-01" in body
    # Shelter staff see how many come, not who.
    client.force_login(duc)
    body = client.get(_url("evacuation_shelter", ward_a, evacuation.pk, world.school.pk))
    assert "A1-01" not in body.content.decode() and body.status_code == 200
