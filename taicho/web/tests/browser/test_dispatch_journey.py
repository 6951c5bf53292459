"""The dissemination journey in the browser: Lan (officer) issues an approved storm alert to
two residential groups; the sending board fills in as the worker sends; three households
answer — "an toàn" and "cần giúp" by SMS reply, one by opening its personal link — and the
three answers show on the board's map, the call for help listed with what was written.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from taicho.channels.locmem.transport import outbox, reset_outbox
from taicho.channels.models import ChannelConfig
from taicho.community.services import household_create
from taicho.conftest import CENTRE_LAT, CENTRE_LON
from taicho.core.services import membership_grant
from taicho.dispatch import links, worker
from taicho.dispatch.models import Message
from taicho.warnings.models import AlertTemplate
from taicho.warnings.services import (
    alert_approve,
    alert_draft,
    load_default_templates,
    warning_settings_save,
)
from taicho.web.tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "gateway-reply-secret"


@pytest.fixture
def approved_alert(lan, ward_a, group_a1, group_a2):
    if not AlertTemplate.objects.filter(ward=None).exists():
        load_default_templates()  # a transactional test flushed what the migration loaded
    homes = [
        ("BD-1", group_a1, "0912000001", 0.000),
        ("BD-2", group_a1, "0912000002", 0.002),
        ("BD-3", group_a2, "0912000003", 0.004),
        ("BD-4", group_a2, "", 0.006),  # no phone: stays "not reached"
    ]
    for code, group, phone, shift in homes:
        household_create(
            actor=lan,
            ward=ward_a,
            code=code,
            address=f"{code} đường Bạch Đằng",
            group=group,
            lat=CENTRE_LAT + shift,
            lon=CENTRE_LON,
            phones=[phone] if phone else [],
        )
    warning_settings_save(
        actor=lan,
        ward=ward_a,
        identifier_prefix="urn:oid:2.49.0.1.704.11473",
        sender="ubnd.bachdang@haiphong.gov.vn",
        sender_name="UBND phường Bạch Đằng",
    )
    channel = ChannelConfig.objects.create(
        ward=ward_a,
        kind="locmem",
        name="SMS brandname",
        config={"inbound_secret": SECRET},
        rate_per_second=1_000_000,
    )
    alert = alert_draft(
        actor=lan, ward=ward_a, hazard_type="storm", level=4, groups=[group_a1, group_a2]
    )
    chief = get_user_model().objects.create_user(username="chihuy", password="x")
    membership_grant(user=chief, role="command_board", ward=ward_a)
    alert_approve(actor=chief, alert=alert)
    reset_outbox()
    return alert, channel


def test_it_issues_an_alert_and_the_board_shows_sending_and_answers(page, approved_alert, ward_a):
    alert, channel = approved_alert
    log_in(page, "lan")
    page.goto(f"{page.base_url}/w/{ward_a.code}/warnings/alerts/{alert.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Phát ngay").click()
    assert "Đã phát cảnh báo" in page.locator(".messages").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Bảng theo dõi gửi tin").click()

    # Three households have a phone; group leaders have none here.
    assert page.locator('[data-total="targeted"]').inner_text() == "4"
    assert page.locator('[data-total="queued"]').inner_text() == "3"
    assert worker.run(worker_id="browser-test", once=True) == 3
    assert len(outbox) == 3
    # The board polls by itself (htmx, every 5 s): no reload.
    expect(page.locator('[data-total="sent"]')).to_have_text("3", timeout=20_000)
    assert page.locator('[data-unreached="BD-4"]').is_visible()
    assert page.locator('tr[data-group] [data-count="reached"]').all_inner_texts() == ["2", "1"]

    def reply(phone, text):
        response = page.request.post(
            f"{page.base_url}/hooks/{channel.pk}/",
            form={"from": phone, "text": text},
            headers={"X-Taicho-Secret": SECRET},
        )
        assert response.json()["recorded"] == 1

    reply("0912000001", "AN TOAN")
    reply("0912000002", "Cần giúp: nước vào nhà, có cụ già")
    link = outbox[[sent.message.recipient for sent in outbox].index("0912000003")].message
    personal = page.context.new_page()
    personal.goto(link.text.rsplit("\n", 1)[1].replace("http://127.0.0.1:8000", page.base_url))
    assert "Chúng tôi an toàn" in personal.content()
    personal.close()
    assert Message.objects.get(address="0912000003").pk == links.message_id_of(
        link.metadata["link"].rstrip("/").rsplit("/", 1)[1]
    )

    answer_map = page.locator("#answer-map")
    for state in ("help", "safe", "received"):
        expect(answer_map).to_have_attribute(f"data-{state}", "1", timeout=40_000)
    assert answer_map.get_attribute("data-households") == "4"
    assert page.locator('[data-legend="0"]').inner_text() == "1"
    expect(page.locator('[data-total="needs_help"]')).to_have_text("1", timeout=20_000)
    assert "nước vào nhà, có cụ già" in page.locator('[data-help="BD-2"]').inner_text()
    assert page.locator('[data-total="acknowledged"]').inner_text() == "3"
