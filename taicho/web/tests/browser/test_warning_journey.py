"""The warning journey, end to end in the browser: the duty officer types a storm bulletin
(level 12 winds over Đông Bắc Bộ), sees level 4 proposed, drafts an alert for two hazard
zones; a command-board member approves and issues it; it appears on the public page and in
the ward's Atom feed.

Who issues: here the command-board member who approved it, right after approving (the
service lets any writer of the ward's warnings issue an approved alert; the four eyes are on
the approval, which is never the author's).
"""

import pytest
from django.contrib.auth import get_user_model

from taicho.community.services import household_create, resident_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON, square
from taicho.core.services import membership_grant
from taicho.hazards.services import hazard_zone_create
from taicho.warnings import cap
from taicho.warnings.models import Alert, AlertStatus, AlertTemplate
from taicho.warnings.services import load_default_templates, warning_settings_save
from taicho.web.tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mật-khẩu-thử"  # the one log_in types


def _person(username, family, given, role, ward):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=given, last_name=family
    )
    membership_grant(user=user, role=role, ward=ward)
    return user


@pytest.fixture
def ward_ready(lan, ward_a, group_a1, group_a2):
    """Two riverside zones with a household each, the ward's CAP settings, the templates."""
    if not AlertTemplate.objects.filter(ward=None).exists():
        load_default_templates()  # a transactional test flushed what the migration loaded
    for number, (group, lat) in enumerate([(group_a1, CENTRE_LAT), (group_a2, CENTRE_LAT + 0.01)]):
        home = household_create(
            actor=lan,
            ward=ward_a,
            code=f"BD-{number}",
            address=f"Số {number} đường Bạch Đằng",
            group=group,
            lat=lat,
            lon=CENTRE_LON,
        )
        resident_create(actor=lan, household=home, full_name="Nguyễn Văn An", birth_year=1950)
        hazard_zone_create(
            actor=lan,
            ward=ward_a,
            code=f"VS-0{number + 1}",
            name=f"Ven sông khu {number + 1}",
            kind="inundation",
            geometry=square(lat, CENTRE_LON),
        )
    warning_settings_save(
        actor=lan,
        ward=ward_a,
        identifier_prefix="urn:oid:2.49.0.1.704.11473",
        sender="ubnd.bachdang@haiphong.gov.vn",
        sender_name="UBND phường Bạch Đằng",
    )
    return {
        "duty": _person("trucban", "Đỗ Minh", "Tuấn", "duty_officer", ward_a),
        "board": _person("chihuy", "Trần Văn", "Hùng", "command_board", ward_a),
    }


def _guard(context, base_url: str, errors: list[str]):
    """A new browser context with the harness's rules: nothing beyond this machine, and any
    JavaScript error noted."""
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(base_url) else route.abort()
        ),
    )
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def test_it_takes_a_storm_bulletin_to_an_issued_alert_on_the_public_page(page, ward_a, ward_ready):
    # The duty officer types the bulletin in.
    log_in(page, "trucban")
    page.get_by_role("navigation").get_by_role("link", name="Cảnh báo", exact=True).click()
    page.get_by_role("link", name="Nhập bản tin").first.click()
    assert page.get_by_role("heading", name="Nhập bản tin").is_visible()
    page.get_by_label("Loại bản tin:", exact=True).select_option("storm_emergency")
    page.get_by_label("Cơ quan ban hành:", exact=True).fill(
        "Trung tâm Dự báo Khí tượng Thủy văn quốc gia"
    )
    page.get_by_label("Tiêu đề:", exact=True).fill("Tin bão khẩn cấp – cơn bão số 3 (Yagi)")
    page.get_by_label("Khu vực nêu trong bản tin:", exact=True).fill("Quảng Ninh, Hải Phòng")
    # Only the storm's figures are shown for a storm.
    storm = page.locator("fieldset[data-hazard=storm]")
    assert storm.is_visible()
    assert not page.locator("fieldset[data-hazard=heavy_rain]").is_visible()
    storm.get_by_label("Sức gió mạnh nhất (cấp Beaufort)").fill("12")
    storm.get_by_label("Khu vực bão hoạt động").select_option("land_northeast_delta_central")
    page.get_by_role("button", name="Lưu bản tin").click()
    page.wait_for_url("**/bulletins/*/")

    # Level 4 is proposed, with its basis.
    level = page.locator("#level")
    assert "Cấp độ đề xuất:" in level.inner_text()
    assert "Cấp độ 4" in level.inner_text() and "Điều 42" in level.inner_text()

    # The alert is drafted from the bulletin, for the two riverside zones.
    page.get_by_role("button", name="Soạn cảnh báo từ bản tin này").click()
    page.wait_for_url("**/alerts/*/edit/")
    assert page.get_by_role("heading", name="Soạn cảnh báo").is_visible()
    assert page.get_by_label("Tin nhắn SMS:", exact=True).input_value() != ""  # the template's text
    assert "ký tự không dấu" in page.locator("#sms-count").inner_text()
    page.get_by_label("VS-01 · Ven sông khu 1").check()
    page.get_by_label("VS-02 · Ven sông khu 2").check()
    page.get_by_role("button", name="Xem trước").click()
    page.locator("#targets .totals").wait_for()  # the preview, swapped in by htmx
    assert "2 hộ" in page.locator("#targets .totals").inner_text()
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_url(f"**/alerts/{Alert.objects.get(ward=ward_a).pk}/")
    alert = Alert.objects.get(ward=ward_a)
    assert alert.status == AlertStatus.DRAFT
    assert sorted(zone.code for zone in alert.target_zones.all()) == ["VS-01", "VS-02"]
    # The duty officer cannot approve, and the page says why.
    approve = page.get_by_role("button", name="Phê duyệt")
    assert approve.is_disabled()
    assert "Ban Chỉ huy" in page.locator("#approve-why").inner_text()
    with page.expect_navigation():
        page.locator("form[action='/logout/'] button").click()

    # A command-board member approves and issues it.
    log_in(page, "chihuy")
    page.goto(f"{page.base_url}/w/{ward_a.code}/warnings/")
    page.get_by_role("link", name=alert.headline).first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Phê duyệt").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Phát ngay").click()
    assert "Đã phát cảnh báo" in page.locator(".messages").inner_text()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ISSUED

    # The public page shows it, without logging in, in a new browser context.
    errors: list[str] = []
    public = _guard(page.context.browser.new_context(locale="vi-VN"), page.base_url, errors)
    public.goto(f"{page.base_url}/canh-bao/{ward_a.code}/")
    assert public.get_by_role("link", name=alert.headline).is_visible()
    assert "Cấp độ 4" in public.locator("article").first.inner_text()

    # And the Atom feed lists it, linking its CAP XML.
    feed_response = public.request.get(f"{page.base_url}/cap/{ward_a.code}.atom")
    assert feed_response.ok
    feed = cap.read_feed(feed_response.body())
    assert [entry.title for entry in feed.entries] == [alert.headline]
    document = public.request.get(feed.entries[0].link)
    assert cap.validate(document.body(), check_signature=False).valid
    public.context.close()
    assert not errors, errors
