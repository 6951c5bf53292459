"""The demo's logins: one user per role in the demo ward, all with the same password.

The people are made up. The shared password is printed on purpose: the demo is for trying
taicho on a laptop, never for real data.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from taicho.core.models import ResidentialGroup, Role, Ward
from taicho.core.services import membership_grant

# Printed with the logins on purpose: the demo is for trying taicho, never for real data.
DEMO_PASSWORD = "bachdang-demo"  # noqa: S105
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str  # a Role, or "" for the superuser
    title: Promise  # the job, as printed in the list of logins
    group_codes: tuple[str, ...] = ()

    @property
    def given_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1]

    @property
    def family_names(self) -> str:
        return self.full_name.rsplit(" ", 1)[0]


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "chutich",
        "Phạm Văn Thắng",
        Role.COMMAND_BOARD,
        _("Ward chairman, head of the command board"),
    ),
    DemoUser(
        "canbo",
        "Vũ Thị Hằng",
        Role.PCTT_OFFICER,
        _("Disaster prevention officer, standing member of the board"),
    ),
    DemoUser("trucban", "Đỗ Minh Tuấn", Role.DUTY_OFFICER, _("Duty officer on shift")),
    DemoUser(
        "totruong",
        "Lê Văn Bình",
        Role.GROUP_LEADER,
        _("Leader of residential groups 1 and 2"),
        group_codes=("1", "2"),
    ),
    DemoUser("xungkich", "Bùi Đức Long", Role.SHOCK_FORCE, _("Member of the ward's shock force")),
    DemoUser("thanhpho", "Hoàng Thu Trang", Role.CITY_VIEWER, _("City viewer (read only)")),
    DemoUser(ADMIN_USERNAME, "Quản trị hệ thống", "", _("System administrator (superuser)")),
)


def demo_users_ensure() -> dict[str, object]:
    """Create the demo users, or bring them back: active, and the shared password.

    Returns {username: user}. One password hash serves every user: hashing is slow on
    purpose, and they share the password anyway.
    """
    user_model = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)
    users = {}
    for spec in DEMO_USERS:
        user, _created = user_model.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = spec.given_name, spec.family_names
        user.password = password_hash
        user.is_active = True
        user.is_staff = user.is_superuser = not spec.role
        user.save()
        users[spec.username] = user
    return users


def demo_memberships_grant(
    *, users: dict[str, object], ward: Ward, groups: dict[str, ResidentialGroup]
) -> None:
    """Each demo user's role in the demo ward; the city viewer's over the ward's city."""
    for spec in DEMO_USERS:
        if not spec.role:
            continue
        city_wide = spec.role == Role.CITY_VIEWER
        membership_grant(
            user=users[spec.username],
            role=spec.role,
            ward=None if city_wide else ward,
            province=ward.province if city_wide else None,
            groups=[groups[code] for code in spec.group_codes],
        )


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, job, password) of the demo users whose password is still the demo one."""
    specs = {spec.username: spec for spec in DEMO_USERS}
    hashes = dict(
        get_user_model()
        .objects.filter(username__in=specs, is_active=True)
        .values_list("username", "password")
    )
    # The demo gives every user one hash, so checking each distinct hash once is enough.
    demo_hashes = {
        password_hash
        for password_hash in set(hashes.values())
        if check_password(DEMO_PASSWORD, password_hash)
    }
    return [
        (username, str(spec.title), DEMO_PASSWORD)
        for username, spec in specs.items()
        if hashes.get(username) in demo_hashes
    ]
