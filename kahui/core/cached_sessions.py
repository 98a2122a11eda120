"""Sessions read from the shared cache first, kept durably in the database
(SESSION_ENGINE when KAHUI_CACHE_URL names a shared cache such as Redis).

Django's ``cached_db`` store, with the database read of :mod:`kahui.core.sessions`:
writes go to the database and the cache, a logout deletes both, so every server sees
it at once. Only for a cache all servers share: a per-process copy would keep serving
a session revoked on another server."""

from django.contrib.sessions.backends import cached_db

from kahui.core import sessions


class SessionStore(cached_db.SessionStore, sessions.SessionStore):
    pass
