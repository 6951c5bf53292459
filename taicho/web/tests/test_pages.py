import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page


def test_it_offers_english_too(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert "Username" in client.get(reverse("login")).content.decode()


def test_it_sends_a_lone_ward_user_straight_to_the_ward(client, lan, ward_a):
    client.force_login(lan)
    response = client.get(reverse("home"))
    assert response.url == reverse("ward_dashboard", args=[ward_a.code])


def test_it_lets_a_city_viewer_choose_among_the_city_wards(client, thao, ward_a, ward_b):
    client.force_login(thao)
    page = client.get(reverse("home")).content.decode()
    assert ward_a.name in page and ward_b.name in page
    assert "Chọn phường/xã" in page


def test_it_hides_a_ward_from_users_of_another_ward(client, binh, ward_a):
    client.force_login(binh)
    assert client.get(reverse("ward_dashboard", args=[ward_a.code])).status_code == 404


def test_it_sends_a_content_security_policy(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'self'" in script_src and "unsafe" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_it_shows_the_data_page_link_to_managers_only(client, lan, minh, ward_a):
    url = reverse("ward_dashboard", args=[ward_a.code])
    data_url = reverse("transfer_home", args=[ward_a.code])
    client.force_login(lan)
    assert data_url in client.get(url).content.decode()
    client.force_login(minh)
    assert data_url not in client.get(url).content.decode()


def test_it_stops_password_guessing_after_too_many_failures(client, lan, settings):
    settings.TAICHO_LOGIN_ATTEMPTS = 3
    for _attempt in range(3):
        response = client.post(reverse("login"), {"username": "lan", "password": "sai"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "lan", "password": "mật-khẩu-thử"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_writes_large_counts_the_vietnamese_way(client, lan, ward_a, group_a1):
    from taicho.community.models import Household

    Household.objects.bulk_create(
        Household(ward=ward_a, code=f"H{n}", address="x", group=group_a1) for n in range(1234)
    )
    client.force_login(lan)
    page = client.get(reverse("ward_dashboard", args=[ward_a.code])).content.decode()
    assert "1.234" in page


def test_it_says_log_out_in_the_words_of_the_ward(client, lan, ward_a):
    client.force_login(lan)
    page = client.get(reverse("ward_dashboard", args=[ward_a.code])).content.decode()
    assert "Đăng xuất" in page
