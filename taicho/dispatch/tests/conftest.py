"""Fixtures of the dispatch tests: a ward with households to warn and a test channel.

Ward A's households: H1 (group 1) with two phones, one of them also a resident's; H2 (group 1)
with an elderly resident (vulnerable); H3 (group 2) poor; group 1's leader has a phone that
is also on H3. `sms` is a locmem channel that never waits for its rate.
"""

import pytest

from taicho.channels.locmem.transport import reset_outbox

LEADER_PHONE = "0901000001"


@pytest.fixture(autouse=True)
def _empty_outbox():
    reset_outbox()
    yield
    reset_outbox()


@pytest.fixture
def households(ward_a, group_a1, group_a2):
    from taicho.community.models import Household, Resident

    group_a1.leader_phone = LEADER_PHONE
    group_a1.save()
    h1 = Household.objects.create(
        ward=ward_a,
        code="H1",
        address="1 Lê Lợi",
        group=group_a1,
        phones=["0912000001", "0912000002"],
    )
    Resident.objects.create(
        ward=ward_a, household=h1, full_name="Nguyễn Văn An", birth_year=1990, phone="0912000002"
    )
    Resident.objects.create(
        ward=ward_a, household=h1, full_name="Nguyễn Thị Bé", birth_year=1992, phone="0912000003"
    )
    h2 = Household.objects.create(
        ward=ward_a, code="H2", address="2 Lê Lợi", group=group_a1, phones=["0912000004"]
    )
    Resident.objects.create(
        ward=ward_a, household=h2, full_name="Trần Văn Cụ", birth_year=1940, phone=""
    )
    h3 = Household.objects.create(
        ward=ward_a,
        code="H3",
        address="3 Lê Lợi",
        group=group_a2,
        phones=["0912000005", LEADER_PHONE],
        poverty="poor",
    )
    return h1, h2, h3


def make_channel(ward, name="SMS", kind="locmem", **config):
    from taicho.channels.models import ChannelConfig

    return ChannelConfig.objects.create(
        ward=ward, kind=kind, name=name, config=config, rate_per_second=1_000_000
    )


@pytest.fixture
def sms(ward_a):
    return make_channel(ward_a)


def make_alert(ward, author, **target):
    from taicho.warnings.models import Alert, AlertStatus

    return Alert.objects.create(
        ward=ward,
        hazard_type="storm",
        level=3,
        headline="Bão số 3",
        sms_text="Bão số 3 sắp đổ bộ. Ở trong nhà.",
        long_text="Bão số 3 sắp đổ bộ vào Hải Phòng.",
        spoken_script="Bão số ba sắp đổ bộ.",
        response_type="shelter",
        author=author,
        status=AlertStatus.ISSUED,
        **(target or {"whole_ward": True}),
    )


@pytest.fixture
def alert(ward_a, lan, households):
    return make_alert(ward_a, lan)


@pytest.fixture
def issue(ward_a, lan, hung, django_capture_on_commit_callbacks):
    """issue(alert): the ward's CAP settings saved, the alert approved by Hùng and issued by
    him through the warnings service, its after-commit fan-out run; the alert, refreshed."""
    from taicho.warnings.models import AlertStatus
    from taicho.warnings.services import alert_issue, warning_settings_save

    warning_settings_save(
        actor=lan,
        ward=ward_a,
        identifier_prefix="urn:oid:2.49.0.1.704.11473",
        sender="ubnd.bachdang@haiphong.gov.vn",
        sender_name="UBND phường Bạch Đằng",
    )

    def issue_alert(alert):
        alert.status, alert.approved_by = AlertStatus.APPROVED, hung
        alert.save()
        with django_capture_on_commit_callbacks(execute=True):
            alert_issue(actor=hung, alert=alert)
        alert.refresh_from_db()
        return alert

    return issue_alert
