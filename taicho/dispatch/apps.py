from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    """Fan-out of alerts into one message per recipient × channel, and the workers that send."""

    name = "taicho.dispatch"
    label = "dispatch"
    verbose_name = _("Dissemination")

    def ready(self) -> None:
        from taicho.dispatch import receivers

        receivers.connect()
