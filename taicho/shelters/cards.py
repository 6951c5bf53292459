"""Household cards: a printed card per household whose QR code opens the check-in page.

The QR code holds the ward's check-in address with the household's code, not an evacuation:
a card printed before the storm season still works in whichever evacuation is under way
(the page sends staff on to it). Staff scan it with the phone's own camera app.
"""

from urllib.parse import urlencode

import segno
from django.urls import reverse

from taicho.community.models import Household

# Medium error correction: a card in a wet pocket still scans.
QR_ERROR = "m"
QR_SCALE = 4


def checkin_path(*, household: Household, ward_code: int) -> str:
    """The check-in page with this household chosen (relative to the site)."""
    path = reverse("checkin_choose", args=[ward_code])
    return f"{path}?{urlencode({'h': household.code})}"


def qr_code(text: str) -> segno.QRCode:
    # micro=False: phone camera apps read only full-size QR codes.
    return segno.make(text, error=QR_ERROR, micro=False)


def qr_data_uri(text: str) -> str:
    """An SVG image of the QR code for `text`, as a data: URI for an <img> (CSP allows data:)."""
    return qr_code(text).svg_data_uri(scale=QR_SCALE, border=2)
