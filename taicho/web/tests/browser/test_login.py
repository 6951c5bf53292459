import pytest

from taicho.web.tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_logs_the_officer_into_her_ward(page, lan, ward_a):
    log_in(page, "lan")
    assert page.url.endswith(f"/w/{ward_a.code}/")
    assert page.get_by_role("heading", name=ward_a.name).is_visible()


def test_it_refuses_a_wrong_password_in_vietnamese(page, lan):
    log_in(page, "lan", password="sai-mat-khau")
    assert page.url.endswith("/login/")
    assert page.get_by_role("alert").inner_text().strip() != ""
    assert "mật khẩu" in page.get_by_role("alert").inner_text().lower()
