"""Who may read and write what, as one table.

A *topic* groups models that share rights: "people" (households, residents: personal data),
"places" (hazard zones, shelters, residential groups), "warnings" (bulletins in, alerts out),
"checkin" (households arriving at and leaving shelters during an evacuation: shelter staff
are shock-force members, who see no other personal data).
A *reach* says how far a right goes inside the user's ward: the whole ward, or only the
residential groups the user leads.
"""

from enum import StrEnum

from taicho.core.roles import Role


class Reach(StrEnum):
    WARD = "ward"
    OWN_GROUPS = "own_groups"


# role -> topic -> (read reach, write reach); a missing entry means no right at all.
RIGHTS: dict[str, dict[str, tuple[Reach | None, Reach | None]]] = {
    Role.COMMAND_BOARD: {
        "people": (Reach.WARD, Reach.WARD),
        "places": (Reach.WARD, Reach.WARD),
        "warnings": (Reach.WARD, Reach.WARD),
        "checkin": (Reach.WARD, Reach.WARD),
    },
    Role.PCTT_OFFICER: {
        "people": (Reach.WARD, Reach.WARD),
        "places": (Reach.WARD, Reach.WARD),
        "warnings": (Reach.WARD, Reach.WARD),
        "checkin": (Reach.WARD, Reach.WARD),
    },
    # The duty officer types in bulletins and drafts alerts (approval is the command board's).
    Role.DUTY_OFFICER: {
        "people": (Reach.WARD, None),
        "places": (Reach.WARD, None),
        "warnings": (Reach.WARD, Reach.WARD),
        "checkin": (Reach.WARD, Reach.WARD),
    },
    Role.GROUP_LEADER: {
        "people": (Reach.OWN_GROUPS, Reach.OWN_GROUPS),
        "places": (Reach.WARD, None),
        "warnings": (Reach.WARD, None),
        "checkin": (Reach.OWN_GROUPS, Reach.OWN_GROUPS),
    },
    # Shock-force members staff the shelters: they check households in and out of any group.
    Role.SHOCK_FORCE: {
        "places": (Reach.WARD, None),
        "warnings": (Reach.WARD, None),
        "checkin": (Reach.WARD, Reach.WARD),
    },
    # City viewers read every ward of their province and write nothing.
    Role.CITY_VIEWER: {
        "people": (Reach.WARD, None),
        "places": (Reach.WARD, None),
        "warnings": (Reach.WARD, None),
        "checkin": (Reach.WARD, None),
    },
}

# Roles that may import files, export registries and see the audit log of their ward.
MANAGING_ROLES = {Role.COMMAND_BOARD, Role.PCTT_OFFICER}
