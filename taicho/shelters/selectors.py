"""Reads of shelters for the pages: always scoped to what the user may see."""

from django.db.models import QuerySet

from taicho.core.models import Ward
from taicho.hazards.models import HazardKind
from taicho.shelters.models import Shelter


def hazard_kind_labels(shelter: Shelter) -> list[str]:
    """The names of the hazard kinds a shelter is safe for, in the user's language."""
    labels = dict(HazardKind.choices)
    return [str(labels.get(kind, kind)) for kind in shelter.hazard_kinds or []]


def shelter_rows(*, user, ward: Ward, hazard_kind: str = "") -> QuerySet[Shelter]:
    """The ward's shelters; only those usable in `hazard_kind` if one is given."""
    shelters = Shelter.objects.visible_to(user).filter(ward=ward).order_by("code")
    if hazard_kind:
        # JSON "contains" is not portable to SQLite; the ward's shelters are few.
        ids = [s.pk for s in shelters.only("pk", "hazard_kinds") if hazard_kind in s.hazard_kinds]
        shelters = shelters.filter(pk__in=ids)
    return shelters
