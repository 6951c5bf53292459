"""Domain events of the warnings app, so apps above it (events) can react without being
imported here. Each is sent inside the writing transaction, after the write, by the services;
no receiver lives in this app.
"""

from django.dispatch import Signal

# `bulletin`: a new bulletin was stored (typed in, or imported from CAP; not a duplicate).
bulletin_received = Signal()
# `bulletin`: its risk level was decided (proposed from its figures, or overridden).
bulletin_level_decided = Signal()
# `alert`, `old_status`, `new_status`: an alert was drafted ("" → draft), approved, issued,
# superseded, cancelled or discarded.
alert_status_changed = Signal()
