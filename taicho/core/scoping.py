"""The one mechanism that scopes every query to the wards a user may see."""

from django.db import models
from django.db.models import Q

from taicho.core.access import grants_for


class WardScopedQuerySet(models.QuerySet):
    def _scoped(self, user, *, write: bool):
        grants = grants_for(user, topic=self.model.scope_topic, write=write)
        if grants is None:
            return self
        condition = Q(pk__in=[])
        group_path = self.model.scope_group_path
        for grant in grants:
            if grant.group_ids is None or group_path is None:
                condition |= Q(ward_id=grant.ward_id)
            else:
                condition |= Q(ward_id=grant.ward_id, **{f"{group_path}__in": grant.group_ids})
        return self.filter(condition)

    def visible_to(self, user):
        """Rows `user` may read."""
        return self._scoped(user, write=False)

    def writable_by(self, user):
        """Rows `user` may change."""
        return self._scoped(user, write=True)
