"""The API at /api/v1/: each app brings its router; assembled here, with one error format.

Errors are JSON: {"detail": "…"} for 401/403/404, and {"errors": {field: [messages]}} for
422, in the request's language (Vietnamese unless Accept-Language asks for English).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError
from ninja.renderers import JSONRenderer

from taicho.community.api import router as community_router
from taicho.core.api import router as core_router
from taicho.hazards.api import router as hazards_router
from taicho.shelters.api import router as shelters_router
from taicho.web.api_auth import SessionAuth, TokenAuth

DESCRIPTION = """
The registries of the wards you may read. Authenticate with `Authorization: Bearer <token>`
(create one with `taicho apitoken USERNAME`) or a logged-in session (send the CSRF token for
POST and PATCH). Every ward route is under `/wards/{ward_code}/`; a ward, or a row, that you
may not see answers 404; a change you may not make, 403. Refused input answers 422 with
`{"errors": {"field": ["message"]}}`, in Vietnamese unless `Accept-Language: en`. Lists are
paged: `?page=` (from 1) and `?page_size=` (at most the server's page size), answering
`count` + `items`, in a fixed order. Phone numbers of households you may not change are
masked. A user without a right to personal data (a shock force member) gets empty household
lists, not an error.
"""


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as UTF-8 rather than \\u escapes: fewer bytes on a slow phone link."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="taicho",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    renderer=Utf8JSONRenderer(),
    # ninja's Swagger page uses local files only when "ninja" is an installed app; otherwise
    # it would load them from a CDN, which our CSP (and house rules) forbid.
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)
for router in (core_router, community_router, hazards_router, shelters_router):
    api.add_router("", router)


# Why a request body or query was refused, by the first word of pydantic's error type.
_REQUEST_ERRORS = {
    "missing": gettext_lazy("This field is required."),
    "int": gettext_lazy("Enter a whole number."),
    "float": gettext_lazy("Enter a number."),
    "bool": gettext_lazy("Enter true or false."),
    "string": gettext_lazy("Enter text."),
    "list": gettext_lazy("Enter a list."),
    "dict": gettext_lazy("Enter an object."),
    "model": gettext_lazy("Enter an object."),
    "date": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "extra": gettext_lazy("Unknown field."),
    "greater": gettext_lazy("This value is too small."),
    "json": gettext_lazy("The request body is not valid JSON."),
}
_WHERE = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_of(loc) -> str:
    """("body", "payload", "phones", 0) → "phones.0"; ("query", "page") → "page"."""
    parts = list(loc)
    if parts and parts[0] in _WHERE:
        parts = parts[1:]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "__all__"


def _errors(request, errors: dict, status: int = 422):
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(DjangoValidationError)
def _invalid(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return _errors(request, exc.message_dict)
    return _errors(request, {"__all__": exc.messages})


@api.exception_handler(RequestValidationError)
def _invalid_request(request, exc: RequestValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        kind = str(error.get("type", "")).split("_")[0]
        message = _REQUEST_ERRORS.get(kind, gettext_lazy("This value is not valid."))
        errors.setdefault(_field_of(error.get("loc", ())), []).append(str(message))
    return _errors(request, errors)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    message = str(exc) or _("You may not do this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc: AuthenticationError):
    response = api.create_response(
        request,
        {"detail": _("Log in, or send the header “Authorization: Bearer <token>”.")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:
        # The only 400 ninja raises: a body that is not JSON (its message is English only).
        return _errors(request, {"__all__": [_("The request body is not valid JSON.")]}, 400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(IntegrityError)
def _conflict(request, exc: IntegrityError):
    # A safety net: the services validate first, and their transaction was rolled back.
    message = _("This conflicts with an existing record: is the code already used in this ward?")
    return _errors(request, {"__all__": [message]}, status=409)
