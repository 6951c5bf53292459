import pytest
from django.urls import reverse

from taicho.community.models import Household, Resident
from taicho.community.services import household_create, resident_create
from taicho.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ADD_URL = "admin:community_household_add"


def _staff(*users):
    for user in users:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def _change_url(household):
    return reverse("admin:community_household_change", args=[household.pk])


def _residents(*rows, initial=0):
    """The inline formset's fields: management form, then one form per row."""
    data = {
        "residents-TOTAL_FORMS": str(len(rows)),
        "residents-INITIAL_FORMS": str(initial),
        "residents-MIN_NUM_FORMS": "0",
        "residents-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"residents-{index}-{name}": value for name, value in row.items()})
    return data


def _household_data(ward, group, **fields):
    data = {
        "ward": ward.pk,
        "code": "A1-100",
        "address": "Số 100 Bạch Đằng",
        "group": group.pk,
        "lat": "",
        "lon": "",
        "phones": '["0912 345 678"]',
        "housing_type": "solid",
        "poverty": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def homes(lan, ward_a, group_a1, group_a2):
    one = household_create(actor=lan, ward=ward_a, code="A1-001", address="Số 1", group=group_a1)
    two = household_create(actor=lan, ward=ward_a, code="A2-001", address="Số 2", group=group_a2)
    return one, two


def test_it_adds_a_household_and_its_residents_through_the_services(client, lan, ward_a, group_a1):
    _staff(lan)
    client.force_login(lan)
    response = client.post(
        reverse(ADD_URL),
        {
            **_household_data(ward_a, group_a1),
            **_residents({"full_name": "Nguyễn Văn Đức", "birth_year": "1950", "sex": "male"}),
        },
    )
    assert response.status_code == 302
    household = Household.objects.get(code="A1-100")
    assert household.phones == ["0912345678"]
    assert household.search_text  # the service filled in the search text
    assert [r.full_name for r in household.residents.all()] == ["Nguyễn Văn Đức"]
    assert household.residents.get().search_name == "nguyen van duc"
    assert sorted(AuditEntry.objects.values_list("object_type", "action")) == [
        ("community.household", "create"),
        ("community.resident", "create"),
    ]


def test_it_changes_and_removes_residents_with_an_audit_entry_each(
    client, lan, ward_a, group_a1, homes
):
    household = homes[0]
    an = resident_create(actor=lan, household=household, full_name="Nguyễn Thị An")
    binh = resident_create(actor=lan, household=household, full_name="Lê Văn Bình")
    AuditEntry.objects.all().delete()
    _staff(lan)
    client.force_login(lan)
    response = client.post(
        _change_url(household),
        {
            **_household_data(ward_a, group_a1, code="A1-001", address="Số 1A", phones="[]"),
            **_residents(
                {
                    "id": an.pk,
                    "household": household.pk,
                    "full_name": "Nguyễn Thị An",
                    "is_pregnant": "on",
                },
                {
                    "id": binh.pk,
                    "household": household.pk,
                    "full_name": "Lê Văn Bình",
                    "DELETE": "on",
                },
                initial=2,
            ),
        },
    )
    assert response.status_code == 302
    an.refresh_from_db()
    assert an.is_pregnant and not Resident.objects.filter(pk=binh.pk).exists()
    assert sorted(AuditEntry.objects.values_list("object_type", "action")) == [
        ("community.household", "update"),
        ("community.resident", "delete"),
        ("community.resident", "update"),
    ]


def test_it_reports_a_bad_phone_in_the_admin_and_saves_nothing(client, lan, ward_a, group_a1):
    _staff(lan)
    client.force_login(lan)
    response = client.post(
        reverse(ADD_URL),
        {
            **_household_data(ward_a, group_a1, phones='["12345"]'),
            **_residents({"full_name": "Nguyễn Văn Đức"}),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert any("12345" in str(message) for message in response.context["messages"])
    assert not Household.objects.exists() and not Resident.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_shows_a_group_leader_only_his_groups(client, minh, ward_a, group_a1, homes):
    _staff(minh)
    client.force_login(minh)
    listing = client.get(reverse("admin:community_household_changelist"))
    assert [row.code for row in listing.context["cl"].result_list] == ["A1-001"]
    assert client.get(_change_url(homes[1])).status_code == 404
    form = client.get(reverse(ADD_URL)).context["adminform"].form
    assert list(form.fields["group"].queryset) == [group_a1]
    assert list(form.fields["ward"].queryset) == [ward_a]


def test_it_hides_ward_a_households_from_a_ward_b_officer(client, binh, homes):
    _staff(binh)
    client.force_login(binh)
    assert client.get(_change_url(homes[0])).status_code == 404
    listing = client.get(reverse("admin:community_household_changelist"))
    assert list(listing.context["cl"].result_list) == []
    assert "A1-001" not in listing.content.decode()
    form = client.get(reverse(ADD_URL)).context["adminform"].form
    assert homes[0].group not in form.fields["group"].queryset
