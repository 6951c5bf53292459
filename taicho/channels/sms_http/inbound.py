"""Replies to a brandname SMS number, as the gateway forwards them (its "MO" callback).

The gateway is given the address /hooks/<channel id>/ with the channel's reply secret, either
in the X-Taicho-Secret header or as ?secret=… when it can only call a plain URL.
"""

from taicho.channels.inbound import Inbound, InboundRequest, Receipt, require_secret, sms_fields


def read(config: dict, request: InboundRequest) -> list[Inbound | Receipt]:
    require_secret(
        config.get("inbound_secret") or "",
        request.header("X-Taicho-Secret") or request.query.get("secret", ""),
    )
    return sms_fields(request)
