"""Database sessions that remember when their row expires (kuty.middleware.
IdleSessionMiddleware renews the idle timeout from it, at most once a minute)."""

from __future__ import annotations

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    loaded_expiry: datetime.datetime | None = None  # the row's expire_date, as read

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.loaded_expiry = row.expire_date if row is not None else None
        return row
