"""Digits that are not decimal (², ³) must give a clear answer, never a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_a_superscript_group_on_the_map_with_a_message(client, lan, ward_a):
    client.force_login(lan)
    url = reverse("ward_map", args=[ward_a.code]) + "households.json?group=²"
    response = client.get(url)
    assert response.status_code == 400
    assert "group" in response.json()["errors"]


def test_it_ignores_a_superscript_zone_to_focus(client, lan, ward_a):
    client.force_login(lan)
    response = client.get(reverse("ward_map", args=[ward_a.code]) + "?zone=²")
    assert response.status_code == 200
