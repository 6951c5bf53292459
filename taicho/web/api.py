"""The API at /api/v1/: each app brings its router; assembled here."""

from ninja import NinjaAPI

api = NinjaAPI(title="taicho", version="1", urls_namespace="api")
