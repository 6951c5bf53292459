"""taicho settings: everything that differs between machines comes from the environment."""

import importlib.util
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from taicho.env import env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("TAICHO_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("TAICHO_DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "taicho.core",
    "taicho.geo",
    "taicho.channels",
    "taicho.hazards",
    "taicho.community",
    "taicho.shelters",
    "taicho.exposure",
    "taicho.warnings",
    "taicho.events",
    "taicho.dispatch",
    "taicho.demo",
    "taicho.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "taicho.urls"
WSGI_APPLICATION = "taicho.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taicho.web.context.ward_navigation",
            ],
        },
    }
]

_SQLITE_DEFAULT = f"sqlite:///{VAR_DIR / 'taicho.sqlite3'}"
_database_url = env_str("DATABASE_URL") or _SQLITE_DEFAULT
try:
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_int("TAICHO_CONN_MAX_AGE", 600, minimum=0)
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every web worker and needs no extra service on a ward laptop.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "taicho_cache",
    }
}
TAICHO_LOGIN_ATTEMPTS = env_int("TAICHO_LOGIN_ATTEMPTS", 10, minimum=1)
TAICHO_LOGIN_WINDOW_SECONDS = env_int("TAICHO_LOGIN_WINDOW_SECONDS", 900, minimum=1)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["taicho.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured(f"The package {name!r} is missing: run `make install`.")
    return Path(next(iter(spec.submodule_search_locations)))


# Leaflet and Leaflet.draw come with django-leaflet (used only for its files: its app needs
# GDAL), marker clustering with XStatic-Leaflet-MarkerCluster. No CDN, no npm.
STATICFILES_DIRS = [
    _package_dir("leaflet") / "static",
    ("markercluster", _package_dir("xstatic.pkg.leaflet_markercluster") / "data"),
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TAICHO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", *env_list("TAICHO_TILE_HOSTS", [])],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# The base map. Tiles need the internet; leave empty to draw the layers on a blank map.
# Where residents reach this site: their personal answer links and the loudspeakers' audio.
TAICHO_PUBLIC_URL = env_str("TAICHO_PUBLIC_URL", "http://127.0.0.1:8000")
TAICHO_TILE_URL = env_str("TAICHO_TILE_URL", "")
TAICHO_TILE_ATTRIBUTION = env_str("TAICHO_TILE_ATTRIBUTION", "© OpenStreetMap")
# The channel kinds a ward may configure (taicho.channels): one dotted path per kind.
TAICHO_CHANNEL_KINDS = env_list(
    "TAICHO_CHANNEL_KINDS",
    [
        "taicho.channels.console.transport.ConsoleTransport",
        "taicho.channels.locmem.transport.LocmemTransport",
        "taicho.channels.email.transport.EmailTransport",
        "taicho.channels.sms_http.transport.SmsHttpTransport",
        "taicho.channels.zalo_zns.transport.ZaloZnsTransport",
        "taicho.channels.telegram.transport.TelegramTransport",
        "taicho.channels.mqtt.transport.MqttTransport",
        "taicho.channels.webhook.transport.WebhookTransport",
        "taicho.channels.loudspeaker_audio.transport.LoudspeakerAudioTransport",
    ],
)
TAICHO_API_PAGE_SIZE = env_int("TAICHO_API_PAGE_SIZE", 100, minimum=1)
TAICHO_IMPORT_MAX_BYTES = env_int("TAICHO_IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = TAICHO_IMPORT_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = TAICHO_IMPORT_MAX_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TAICHO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
