"""The ward's road network: load (replacing the previous one), clear, and read it parsed.

Evacuations measure distances along these roads when the ward has loaded them, and in a
straight line otherwise. The file is kept as uploaded and parsed again when needed: a parse
is cached per process, keyed by (ward, upload time), so a new upload is picked up at once.
"""

import re
import threading

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from taicho.core import audit
from taicho.core.access import require_manage
from taicho.core.models import AuditEntry, Ward
from taicho.shelters import assignment
from taicho.shelters.assignment.roads import load_road_network
from taicho.shelters.road_models import RoadFormat, RoadNetwork

# The roads module's XML parser resolves no entity; a DTD is refused outright all the same,
# so no entity declaration (even an internal one) ever reaches it.
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FIELDS = ("file_name", "format", "nodes", "segments")

_parsed: dict[int, tuple] = {}  # ward id → (uploaded_at, assignment.RoadNetwork)
_parsed_lock = threading.Lock()


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _format_of(data: bytes) -> str:
    return RoadFormat.OSM if data.lstrip()[:1] == b"<" else RoadFormat.GEOJSON


def _parse(data: bytes) -> assignment.RoadNetwork:
    """The network in `data`, or ValidationError({"file": …}) saying what is wrong."""
    limit = settings.TAICHO_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise _refuse(
            _("The road file is too large: at most %(size)s.") % {"size": filesizeformat(limit)}
        )
    if not data.strip():
        raise _refuse(_("The road file is empty."))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(_("The road file must be text in UTF-8.")) from None
    if _format_of(data) == RoadFormat.OSM and _DTD.search(data):
        raise _refuse(_("The road file declares a DTD (<!DOCTYPE>): this is not accepted."))
    try:
        return load_road_network(data)
    except assignment.AssignmentError as error:
        raise _refuse(_("The road file cannot be used: %(reason)s") % {"reason": error}) from None
    except RecursionError:  # JSON nested deeper than any road file
        raise _refuse(_("The road file is not valid GeoJSON.")) from None


def _user(actor):
    """The user to record: None for the command line (an actor without a database row)."""
    return actor if getattr(actor, "pk", None) is not None else None


def _remember(ward_id: int, uploaded_at, network) -> None:
    with _parsed_lock:
        _parsed[ward_id] = (uploaded_at, network)


# --- services -------------------------------------------------------------------------------


@transaction.atomic
def road_network_load(*, actor, ward: Ward, data: bytes, file_name: str) -> RoadNetwork:
    """Check `data` (GeoJSON lines or OSM XML) and keep it as the ward's road network,
    replacing the previous one. Nothing is stored when the file is refused."""
    require_manage(actor, ward_id=ward.id)
    network = _parse(data)
    name = (file_name or "").strip()[:255] or _("roads")
    row = RoadNetwork.objects.select_for_update().filter(ward=ward).first()
    before = audit.snapshot(row, _FIELDS) if row else {}
    row = row or RoadNetwork(ward=ward)
    row.file_name, row.format = name, _format_of(data)
    row.content = data.decode("utf-8")
    row.nodes, row.segments = len(network.lat), len(network.start)
    row.uploaded_at = timezone.now()
    row.uploaded_by = _user(actor)
    row.save()
    audit.record(
        actor=_user(actor),
        ward_id=ward.id,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        instance=row,
        changes=audit.diff(before, audit.snapshot(row, _FIELDS)),
    )
    transaction.on_commit(lambda: _remember(ward.id, row.uploaded_at, network))
    return row


@transaction.atomic
def road_network_clear(*, actor, ward: Ward) -> bool:
    """Forget the ward's road network (distances go back to straight lines). False: none."""
    require_manage(actor, ward_id=ward.id)
    row = RoadNetwork.objects.select_for_update().filter(ward=ward).first()
    if row is None:
        return False
    audit.record(
        actor=_user(actor),
        ward_id=ward.id,
        action=AuditEntry.Action.DELETE,
        instance=row,
        changes=audit.diff(audit.snapshot(row, _FIELDS), {}),
    )
    row.delete()
    return True


# --- selectors ------------------------------------------------------------------------------


def road_network_status(*, ward: Ward) -> RoadNetwork | None:
    """The stored network's description (file, counts, when, who), without its content."""
    return (
        RoadNetwork.objects.filter(ward=ward).defer("content").select_related("uploaded_by").first()
    )


def ward_road_network(*, ward: Ward) -> assignment.RoadNetwork | None:
    """The ward's roads ready for the optimiser, or None when none is loaded."""
    uploaded_at = (
        RoadNetwork.objects.filter(ward=ward).values_list("uploaded_at", flat=True).first()
    )
    if uploaded_at is None:
        return None
    cached = _parsed.get(ward.id)
    if cached is not None and cached[0] == uploaded_at:
        return cached[1]
    content = RoadNetwork.objects.filter(ward=ward).values_list("content", flat=True).first()
    if content is None:  # cleared in between
        return None
    network = load_road_network(content.encode("utf-8"))
    _remember(ward.id, uploaded_at, network)
    return network
