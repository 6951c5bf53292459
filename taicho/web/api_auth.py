"""Who is calling the API: a bearer token (scripts, other systems) or the browser's session."""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from taicho.core.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`, a key made by `taicho apitoken` (stored hashed)."""

    def authenticate(self, request, token: str):
        user = api_token_user(key=token.strip()) if token else None
        if user is not None:
            # The rest of Django (and our code) looks for the caller in request.user.
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """A logged-in browser. Unsafe methods need the CSRF token, as for any form post.

    Unlike ninja's own SessionAuth, a request with no logged-in session is simply not ours
    (401), rather than a CSRF failure (403), so a script with a wrong token learns the truth.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header."))
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = request.user
        return user if key and user.is_authenticated and user.is_active else None
