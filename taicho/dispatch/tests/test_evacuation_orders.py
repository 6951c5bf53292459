"""An evacuation's orders go out as messages, each household told its own shelter.

The shelters tests' world: group 1's A1-01 (phone PHONE_A1) and A1-02 (a resident's phone),
A2-02 with a bedridden elderly resident; Lan (officer) starts the evacuation.
"""

import pytest

from taicho.channels.locmem.transport import outbox, sent_to
from taicho.dispatch import worker
from taicho.dispatch.models import Dispatch, DispatchKind, Message
from taicho.dispatch.tests.conftest import make_channel
from taicho.shelters.evacuations import evacuation_pin, evacuation_start
from taicho.shelters.models import Shelter
from taicho.shelters.tests.evacuation_data import PHONE_A1, RESIDENT_PHONE, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lan, ward_a, group_a1, group_a2):
    group_a1.leader_phone = "0901000009"
    group_a1.save()
    return build_world(lan=lan, ward=ward_a, group_a1=group_a1, group_a2=group_a2)


def test_it_tells_each_household_its_own_shelter_once_the_evacuation_starts(
    lan, ward_a, world, django_capture_on_commit_callbacks
):
    sms = make_channel(ward_a)
    with django_capture_on_commit_callbacks(execute=True):
        evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    dispatch = Dispatch.objects.get(evacuation=evacuation)
    assert dispatch.kind == DispatchKind.EVACUATION_ORDER
    worker.run(worker_id="w", once=True)
    [order] = sent_to(PHONE_A1)
    assert "A1-01" in order.text and "Trường THCS Bạch Đằng" in order.text
    assert order.text.rsplit("\n", 1)[1].startswith("http://127.0.0.1:8000/t/")
    assert "A1-02" in sent_to(RESIDENT_PHONE)[0].text
    [leader] = sent_to("0901000009")
    assert "phải di dời ngay" in leader.text
    # Nothing changed, nothing sent again; a household moved to another shelter is told.
    count = len(outbox)
    with django_capture_on_commit_callbacks(execute=True):
        evacuation_pin(
            actor=lan,
            evacuation=evacuation,
            household=world.households["A1-01"],
            shelter=Shelter.objects.get(code="S2"),
        )
    from taicho.dispatch.evacuation_orders import dispatch_evacuation_orders

    dispatch_evacuation_orders(evacuation=evacuation)
    worker.run(worker_id="w", once=True)
    new = outbox[count:]
    assert [sent.message.recipient for sent in new] == [PHONE_A1]
    assert "Nhà văn hóa tổ 2" in new[0].message.text
    assert sms.pk == Message.objects.filter(dispatch=dispatch).first().channel_id


def test_it_shows_the_evacuations_sending_on_the_wards_message_pages(
    client, lan, ward_a, world, django_capture_on_commit_callbacks
):
    make_channel(ward_a)
    with django_capture_on_commit_callbacks(execute=True):
        evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    dispatch = Dispatch.objects.get(evacuation=evacuation)
    worker.run(worker_id="w", once=True)
    client.force_login(lan)
    listing = client.get(f"/w/{ward_a.code}/dispatch/").content.decode()
    assert f'data-dispatch="evacuation:{evacuation.pk}"' in listing
    board = client.get(f"/w/{ward_a.code}/dispatch/{dispatch.pk}/live/").content.decode()
    households = evacuation.households.count()
    assert f'data-total="targeted">{households}<' in board
    # Households with a phone were reached; the others are listed for the leaders to tell.
    assert 'data-total="reached">2<' in board


def test_it_sends_only_the_newest_order_when_a_household_is_moved_before_its_turn(
    lan, ward_a, world, django_capture_on_commit_callbacks
):
    make_channel(ward_a)
    with django_capture_on_commit_callbacks(execute=True):
        evacuation = evacuation_start(actor=lan, ward=ward_a, plan=world.plan)
    assert "Trường THCS Bạch Đằng" in Message.objects.get(address=PHONE_A1).text
    # The planner moves A1-01 to another shelter before any worker took its first order.
    with django_capture_on_commit_callbacks(execute=True):
        evacuation_pin(
            actor=lan,
            evacuation=evacuation,
            household=world.households["A1-01"],
            shelter=Shelter.objects.get(code="S2"),
        )
    worker.run(worker_id="w", once=True)
    [order] = sent_to(PHONE_A1)  # the first order was cancelled before any worker took it
    assert "Nhà văn hóa tổ 2" in order.text
    assert Message.objects.filter(address=PHONE_A1, status="cancelled").count() == 1
