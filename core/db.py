"""The databases from the environment, and the router that sends reports to a replica.

`DATABASE_URL` is the primary: every write and every ordinary read. With
`DATABASE_REPLICA_URL` set (a streaming replica of the same database, as managed
PostgreSQL services offer), a `replica` alias is added, and the router sends to it

- every read of the `reports` app's own models (rollups), and
- every read made inside `replica_reads()` (today the coordinator's figures; the
  reports and the bench's heavy reads may use it too),

unless a transaction is open on the primary: a transaction sees its own writes, which
a replica would not have yet. Code that reads a row in order to change it does so in
a transaction or with select_for_update (a read for write), so it stays on the primary.

Writes never go to the replica: the access and disclosure logs, the session, the
history triggers' rows all land on the primary whatever was read where. Migrations run
on the primary only (a replica copies them). Without the variable no `replica` alias
exists and everything reads the primary, as before.

A replica lags the primary by a moment: only figures that tolerate that (aggregates,
reports) are read there, never a page that shows what the user just saved.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

REPLICA = "replica"
REPLICA_APPS = frozenset({"reports"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "kuty_replica_reads", default=False
)


def replica(environ: Mapping[str, str], primary: dict) -> dict:
    """`{"replica": …}` when DATABASE_REPLICA_URL is set, else `{}` (no alias at all).

    The replica connects like the primary (its OPTIONS, e.g. session settings), to the
    replica's address."""
    url = environ.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return {}
    found = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 60))
    if found["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be postgresql://… as well.")
    found["ATOMIC_REQUESTS"] = False
    found["OPTIONS"] = {**primary.get("OPTIONS", {}), **found.get("OPTIONS", {})}
    # Tests run against one database: the replica alias reads the primary's test
    # database (Django creates no second one).
    found["TEST"] = {"MIRROR": "default"}
    return {REPLICA: found}


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside go to the replica when there is one (evaluate querysets inside)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def read_alias() -> str:
    """Where a report's read goes now: `replica` when configured, else `default`."""
    from django.db import connections

    if REPLICA not in connections.settings:
        return "default"
    if connections["default"].in_atomic_block:
        return "default"
    return REPLICA


class ReplicaRouter:
    """DATABASE_ROUTERS entry: reports' reads to the replica, all writes to the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        if model._meta.app_label in REPLICA_APPS or _replica_reads.get():
            return read_alias()
        return None  # Django's default: the primary (or the instance's own database)

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica is the same data: objects read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == "default"
