from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarningsConfig(AppConfig):
    """Bulletins in (CAP or typed), risk levels, the ward's alerts out (CAP)."""

    name = "taicho.warnings"
    label = "warnings"
    verbose_name = _("Warnings")
