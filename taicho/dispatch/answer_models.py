"""What comes back: answers to messages, and welfare checks ("is your household safe?").

An answer belongs to the dispatch and, when it could be matched, to the message and its
household. A household's state in a dispatch is its latest "safe" or "needs help"; failing
those, "received" if it said or opened anything; otherwise no answer (taicho.dispatch.board).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taicho.community.models import Household
from taicho.core.models import WardOwned
from taicho.warnings.models import Targeted


class AnswerKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    SAFE = "safe", _("Safe")
    NEEDS_HELP = "needs_help", _("Needs help")
    # A reply that says none of the three: kept for an officer to read (it may be a call for
    # help in other words).
    OTHER = "other", _("Other reply")


# How an answer arrived when not through a channel: the personal link, or an officer noting
# what a door-to-door visit found. Channel answers record the channel's kind.
VIA_LINK = "link"
VIA_VISIT = "visit"


class Answer(WardOwned):
    dispatch = models.ForeignKey(
        "dispatch.Dispatch",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("dispatch"),
    )
    message = models.ForeignKey(
        "dispatch.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("message"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    channel = models.ForeignKey(
        "channels.ChannelConfig",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("channel"),
    )
    kind = models.CharField(_("answer"), max_length=12, choices=AnswerKind.choices)
    via = models.CharField(_("through"), max_length=30)
    text = models.TextField(_("note"), blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    at = models.DateTimeField(_("at"))
    # The provider's id of the reply: a webhook delivered twice records one answer.
    external_id = models.CharField(_("provider id"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    scope_topic = "warnings"
    scope_group_path = "household__group"

    class Meta:
        ordering = ["dispatch", "-at", "-id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["dispatch", "household", "at"], name="dispatch_answer_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="dispatch_answer_once_per_reply",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id} · {self.kind}"


class WelfareCheck(WardOwned, Targeted):
    """ "Is your household safe?" asked of the households of an area after (or during) a
    hazard. Its target is an alert's (Targeted): the same targeting and fan-out serve both.
    """

    question = models.CharField(_("question"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    scope_topic = "warnings"

    class Meta:
        ordering = ["ward", "-created_at", "-id"]
        verbose_name = _("welfare check")
        verbose_name_plural = _("welfare checks")

    def __str__(self) -> str:
        return self.question
