from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The synthetic demo ward (Phường Bạch Đằng): for trying taicho, training and benchmarks."""

    name = "taicho.demo"
    label = "demo"
    verbose_name = _("Demo ward")
