"""Email through Django's mail backends: the test mailbox, and a real SMTP server on 127.0.0.1."""

import email
import email.policy

import pytest
from django.core import mail

from taicho.channels.base import Message, TransportError
from taicho.channels.email.transport import EmailTransport

MESSAGE = Message(
    recipient="to.truong@example.vn",
    text="Bão số 3: sơ tán trước 17 giờ",
    long_text="Bão số 3 đổ bộ đêm nay.\nCác hộ ven sông Bạch Đằng sơ tán trước 17 giờ.",
    metadata={"subject": "Cảnh báo khẩn: bão số 3"},
    idempotency_key="alert-9-res-3-email",
)


def transport(**settings):
    form = EmailTransport.config_form(
        data={
            "from_email": "pctt@bachdang.haiphong.gov.vn",
            "subject_prefix": "[PCTT] ",
            **settings,
        }
    )
    assert form.is_valid(), form.errors
    return EmailTransport(form.to_config())


def test_it_sends_through_the_sites_mailer(mailoutbox):
    result = transport(mode="site").send(MESSAGE)
    sent = mailoutbox[0]
    assert sent.subject == "[PCTT] Cảnh báo khẩn: bão số 3"
    assert sent.body == MESSAGE.long_text
    assert sent.to == ["to.truong@example.vn"]
    assert sent.extra_headers["X-Taicho-Id"] == "alert-9-res-3-email"
    assert result.provider_id.endswith("@bachdang.haiphong.gov.vn")


def test_it_takes_the_subject_from_the_text_when_none_is_given(mailoutbox):
    message = Message(recipient="a@example.vn", text="Mưa lớn\nchi tiết", idempotency_key="k")
    transport(mode="site").send(message)
    assert mail.outbox[0].subject == "[PCTT] Mưa lớn"


def test_it_sends_through_a_real_smtp_server(fake_smtp):
    result = transport(mode="smtp", host="127.0.0.1", port=fake_smtp.port, security="none").send(
        MESSAGE
    )
    received = fake_smtp.mails[0]
    assert received.recipients == ["to.truong@example.vn"]
    parsed = email.message_from_bytes(received.data, policy=email.policy.default)
    assert parsed["Subject"] == "[PCTT] Cảnh báo khẩn: bão số 3"
    assert parsed.get_content().replace("\r\n", "\n").strip() == MESSAGE.long_text
    assert parsed["Message-ID"].strip("<>") == result.provider_id


@pytest.mark.parametrize(
    ("address", "permanent"), [("reject@example.vn", True), ("busy@example.vn", False)]
)
def test_it_follows_the_smtp_answer_for_a_recipient(fake_smtp, address, permanent):
    message = Message(recipient=address, text="x", idempotency_key="k")
    with pytest.raises(TransportError) as caught:
        transport(mode="smtp", host="127.0.0.1", port=fake_smtp.port, security="none").send(message)
    assert caught.value.permanent is permanent
    assert ("550" if permanent else "451") in str(caught.value)


def test_it_tries_again_later_when_the_server_is_down(closed_port):
    with pytest.raises(TransportError) as caught:
        transport(mode="smtp", host="127.0.0.1", port=closed_port, security="none").send(MESSAGE)
    assert not caught.value.permanent


def test_it_refuses_what_is_not_an_email_address(mailoutbox):
    with pytest.raises(TransportError) as caught:
        transport(mode="site").send(Message(recipient="0912345678", text="x"))
    assert caught.value.permanent
    assert mailoutbox == []


def test_it_needs_a_server_to_send_by_smtp():
    form = EmailTransport.config_form(data={"from_email": "a@example.vn", "mode": "smtp"})
    assert not form.is_valid()
    assert "host" in form.errors
    assert form.fields["password"].widget.input_type == "password"
