"""What the API shows of shelters, and what it accepts.

A shelter's contact phone is shown in full: it is the number to call in an emergency, not a
resident's personal data.
"""

import datetime as dt

from ninja import Schema

from taicho.core.api import InputSchema


class ShelterOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    address: str
    lat: float
    lon: float
    capacity: int
    facilities: str
    contact_name: str
    contact_phone: str
    hazard_kinds: list[str]
    updated_at: dt.datetime


class ShelterFilters(Schema):
    hazard_kind: str | None = None


class ShelterIn(InputSchema):
    code: str
    name: str
    kind: str
    address: str = ""
    lat: float
    lon: float
    capacity: int
    facilities: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    hazard_kinds: list[str] = []


class ShelterPatch(InputSchema):
    code: str | None = None
    name: str | None = None
    kind: str | None = None
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    capacity: int | None = None
    facilities: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    hazard_kinds: list[str] | None = None
