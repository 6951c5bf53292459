"""Domain events of the community app, so apps above it can react without being imported here."""

from django.dispatch import Signal

# Sent inside the writing transaction with `ward_id` and `household_ids` after households are
# created or their location changes.
households_moved = Signal()
