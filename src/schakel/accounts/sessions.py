"""The session engine: Django's database sessions, with the read every request makes compiled
once (`core.sql.compiled_once`).

Every signed-in request loads its session; through the ORM, `get(session_key=…,
expire_date__gt=now)` spent ~0.3 ms compiling for a primary-key read (issue #9). Here the
statement is compiled once and the expiry compared in Python, as the ORM's filter did: an
expired session is not loaded, and the request starts a new, empty one. Writing, cycling and
deleting sessions stay Django's."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone

from schakel.core.sql import compiled_once


def _with_key(session_key: str) -> QuerySet[Session]:
    return Session.objects.filter(session_key=session_key)


_sessions_with_key = compiled_once(_with_key, key=str)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        now = timezone.now()
        found = [s for s in _sessions_with_key(key) if s.expire_date > now] if key else []
        if not found:
            self._session_key = None
            return None
        return found[0]
