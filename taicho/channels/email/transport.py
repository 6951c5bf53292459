"""Email through Django's mail backends: the site's own mailer, or this channel's SMTP server.

SMTP answers decide: 5xx permanent, 4xx temporary (RFC 5321 §4.2.1); refused login or
sender is the channel's fault; a server that cannot be reached is temporary.
"""

import smtplib
from email.utils import make_msgid

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taicho.channels.base import Message, RecipientField, SendResult, Transport, TransportError
from taicho.channels.email.forms import EmailConfigForm

_SUBJECT_LENGTH = 78


def _smtp_error(code: int, text, *, channel_fault: bool = False) -> TransportError:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    message = _("The mail server answered %(code)s: %(text)s") % {"code": code, "text": text}
    return TransportError(message, permanent=500 <= code < 600, channel_fault=channel_fault)


class EmailTransport(Transport):
    kind = "email"
    label = gettext_lazy("Email")
    config_form = EmailConfigForm
    recipient_field = RecipientField.EMAIL
    max_text_length = None

    def _backend(self):
        if self.config.get("mode") != "smtp":
            return mail.mailers.default
        security = self.config.get("security") or "starttls"
        return SmtpBackend(
            alias="taicho-channel",
            host=self.config["host"],
            port=self.config.get("port"),
            username=self.config.get("username") or "",
            password=self.config.get("password") or "",
            use_tls=security == "starttls",
            use_ssl=security == "ssl",
            timeout=self.config.get("timeout") or 10.0,
        )

    def _subject(self, message: Message) -> str:
        subject = message.metadata.get("subject") or message.text.strip().splitlines()[0]
        if len(subject) > _SUBJECT_LENGTH:
            subject = subject[: _SUBJECT_LENGTH - 1].rstrip() + "…"
        return f"{self.config.get('subject_prefix') or ''}{subject}"

    def deliver(self, message: Message) -> SendResult:
        try:
            validate_email(message.recipient)
        except ValidationError:
            raise TransportError(
                _("“%(address)s” is not an email address.") % {"address": message.recipient},
                permanent=True,
            ) from None
        domain = self.config["from_email"].rpartition("@")[2]
        message_id = make_msgid(domain=domain)
        headers = {"Message-ID": message_id}
        if message.idempotency_key:
            headers["X-Taicho-Id"] = message.idempotency_key
        email = mail.EmailMessage(
            subject=self._subject(message),
            body=message.full_text,
            from_email=self.config["from_email"],
            to=[message.recipient],
            headers=headers,
        )
        try:
            sent = self._backend().send_messages([email])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _smtp_error(code, text) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise _smtp_error(exc.smtp_code, exc.smtp_error, channel_fault=True) from exc
        except smtplib.SMTPSenderRefused as exc:
            raise _smtp_error(exc.smtp_code, exc.smtp_error, channel_fault=True) from exc
        except smtplib.SMTPResponseException as exc:
            raise _smtp_error(exc.smtp_code, exc.smtp_error) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise TransportError(
                _("The mail server does not support what this channel asks: %(error)s")
                % {"error": exc},
                permanent=True,
                channel_fault=True,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TransportError(
                _("Cannot reach the mail server: %(error)s") % {"error": exc}
            ) from exc
        if not sent:
            raise TransportError(_("The mail server did not take the message."))
        return SendResult(provider_id=message_id.strip("<>"))
