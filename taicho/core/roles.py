from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMAND_BOARD = "command_board", _("Command board member")
    PCTT_OFFICER = "pctt_officer", _("Disaster prevention officer")
    DUTY_OFFICER = "duty_officer", _("Duty officer")
    GROUP_LEADER = "group_leader", _("Residential group leader")
    SHOCK_FORCE = "shock_force", _("Shock force member")
    CITY_VIEWER = "city_viewer", _("City viewer")
