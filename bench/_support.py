"""What every benchmark needs: its own database (a temporary SQLite file unless DATABASE_URL
names one), Django set up on it, and the process's peak memory."""

import os
import resource
import shutil
import sys
import tempfile
from collections.abc import Callable


def peak_rss_mb() -> float:
    """The process's high-water mark of resident memory, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_on_database[T](run: Callable[[T], int], args: T) -> int:
    """Set Django up on DATABASE_URL, or on a temporary SQLite file deleted afterwards, then
    `run(args)` and return its exit status."""
    temporary_dir = None if os.environ.get("DATABASE_URL") else tempfile.mkdtemp(prefix="bench-")
    try:
        if temporary_dir:
            os.environ["DATABASE_URL"] = f"sqlite:///{temporary_dir}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taicho.settings")
        import django

        django.setup()
        return run(args)
    finally:
        if temporary_dir:
            shutil.rmtree(temporary_dir, ignore_errors=True)


def whole_ward_alert(*, ward, author, sms_text: str = "Bão số 3 sắp đổ bộ. Ở trong nhà."):
    """An issued storm alert to the whole ward, and one locmem channel that never waits for
    its rate: what the dissemination benchmarks send."""
    from taicho.channels.models import ChannelConfig
    from taicho.warnings.models import Alert, AlertStatus

    ChannelConfig.objects.create(ward=ward, kind="locmem", name="SMS", rate_per_second=1e9)
    return Alert.objects.create(
        ward=ward,
        hazard_type="storm",
        level=4,
        headline="Bench",
        sms_text=sms_text,
        long_text="Bão",
        spoken_script="Bão",
        response_type="shelter",
        author=author,
        status=AlertStatus.ISSUED,
        whole_ward=True,
    )
