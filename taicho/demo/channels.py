"""The demo ward's channel: messages printed where `make run` runs, so issuing an alert or a
welfare check shows the whole chain (queue, worker, board) without any provider account."""

from taicho.channels.models import ChannelConfig
from taicho.channels.services import channel_config_create
from taicho.core.models import Ward

DEMO_CHANNEL = "Tin nhắn thử (in ra màn hình)"


def demo_channels_create(*, ward: Ward, actor) -> None:
    if ChannelConfig.objects.filter(ward=ward, name=DEMO_CHANNEL).exists():
        return  # kept across reloads: sent messages point at it
    channel_config_create(
        actor=actor,
        ward=ward,
        kind="console",
        name=DEMO_CHANNEL,
        config={"prefix": "taicho demo"},
        rate_per_second=100,
    )
