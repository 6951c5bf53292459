"""An event's timeline: what happened, when and by whom, gathered from every capability.

Each capability brings a *timeline source*: a function `source(*, user, event)` returning
TimelineEntry rows for that event, only of what `user` may see. The sources are listed as
dotted paths (the healthchecks / RapidPro way) and imported when first used:

- by default TIMELINE_SOURCES below;
- a deployment (or a later capability's settings change) may replace the list with
  `settings.TAICHO_TIMELINE_SOURCES`.

A later capability (evacuations, incident reports, damage…) adds its source by appending its
dotted path to TIMELINE_SOURCES here, in the same change that brings the source.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

# Entries at the same instant keep this order: what arrived (a bulletin) before the event
# it proposed.
TIMELINE_SOURCES = [
    "taicho.events.sources.warnings_entries",
    "taicho.events.sources.event_entries",
    "taicho.events.dispatch_sources.dispatch_entries",
]


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline. `actor`: who did it ("" for the system); `kind`: a short
    name of what happened ("bulletin", "level", "alert.issued"…), for styling and tests."""

    at: datetime
    actor: str
    kind: str
    text: str
    url: str = ""


Source = Callable[..., Iterable[TimelineEntry]]


def source_paths() -> tuple[str, ...]:
    return tuple(getattr(settings, "TAICHO_TIMELINE_SOURCES", TIMELINE_SOURCES))


@cache
def _load(paths: tuple[str, ...]) -> tuple[Source, ...]:
    return tuple(import_string(path) for path in paths)


def timeline_sources() -> tuple[Source, ...]:
    return _load(source_paths())


def timeline(*, user, event) -> list[TimelineEntry]:
    """Every source's entries for the event, oldest first. Entries at the same moment keep
    the order their source gave them (a bulletin before the level it brought)."""
    entries: list[TimelineEntry] = []
    for source in timeline_sources():
        entries.extend(source(user=user, event=event))
    return sorted(entries, key=lambda entry: entry.at)
