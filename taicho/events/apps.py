from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The disaster event: the spine that ties bulletins, alerts and later damage together."""

    name = "taicho.events"
    label = "events"
    verbose_name = _("Disaster events")

    def ready(self) -> None:
        from taicho.events import receivers

        receivers.connect()
