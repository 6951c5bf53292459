"""What the API shows of hazard zones, and what it accepts."""

import datetime as dt

from ninja import Schema

from taicho.core.api import InputSchema


class ZoneOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    geometry: dict
    description: str
    risk_notes: str
    last_reviewed_on: dt.date | None
    updated_at: dt.datetime
    household_count: int


class ZoneFilters(Schema):
    kind: str | None = None


class ZoneIn(InputSchema):
    code: str
    name: str
    kind: str
    geometry: dict
    description: str = ""
    risk_notes: str = ""
    last_reviewed_on: dt.date | None = None


class ZonePatch(InputSchema):
    code: str | None = None
    name: str | None = None
    kind: str | None = None
    geometry: dict | None = None
    description: str | None = None
    risk_notes: str | None = None
    last_reviewed_on: dt.date | None = None
