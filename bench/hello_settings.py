"""The framework floor: bare Django (no apps of ours, no middleware) with one view,
on the same database settings as Kāhui."""

from kahui.settings import *  # noqa: F403

INSTALLED_APPS = ["django.contrib.contenttypes"]
AUTH_USER_MODEL = "auth.User"  # unused: the floor view touches no model
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
ROOT_URLCONF = "bench.hello_urls"
MIDDLEWARE: list[str] = []
