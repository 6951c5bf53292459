"""What Zalo's ZNS error codes mean for a retry, as one table.

From Zalo's published ZNS error list ("Cách xử lý mã lỗi", zalo.cloud/zns/guidelines/
handle-error-code, and the developers.zalo.me ZNS reference). Outcomes:

- RECIPIENT: this recipient cannot get ZNS (bad number, no Zalo account, refused): permanent.
- MESSAGE: this message is malformed (template data, length): permanent.
- CHANNEL: the OA, app or template is not set up or not allowed: permanent for the message,
  and the channel is at fault (the worker may pause it until an officer fixes it).
- QUOTA: out of quota or over a daily limit: temporary, and the channel is at fault.
- TOKEN: the access token expired: refresh it and try once more.
- LATER: try again later.

A code missing from the table is taken as LATER: the retry layer bounds the attempts, and
an unknown answer should not lose an alert.
"""

from enum import StrEnum


class Outcome(StrEnum):
    RECIPIENT = "recipient"
    MESSAGE = "message"
    CHANNEL = "channel"
    QUOTA = "quota"
    TOKEN = "token"  # noqa: S105 (an outcome's name, not a secret)
    LATER = "later"


UNKNOWN = -100
ACCESS_TOKEN_INVALID = -124
NIGHT_TIME_RESTRICTED = -133

# code: (Zalo's name for it, what it means for us)
ZNS_ERRORS: dict[int, tuple[str, Outcome]] = {
    -100: ("Unknown error", Outcome.LATER),
    -101: ("Application invalid", Outcome.CHANNEL),
    -102: ("Application not existed", Outcome.CHANNEL),
    -103: ("Application not activated", Outcome.CHANNEL),
    -104: ("App secret key invalid", Outcome.CHANNEL),
    -105: ("Application not linked to any OA", Outcome.CHANNEL),
    -106: ("Method unsupported", Outcome.CHANNEL),
    -107: ("Message ID invalid", Outcome.MESSAGE),
    -108: ("Phone number invalid", Outcome.RECIPIENT),
    -109: ("Template ID invalid", Outcome.CHANNEL),
    -110: ("Zalo version unsupported", Outcome.RECIPIENT),
    -111: ("Template data empty", Outcome.MESSAGE),
    -112: ("Template data invalid", Outcome.MESSAGE),
    -113: ("Button invalid", Outcome.MESSAGE),
    -114: ("User inactive, refused the message or uses an old Zalo version", Outcome.RECIPIENT),
    -115: ("Out of quota", Outcome.QUOTA),
    -116: ("Text invalid", Outcome.MESSAGE),
    -117: ("OA or app has no permission for this template", Outcome.CHANNEL),
    -118: ("Zalo account not existed", Outcome.RECIPIENT),
    -119: ("Account cannot receive ZNS", Outcome.RECIPIENT),
    -120: ("OA has no permission for this feature", Outcome.CHANNEL),
    -121: ("Body data empty", Outcome.MESSAGE),
    -122: ("Body format invalid", Outcome.MESSAGE),
    -124: ("Access token invalid", Outcome.TOKEN),
    -125: ("OA ID invalid", Outcome.CHANNEL),
    -126: ("Phone not allowed in development mode", Outcome.RECIPIENT),
    -130: ("Content exceeds the maximum length", Outcome.MESSAGE),
    -131: ("Template not approved", Outcome.CHANNEL),
    -132: ("Parameter invalid", Outcome.MESSAGE),
    -133: ("This template may not be sent at night", Outcome.LATER),
    -135: ("OA has no permission to send ZNS", Outcome.CHANNEL),
    -138: ("App has no permission to send ZNS", Outcome.CHANNEL),
    -139: ("User refused ZNS of this kind", Outcome.RECIPIENT),
    -141: ("User refused messages from this OA", Outcome.RECIPIENT),
    -144: ("OA over its daily quota", Outcome.QUOTA),
    -145: ("OA may not send this template type", Outcome.CHANNEL),
    -146: ("Template disabled for low quality", Outcome.CHANNEL),
    -147: ("Template over its daily quota", Outcome.QUOTA),
}

# Outcome: (permanent, channel_fault)
OUTCOME_FLAGS: dict[Outcome, tuple[bool, bool]] = {
    Outcome.RECIPIENT: (True, False),
    Outcome.MESSAGE: (True, False),
    Outcome.CHANNEL: (True, True),
    Outcome.QUOTA: (False, True),
    Outcome.TOKEN: (False, True),
    Outcome.LATER: (False, False),
}


def describe(code: int) -> tuple[str, Outcome]:
    return ZNS_ERRORS.get(code, (f"Error {code}", Outcome.LATER))
