"""Routes of this app (built by the pages of the warnings issue)."""

urlpatterns: list = []
