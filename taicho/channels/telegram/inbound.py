"""Telegram's webhook updates: a message (text, caption or a shared location) from a chat.

Telegram sends the secret given to setWebhook(secret_token=…) in the
X-Telegram-Bot-Api-Secret-Token header of every update. Updates that are not messages
(edits of channel posts, member changes) carry no reply and are acknowledged empty.
"""

from taicho.channels.inbound import Inbound, InboundRequest, coordinate, require_secret


def read(config: dict, request: InboundRequest) -> list[Inbound]:
    require_secret(
        config.get("webhook_secret") or "", request.header("X-Telegram-Bot-Api-Secret-Token")
    )
    update = request.json()
    message = update.get("message") or update.get("edited_message")
    if not isinstance(message, dict):
        return []
    chat = message.get("chat") or {}
    if "id" not in chat:
        return []
    location = message.get("location") or {}
    return [
        Inbound(
            sender=str(chat["id"]),
            text=str(message.get("text") or message.get("caption") or "").strip(),
            lat=coordinate(location.get("latitude"), low=-90, high=90),
            lon=coordinate(location.get("longitude"), low=-180, high=180),
            # Message ids are counted per chat.
            external_id=f"{chat['id']}:{message['message_id']}" if "message_id" in message else "",
        )
    ]
