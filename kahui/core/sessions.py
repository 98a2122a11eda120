"""Sessions in the database, read with a query compiled once (SESSION_ENGINE).

Every signed-in request reads its session; Django's own store builds the same query
for it each time, which costs more than running it. This store runs the SQL compiled
once (:mod:`kahui.core.prepared`) and behaves otherwise as Django's ``db`` store: the
database is the one place a session lives, so a logout on one server is seen at once
by all. See :mod:`kahui.core.cached_sessions` for the store used with a shared cache."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from kahui.core.prepared import PreparedQuery

LIVE_SESSION = PreparedQuery(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).order_by(),
    lambda: [Session._meta.get_field("session_key"), Session._meta.get_field("expire_date")],
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        session = LIVE_SESSION.first(self.session_key, timezone.now())
        if session is None:
            self._session_key = None
        return session
