"""Domain events of the hazards app, so apps above it can react without being imported here."""

from django.dispatch import Signal

# Sent inside the writing transaction with `zone` after a zone is created or its geometry
# changes, and with `ward_id` and `zone_id` after one is deleted.
zone_geometry_changed = Signal()
zone_deleted = Signal()
