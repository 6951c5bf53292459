from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from taicho.env import env_int, env_str


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from taicho.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve taicho with gunicorn (sync workers; measured ~4x uvicorn for this app)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=env_str("TAICHO_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=env_int("TAICHO_WEB_WORKERS", 2))

    def handle(self, *args, **options):
        _Gunicorn(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "worker_class": "sync",
                "timeout": 60,
                "accesslog": "-",
            }
        ).run()
