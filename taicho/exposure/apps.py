from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExposureConfig(AppConfig):
    """Which households lie in which hazard zones: derived from both registries, kept current."""

    name = "taicho.exposure"
    label = "exposure"
    verbose_name = _("Exposure")

    def ready(self) -> None:
        from taicho.exposure import receivers  # noqa: F401
